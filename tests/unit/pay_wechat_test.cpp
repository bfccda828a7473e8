// WeChat Pay API v3 client: request signing, answer and notification verification, resource
// decryption, and the three calls against a local server playing WeChat Pay with the fixture
// platform keys.
#include <doctest/doctest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "config/config.h"
#include "core/clock.h"
#include "pay/wechat_pay.h"
#include "pay_test_support.h"

using namespace md::pay;
using md::ErrorKind;
using nlohmann::json;
using pay_test::fixture;
using pay_test::read_fixture;
using Headers = std::map<std::string, std::string>;

namespace {

constexpr const char* kMchid = "1900000001";
constexpr const char* kAppid = "wx8a5f0c1d2e3b4a59";
constexpr const char* kMerchantSerial = "3775B6A45ACD588826D15E583A95F5DD2C6F5D0D";
constexpr const char* kPlatformSerial = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
constexpr const char* kPubKeyId = "PUB_KEY_ID_0119000000012026120300000000000001";
constexpr const char* kUnavailableText = "微信支付暂时无法连接，请稍后再试，或选择转账汇款";

md::config::Config wechat_config(const std::string& api_base, int64_t timeout_s = 5) {
  auto cfg = md::config::Config::defaults();
  cfg.set("wechat.enabled", true);
  cfg.set("wechat.api_base", api_base);
  cfg.set("wechat.mchid", std::string(kMchid));
  cfg.set("wechat.appid", std::string(kAppid));
  cfg.set("wechat.merchant_serial_no", std::string(kMerchantSerial));
  cfg.set("wechat.merchant_key_file", fixture("wechat/merchant_key.pem"));
  cfg.set("wechat.apiv3_key_file", fixture("wechat/apiv3.key"));
  cfg.set("wechat.platform_cert_file", fixture("wechat/platform_cert.pem"));
  cfg.set("wechat.public_key_id", std::string(kPubKeyId));
  cfg.set("wechat.public_key_file", fixture("wechat/pubkey.pem"));
  cfg.set("wechat.timeout_s", timeout_s);
  return cfg;
}

WechatPay make_wechat(const std::string& api_base = "http://127.0.0.1:1", int64_t timeout_s = 5) {
  auto opts = wechat_options(wechat_config(api_base, timeout_s));
  REQUIRE_MESSAGE(opts.ok(), opts.error().message);
  return WechatPay(std::move(opts).value());
}

// The Wechatpay-* headers WeChat Pay would send with body, signed with the fixture key `key_rel`.
Headers signed_headers(const std::string& body, const std::string& key_rel,
                       const std::string& serial, int64_t ts,
                       const std::string& nonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS") {
  auto sig = sign_sha256_rsa(pay_test::private_key(key_rel),
                             wechat_answer_message(std::to_string(ts), nonce, body));
  REQUIRE(sig.ok());
  return {{"wechatpay-timestamp", std::to_string(ts)},
          {"wechatpay-nonce", nonce},
          {"wechatpay-signature", *sig},
          {"wechatpay-serial", serial},
          {"wechatpay-signature-type", "WECHATPAY2-SHA256-RSA2048"}};
}

std::string notification_body(const json& resource) {
  return json{{"id", "EV-2018022511223320873"},
              {"create_time", "2026-12-03T14:05:07+08:00"},
              {"resource_type", "encrypt-resource"},
              {"event_type", "TRANSACTION.SUCCESS"},
              {"summary", "支付成功"},
              {"resource", resource}}
      .dump();
}

json vector(const char* name) {
  return json::parse(read_fixture("wechat/notify-vectors.json"))[name]["resource"];
}

NotifyRequest notification(const std::string& body, const std::string& key_rel,
                           const std::string& serial, int64_t ts) {
  return {signed_headers(body, key_rel, serial, ts), "application/json", body};
}

// A WeChat Pay answer signed with the platform certificate's key, as the real one signs.
pay_test::Reply signed_reply(int status, const std::string& body,
                             const std::string& key_rel = "wechat/platform_key.pem",
                             const std::string& serial = kPlatformSerial) {
  pay_test::Reply r{status, {}, body, 0};
  for (const auto& [k, v] : signed_headers(body, key_rel, serial, md::core::now_unix())) {
    r.headers.emplace_back(k, v);
  }
  if (!body.empty()) r.headers.emplace_back("Content-Type", "application/json");
  return r;
}

// name="value" pairs of an Authorization header after its scheme.
Headers parse_authorization(const std::string& h, std::string* scheme) {
  Headers out;
  const auto space = h.find(' ');
  *scheme = h.substr(0, space);
  size_t pos = space + 1;
  while (pos < h.size()) {
    const auto eq = h.find("=\"", pos);
    const auto close = h.find('"', eq + 2);
    if (eq == std::string::npos || close == std::string::npos) break;
    out[h.substr(pos, eq - pos)] = h.substr(eq + 2, close - eq - 2);
    pos = close + 2;  // past `",`
  }
  return out;
}

// Checks one request the local server received the way WeChat Pay checks it.
void check_signed_request(const pay_test::Request& r) {
  std::string scheme;
  const auto auth = parse_authorization(r.headers.at("authorization"), &scheme);
  CHECK(scheme == "WECHATPAY2-SHA256-RSA2048");
  CHECK(auth.at("mchid") == kMchid);
  CHECK(auth.at("serial_no") == kMerchantSerial);
  CHECK(auth.at("nonce_str").size() == 32);
  const int64_t ts = std::stoll(auth.at("timestamp"));
  CHECK(std::abs(ts - md::core::now_unix()) < 60);
  const std::string url = r.path + (r.query.empty() ? "" : "?" + r.query);
  CHECK(verify_sha256_rsa(pay_test::public_key("wechat/merchant_public.pem"),
                          wechat_request_message(r.method, url, ts, auth.at("nonce_str"), r.body),
                          auth.at("signature")));
  CHECK(r.headers.at("accept") == "application/json");
  CHECK(r.headers.at("user-agent").rfind("memberdesk/", 0) == 0);
}

QrRequest qr_request() {
  return {"D2026000123A1", 30000, "中华全国专利代理师协会2026年度会费", "2026-12-03T06:05:00Z",
          "https://desk.example.org/api/v1/pay/wechat/notify"};
}

}  // namespace

