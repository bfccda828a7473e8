// The cryptography both gateways need, on OpenSSL 3's EVP interface: RSA keys and X.509
// certificates from PEM, SHA256withRSA (PKCS#1 v1.5) signatures in base64, AES-256-GCM
// decryption (WeChat notification resources) and random nonces. Nothing here is hand-rolled.
//
// Key objects are immutable after loading and may be used from several threads at once (each
// operation makes its own EVP context).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace md::pay {

struct Certificate;

// An RSA private or public key (shared, immutable).
class RsaKey {
 public:
  RsaKey() = default;
  bool empty() const { return !pkey_; }
  EVP_PKEY* get() const { return pkey_.get(); }

  // A PKCS#8 / traditional "BEGIN PRIVATE KEY" / "BEGIN RSA PRIVATE KEY" PEM.
  static Result<RsaKey> private_from_pem(std::string_view pem);
  // A "BEGIN PUBLIC KEY" PEM, or the bare base64 of the DER SubjectPublicKeyInfo (the form the
  // Alipay console shows and publishes).
  static Result<RsaKey> public_from_pem(std::string_view pem);

 private:
  friend Result<Certificate> certificate_from_pem(std::string_view pem);
  explicit RsaKey(EVP_PKEY* pkey);  // takes ownership
  std::shared_ptr<EVP_PKEY> pkey_;
};

// An X.509 certificate's public key and serial number (upper-case hex, no leading "0x", as
// WeChat Pay writes it in Wechatpay-Serial).
struct Certificate {
  RsaKey public_key;
  std::string serial_hex;
};
Result<Certificate> certificate_from_pem(std::string_view pem);

// The whole file; an kUnavailable error naming the path when it cannot be read.
Result<std::string> read_file(const std::string& path);

// SHA256withRSA, PKCS#1 v1.5: the signature of message, base64 encoded.
Result<std::string> sign_sha256_rsa(const RsaKey& private_key, std::string_view message);
// True when signature_b64 is a valid SHA256withRSA signature of message under public_key.
// Malformed base64 is simply false.
bool verify_sha256_rsa(const RsaKey& public_key, std::string_view message,
                       std::string_view signature_b64);

// Standard base64 with padding, no line breaks.
std::string base64_encode(std::string_view bytes);
// nullopt unless the text is well-formed padded base64 (no whitespace inside).
std::optional<std::string> base64_decode(std::string_view text);

// AES-256-GCM: key 32 bytes, any IV length (WeChat: 12), ciphertext with the 16-byte tag at its
// end. An error when the tag does not match (tampered or wrong key).
Result<std::string> aes256gcm_decrypt(std::string_view key, std::string_view iv,
                                      std::string_view aad, std::string_view ciphertext_and_tag);

// `bytes` random bytes from OpenSSL's CSPRNG as upper-case hex (2 * bytes characters).
Result<std::string> random_hex(size_t bytes);

}  // namespace md::pay
