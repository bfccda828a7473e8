#include "pay/alipay.h"

#include "core/clock.h"
#include "pay/http_client.h"
#include "pay/support.h"

namespace md::pay {
namespace {

constexpr Method kMe = Method::kAlipay;
constexpr const char* kNotExist = "ACQ.TRADE_NOT_EXIST";

TradeState state_of(const std::string& trade_status, bool* known) {
  *known = true;
  if (trade_status == "TRADE_SUCCESS" || trade_status == "TRADE_FINISHED") return TradeState::kPaid;
  if (trade_status == "WAIT_BUYER_PAY") return TradeState::kNotPaid;
  if (trade_status == "TRADE_CLOSED") return TradeState::kClosed;
  *known = false;
  return TradeState::kNotPaid;
}

// Alipay's notification documentation signs every parameter but sign and sign_type; its
// request rule (and some SDKs) also drops empty values. Both strings are Alipay's signature over
// the same non-empty values, so either is accepted.
bool verify_notification_signature(const RsaKey& key, const Params& p, const std::string& sign) {
  if (verify_sha256_rsa(key, alipay_sign_content(p, SignScope::kNotification), sign)) return true;
  Params non_empty;
  for (const auto& [k, v] : p) {
    if (!v.empty()) non_empty.emplace(k, v);
  }
  return non_empty.size() != p.size() &&
         verify_sha256_rsa(key, alipay_sign_content(non_empty, SignScope::kNotification), sign);
}

std::string biz_detail(const nlohmann::json& r) {
  return json_string(r, "code") + " " + json_string(r, "msg") + " / " + json_string(r, "sub_code") +
         " " + json_string(r, "sub_msg");
}

}  // namespace

Result<Params> Alipay::signed_params(const std::string& api_method, const std::string& biz_content,
                                     const std::string& notify_url,
                                     const std::string& timestamp) const {
  Params p = {
      {"app_id", opts_.app_id}, {"method", api_method},       {"format", "JSON"},
      {"charset", "utf-8"},     {"sign_type", "RSA2"},        {"timestamp", timestamp},
      {"version", "1.0"},       {"biz_content", biz_content},
  };
  if (!notify_url.empty()) p["notify_url"] = notify_url;
  auto sig = sign_sha256_rsa(opts_.app_key, alipay_sign_content(p, SignScope::kRequest));
  if (!sig.ok()) return sig.error();
  p["sign"] = *sig;
  return p;
}

Result<Alipay::Answer> Alipay::call(const std::string& api_method, const nlohmann::json& biz,
                                    const std::string& notify_url) {
  const std::string what = api_method + " " + json_string(biz, "out_trade_no");
  auto params = signed_params(api_method, json_text(biz), notify_url,
                              core::unix_to_shanghai(core::now_unix(), "%Y-%m-%d %H:%M:%S"));
  if (!params.ok()) return bad_answer(kMe, "signing " + what + ": " + params.error().message);
  HttpRequest req;
  req.method = "POST";
  req.url = opts_.gateway_url;
  req.body = form_encode(*params);
  req.timeout_s = opts_.timeout_s;
  req.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
                 {"Accept", "application/json"},
                 {"User-Agent", "memberdesk/" MEMBERDESK_VERSION}};
  auto resp = http_send(req);
  if (!resp.ok()) return unavailable(kMe, resp.error().message);
  if (resp->status >= 500) return unavailable(kMe, what + ": HTTP " + std::to_string(resp->status));
  if (resp->status != 200) return bad_answer(kMe, what + ": HTTP " + std::to_string(resp->status));