TEST_CASE("pay wechat the signed request message is METHOD URL timestamp nonce body") {
  CHECK(wechat_request_message("GET", "/v3/pay/transactions/out-trade-no/D1?mchid=1900000001",
                               1764748800, "NONCE1", "") ==
        "GET\n/v3/pay/transactions/out-trade-no/D1?mchid=1900000001\n1764748800\nNONCE1\n\n");
  CHECK(
      wechat_request_message("POST", "/v3/pay/transactions/native", 1764748800, "N", "{\"a\":1}") ==
      "POST\n/v3/pay/transactions/native\n1764748800\nN\n{\"a\":1}\n");
  CHECK(wechat_answer_message("1764748800", "N", "{}") == "1764748800\nN\n{}\n");
}

TEST_CASE("pay wechat authorization header has the documented form") {
  WechatPay wx = make_wechat();
  const std::string body = "{\"mchid\":\"1900000001\"}";
  auto h = wx.authorization("POST", "/v3/pay/transactions/out-trade-no/D1/close", body, 1764748800,
                            "593BEC0C930BF1AFEB40B4A08C8FB242");
  REQUIRE(h.ok());
  auto sig = sign_sha256_rsa(pay_test::private_key("wechat/merchant_key.pem"),
                             "POST\n/v3/pay/transactions/out-trade-no/D1/close\n1764748800\n"
                             "593BEC0C930BF1AFEB40B4A08C8FB242\n{\"mchid\":\"1900000001\"}\n");
  REQUIRE(sig.ok());
  CHECK(*h ==
        "WECHATPAY2-SHA256-RSA2048 "
        "mchid=\"1900000001\",nonce_str=\"593BEC0C930BF1AFEB40B4A08C8FB242\","
        "signature=\"" +
            *sig + "\",timestamp=\"1764748800\",serial_no=\"" + kMerchantSerial + "\"");
}

