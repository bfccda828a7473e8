#include "pay/support.h"

#include <cstdio>

namespace md::pay {

bool valid_out_trade_no(const std::string& s) {
  if (s.empty() || s.size() > 32) return false;
  for (char c : s) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

void log_gateway(Method m, const std::string& line) {
  std::string one = line;
  for (char& c : one) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  std::fprintf(stderr, "memberdesk: %s: %s\n", method_code(m), one.c_str());
}

Error unavailable(Method m, const std::string& detail) {
  log_gateway(m, detail);
  return make_error(ErrorKind::kUnavailable, "gateway_unavailable",
                    std::string(m == Method::kWechat ? "微信支付" : "支付宝") +
                        "暂时无法连接，请稍后再试，或选择转账汇款");
}

Error bad_answer(Method m, const std::string& detail) {
  log_gateway(m, detail);
  return make_error(ErrorKind::kInternal, "gateway_bad_answer",
                    std::string(m == Method::kWechat ? "微信支付" : "支付宝") +
                        "的应答未通过校验，请稍后再试，或选择转账汇款");
}

Error refused(Method m, const std::string& detail) {
  log_gateway(m, detail);
  return make_error(ErrorKind::kInvalidArgument, "gateway_refused",
                    std::string(m == Method::kWechat ? "微信支付" : "支付宝") +
                        "未能受理本次支付，请选择其他支付方式");
}

Error not_closable(Method m, const std::string& detail) {
  log_gateway(m, detail);
  return make_error(ErrorKind::kConflict, "gateway_trade_not_closable",
                    "该笔支付状态不允许关闭（可能已支付），请查询支付结果");
}

std::string json_text(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string json_string(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace md::pay
