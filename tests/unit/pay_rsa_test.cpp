// The crypto under both gateways, checked against independent implementations: the openssl
// command line tool for RSA signatures, node:crypto (a committed vector) for AES-256-GCM.
#include <doctest/doctest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "pay/rsa.h"
#include "pay_test_support.h"

using namespace md::pay;
using pay_test::fixture;
using pay_test::read_fixture;

namespace {

// A fresh folder under /tmp, removed at the end of the test.
struct TempDir {
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "memberdesk-pay-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
  std::filesystem::path path;
};

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  REQUIRE(out.good());
}

int run(const std::string& cmd) {
  return std::system((cmd + " >/dev/null 2>&1").c_str());
}

const char* kMessage =
    "POST\n/v3/pay/transactions/native\n1764748800\n593BEC0C930BF1AFEB40B4A08C8FB242\n"
    "{\"appid\":\"wx8a5f0c1d2e3b4a59\",\"description\":\"中华全国专利代理师协会2026年度会费\"}\n";

}  // namespace

TEST_CASE("pay rsa certificate serials are upper-case hex as WeChat Pay writes them") {
  auto platform = certificate_from_pem(read_fixture("wechat/platform_cert.pem"));
  REQUIRE(platform.ok());
  CHECK(platform->serial_hex == "5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
  CHECK_FALSE(platform->public_key.empty());
  auto merchant = certificate_from_pem(read_fixture("wechat/merchant_cert.pem"));
  REQUIRE(merchant.ok());
  CHECK(merchant->serial_hex == "3775B6A45ACD588826D15E583A95F5DD2C6F5D0D");
  CHECK_FALSE(certificate_from_pem(read_fixture("wechat/platform_public.pem")).ok());
}

TEST_CASE("pay rsa key loading refuses the wrong kind of PEM") {
  CHECK(RsaKey::private_from_pem(read_fixture("wechat/merchant_key.pem")).ok());
  CHECK_FALSE(RsaKey::private_from_pem(read_fixture("wechat/merchant_public.pem")).ok());
  CHECK(RsaKey::public_from_pem(read_fixture("wechat/merchant_public.pem")).ok());
  CHECK_FALSE(RsaKey::public_from_pem("not a key").ok());
  CHECK_FALSE(read_file(fixture("wechat/no-such-file.pem")).ok());
}

TEST_CASE("pay rsa encrypted and short private keys are refused without prompting") {
  TempDir dir;
  REQUIRE(run("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -aes256 -pass "
              "pass:secret -out " +
              dir.file("enc.pem")) == 0);
  auto enc = read_file(dir.file("enc.pem"));
  REQUIRE(enc.ok());
  CHECK_FALSE(RsaKey::private_from_pem(*enc).ok());  // no terminal prompt: just an error
  REQUIRE(run("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out " +
              dir.file("short.pem")) == 0);
  auto short_key = RsaKey::private_from_pem(*read_file(dir.file("short.pem")));
  REQUIRE_FALSE(short_key.ok());
  CHECK(short_key.error().code == "key_size");
}

TEST_CASE("pay rsa a public key given as bare base64 DER loads") {
  // The form the Alipay console shows (and the published notification vector uses).
  const auto v = nlohmann::json::parse(read_fixture("alipay-notify-vector.json"));
  auto key = RsaKey::public_from_pem(v["alipay_public_key_base64"].get<std::string>());
  CHECK(key.ok());
}

TEST_CASE("pay rsa our SHA256withRSA signature verifies with the openssl tool") {
  TempDir dir;
  auto sig = sign_sha256_rsa(pay_test::private_key("wechat/merchant_key.pem"), kMessage);
  REQUIRE(sig.ok());
  auto raw = base64_decode(*sig);
  REQUIRE(raw);
  CHECK(raw->size() == 256);  // RSA 2048
  write_file(dir.file("msg"), kMessage);
  write_file(dir.file("sig.bin"), *raw);
  const std::string verify = "openssl dgst -sha256 -verify " +
                             fixture("wechat/merchant_public.pem") + " -signature " +
                             dir.file("sig.bin") + " ";
  CHECK(run(verify + dir.file("msg")) == 0);
  write_file(dir.file("msg2"), std::string(kMessage) + " ");
  CHECK(run(verify + dir.file("msg2")) != 0);  // the tool does say no
  // PKCS#1 v1.5 is deterministic: the same key and message sign the same.
  CHECK(*sign_sha256_rsa(pay_test::private_key("wechat/merchant_key.pem"), kMessage) == *sig);
}

TEST_CASE("pay rsa a signature made by the openssl tool verifies with our code") {
  TempDir dir;
  write_file(dir.file("msg"), kMessage);
  REQUIRE(run("openssl dgst -sha256 -sign " + fixture("wechat/platform_key.pem") + " -out " +
              dir.file("sig.bin") + " " + dir.file("msg")) == 0);
  auto raw = read_file(dir.file("sig.bin"));
  REQUIRE(raw.ok());
  const std::string sig = base64_encode(*raw);
  const RsaKey platform = pay_test::public_key("wechat/platform_public.pem");
  CHECK(verify_sha256_rsa(platform, kMessage, sig));
  CHECK_FALSE(verify_sha256_rsa(platform, std::string(kMessage) + "x", sig));
  CHECK_FALSE(verify_sha256_rsa(pay_test::public_key("wechat/merchant_public.pem"), kMessage, sig));
  CHECK_FALSE(verify_sha256_rsa(platform, kMessage, "not base64!"));
  CHECK_FALSE(verify_sha256_rsa(platform, kMessage, ""));
  // The certificate's key is the same key.
  auto cert = certificate_from_pem(read_fixture("wechat/platform_cert.pem"));
  REQUIRE(cert.ok());
  CHECK(verify_sha256_rsa(cert->public_key, kMessage, sig));
}

TEST_CASE("pay rsa base64 round trip and malformed input") {
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
  CHECK(base64_decode("Zg==") == std::optional<std::string>("f"));
  CHECK(base64_decode("Zm8=") == std::optional<std::string>("fo"));
  CHECK(base64_decode("Zm9v") == std::optional<std::string>("foo"));
  CHECK(base64_decode("") == std::optional<std::string>(""));
  const std::string binary("\x00\xff\x10\x80", 4);
  CHECK(base64_decode(base64_encode(binary)) == std::optional<std::string>(binary));
  CHECK_FALSE(base64_decode("Zm9"));
  CHECK_FALSE(base64_decode("Zm 9"));
  CHECK_FALSE(base64_decode("Z===").has_value());
  CHECK_FALSE(base64_decode("Zm9v\n"));
  CHECK_FALSE(base64_decode("Zm-v"));
}

TEST_CASE("pay rsa AES-256-GCM decrypts the node-generated vector and refuses tampering") {
  const auto v = nlohmann::json::parse(read_fixture("wechat/notify-vectors.json"))["paid"];
  const auto& r = v["resource"];
  const std::string key = read_fixture("wechat/apiv3.key");
  auto ct = base64_decode(r["ciphertext"].get<std::string>());
  REQUIRE(ct);
  const std::string nonce = r["nonce"], aad = r["associated_data"];
  auto plain = aes256gcm_decrypt(key, nonce, aad, *ct);
  REQUIRE(plain.ok());
  CHECK(*plain == v["plaintext"].get<std::string>());

  std::string flipped = *ct;
  flipped[5] ^= 1;
  CHECK_FALSE(aes256gcm_decrypt(key, nonce, aad, flipped).ok());
  std::string bad_tag = *ct;
  bad_tag.back() ^= 1;
  CHECK_FALSE(aes256gcm_decrypt(key, nonce, aad, bad_tag).ok());
  CHECK_FALSE(aes256gcm_decrypt(key, nonce, "certificate", *ct).ok());
  std::string other_key = key;
  other_key[0] ^= 1;
  CHECK_FALSE(aes256gcm_decrypt(other_key, nonce, aad, *ct).ok());
  CHECK_FALSE(aes256gcm_decrypt(key.substr(0, 16), nonce, aad, *ct).ok());
  CHECK_FALSE(aes256gcm_decrypt(key, nonce, aad, ct->substr(0, 10)).ok());
}

TEST_CASE("pay rsa random nonces are hex and differ") {
  auto a = random_hex(16), b = random_hex(16);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->size() == 32);
  CHECK(*a != *b);
  CHECK(a->find_first_not_of("0123456789ABCDEF") == std::string::npos);
}
