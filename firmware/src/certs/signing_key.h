// The appliance's Ed25519 key pair (libsodium) that signs certificate payloads. Made on first
// start and kept in one file (64 bytes: libsodium's secret key, seed then public key, mode 0600);
// a file that is there but not a valid key stops the daemon rather than being replaced, since a
// new key would make every certificate already printed fail verification.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace md::certs {

class SigningKey {
 public:
  // Loads the key at `path`, or creates it (and its folder) when the file does not exist.
  static Result<SigningKey> load_or_create(const std::string& path);
  // A key from a 32-byte seed (tests, benchmarks).
  static SigningKey from_seed(const std::array<uint8_t, 32>& seed);

  // Detached signature over `message`, base64url without padding (86 characters).
  std::string sign(std::string_view message) const;
  bool verify(std::string_view message, std::string_view signature_b64url) const;

  std::string public_key_hex() const;
  // SubjectPublicKeyInfo (RFC 8410) as PEM, what `openssl pkeyutl -verify -pubin` reads.
  std::string public_key_pem() const;
  const std::array<uint8_t, 32>& public_key() const { return pk_; }

 private:
  SigningKey() = default;
  std::array<uint8_t, 32> pk_{};
  std::array<uint8_t, 64> sk_{};
};

// base64url without padding, both ways; decode fails on any other alphabet or padding.
std::string base64url(std::string_view bytes);
Result<std::string> from_base64url(std::string_view text);

}  // namespace md::certs