  const auto body = nlohmann::json::parse(resp->body, nullptr, false);
  if (!body.is_object()) return bad_answer(kMe, what + ": answer is not a JSON object");
  std::string key = api_method + "_response";
  for (char& c : key) {
    if (c == '.') c = '_';
  }
  auto raw = json_member_raw(resp->body, key);
  if (!raw) {
    // Gateway-level failures (bad app_id, our signature refused) come as error_response.
    if (auto err = body.find("error_response"); err != body.end()) {
      return refused(kMe, what + ": error_response " + biz_detail(*err));
    }
    return bad_answer(kMe, what + ": no " + key + " in the answer");
  }
  Answer a;
  a.response = nlohmann::json::parse(*raw, nullptr, false);
  a.code = json_string(a.response, "code");
  a.sub_code = json_string(a.response, "sub_code");
  const std::string sign = json_string(body, "sign");
  const bool verified = !sign.empty() && verify_sha256_rsa(opts_.alipay_key, *raw, sign);
  // An unsigned failure can only fail the call; anything we act on must be signed.
  if ((!sign.empty() && !verified) ||
      (!verified && (a.code == "10000" || a.sub_code == kNotExist))) {
    return bad_answer(kMe, what + ": answer signature does not verify");
  }
  if (a.code == "20000" || a.sub_code == "ACQ.SYSTEM_ERROR") {
    return unavailable(kMe, what + ": " + biz_detail(a.response));
  }
  return a;
}

Result<QrCode> Alipay::create_qr(const QrRequest& req) {
  const auto expires = core::iso_to_unix(req.expires_at);
  if (!valid_out_trade_no(req.out_trade_no) || req.amount_fen <= 0 || !expires ||
      req.description.empty() || req.notify_url.empty()) {
    return refused(kMe, "create_qr: invalid request for out_trade_no \"" + req.out_trade_no + "\"");
  }
  const nlohmann::json biz = {
      {"out_trade_no", req.out_trade_no},
      {"total_amount", fen_to_yuan(req.amount_fen)},
      {"subject", req.description},
      {"time_expire", core::unix_to_shanghai(*expires, "%Y-%m-%d %H:%M:%S")},
  };
  auto a = call("alipay.trade.precreate", biz, req.notify_url);
  if (!a.ok()) return a.error();
  if (a->code != "10000")
    return refused(kMe, "precreate " + req.out_trade_no + ": " + biz_detail(a->response));
  QrCode qr{json_string(a->response, "qr_code")};
  if (qr.code_url.empty() || json_string(a->response, "out_trade_no") != req.out_trade_no) {
    return bad_answer(kMe, "precreate " + req.out_trade_no + ": no qr_code for this trade");
  }
  return qr;
}

Result<TradeStatus> Alipay::query(const std::string& out_trade_no) {
  if (!valid_out_trade_no(out_trade_no)) {
    return refused(kMe, "query: invalid out_trade_no \"" + out_trade_no + "\"");
  }
  auto a = call("alipay.trade.query", {{"out_trade_no", out_trade_no}}, "");
  if (!a.ok()) return a.error();
  TradeStatus t;
  t.out_trade_no = out_trade_no;
  if (a->sub_code == kNotExist) {
    t.state = TradeState::kNotFound;
    return t;
  }
  if (a->code != "10000")
    return refused(kMe, "query " + out_trade_no + ": " + biz_detail(a->response));
  const nlohmann::json& r = a->response;
  bool known = false;
  t.state = state_of(json_string(r, "trade_status"), &known);
  t.transaction_id = json_string(r, "trade_no");
  t.paid_at = json_string(r, "send_pay_date");
  const auto fen = yuan_to_fen(json_string(r, "total_amount"));
  if (!known || !fen || json_string(r, "out_trade_no") != out_trade_no ||
      (t.state == TradeState::kPaid && t.transaction_id.empty())) {
    return bad_answer(kMe, "query " + out_trade_no + ": unexpected answer: trade_status " +
                               json_string(r, "trade_status") + " total_amount " +
                               json_string(r, "total_amount"));
  }
  t.amount_fen = *fen;
  return t;
}

Status Alipay::close(const std::string& out_trade_no) {
  if (!valid_out_trade_no(out_trade_no)) {
    return refused(kMe, "close: invalid out_trade_no \"" + out_trade_no + "\"");
  }
  auto a = call("alipay.trade.close", {{"out_trade_no", out_trade_no}}, "");
  if (!a.ok()) return a.error();
  // A precreate trade exists at Alipay only once scanned: never scanned means nothing to close.
  if (a->code == "10000" || a->sub_code == kNotExist) return Status::success();
  // Paid (or finished): the dues code must query and credit it rather than close it.
  if (a->sub_code == "ACQ.TRADE_STATUS_ERROR") {
    return not_closable(kMe, "close " + out_trade_no + ": " + biz_detail(a->response));
  }
  return refused(kMe, "close " + out_trade_no + ": " + biz_detail(a->response));
}

