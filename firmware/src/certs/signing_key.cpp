#include "certs/signing_key.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace md::certs {
namespace {

Error key_error(const std::string& path, const std::string& what) {
  return make_error(ErrorKind::kInternal, "signing_key", "certificate signing key " + path + ": " + what);
}

Result<std::string> read_small_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return key_error(path, std::strerror(errno));
  std::string data;
  char buf[256];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return key_error(path, std::strerror(errno));
    }
    if (n == 0) break;
    data.append(buf, static_cast<size_t>(n));
    if (data.size() > 4096) break;
  }
  ::close(fd);
  return data;
}

// Writes the new key next to its final name and renames it, so a crash never leaves half a key.
Status write_new_key(const std::string& path, const std::array<uint8_t, 64>& sk) {
  std::error_code ec;
  const std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
  const std::string tmp = path + ".new";
  ::unlink(tmp.c_str());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return key_error(tmp, std::strerror(errno));
  size_t off = 0;
  while (off < sk.size()) {
    ssize_t n = ::write(fd, sk.data() + off, sk.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      ::unlink(tmp.c_str());
      return key_error(tmp, std::strerror(errno));
    }
    off += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return key_error(tmp, std::strerror(errno));
  }
  // link() refuses to replace a key another process made meanwhile.
  if (::link(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return key_error(path, std::strerror(err));
  }
  ::unlink(tmp.c_str());
  return Status::success();
}

}  // namespace

Result<SigningKey> SigningKey::load_or_create(const std::string& path) {
  if (sodium_init() < 0) return key_error(path, "libsodium failed to initialise");
  SigningKey k;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) return key_error(path, std::strerror(errno));
    crypto_sign_keypair(k.pk_.data(), k.sk_.data());
    MD_TRY(write_new_key(path, k.sk_));
    return k;
  }
  auto data = read_small_file(path);
  if (!data.ok()) return data.error();
  if (data->size() != k.sk_.size())
    return key_error(path, "is " + std::to_string(data->size()) +
                               " bytes, not a 64-byte Ed25519 key; restore it from a backup "
                               "(a new key would make every issued certificate fail verification)");
  std::memcpy(k.sk_.data(), data->data(), k.sk_.size());
  // The seed must give the public key stored with it, or the file is damaged.
  std::array<uint8_t, 32> pk{};
  std::array<uint8_t, 64> sk{};
  crypto_sign_seed_keypair(pk.data(), sk.data(), k.sk_.data());
  if (sodium_memcmp(sk.data(), k.sk_.data(), sk.size()) != 0)
    return key_error(path, "is damaged (its public half does not match its seed); restore it from a backup");
  k.pk_ = pk;
  sodium_memzero(sk.data(), sk.size());
  return k;
}

SigningKey SigningKey::from_seed(const std::array<uint8_t, 32>& seed) {
  if (sodium_init() < 0) std::abort();  // libsodium cannot run here at all
  SigningKey k;
  crypto_sign_seed_keypair(k.pk_.data(), k.sk_.data(), seed.data());
  return k;
}

std::string SigningKey::sign(std::string_view message) const {
  std::array<uint8_t, crypto_sign_BYTES> sig{};
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), sk_.data());
  return base64url(std::string_view(reinterpret_cast<const char*>(sig.data()), sig.size()));
}

bool SigningKey::verify(std::string_view message, std::string_view signature_b64url) const {
  auto sig = from_base64url(signature_b64url);
  if (!sig.ok() || sig->size() != crypto_sign_BYTES) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig->data()),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), pk_.data()) == 0;
}

std::string SigningKey::public_key_hex() const {
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, pk_.data(), pk_.size());
  return hex;
}

std::string SigningKey::public_key_pem() const {
  // DER SubjectPublicKeyInfo for Ed25519 is this 12-byte prefix and the 32-byte key.
  static const uint8_t kPrefix[] = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
  std::string der(reinterpret_cast<const char*>(kPrefix), sizeof kPrefix);
  der.append(reinterpret_cast<const char*>(pk_.data()), pk_.size());
  std::string b64(sodium_base64_ENCODED_LEN(der.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(der.data()), der.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  b64.resize(std::strlen(b64.c_str()));
  return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
}

std::string base64url(std::string_view bytes) {
  if (sodium_init() < 0) std::abort();  // libsodium cannot run here at all
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

Result<std::string> from_base64url(std::string_view text) {
  if (sodium_init() < 0) std::abort();  // libsodium cannot run here at all
  std::string out(text.size(), '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &len, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size())
    return make_error(ErrorKind::kInvalidArgument, "bad_base64url", "not base64url");
  out.resize(len);
  return out;
}

}  // namespace md::certs
