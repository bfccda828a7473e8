// Alibaba Cloud RPC (v1) request signing, as used by the SMS SendSms API:
//   StringToSign = METHOD & "%2F" & percent_encode(canonical query)
//   Signature    = base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))
// The canonical query is the parameters (without Signature) sorted by name, each name and value
// percent-encoded, joined as k=v&k=v.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace md::notify {

// RFC 3986: A-Z a-z 0-9 - _ . ~ kept; every other byte (UTF-8 included) becomes %XX, upper-case.
std::string percent_encode(std::string_view s);

// The sorted, encoded k=v&… string (Signature, if present, is left out).
std::string aliyun_canonical_query(const std::map<std::string, std::string>& params);

std::string aliyun_string_to_sign(std::string_view method,
                                  const std::map<std::string, std::string>& params);

// base64(HMAC-SHA1(secret + "&", string_to_sign)).
std::string aliyun_signature(std::string_view secret, std::string_view string_to_sign);

// The query string to send: the canonical query with "&Signature=…" (encoded) appended.
std::string aliyun_signed_query(std::string_view method,
                                const std::map<std::string, std::string>& params,
                                std::string_view secret);

}  // namespace md::notify