Result<TradeStatus> Alipay::verify_notification(const NotifyRequest& req, int64_t /*now_unix*/) {
  auto invalid = [](const std::string& code, const std::string& why) {
    return make_error(ErrorKind::kInvalidArgument, code, why);
  };
  auto params = form_decode(req.body);
  if (!params) return invalid("bad_notification", "body is not a well-formed form");
  const Params& p = *params;
  auto get = [&p](const char* k) {
    auto it = p.find(k);
    return it == p.end() ? std::string() : it->second;
  };
  if (get("sign").empty()) return make_error(ErrorKind::kForbidden, "signature_missing", "no sign");
  if (p.count("sign_type") && get("sign_type") != "RSA2") {
    return make_error(ErrorKind::kForbidden, "bad_signature",
                      "sign_type " + get("sign_type") + " is not RSA2");
  }
  if (!verify_notification_signature(opts_.alipay_key, p, get("sign"))) {
    return make_error(ErrorKind::kForbidden, "bad_signature", "signature does not verify");
  }
  if (get("app_id") != opts_.app_id || get("seller_id") != opts_.seller_id) {
    return make_error(
        ErrorKind::kForbidden, "wrong_merchant",
        "notification for app_id " + get("app_id") + " seller_id " + get("seller_id"));
  }
  TradeStatus t;
  t.out_trade_no = get("out_trade_no");
  t.transaction_id = get("trade_no");
  t.paid_at = get("gmt_payment");
  bool known = false;
  t.state = state_of(get("trade_status"), &known);
  if (!known) return invalid("bad_notification", "unknown trade_status " + get("trade_status"));
  const auto fen = yuan_to_fen(get("total_amount"));
  if (!fen)
    return invalid("bad_notification",
                   "total_amount \"" + get("total_amount") + "\" is not yuan with 2 decimals");
  t.amount_fen = *fen;
  if (t.out_trade_no.empty()) return invalid("bad_notification", "no out_trade_no");
  return t;
}

NotifyAnswer Alipay::notify_accepted() const {
  return {200, "text/plain", "success"};
}

NotifyAnswer Alipay::notify_refused(int status, const std::string& /*message*/) const {
  // Alipay reads only the body: anything but "success" makes it send the notification again.
  return {status, "text/plain", "fail"};
}

Result<AlipayOptions> alipay_options(const config::Config& cfg) {
  auto config_error = [](const std::string& msg) {
    return make_error(ErrorKind::kInvalidArgument, "alipay_config", msg);
  };
  AlipayOptions o;
  o.gateway_url = cfg.str("alipay.gateway_url");
  o.app_id = cfg.str("alipay.app_id");
  o.seller_id = cfg.str("alipay.seller_id");
  o.timeout_s = static_cast<long>(cfg.integer("alipay.timeout_s"));
  if (o.gateway_url.empty() || o.app_id.empty() || o.seller_id.empty()) {
    return config_error("alipay.enabled needs alipay.gateway_url, app_id and seller_id");
  }
  const std::string app_file = cfg.str("alipay.app_private_key_file");
  auto app_pem = read_file(app_file);
  if (!app_pem.ok())
    return make_error(ErrorKind::kUnavailable, "alipay_config",
                      "alipay.app_private_key_file: " + app_pem.error().message);
  auto app_key = RsaKey::private_from_pem(*app_pem);
  if (!app_key.ok())
    return config_error("alipay.app_private_key_file " + app_file + ": " + app_key.error().message);
  o.app_key = *app_key;
  const std::string pub_file = cfg.str("alipay.alipay_public_key_file");
  auto pub_pem = read_file(pub_file);
  if (!pub_pem.ok())
    return make_error(ErrorKind::kUnavailable, "alipay_config",
                      "alipay.alipay_public_key_file: " + pub_pem.error().message);
  auto pub = RsaKey::public_from_pem(*pub_pem);
  if (!pub.ok())
    return config_error("alipay.alipay_public_key_file " + pub_file + ": " + pub.error().message);
  o.alipay_key = *pub;
  return o;
}

}  // namespace md::pay
