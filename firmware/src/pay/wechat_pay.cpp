#include "pay/wechat_pay.h"

#include "core/clock.h"
#include "pay/support.h"

namespace md::pay {
namespace {

constexpr Method kMe = Method::kWechat;
constexpr int64_t kMaxSkewS = 5 * 60;
constexpr const char* kSignTestPrefix = "WECHATPAY/SIGNTEST/";

Error forbidden(const std::string& code, const std::string& reason) {
  return make_error(ErrorKind::kForbidden, code, reason);
}

std::string header(const std::map<std::string, std::string>& h, const char* name) {
  auto it = h.find(name);
  return it == h.end() ? "" : it->second;
}

std::optional<int64_t> parse_unix(const std::string& s) {
  if (s.empty() || s.size() > 12) return std::nullopt;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// The trade object of a query answer or a decrypted notification.
Result<TradeStatus> trade_from_json(const nlohmann::json& tx) {
  TradeStatus t;
  t.out_trade_no = json_string(tx, "out_trade_no");
  t.transaction_id = json_string(tx, "transaction_id");
  t.paid_at = json_string(tx, "success_time");
  const std::string state = json_string(tx, "trade_state");
  if (state == "SUCCESS") {
    t.state = TradeState::kPaid;
  } else if (state == "NOTPAY" || state == "USERPAYING") {
    t.state = TradeState::kNotPaid;
  } else if (state == "CLOSED" || state == "REVOKED" || state == "PAYERROR") {
    t.state = TradeState::kClosed;
  } else if (state == "REFUND") {
    t.state = TradeState::kRefunded;
  } else {
    return make_error(ErrorKind::kInvalidArgument, "bad_trade",
                      "unknown trade_state \"" + state + "\"");
  }
  if (t.out_trade_no.empty()) {
    return make_error(ErrorKind::kInvalidArgument, "bad_trade", "trade without out_trade_no");
  }
  const auto amount = tx.find("amount");
  if (amount != tx.end() && amount->is_object()) {
    const auto total = amount->find("total");
    if (total != amount->end() && total->is_number_integer()) t.amount_fen = total->get<int64_t>();
  }
  if (t.state == TradeState::kPaid && (t.amount_fen <= 0 || t.transaction_id.empty())) {
    return make_error(ErrorKind::kInvalidArgument, "bad_trade",
                      "paid trade without amount.total or transaction_id");
  }
  return t;
}

// A 4xx answer's {"code","message"} for the log.
std::string error_detail(const HttpResponse& r) {
  const auto j = nlohmann::json::parse(r.body, nullptr, false);
  return "HTTP " + std::to_string(r.status) + " " + json_string(j, "code") + ": " +
         json_string(j, "message");
}

}  // namespace

std::string wechat_request_message(const std::string& method, const std::string& path_and_query,
                                   int64_t timestamp, const std::string& nonce,
                                   const std::string& body) {
  return method + "\n" + path_and_query + "\n" + std::to_string(timestamp) + "\n" + nonce + "\n" +
         body + "\n";
}

std::string wechat_answer_message(const std::string& timestamp, const std::string& nonce,
                                  const std::string& body) {
  return timestamp + "\n" + nonce + "\n" + body + "\n";
}

Result<std::string> WechatPay::authorization(const std::string& method,
                                             const std::string& path_and_query,
                                             const std::string& body, int64_t timestamp,
                                             const std::string& nonce) const {
  auto sig = sign_sha256_rsa(
      opts_.merchant_key, wechat_request_message(method, path_and_query, timestamp, nonce, body));
  if (!sig.ok()) return sig.error();
  return "WECHATPAY2-SHA256-RSA2048 mchid=\"" + opts_.mchid + "\",nonce_str=\"" + nonce +
         "\",signature=\"" + *sig + "\",timestamp=\"" + std::to_string(timestamp) +
         "\",serial_no=\"" + opts_.merchant_serial_no + "\"";
}

Status WechatPay::verify_signature(const std::map<std::string, std::string>& headers,
                                   const std::string& body, int64_t now_unix) const {
  const std::string ts = header(headers, "wechatpay-timestamp");
  const std::string nonce = header(headers, "wechatpay-nonce");
  const std::string sig = header(headers, "wechatpay-signature");
  const std::string serial = header(headers, "wechatpay-serial");
  if (ts.empty() || nonce.empty() || sig.empty() || serial.empty()) {
    return forbidden("signature_missing", "Wechatpay-Timestamp/-Nonce/-Signature/-Serial missing");
  }
  // WeChat Pay probes merchants with deliberately wrong signatures; accepting one would show a
  // merchant that does not verify.
  if (sig.rfind(kSignTestPrefix, 0) == 0) {
    return forbidden("signtest", "WECHATPAY/SIGNTEST/ probe signature");
  }
  const auto t = parse_unix(ts);
  if (!t || *t > now_unix + kMaxSkewS || *t < now_unix - kMaxSkewS) {
    return forbidden("stale_timestamp", "Wechatpay-Timestamp " + ts +
                                            " is more than 5 minutes from now (" +
                                            std::to_string(now_unix) + ")");
  }
  const auto key = opts_.verify_keys.find(serial);
  if (key == opts_.verify_keys.end()) {
    return forbidden("unknown_serial", "unknown Wechatpay-Serial " + serial);
  }
  if (!verify_sha256_rsa(key->second, wechat_answer_message(ts, nonce, body), sig)) {
    return forbidden("bad_signature", "signature does not verify with key " + serial);
  }
  return Status::success();
}

Result<std::string> WechatPay::decrypt_resource(const nlohmann::json& resource) const {
  if (json_string(resource, "algorithm") != "AEAD_AES_256_GCM") {
    return make_error(ErrorKind::kInvalidArgument, "bad_resource",
                      "resource.algorithm is not AEAD_AES_256_GCM");
  }
  const std::string nonce = json_string(resource, "nonce");
  auto ciphertext = base64_decode(json_string(resource, "ciphertext"));
  if (nonce.empty() || !ciphertext) {
    return make_error(ErrorKind::kInvalidArgument, "bad_resource",
                      "resource.nonce missing or resource.ciphertext not base64");
  }
  return aes256gcm_decrypt(opts_.apiv3_key, nonce, json_string(resource, "associated_data"),
                           *ciphertext);
}

Result<HttpResponse> WechatPay::call(const std::string& method, const std::string& path_and_query,
                                     const std::string& body) {
  const std::string url = opts_.api_base + path_and_query;
  auto nonce = random_hex(16);
  if (!nonce.ok()) return bad_answer(kMe, nonce.error().message);
  auto auth = authorization(method, url_path_and_query(url), body, core::now_unix(), *nonce);
  if (!auth.ok())
    return bad_answer(kMe,
                      "signing " + method + " " + path_and_query + ": " + auth.error().message);

  HttpRequest req;
  req.method = method;
  req.url = url;
  req.body = body;
  req.timeout_s = opts_.timeout_s;
  req.headers = {{"Authorization", *auth},
                 {"Accept", "application/json"},
                 {"User-Agent", "memberdesk/" MEMBERDESK_VERSION}};
  if (method == "POST") req.headers.emplace_back("Content-Type", "application/json");
  auto resp = http_send(req);
  if (!resp.ok()) return unavailable(kMe, resp.error().message);
  if (resp->status >= 500 || resp->status == 429) {
    return unavailable(kMe, method + " " + path_and_query + ": " + error_detail(*resp));
  }
  if (resp->status >= 200 && resp->status < 300) {
    if (auto st = verify_signature(resp->headers, resp->body, core::now_unix()); !st.ok()) {
      return bad_answer(kMe,
                        method + " " + path_and_query + ": answer refused: " + st.error().message);
    }
  }
  return resp;
}

Result<QrCode> WechatPay::create_qr(const QrRequest& req) {
  const auto expires = core::iso_to_unix(req.expires_at);
  if (!valid_out_trade_no(req.out_trade_no) || req.amount_fen <= 0 || !expires ||
      req.description.empty() || req.notify_url.empty()) {
    return refused(kMe, "create_qr: invalid request for out_trade_no \"" + req.out_trade_no + "\"");
  }
  const nlohmann::json body = {
      {"appid", opts_.appid},
      {"mchid", opts_.mchid},
      {"description", req.description},
      {"out_trade_no", req.out_trade_no},
      {"time_expire", core::unix_to_rfc3339_shanghai(*expires)},
      {"notify_url", req.notify_url},
      {"amount", {{"total", req.amount_fen}, {"currency", "CNY"}}},
  };
  auto resp = call("POST", "/v3/pay/transactions/native", json_text(body));
  if (!resp.ok()) return resp.error();
  if (resp->status != 200) {
    return refused(kMe, "native " + req.out_trade_no + ": " + error_detail(*resp));
  }
  const auto j = nlohmann::json::parse(resp->body, nullptr, false);
  QrCode qr{json_string(j, "code_url")};
  if (qr.code_url.empty()) return bad_answer(kMe, "native " + req.out_trade_no + ": no code_url");
  return qr;
}

Result<TradeStatus> WechatPay::query(const std::string& out_trade_no) {
  if (!valid_out_trade_no(out_trade_no)) {
    return refused(kMe, "query: invalid out_trade_no \"" + out_trade_no + "\"");
  }
  auto resp = call(
      "GET", "/v3/pay/transactions/out-trade-no/" + out_trade_no + "?mchid=" + opts_.mchid, "");
  if (!resp.ok()) return resp.error();
  if (resp->status == 404) {
    const auto j = nlohmann::json::parse(resp->body, nullptr, false);
    if (json_string(j, "code") == "ORDER_NOT_EXIST") {
      TradeStatus t;
      t.out_trade_no = out_trade_no;
      t.state = TradeState::kNotFound;
      return t;
    }
  }
  if (resp->status != 200)
    return refused(kMe, "query " + out_trade_no + ": " + error_detail(*resp));
  const auto j = nlohmann::json::parse(resp->body, nullptr, false);
  auto t = trade_from_json(j);
  if (!t.ok()) return bad_answer(kMe, "query " + out_trade_no + ": " + t.error().message);
  if (t->out_trade_no != out_trade_no || json_string(j, "mchid") != opts_.mchid) {
    return bad_answer(kMe, "query " + out_trade_no + ": answer names another trade or merchant");
  }
  return t;
}

Status WechatPay::close(const std::string& out_trade_no) {
  if (!valid_out_trade_no(out_trade_no)) {
    return refused(kMe, "close: invalid out_trade_no \"" + out_trade_no + "\"");
  }
  const nlohmann::json body = {{"mchid", opts_.mchid}};
  auto resp =
      call("POST", "/v3/pay/transactions/out-trade-no/" + out_trade_no + "/close", json_text(body));
  if (!resp.ok()) return resp.error();
  if (resp->status == 204 || resp->status == 200) return Status::success();
  const auto j = nlohmann::json::parse(resp->body, nullptr, false);
  // Nothing to close is what closing wants.
  if (json_string(j, "code") == "ORDER_NOT_EXIST" || json_string(j, "code") == "ORDER_CLOSED") {
    return Status::success();
  }
  if (json_string(j, "code") == "ORDERPAID") {
    return not_closable(kMe, "close " + out_trade_no + ": " + error_detail(*resp));
  }
  return refused(kMe, "close " + out_trade_no + ": " + error_detail(*resp));
}

Result<TradeStatus> WechatPay::verify_notification(const NotifyRequest& req, int64_t now_unix) {
  MD_TRY(verify_signature(req.headers, req.body, now_unix));
  const auto j = nlohmann::json::parse(req.body, nullptr, false);
  if (!j.is_object())
    return make_error(ErrorKind::kInvalidArgument, "bad_notification", "body is not a JSON object");
  if (json_string(j, "event_type") != "TRANSACTION.SUCCESS") {
    return make_error(
        ErrorKind::kInvalidArgument, "bad_notification",
        "event_type \"" + json_string(j, "event_type") + "\" is not TRANSACTION.SUCCESS");
  }
  const auto resource = j.find("resource");
  if (resource == j.end() || !resource->is_object()) {
    return make_error(ErrorKind::kInvalidArgument, "bad_notification", "no resource object");
  }
  auto plain = decrypt_resource(*resource);
  if (!plain.ok()) return plain.error();
  const auto tx = nlohmann::json::parse(*plain, nullptr, false);
  if (!tx.is_object()) {
    return make_error(ErrorKind::kInvalidArgument, "bad_notification",
                      "resource plaintext is not JSON");
  }
  if (json_string(tx, "mchid") != opts_.mchid || json_string(tx, "appid") != opts_.appid) {
    return make_error(ErrorKind::kForbidden, "wrong_merchant",
                      "notification for mchid " + json_string(tx, "mchid") + " appid " +
                          json_string(tx, "appid"));
  }
  return trade_from_json(tx);
}

NotifyAnswer WechatPay::notify_accepted() const {
  return {204, "application/json", ""};
}

NotifyAnswer WechatPay::notify_refused(int status, const std::string& message) const {
  // WeChat Pay takes any 2xx as accepted: a refusal must be an error status to be sent again.
  if (status < 400 || status > 599) status = 500;
  return {status, "application/json", json_text({{"code", "FAIL"}, {"message", message}})};
}

namespace {

Result<RsaKey> load_public(const std::string& what, const std::string& path) {
  auto pem = read_file(path);
  if (!pem.ok())
    return make_error(ErrorKind::kUnavailable, "wechat_config", what + ": " + pem.error().message);
  auto key = RsaKey::public_from_pem(*pem);
  if (!key.ok())
    return make_error(ErrorKind::kInvalidArgument, "wechat_config",
                      what + " " + path + ": " + key.error().message);
  return key;
}

}  // namespace

Result<WechatOptions> wechat_options(const config::Config& cfg) {
  auto config_error = [](const std::string& msg) {
    return make_error(ErrorKind::kInvalidArgument, "wechat_config", msg);
  };
  WechatOptions o;
  o.api_base = cfg.str("wechat.api_base");
  while (!o.api_base.empty() && o.api_base.back() == '/') o.api_base.pop_back();
  o.mchid = cfg.str("wechat.mchid");
  o.appid = cfg.str("wechat.appid");
  o.merchant_serial_no = cfg.str("wechat.merchant_serial_no");
  o.timeout_s = static_cast<long>(cfg.integer("wechat.timeout_s"));
  if (o.api_base.empty() || o.mchid.empty() || o.appid.empty() || o.merchant_serial_no.empty()) {
    return config_error(
        "wechat.enabled needs wechat.api_base, mchid, appid and merchant_serial_no");
  }

  const std::string key_file = cfg.str("wechat.merchant_key_file");
  auto pem = read_file(key_file);
  if (!pem.ok())
    return make_error(ErrorKind::kUnavailable, "wechat_config",
                      "wechat.merchant_key_file: " + pem.error().message);
  auto key = RsaKey::private_from_pem(*pem);
  if (!key.ok())
    return config_error("wechat.merchant_key_file " + key_file + ": " + key.error().message);
  o.merchant_key = *key;

  const std::string apiv3_file = cfg.str("wechat.apiv3_key_file");
  auto apiv3 = read_file(apiv3_file);
  if (!apiv3.ok())
    return make_error(ErrorKind::kUnavailable, "wechat_config",
                      "wechat.apiv3_key_file: " + apiv3.error().message);
  o.apiv3_key = *apiv3;
  if (!o.apiv3_key.empty() && o.apiv3_key.back() == '\n') o.apiv3_key.pop_back();
  if (!o.apiv3_key.empty() && o.apiv3_key.back() == '\r') o.apiv3_key.pop_back();
  if (o.apiv3_key.size() != 32) {
    return config_error("wechat.apiv3_key_file " + apiv3_file +
                        " must hold exactly 32 bytes (it holds " +
                        std::to_string(o.apiv3_key.size()) + ")");
  }

  if (const std::string cert_file = cfg.str("wechat.platform_cert_file"); !cert_file.empty()) {
    auto cert_pem = read_file(cert_file);
    if (!cert_pem.ok())
      return make_error(ErrorKind::kUnavailable, "wechat_config",
                        "wechat.platform_cert_file: " + cert_pem.error().message);
    auto cert = certificate_from_pem(*cert_pem);
    if (!cert.ok())
      return config_error("wechat.platform_cert_file " + cert_file + ": " + cert.error().message);
    o.verify_keys[cert->serial_hex] = cert->public_key;
  }
  const std::string pub_id = cfg.str("wechat.public_key_id");
  const std::string pub_file = cfg.str("wechat.public_key_file");
  if (pub_id.empty() != pub_file.empty()) {
    return config_error("wechat.public_key_id and wechat.public_key_file go together");
  }
  if (!pub_id.empty()) {
    auto pub = load_public("wechat.public_key_file", pub_file);
    if (!pub.ok()) return pub.error();
    o.verify_keys[pub_id] = *pub;
  }
  if (o.verify_keys.empty()) {
    return config_error(
        "wechat.enabled needs wechat.platform_cert_file or wechat.public_key_id + "
        "public_key_file to verify WeChat Pay's answers");
  }
  return o;
}

}  // namespace md::pay