TEST_CASE("pay wechat notification signed with the platform certificate decrypts to the trade") {
  WechatPay wx = make_wechat();
  const int64_t now = 1764748800;
  const auto req = notification(notification_body(vector("paid")), "wechat/platform_key.pem",
                                kPlatformSerial, now - 30);
  auto t = wx.verify_notification(req, now);
  REQUIRE_MESSAGE(t.ok(), t.error().message);
  CHECK(t->out_trade_no == "D2026000123A1");
  CHECK(t->state == TradeState::kPaid);
  CHECK(t->transaction_id == "4200002026120312345678901234");
  CHECK(t->amount_fen == 30000);
  CHECK(t->paid_at == "2026-12-03T14:05:06+08:00");
}

TEST_CASE("pay wechat notification signed with the public key id verifies") {
  WechatPay wx = make_wechat();
  const int64_t now = 1764748800;
  auto t = wx.verify_notification(notification(notification_body(vector("paid")),
                                               "wechat/pubkey_key.pem", kPubKeyId, now + 200),
                                  now);
  REQUIRE_MESSAGE(t.ok(), t.error().message);
  CHECK(t->state == TradeState::kPaid);
  // Each serial selects its own key: the public key's signature under the certificate's serial
  // fails.
  CHECK_FALSE(wx.verify_notification(notification(notification_body(vector("paid")),
                                                  "wechat/pubkey_key.pem", kPlatformSerial, now),
                                     now)
                  .ok());
}

TEST_CASE("pay wechat notification refusals") {
  WechatPay wx = make_wechat();
  const int64_t now = 1764748800;
  const std::string body = notification_body(vector("paid"));
  auto refused_code = [&](const NotifyRequest& req) {
    auto t = wx.verify_notification(req, now);
    return t.ok() ? std::string("accepted") : t.error().code;
  };
  const std::string key = "wechat/platform_key.pem";

  SUBCASE("stale timestamp") {
    CHECK(refused_code(notification(body, key, kPlatformSerial, now - 301)) == "stale_timestamp");
    CHECK(refused_code(notification(body, key, kPlatformSerial, now + 301)) == "stale_timestamp");
    CHECK(refused_code(notification(body, key, kPlatformSerial, now - 300)) == "accepted");
  }
  SUBCASE("SIGNTEST probe") {
    auto req = notification(body, key, kPlatformSerial, now);
    req.headers["wechatpay-signature"] = "WECHATPAY/SIGNTEST/" + req.headers["wechatpay-signature"];
    CHECK(refused_code(req) == "signtest");
  }
  SUBCASE("unknown serial") {
    CHECK(refused_code(notification(body, key, "0123456789ABCDEF", now)) == "unknown_serial");
  }
  SUBCASE("missing headers") {
    auto req = notification(body, key, kPlatformSerial, now);
    req.headers.erase("wechatpay-nonce");
    CHECK(refused_code(req) == "signature_missing");
  }
  SUBCASE("body changed after signing") {
    auto req = notification(body, key, kPlatformSerial, now);
    req.body.insert(1, " ");
    CHECK(refused_code(req) == "bad_signature");
  }
  SUBCASE("signed with another key") {
    CHECK(refused_code(notification(body, "wechat/merchant_key.pem", kPlatformSerial, now)) ==
          "bad_signature");
  }
  SUBCASE("another merchant") {
    const std::string other = notification_body(vector("other_merchant"));
    CHECK(refused_code(notification(other, key, kPlatformSerial, now)) == "wrong_merchant");
  }
  SUBCASE("tampered ciphertext (signed again, so only the GCM tag can tell)") {
    json res = vector("paid");
    std::string ct = *base64_decode(res["ciphertext"].get<std::string>());
    ct[20] ^= 0x01;
    res["ciphertext"] = base64_encode(ct);
    CHECK(refused_code(notification(notification_body(res), key, kPlatformSerial, now)) ==
          "decrypt_failed");
  }
  SUBCASE("another associated_data") {
    json res = vector("paid");
    res["associated_data"] = "certificate";
    CHECK(refused_code(notification(notification_body(res), key, kPlatformSerial, now)) ==
          "decrypt_failed");
  }
  SUBCASE("not a payment event") {
    json j = json::parse(body);
    j["event_type"] = "REFUND.SUCCESS";
    CHECK(refused_code(notification(j.dump(), key, kPlatformSerial, now)) == "bad_notification");
  }
}

