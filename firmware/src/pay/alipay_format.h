// The Alipay wire formats, without I/O: the RSA2 signing string, yuan ↔ fen, the raw text of a
// signed JSON member, application/x-www-form-urlencoded.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace md::pay {

using Params = std::map<std::string, std::string>;

// Which parameters a signature covers.
enum class SignScope {
  kRequest,       // all but sign and those with empty values
  kNotification,  // all but sign and sign_type
};
// The sorted "k=v&k=v" string the RSA2 signature covers (raw values, no encoding).
std::string alipay_sign_content(const Params& params, SignScope scope);

// 30000 → "300.00", 1 → "0.01" (integer arithmetic only).
std::string fen_to_yuan(int64_t fen);
// "300.00" → 30000, "300.1" → 30010, "0" → 0. nullopt for anything but a plain non-negative
// decimal with at most 2 places ("1,300.00", "-1", "1e3", "0.001", " 1", "1.", ".5" ...).
std::optional<int64_t> yuan_to_fen(std::string_view text);

// The exact text of the value of the top-level member `key` of a JSON object, as it appears in
// json_text (what Alipay signs). nullopt when json_text is not an object or has no such member.
std::optional<std::string_view> json_member_raw(std::string_view json_text, std::string_view key);

// application/x-www-form-urlencoded: encode (RFC 3986 unreserved kept) and decode ('+' is a
// space). Decoding fails on malformed %-escapes and on a repeated name.
std::string form_encode(const Params& params);
std::optional<Params> form_decode(std::string_view body);

}  // namespace md::pay
