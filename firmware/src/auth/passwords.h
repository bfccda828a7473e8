// Password hashing (argon2id, libsodium) and the default-password rule: an account without a
// hash still has its default password, which is its login id.
//
// Every hash and verify runs under one small semaphore: argon2id at the interactive limits
// takes 64 MiB while it runs, so parallel logins would otherwise grow the daemon's memory by
// that much each. Every call does exactly one argon2 computation at those limits, whatever the
// outcome (unknown account, default password, wrong password), so failures cannot be told
// apart by their time.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"

namespace md::auth {

// How many argon2 computations may run at once (each holds 64 MiB): one keeps the daemon well
// under 128 MB whatever the login rate; further logins wait their turn.
constexpr int kMaxConcurrentHashes = 1;

Result<std::string> hash_password(const std::string& password);
// True when `password` opens an account with this hash (or, with no hash, equals the login id).
// Always costs one argon2 verification, even without a hash.
bool verify_password(const std::optional<std::string>& hash, const std::string& login_id,
                     const std::string& password);
// The same argon2 work as verify_password, for a login id that has no account.
void spend_verify_work(const std::string& password);

}  // namespace md::auth
