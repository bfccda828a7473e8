// Alipay OpenAPI, 当面付 (alipay.trade.precreate / query / close) and the asynchronous payment
// notification. Requests are form posts signed RSA2 (SHA256withRSA over the sorted "k=v&…" of
// the non-empty parameters, raw values) with the application private key; answers are verified
// over the raw text of their "…_response" member, notifications over their sorted parameters
// without sign and sign_type, both with the Alipay public key.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "pay/alipay_format.h"
#include "pay/gateway.h"
#include "pay/rsa.h"

namespace md::pay {

struct AlipayOptions {
  std::string gateway_url;  // e.g. "https://openapi.alipay.com/gateway.do"
  std::string app_id;
  std::string seller_id;  // 2088…: notifications must name it
  RsaKey app_key;         // 应用私钥: signs requests
  RsaKey alipay_key;      // 支付宝公钥: checks answers and notifications
  long timeout_s = 10;
};

// The [alipay] section with its key files loaded (errors name the file, never key material).
Result<AlipayOptions> alipay_options(const config::Config& cfg);

class Alipay final : public Gateway {
 public:
  explicit Alipay(AlipayOptions opts) : opts_(std::move(opts)) {}

  Method method() const override { return Method::kAlipay; }
  Result<QrCode> create_qr(const QrRequest& req) override;
  Result<TradeStatus> query(const std::string& out_trade_no) override;
  Status close(const std::string& out_trade_no) override;
  Result<TradeStatus> verify_notification(const NotifyRequest& req, int64_t now_unix) override;
  NotifyAnswer notify_accepted() const override;
  NotifyAnswer notify_refused(int status, const std::string& message) const override;

  // The request parameters of one call, sign included. timestamp: "yyyy-MM-dd HH:mm:ss"
  // (Asia/Shanghai); notify_url empty for calls that take none.
  Result<Params> signed_params(const std::string& api_method, const std::string& biz_content,
                               const std::string& notify_url, const std::string& timestamp) const;

 private:
  struct Answer {
    nlohmann::json response;  // the verified "…_response" object
    std::string code;         // "10000" = success
    std::string sub_code;     // e.g. "ACQ.TRADE_NOT_EXIST"
  };
  // Signs and posts one call and returns its verified answer. Transport failures, 5xx, code
  // 20000 and ACQ.SYSTEM_ERROR are kUnavailable; an unverifiable answer is kInternal.
  Result<Answer> call(const std::string& api_method, const nlohmann::json& biz,
                      const std::string& notify_url);

  AlipayOptions opts_;
};

}  // namespace md::pay
