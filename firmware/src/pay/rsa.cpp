#include "pay/rsa.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <fstream>
#include <sstream>

namespace md::pay {
namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>>;

void openssl_free(char* p) {
  OPENSSL_free(p);
}

// OpenSSL's queued errors as one line (and the queue emptied, so they do not leak into the next
// operation's diagnostics).
std::string openssl_errors() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? "no OpenSSL detail" : out;
}

Error crypto_error(const std::string& what) {
  return make_error(ErrorKind::kInternal, "crypto", what + ": " + openssl_errors());
}

BioPtr memory_bio(std::string_view text) {
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

// Both gateways use RSA 2048; a smaller or non-RSA key is a configuration mistake.
Status check_rsa(EVP_PKEY* pkey) {
  if (!EVP_PKEY_is_a(pkey, "RSA")) {
    return make_error(ErrorKind::kInvalidArgument, "key_type", "the key is not an RSA key");
  }
  if (EVP_PKEY_get_bits(pkey) < 2048) {
    return make_error(ErrorKind::kInvalidArgument, "key_size",
                      "the RSA key is shorter than 2048 bits");
  }
  return Status::success();
}

// Without a callback OpenSSL asks for the passphrase of an encrypted key on the terminal; the
// daemon has none, so an encrypted key simply fails to load.
int no_passphrase(char*, int, int, void*) {
  return 0;
}

bool is_base64_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

}  // namespace

RsaKey::RsaKey(EVP_PKEY* pkey) : pkey_(pkey, EVP_PKEY_free) {}

Result<RsaKey> RsaKey::private_from_pem(std::string_view pem) {
  BioPtr bio = memory_bio(pem);
  EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr);
  if (!pkey) return crypto_error("not a PEM private key");
  RsaKey key(pkey);
  MD_TRY(check_rsa(pkey));
  return key;
}

Result<RsaKey> RsaKey::public_from_pem(std::string_view pem) {
  EVP_PKEY* pkey = nullptr;
  if (pem.find("-----BEGIN") != std::string_view::npos) {
    BioPtr bio = memory_bio(pem);
    pkey = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  } else {
    std::string b64;
    for (char c : pem) {
      if (c != '\n' && c != '\r' && c != ' ' && c != '\t') b64.push_back(c);
    }
    auto der = base64_decode(b64);
    if (der) {
      const auto* p = reinterpret_cast<const unsigned char*>(der->data());
      pkey = d2i_PUBKEY(nullptr, &p, static_cast<long>(der->size()));
    }
  }
  if (!pkey) return crypto_error("not a PEM or base64 DER public key");
  RsaKey key(pkey);
  MD_TRY(check_rsa(pkey));
  return key;
}

Result<Certificate> certificate_from_pem(std::string_view pem) {
  BioPtr bio = memory_bio(pem);
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) return crypto_error("not a PEM certificate");
  BnPtr serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert.get()), nullptr));
  if (!serial) return crypto_error("certificate serial");
  std::unique_ptr<char, Deleter<char, openssl_free>> hex(BN_bn2hex(serial.get()));
  if (!hex) return crypto_error("certificate serial");
  EVP_PKEY* pkey = X509_get_pubkey(cert.get());  // a new reference, owned by the RsaKey below
  if (!pkey) return crypto_error("certificate public key");
  Certificate out;
  out.public_key = RsaKey(pkey);
  MD_TRY(check_rsa(pkey));
  out.serial_hex = hex.get();
  return out;
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error(ErrorKind::kUnavailable, "file_unreadable", "cannot read " + path);
  }
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad())
    return make_error(ErrorKind::kUnavailable, "file_unreadable", "cannot read " + path);
  return s.str();
}

Result<std::string> sign_sha256_rsa(const RsaKey& private_key, std::string_view message) {
  if (private_key.empty()) return make_error(ErrorKind::kInternal, "crypto", "no private key");
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx ||
      EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, private_key.get()) != 1) {
    return crypto_error("sign init");
  }
  const auto* msg = reinterpret_cast<const unsigned char*>(message.data());
  size_t len = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &len, msg, message.size()) != 1) {
    return crypto_error("sign");
  }
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, msg,
                     message.size()) != 1) {
    return crypto_error("sign");
  }
  sig.resize(len);
  return base64_encode(sig);
}

bool verify_sha256_rsa(const RsaKey& public_key, std::string_view message,
                       std::string_view signature_b64) {
  if (public_key.empty()) return false;
  auto sig = base64_decode(signature_b64);
  if (!sig || sig->empty()) return false;
  MdCtxPtr ctx(EVP_MD_CTX_new());
  bool ok =
      ctx &&
      EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, public_key.get()) == 1 &&
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig->data()), sig->size(),
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  ERR_clear_error();  // a bad signature is an answer, not an error to report later
  return ok;
}

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(n < 0 ? 0 : static_cast<size_t>(n));
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  // EVP_DecodeBlock skips surrounding whitespace and counts padding as zero bytes, so the shape
  // is checked here and the padding subtracted.
  if (text.size() % 4 != 0) return std::nullopt;
  size_t pad = 0;
  while (pad < 2 && pad < text.size() && text[text.size() - 1 - pad] == '=') ++pad;
  for (size_t i = 0; i < text.size() - pad; ++i) {
    if (!is_base64_char(text[i])) return std::nullopt;
  }
  if (text.empty()) return std::string();
  std::string out(text.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0 || static_cast<size_t>(n) < pad) return std::nullopt;
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

Result<std::string> aes256gcm_decrypt(std::string_view key, std::string_view iv,
                                      std::string_view aad, std::string_view ciphertext_and_tag) {
  constexpr size_t kTag = 16;
  if (key.size() != 32) {
    return make_error(ErrorKind::kInternal, "crypto", "AES-256-GCM key is not 32 bytes");
  }
  if (iv.empty() || ciphertext_and_tag.size() < kTag) {
    return make_error(ErrorKind::kInvalidArgument, "crypto", "AES-256-GCM input too short");
  }
  const size_t n = ciphertext_and_tag.size() - kTag;
  auto u = [](std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); };
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  std::string plain(n + kTag, '\0');
  auto* out = reinterpret_cast<unsigned char*>(plain.data());
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(iv.size()),
                          nullptr) != 1 ||
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, u(key), u(iv)) != 1 ||
      (!aad.empty() &&
       EVP_DecryptUpdate(ctx.get(), nullptr, &len, u(aad), static_cast<int>(aad.size())) != 1) ||
      EVP_DecryptUpdate(ctx.get(), out, &len, u(ciphertext_and_tag), static_cast<int>(n)) != 1) {
    return crypto_error("AES-256-GCM decrypt");
  }
  size_t total = static_cast<size_t>(len);
  std::string tag(ciphertext_and_tag.substr(n));
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTag, tag.data()) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), out + total, &len) != 1) {
    ERR_clear_error();
    return make_error(ErrorKind::kInvalidArgument, "decrypt_failed",
                      "AES-256-GCM tag mismatch (tampered resource or wrong APIv3 key)");
  }
  plain.resize(total + static_cast<size_t>(len));
  return plain;
}

Result<std::string> random_hex(size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1) {
    return crypto_error("random bytes");
  }
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes * 2);
  for (unsigned char c : raw) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0x0F]);
  }
  return out;
}

}  // namespace md::pay
