// The password rule for member and staff accounts (SPEC §2). The default password is the public
// login id, so a new password must at least differ from it and not be trivially short.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace md::domain {

inline constexpr size_t kPasswordMinLength = 8;  // code points
inline constexpr size_t kPasswordMaxLength =
    64;  // code points; argon2id cost does not depend on it

// nullopt when `password` is acceptable for the account `login_id`; otherwise the zh-CN reason:
// 8–64 characters, at least one ASCII letter and one digit, not the login id (ignoring case),
// no control characters, valid UTF-8.
std::optional<std::string> password_problem(std::string_view password, std::string_view login_id);

}  // namespace md::domain
