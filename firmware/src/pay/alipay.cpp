#include "pay/alipay.h"

#include "core/clock.h"
#include "pay/http_client.h"
#include "pay/support.h"

namespace md::pay {
namespace {

constexpr Method kMe = Method::kAlipay;
constexpr const char* kNotExist = "ACQ.TRADE_NOT_EXIST";

// ---- raw JSON scanning: just enough to find where a member's value starts and ends ----

size_t skip_ws(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) ++i;
  return i;
}

// s[i] is the opening quote; returns the index after the closing one.
size_t string_end(std::string_view s, size_t i) {
  for (++i; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;  // whatever is escaped cannot end the string
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

size_t value_end(std::string_view s, size_t i) {
  if (i >= s.size()) return std::string_view::npos;
  if (s[i] == '"') return string_end(s, i);
  if (s[i] == '{' || s[i] == '[') {
    int depth = 0;
    while (i < s.size()) {
      const char c = s[i];
      if (c == '"') {
        i = string_end(s, i);
        if (i == std::string_view::npos) return i;
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        if (--depth == 0) return i + 1;
      }
      ++i;
    }
    return std::string_view::npos;
  }
  const size_t start = i;  // number, true, false, null
  while (i < s.size() && s.substr(i, 1).find_first_of(",}] \t\r\n") == std::string_view::npos) ++i;
  return i == start ? std::string_view::npos : i;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out.push_back(' ');
    } else if (s[i] == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      const int hi = hex_value(s[i + 1]);
      const int lo = hex_value(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

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

std::string alipay_sign_content(const Params& params, SignScope scope) {
  std::string out;
  for (const auto& [k, v] : params) {  // std::map: sorted by key, byte-wise (ASCII) order
    if (k == "sign") continue;
    if (scope == SignScope::kNotification && k == "sign_type") continue;
    if (scope == SignScope::kRequest && v.empty()) continue;
    if (!out.empty()) out.push_back('&');
    out += k;
    out.push_back('=');
    out += v;
  }
  return out;
}

std::string fen_to_yuan(int64_t fen) {
  const bool negative = fen < 0;
  const uint64_t abs = negative ? 0 - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  std::string cents = std::to_string(abs % 100);
  if (cents.size() < 2) cents.insert(0, "0");
  return (negative ? "-" : "") + std::to_string(abs / 100) + "." + cents;
}

std::optional<int64_t> yuan_to_fen(std::string_view text) {
  const size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view frac =
      dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  // 15 digits of yuan keep the fen far inside int64_t.
  if (whole.empty() || whole.size() > 15) return std::nullopt;
  if (dot != std::string_view::npos && (frac.empty() || frac.size() > 2)) return std::nullopt;
  int64_t fen = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    fen = fen * 10 + (c - '0');
  }
  fen *= 100;
  for (size_t i = 0; i < frac.size(); ++i) {
    if (frac[i] < '0' || frac[i] > '9') return std::nullopt;
    fen += (frac[i] - '0') * (i == 0 ? 10 : 1);
  }
  return fen;
}

std::optional<std::string_view> json_member_raw(std::string_view s, std::string_view key) {
  size_t i = skip_ws(s, 0);
  if (i >= s.size() || s[i] != '{') return std::nullopt;
  i = skip_ws(s, i + 1);
  while (i < s.size() && s[i] == '"') {
    const size_t name_end = string_end(s, i);
    if (name_end == std::string_view::npos) return std::nullopt;
    const std::string_view name = s.substr(i + 1, name_end - i - 2);
    i = skip_ws(s, name_end);
    if (i >= s.size() || s[i] != ':') return std::nullopt;
    i = skip_ws(s, i + 1);
    const size_t end = value_end(s, i);
    if (end == std::string_view::npos) return std::nullopt;
    if (name == key) return s.substr(i, end - i);
    i = skip_ws(s, end);
    if (i >= s.size() || s[i] != ',') return std::nullopt;
    i = skip_ws(s, i + 1);
  }
  return std::nullopt;
}

std::string form_encode(const Params& params) {
  static const char kHex[] = "0123456789ABCDEF";
  auto encode = [](const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '_' || c == '.' || c == '~') {
        out.push_back(static_cast<char>(c));
      } else {
        out.push_back('%');
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0x0F]);
      }
    }
    return out;
  };
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out.push_back('&');
    out += encode(k) + "=" + encode(v);
  }
  return out;
}

std::optional<Params> form_decode(std::string_view body) {
  Params out;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t amp = body.find('&', pos);
    if (amp == std::string_view::npos) amp = body.size();
    const std::string_view pair = body.substr(pos, amp - pos);
    pos = amp + 1;
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    auto name = percent_decode(pair.substr(0, eq));
    auto value = percent_decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
    if (!name || !value || name->empty()) return std::nullopt;
    // A repeated name would make "the" value ambiguous between the signature and the reader.
    if (!out.emplace(std::move(*name), std::move(*value)).second) return std::nullopt;
  }
  return out;
}

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
