#include "auth/passwords.h"

#include <sodium.h>

#include <mutex>
#include <semaphore>

namespace md::auth {
namespace {

std::counting_semaphore<kMaxConcurrentHashes>& hash_slots() {
  static std::counting_semaphore<kMaxConcurrentHashes> slots(kMaxConcurrentHashes);
  return slots;
}

// Holds one hashing slot for its lifetime.
class HashSlot {
 public:
  HashSlot() { hash_slots().acquire(); }
  ~HashSlot() { hash_slots().release(); }
  HashSlot(const HashSlot&) = delete;
  HashSlot& operator=(const HashSlot&) = delete;
};

int raw_hash(char (&out)[crypto_pwhash_STRBYTES], const std::string& password) {
  HashSlot slot;
  return crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                               crypto_pwhash_ALG_ARGON2ID13);
}

bool raw_verify(const std::string& hash, const std::string& password) {
  HashSlot slot;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

// A hash with the parameters hash_password uses, of a random password nobody knows: verifying
// against it costs what a real verification costs and never succeeds.
const std::string& decoy_hash() {
  static std::once_flag once;
  static std::string decoy;
  std::call_once(once, [] {
    if (sodium_init() < 0) return;
    unsigned char secret[32];
    randombytes_buf(secret, sizeof secret);
    char out[crypto_pwhash_STRBYTES];
    if (raw_hash(out, std::string(reinterpret_cast<char*>(secret), sizeof secret)) == 0)
      decoy = out;
  });
  return decoy;
}

}  // namespace

Result<std::string> hash_password(const std::string& password) {
  if (sodium_init() < 0)
    return make_error(ErrorKind::kInternal, "sodium_init", "libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (raw_hash(out, password) != 0)
    return make_error(ErrorKind::kInternal, "hash_failed", "out of memory while hashing");
  return std::string(out);
}

void spend_verify_work(const std::string& password) {
  const std::string& decoy = decoy_hash();
  if (!decoy.empty()) raw_verify(decoy, password);
}

bool verify_password(const std::optional<std::string>& hash, const std::string& login_id,
                     const std::string& password) {
  if (!hash) {
    spend_verify_work(password);
    return password.size() == login_id.size() && !password.empty() &&
           sodium_memcmp(password.data(), login_id.data(), password.size()) == 0;
  }
  return raw_verify(*hash, password);
}

bool needs_rehash(const std::string& hash) {
  return crypto_pwhash_str_needs_rehash(hash.c_str(), kOpsLimit, kMemLimit) != 0;
}

}  // namespace md::auth
