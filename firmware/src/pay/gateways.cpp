// The gateway list the configuration enables, and the method names.
#include "pay/alipay.h"
#include "pay/gateway.h"
#include "pay/wechat_pay.h"

namespace md::pay {

const char* method_code(Method m) {
  return m == Method::kWechat ? "wechat" : "alipay";
}

const char* method_label(Method m) {
  return m == Method::kWechat ? "微信支付" : "支付宝支付";
}

std::optional<Method> method_from_code(const std::string& code) {
  if (code == "wechat") return Method::kWechat;
  if (code == "alipay") return Method::kAlipay;
  return std::nullopt;
}

Result<Gateways> make_gateways(const config::Config& cfg) {
  Gateways g;
  if (cfg.boolean("wechat.enabled")) {
    auto opts = wechat_options(cfg);
    if (!opts.ok()) return opts.error();
    g.wechat = std::make_unique<WechatPay>(std::move(opts).value());
  }
  if (cfg.boolean("alipay.enabled")) {
    auto opts = alipay_options(cfg);
    if (!opts.ok()) return opts.error();
    g.alipay = std::make_unique<Alipay>(std::move(opts).value());
  }
  return g;
}

}  // namespace md::pay
