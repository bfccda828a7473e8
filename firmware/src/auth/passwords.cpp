#include "auth/passwords.h"

#include <sodium.h>

namespace md::auth {

Result<std::string> hash_password(const std::string& password) {
  if (sodium_init() < 0)
    return make_error(ErrorKind::kInternal, "sodium_init", "libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return make_error(ErrorKind::kInternal, "hash_failed", "out of memory while hashing");
  return std::string(out);
}

bool verify_password(const std::optional<std::string>& hash, const std::string& login_id,
                     const std::string& password) {
  if (!hash) {
    return password.size() == login_id.size() && !password.empty() &&
           sodium_memcmp(password.data(), login_id.data(), password.size()) == 0;
  }
  return crypto_pwhash_str_verify(hash->c_str(), password.data(), password.size()) == 0;
}

}  // namespace md::auth