TEST_CASE("pay wechat notification answers") {
  WechatPay wx = make_wechat();
  const NotifyAnswer ok = wx.notify_accepted();
  CHECK(ok.status == 204);
  CHECK(ok.body.empty());
  const NotifyAnswer no = wx.notify_refused(400, "金额不符");
  CHECK(no.status == 400);
  CHECK(no.content_type == "application/json");
  CHECK(json::parse(no.body) == json{{"code", "FAIL"}, {"message", "金额不符"}});
  // A 2xx would tell WeChat Pay the notification was taken.
  CHECK(wx.notify_refused(200, "x").status == 500);
}

TEST_CASE("pay wechat configuration loading") {
  auto cfg = wechat_config("http://127.0.0.1:1/");
  SUBCASE("both key kinds are in the serial map") {
    auto o = wechat_options(cfg);
    REQUIRE(o.ok());
    CHECK(o->verify_keys.count(kPlatformSerial) == 1);
    CHECK(o->verify_keys.count(kPubKeyId) == 1);
    CHECK(o->api_base == "http://127.0.0.1:1");
    CHECK(o->apiv3_key.size() == 32);
  }
  SUBCASE("no key to verify answers is an error") {
    cfg.set("wechat.platform_cert_file", std::string(""));
    cfg.set("wechat.public_key_id", std::string(""));
    cfg.set("wechat.public_key_file", std::string(""));
    CHECK_FALSE(wechat_options(cfg).ok());
  }
  SUBCASE("a missing key file is an error naming the key") {
    cfg.set("wechat.merchant_key_file", fixture("wechat/absent.pem"));
    auto o = wechat_options(cfg);
    REQUIRE_FALSE(o.ok());
    CHECK(o.error().message.find("wechat.merchant_key_file") != std::string::npos);
  }
  SUBCASE("an APIv3 key that is not 32 bytes is an error") {
    cfg.set("wechat.apiv3_key_file", fixture("wechat/merchant_public.pem"));
    CHECK_FALSE(wechat_options(cfg).ok());
  }
  SUBCASE("make_gateways builds only what is enabled") {
    auto g = make_gateways(cfg);
    REQUIRE_MESSAGE(g.ok(), g.error().message);
    CHECK(g->wechat != nullptr);
    CHECK(g->alipay == nullptr);
    CHECK(g->get(Method::kWechat)->method() == Method::kWechat);
    cfg.set("wechat.enabled", false);
    auto none = make_gateways(cfg);
    REQUIRE(none.ok());
    CHECK(none->wechat == nullptr);
  }
}

