// WeChat Pay v3 notifications (pay/wechat_pay.h) with the fixture keys: the first input byte picks
//   0: the body as it came, with the header lines of part 2 (signature header parsing)
//   1: the body signed correctly (envelope JSON, resource object, decryption)
//   2: part 1 as the decrypted transaction: sealed with the APIv3 key (associated data from
//      part 2) into a correctly signed TRANSACTION.SUCCESS envelope (transaction JSON).
// Parts are separated by "\n--\n". Rule checked besides crashes and sanitizer reports: an
// accepted notification names a trade, and a paid one an amount above zero.
#include <openssl/evp.h>

#include <cstdint>
#include <ctime>
#include <string>

#include "fuzz_support.h"
#include "pay/rsa.h"
#include "pay/wechat_pay.h"

using namespace md::pay;

namespace {

std::string fixture(const std::string& rel) {
  auto text = read_file(std::string(MEMBERDESK_FIXTURES_DIR) + "/pay/wechat/" + rel);
  if (!text.ok()) fuzz::finding("fixture " + rel);
  return *text;
}

struct Keys {
  WechatPay* gateway = nullptr;
  RsaKey platform_key;
  std::string serial;
  std::string apiv3;
};

Keys& keys() {
  static Keys* k = [] {
    auto* out = new Keys;
    auto cert = certificate_from_pem(fixture("platform_cert.pem"));
    auto key = RsaKey::private_from_pem(fixture("platform_key.pem"));
    auto merchant = RsaKey::private_from_pem(fixture("merchant_key.pem"));
    if (!cert.ok() || !key.ok() || !merchant.ok()) fuzz::finding("fixture keys");
    out->platform_key = *key;
    out->serial = cert->serial_hex;
    out->apiv3 = fixture("apiv3.key");
    while (!out->apiv3.empty() && (out->apiv3.back() == '\n' || out->apiv3.back() == '\r'))
      out->apiv3.pop_back();
    WechatOptions o;
    o.api_base = "http://127.0.0.1:1";
    o.mchid = "1900000001";
    o.appid = "wx8a5f0c1d2e3b4a59";
    o.merchant_serial_no = "3775B6A45ACD588826D15E583A95F5DD2C6F5D0D";
    o.merchant_key = *merchant;
    o.apiv3_key = out->apiv3;
    o.verify_keys[out->serial] = cert->public_key;
    out->gateway = new WechatPay(o);
    return out;
  }();
  return *k;
}

std::string seal(const std::string& key, const std::string& nonce, const std::string& aad,
                 const std::string& plain) {
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  std::string out(plain.size() + 16, '\0');
  int len = 0, fin = 0;
  EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr);
  EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()), nullptr);
  EVP_EncryptInit_ex(ctx, nullptr, nullptr, reinterpret_cast<const unsigned char*>(key.data()),
                     reinterpret_cast<const unsigned char*>(nonce.data()));
  EVP_EncryptUpdate(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                    static_cast<int>(aad.size()));
  EVP_EncryptUpdate(ctx, reinterpret_cast<unsigned char*>(out.data()), &len,
                    reinterpret_cast<const unsigned char*>(plain.data()), static_cast<int>(plain.size()));
  EVP_EncryptFinal_ex(ctx, reinterpret_cast<unsigned char*>(out.data()) + len, &fin);
  EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, out.data() + plain.size());
  EVP_CIPHER_CTX_free(ctx);
  return out;
}

NotifyRequest signed_request(Keys& k, const std::string& body, int64_t now) {
  NotifyRequest req;
  req.content_type = "application/json";
  req.body = body;
  const std::string ts = std::to_string(now), nonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
  auto sig = sign_sha256_rsa(k.platform_key, wechat_answer_message(ts, nonce, body));
  if (!sig.ok()) fuzz::finding("signing failed");
  req.headers = {{"wechatpay-timestamp", ts}, {"wechatpay-nonce", nonce},
                 {"wechatpay-signature", *sig}, {"wechatpay-serial", k.serial}};
  return req;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  Keys& k = keys();
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  const auto parts =
      fuzz::split_parts(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1), 2);
  NotifyRequest req;
  switch (data[0] % 3) {
    case 0: {
      req.body = parts[0];
      std::string_view h = parts[1];
      while (!h.empty()) {
        size_t nl = h.find('\n');
        std::string_view line = h.substr(0, nl);
        h.remove_prefix(nl == std::string_view::npos ? h.size() : nl + 1);
        size_t colon = line.find(':');
        if (colon != std::string_view::npos)
          req.headers[std::string(line.substr(0, colon))] = std::string(line.substr(colon + 1));
      }
      break;
    }
    case 1: req = signed_request(k, parts[0], now); break;
    case 2: {
      const std::string nonce = "fuzznonce012";
      nlohmann::json env = {
          {"id", "EV-2018022511223320873"},
          {"event_type", "TRANSACTION.SUCCESS"},
          {"resource_type", "encrypt-resource"},
          {"resource",
           {{"algorithm", "AEAD_AES_256_GCM"},
            {"nonce", nonce},
            {"associated_data", parts[1]},
            {"ciphertext", base64_encode(seal(k.apiv3, nonce, parts[1], parts[0]))}}}};
      req = signed_request(k, env.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), now);
      break;
    }
  }
  auto t = k.gateway->verify_notification(req, now);
  if (t.ok()) {
    FUZZ_CHECK(!t->out_trade_no.empty(), "accepted notification without out_trade_no");
    FUZZ_CHECK(t->state != TradeState::kPaid || t->amount_fen > 0, "paid without an amount");
  }
  (void)k.gateway->notify_refused(400, std::string(parts[0]));
  return 0;
}
