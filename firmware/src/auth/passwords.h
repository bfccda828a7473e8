// Password hashing (argon2id, libsodium) and the default-password rule: an account without a
// hash still has its default password, which is its login id.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"

namespace md::auth {

Result<std::string> hash_password(const std::string& password);
// True when `password` opens an account with this hash (or, with no hash, equals the login id).
bool verify_password(const std::optional<std::string>& hash, const std::string& login_id,
                     const std::string& password);

}  // namespace md::auth
