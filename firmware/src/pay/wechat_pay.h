// WeChat Pay API v3, Native payment (扫码支付): open a QR, query it, close it, and verify the
// payment notifications. Requests are signed with the merchant API key (SHA256withRSA over
// "METHOD\nURL\ntimestamp\nnonce\nbody\n"); every 2xx answer and every notification is verified
// with the key its Wechatpay-Serial names (the platform certificate's serial or a PUB_KEY_ID_…),
// and notification resources are decrypted with the APIv3 key (AEAD_AES_256_GCM).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "config/config.h"
#include "pay/gateway.h"
#include "pay/http_client.h"
#include "pay/rsa.h"

namespace md::pay {

struct WechatOptions {
  std::string api_base;  // e.g. "https://api.mch.weixin.qq.com", no trailing slash
  std::string mchid;
  std::string appid;
  std::string merchant_serial_no;             // 商户API证书序列号, sent as serial_no
  RsaKey merchant_key;                        // signs requests
  std::string apiv3_key;                      // 32 bytes
  std::map<std::string, RsaKey> verify_keys;  // Wechatpay-Serial → WeChat Pay's public key
  long timeout_s = 10;
};

// The [wechat] section with its key files loaded. Errors name the key and the file, never the
// key material.
Result<WechatOptions> wechat_options(const config::Config& cfg);

// What a request signature covers: "METHOD\nURL\ntimestamp\nnonce\nbody\n" (URL = path and query).
std::string wechat_request_message(const std::string& method, const std::string& path_and_query,
                                   int64_t timestamp, const std::string& nonce,
                                   const std::string& body);
// What an answer or notification signature covers: "timestamp\nnonce\nbody\n".
std::string wechat_answer_message(const std::string& timestamp, const std::string& nonce,
                                  const std::string& body);

class WechatPay final : public Gateway {
 public:
  explicit WechatPay(WechatOptions opts) : opts_(std::move(opts)) {}

  Method method() const override { return Method::kWechat; }
  Result<QrCode> create_qr(const QrRequest& req) override;
  Result<TradeStatus> query(const std::string& out_trade_no) override;
  Status close(const std::string& out_trade_no) override;
  Result<TradeStatus> verify_notification(const NotifyRequest& req, int64_t now_unix) override;
  NotifyAnswer notify_accepted() const override;
  NotifyAnswer notify_refused(int status, const std::string& message) const override;

  // The Authorization header value of one request:
  // WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"
  Result<std::string> authorization(const std::string& method, const std::string& path_and_query,
                                    const std::string& body, int64_t timestamp,
                                    const std::string& nonce) const;
  // Checks Wechatpay-Timestamp/-Nonce/-Signature/-Serial (lower-case names) over body: known
  // serial, no SIGNTEST probe, timestamp within 5 minutes of now_unix, valid signature.
  // kForbidden with an English reason otherwise.
  Status verify_signature(const std::map<std::string, std::string>& headers,
                          const std::string& body, int64_t now_unix) const;
  // The plaintext of a notification's resource object (AEAD_AES_256_GCM with the APIv3 key).
  Result<std::string> decrypt_resource(const nlohmann::json& resource) const;

 private:
  // Signs and sends one API call; a 2xx answer comes back verified, a 4xx as it is; transport
  // failures and 5xx are kUnavailable.
  Result<HttpResponse> call(const std::string& method, const std::string& path_and_query,
                            const std::string& body);

  WechatOptions opts_;
};

}  // namespace md::pay
