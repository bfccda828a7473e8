// Password hashing (argon2id, libsodium) and the default-password rule: an account without a
// hash still has its default password, which is its login id.
//
// New hashes are argon2id with t = 3 passes over m = 32 MiB (kOpsLimit, kMemLimit): above
// OWASP's argon2id minimum (m = 19 MiB, t = 2) and half the memory of libsodium's "interactive"
// 64 MiB, which hashes made before issue 11 still use until their next login rehashes them
// (needs_rehash). Every hash and verify runs under one small semaphore, so parallel logins
// cannot grow the daemon's memory by one argon2 buffer each. Every call does exactly one argon2
// computation, whatever the outcome (unknown account, default password, wrong password), so
// failures cannot be told apart by their time.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "core/result.h"

namespace md::auth {

// How many argon2 computations may run at once (each holds its m, at most 64 MiB for old
// hashes): one keeps the daemon under 128 MB whatever the login rate; further logins wait.
constexpr int kMaxConcurrentHashes = 1;
constexpr unsigned long long kOpsLimit = 3;
constexpr size_t kMemLimit = size_t{32} << 20;

Result<std::string> hash_password(const std::string& password);
// True when `password` opens an account with this hash (or, with no hash, equals the login id).
// Always costs one argon2 verification, even without a hash.
bool verify_password(const std::optional<std::string>& hash, const std::string& login_id,
                     const std::string& password);
// The same argon2 work as verify_password, for a login id that has no account.
void spend_verify_work(const std::string& password);
// True when the hash was made with other parameters than hash_password's (a login that opens
// it then stores a new one).
bool needs_rehash(const std::string& hash);

}  // namespace md::auth