TEST_CASE("pay wechat create_qr query and close against a local WeChat Pay") {
  auto& server = pay_test::Server::instance();
  WechatPay wx = make_wechat(server.base_url());
  server.set_handler(nullptr);  // each subcase starts with no requests seen

  SUBCASE("create_qr") {
    server.set_handler([](const pay_test::Request&) {
      return signed_reply(200, "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=p4lpSuKzz\"}");
    });
    auto qr = wx.create_qr(qr_request());
    REQUIRE_MESSAGE(qr.ok(), qr.error().message);
    CHECK(qr->code_url == "weixin://wxpay/bizpayurl?pr=p4lpSuKzz");
    const auto reqs = server.requests();
    REQUIRE(reqs.size() == 1);
    CHECK(reqs[0].method == "POST");
    CHECK(reqs[0].path == "/v3/pay/transactions/native");
    CHECK(reqs[0].headers.at("content-type") == "application/json");
    check_signed_request(reqs[0]);
    const json body = json::parse(reqs[0].body);
    CHECK(body == json{{"appid", kAppid},
                       {"mchid", kMchid},
                       {"description", "中华全国专利代理师协会2026年度会费"},
                       {"out_trade_no", "D2026000123A1"},
                       {"time_expire", "2026-12-03T14:05:00+08:00"},
                       {"notify_url", "https://desk.example.org/api/v1/pay/wechat/notify"},
                       {"amount", {{"total", 30000}, {"currency", "CNY"}}}});
  }
  SUBCASE("create_qr refuses a bad request before sending it") {
    QrRequest req = qr_request();
    req.out_trade_no = "D2026/../x";
    auto qr = wx.create_qr(req);
    REQUIRE_FALSE(qr.ok());
    CHECK(qr.error().kind == ErrorKind::kInvalidArgument);
    CHECK(server.requests().empty());
  }
  SUBCASE("query a paid trade") {
    server.set_handler([](const pay_test::Request&) {
      return signed_reply(
          200, json{{"appid", kAppid},
                    {"mchid", kMchid},
                    {"out_trade_no", "D2026000123A1"},
                    {"transaction_id", "4200002026120312345678901234"},
                    {"trade_type", "NATIVE"},
                    {"trade_state", "SUCCESS"},
                    {"success_time", "2026-12-03T14:05:06+08:00"},
                    {"amount", {{"total", 30000}, {"payer_total", 29900}, {"currency", "CNY"}}}}
                   .dump());
    });
    auto t = wx.query("D2026000123A1");
    REQUIRE_MESSAGE(t.ok(), t.error().message);
    CHECK(t->state == TradeState::kPaid);
    CHECK(t->amount_fen == 30000);
    CHECK(t->transaction_id == "4200002026120312345678901234");
    CHECK(t->paid_at == "2026-12-03T14:05:06+08:00");
    const auto reqs = server.requests();
    REQUIRE(reqs.size() == 1);
    CHECK(reqs[0].method == "GET");
    CHECK(reqs[0].path == "/v3/pay/transactions/out-trade-no/D2026000123A1");
    CHECK(reqs[0].query == "mchid=1900000001");
    check_signed_request(reqs[0]);
  }
  SUBCASE("query a waiting trade") {
    server.set_handler([](const pay_test::Request&) {
      return signed_reply(200, json{{"appid", kAppid},
                                    {"mchid", kMchid},
                                    {"out_trade_no", "D1"},
                                    {"trade_state", "NOTPAY"},
                                    {"amount", {{"total", 30000}}}}
                                   .dump());
    });
    auto t = wx.query("D1");
    REQUIRE_MESSAGE(t.ok(), t.error().message);
    CHECK(t->state == TradeState::kNotPaid);
  }
  SUBCASE("query an unknown trade") {
    server.set_handler([](const pay_test::Request&) {
      return signed_reply(404, "{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"订单不存在\"}");
    });
    auto t = wx.query("D404");
    REQUIRE_MESSAGE(t.ok(), t.error().message);
    CHECK(t->state == TradeState::kNotFound);
  }
  SUBCASE("query answered about another trade is refused") {
    server.set_handler([](const pay_test::Request&) {
      return signed_reply(200, json{{"mchid", kMchid},
                                    {"out_trade_no", "OTHER"},
                                    {"transaction_id", "42"},
                                    {"trade_state", "SUCCESS"},
                                    {"amount", {{"total", 1}}}}
                                   .dump());
    });
    auto t = wx.query("D1");
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().kind == ErrorKind::kInternal);
  }
  SUBCASE("close") {
    server.set_handler([](const pay_test::Request&) { return signed_reply(204, ""); });
    CHECK(wx.close("D2026000123A1").ok());
    const auto reqs = server.requests();
    REQUIRE(reqs.size() == 1);
    CHECK(reqs[0].method == "POST");
    CHECK(reqs[0].path == "/v3/pay/transactions/out-trade-no/D2026000123A1/close");
    CHECK(json::parse(reqs[0].body) == json{{"mchid", kMchid}});
    check_signed_request(reqs[0]);
  }
  SUBCASE("close of a paid trade is a conflict") {
    server.set_handler([](const pay_test::Request&) {
      return signed_reply(400, "{\"code\":\"ORDERPAID\",\"message\":\"订单已支付\"}");
    });
    auto st = wx.close("D1");
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().kind == ErrorKind::kConflict);
  }
  SUBCASE("close of an unknown trade is success") {
    server.set_handler([](const pay_test::Request&) {
      return signed_reply(404, "{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"订单不存在\"}");
    });
    CHECK(wx.close("D1").ok());
  }
  SUBCASE("an answer with a bad signature is refused") {
    server.set_handler([](const pay_test::Request&) {
      auto r = signed_reply(200, "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=genuine\"}");
      r.body = "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=forged0\"}";
      return r;
    });
    auto qr = wx.create_qr(qr_request());
    REQUIRE_FALSE(qr.ok());
    CHECK(qr.error().kind == ErrorKind::kInternal);
  }
  SUBCASE("an answer signed under an unknown serial is refused") {
    server.set_handler([](const pay_test::Request&) {
      return signed_reply(204, "", "wechat/platform_key.pem", "00AA");
    });
    auto st = wx.close("D1");
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().kind == ErrorKind::kInternal);
  }
  SUBCASE("an unsigned answer is refused") {
    server.set_handler([](const pay_test::Request&) {
      return pay_test::Reply{200, {}, "{\"code_url\":\"weixin://x\"}", 0};
    });
    CHECK(wx.create_qr(qr_request()).error().kind == ErrorKind::kInternal);
  }
  SUBCASE("a 500 is unavailable") {
    server.set_handler([](const pay_test::Request&) {
      return pay_test::Reply{500, {}, "{\"code\":\"SYSTEM_ERROR\",\"message\":\"系统错误\"}", 0};
    });
    auto qr = wx.create_qr(qr_request());
    REQUIRE_FALSE(qr.ok());
    CHECK(qr.error().kind == ErrorKind::kUnavailable);
    CHECK(qr.error().message == kUnavailableText);
  }
  SUBCASE("a refused request is kInvalidArgument") {
    server.set_handler([](const pay_test::Request&) {
      return signed_reply(400, "{\"code\":\"PARAM_ERROR\",\"message\":\"参数错误\"}");
    });
    CHECK(wx.create_qr(qr_request()).error().kind == ErrorKind::kInvalidArgument);
  }
}

TEST_CASE("pay wechat a slow gateway times out as unavailable") {
  auto& server = pay_test::Server::instance();
  WechatPay wx = make_wechat(server.base_url(), 1);
  server.set_handler([](const pay_test::Request&) {
    auto r = signed_reply(200, "{\"code_url\":\"weixin://late\"}");
    r.delay_ms = 2000;
    return r;
  });
  const auto start = std::chrono::steady_clock::now();
  auto qr = wx.create_qr(qr_request());
  const auto elapsed = std::chrono::steady_clock::now() - start;
  REQUIRE_FALSE(qr.ok());
  CHECK(qr.error().kind == ErrorKind::kUnavailable);
  CHECK(qr.error().message == kUnavailableText);
  CHECK(elapsed < std::chrono::milliseconds(1800));
  CHECK(elapsed >= std::chrono::milliseconds(900));
}

TEST_CASE("pay wechat an unreachable gateway is unavailable") {
  WechatPay wx = make_wechat("http://127.0.0.1:1");
  auto t = wx.query("D1");
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().kind == ErrorKind::kUnavailable);
}
