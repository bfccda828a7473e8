// Alipay 当面付 client: the RSA2 signing string, yuan ↔ fen, the raw-text extraction of signed
// answers, notification verification (the published vector and our own), and the three calls
// against a local server playing the Alipay gateway with the fixture Alipay key.
#include <doctest/doctest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "config/config.h"
#include "pay/alipay.h"
#include "pay_test_support.h"

using namespace md::pay;
using md::ErrorKind;
using nlohmann::json;
using pay_test::fixture;
using pay_test::read_fixture;

namespace {

constexpr const char* kAppId = "2021000000000001";
constexpr const char* kSellerId = "2088000000000001";
constexpr const char* kUnavailableText = "支付宝暂时无法连接，请稍后再试，或选择转账汇款";

md::config::Config alipay_config(const std::string& gateway_url, int64_t timeout_s = 5) {
  auto cfg = md::config::Config::defaults();
  cfg.set("alipay.enabled", true);
  cfg.set("alipay.gateway_url", gateway_url);
  cfg.set("alipay.app_id", std::string(kAppId));
  cfg.set("alipay.seller_id", std::string(kSellerId));
  cfg.set("alipay.app_private_key_file", fixture("alipay/app_key.pem"));
  cfg.set("alipay.alipay_public_key_file", fixture("alipay/alipay_public.pem"));
  cfg.set("alipay.timeout_s", timeout_s);
  return cfg;
}

Alipay make_alipay(const std::string& url = "http://127.0.0.1:1/gateway.do",
                   int64_t timeout_s = 5) {
  auto opts = alipay_options(alipay_config(url, timeout_s));
  REQUIRE_MESSAGE(opts.ok(), opts.error().message);
  return Alipay(std::move(opts).value());
}

// A notification as Alipay would send it, signed with the fixture Alipay key.
Params notify_params() {
  return {{"notify_time", "2026-12-03 14:05:07"},
          {"notify_type", "trade_status_sync"},
          {"notify_id", "2026120300222140507000000001"},
          {"charset", "utf-8"},
          {"version", "1.0"},
          {"sign_type", "RSA2"},
          {"trade_no", "2026120322001400000000000001"},
          {"out_trade_no", "D2026000123A2"},
          {"app_id", kAppId},
          {"auth_app_id", kAppId},
          {"seller_id", kSellerId},
          {"trade_status", "TRADE_SUCCESS"},
          {"total_amount", "300.00"},
          {"receipt_amount", "300.00"},
          {"subject", "中华全国专利代理师协会2026年度会费"},
          {"gmt_create", "2026-12-03 14:04:50"},
          {"gmt_payment", "2026-12-03 14:05:06"},
          {"fund_bill_list", "[{\"amount\":\"300.00\",\"fundChannel\":\"ALIPAYACCOUNT\"}]"}};
}

NotifyRequest signed_notification(Params p) {
  p.erase("sign");
  auto sig = sign_sha256_rsa(pay_test::private_key("alipay/alipay_key.pem"),
                             alipay_sign_content(p, SignScope::kNotification));
  REQUIRE(sig.ok());
  p["sign"] = *sig;
  return {{}, "application/x-www-form-urlencoded; charset=utf-8", form_encode(p)};
}

// {"<key>":<raw>,"sign":"…"}: raw signed exactly as it is written.
pay_test::Reply signed_answer(const std::string& key, const std::string& raw) {
  auto sig = sign_sha256_rsa(pay_test::private_key("alipay/alipay_key.pem"), raw);
  REQUIRE(sig.ok());
  return {200,
          {{"Content-Type", "text/html;charset=utf-8"}},
          "{\"" + key + "\":" + raw + ",\"sign\":\"" + *sig + "\"}",
          0};
}

QrRequest qr_request() {
  return {"D2026000123A2", 30000, "中华全国专利代理师协会2026年度会费", "2026-12-03T06:05:00Z",
          "https://desk.example.org/api/v1/pay/alipay/notify"};
}

// The decoded form of a request the local gateway received, with its signature checked the way
// Alipay checks it (application public key).
Params checked_request(const pay_test::Request& r) {
  CHECK(r.method == "POST");
  CHECK(r.path == "/gateway.do");
  CHECK(r.headers.at("content-type") == "application/x-www-form-urlencoded; charset=utf-8");
  auto p = form_decode(r.body);
  REQUIRE(p);
  CHECK(verify_sha256_rsa(pay_test::public_key("alipay/app_public.pem"),
                          alipay_sign_content(*p, SignScope::kRequest), p->at("sign")));
  CHECK(p->at("app_id") == kAppId);
  CHECK(p->at("format") == "JSON");
  CHECK(p->at("charset") == "utf-8");
  CHECK(p->at("sign_type") == "RSA2");
  CHECK(p->at("version") == "1.0");
  const std::string& ts = p->at("timestamp");  // yyyy-MM-dd HH:mm:ss
  CHECK(ts.size() == 19);
  CHECK(ts[4] == '-');
  CHECK(ts[10] == ' ');
  CHECK(ts[13] == ':');
  return *p;
}

}  // namespace

TEST_CASE("pay alipay the published notification vector verifies without sign and sign_type") {
  const auto v = json::parse(read_fixture("alipay-notify-vector.json"));
  auto key = RsaKey::public_from_pem(v["alipay_public_key_base64"].get<std::string>());
  REQUIRE(key.ok());
  Params p;
  for (const auto& [k, val] : v["notification"].items()) p[k] = val.get<std::string>();
  const std::string sign = p.at("sign");
  CHECK(verify_sha256_rsa(*key, alipay_sign_content(p, SignScope::kNotification), sign) ==
        v["expected"]["verify_without_sign_and_sign_type"].get<bool>());
  // Keeping sign_type in the string (the request rule) does not verify.
  CHECK(verify_sha256_rsa(*key, alipay_sign_content(p, SignScope::kRequest), sign) ==
        v["expected"]["verify_with_sign_type_kept"].get<bool>());
  Params tampered = p;
  tampered["total_amount"] = "0.11";
  CHECK_FALSE(
      verify_sha256_rsa(*key, alipay_sign_content(tampered, SignScope::kNotification), sign));
}

TEST_CASE(
    "pay alipay the published vector goes through verify_notification up to the merchant check") {
  const auto v = json::parse(read_fixture("alipay-notify-vector.json"));
  Params p;
  for (const auto& [k, val] : v["notification"].items()) p[k] = val.get<std::string>();
  AlipayOptions o;
  o.app_id = "2019073166072302";
  o.seller_id = "2088531891668739";
  o.alipay_key = *RsaKey::public_from_pem(v["alipay_public_key_base64"].get<std::string>());
  Alipay theirs(o);
  auto t = theirs.verify_notification({{}, "application/x-www-form-urlencoded", form_encode(p)}, 0);
  REQUIRE_MESSAGE(t.ok(), t.error().message);
  CHECK(t->out_trade_no == "20190815155618536-564-57");
  CHECK(t->state == TradeState::kPaid);
  CHECK(t->amount_fen == 10);
  CHECK(t->transaction_id == "2019081522001468450512505578");
  // Signed by Alipay, but for another merchant than the one configured.
  o.seller_id = kSellerId;
  Alipay other_seller(o);
  auto refused = other_seller.verify_notification({{}, "", form_encode(p)}, 0);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "wrong_merchant");
}

TEST_CASE("pay alipay request signing string is sorted with raw values and no empty values") {
  const Params p = {{"timestamp", "2026-12-03 14:00:00"},
                    {"app_id", kAppId},
                    {"biz_content", "{\"subject\":\"会费 & 捐款\",\"total_amount\":\"300.00\"}"},
                    {"method", "alipay.trade.precreate"},
                    {"sign", "SIGNATURE"},
                    {"sign_type", "RSA2"},
                    {"notify_url", ""},
                    {"charset", "utf-8"}};
  CHECK(
      alipay_sign_content(p, SignScope::kRequest) ==
      "app_id=2021000000000001&biz_content={\"subject\":\"会费 & "
      "捐款\",\"total_amount\":\"300.00\"}"
      "&charset=utf-8&method=alipay.trade.precreate&sign_type=RSA2&timestamp=2026-12-03 14:00:00");
  CHECK(alipay_sign_content(p, SignScope::kNotification) ==
        "app_id=2021000000000001&biz_content={\"subject\":\"会费 & "
        "捐款\",\"total_amount\":\"300.00\"}"
        "&charset=utf-8&method=alipay.trade.precreate&notify_url=&timestamp=2026-12-03 14:00:00");

  Alipay ali = make_alipay();
  auto sp = ali.signed_params("alipay.trade.query", "{\"out_trade_no\":\"D1\"}", "",
                              "2026-12-03 14:00:00");
  REQUIRE(sp.ok());
  CHECK(sp->count("notify_url") == 0);
  CHECK(alipay_sign_content(*sp, SignScope::kRequest) ==
        "app_id=2021000000000001&biz_content={\"out_trade_no\":\"D1\"}&charset=utf-8&format=JSON"
        "&method=alipay.trade.query&sign_type=RSA2&timestamp=2026-12-03 14:00:00&version=1.0");
  CHECK(verify_sha256_rsa(pay_test::public_key("alipay/app_public.pem"),
                          alipay_sign_content(*sp, SignScope::kRequest), sp->at("sign")));
}

TEST_CASE("pay alipay fen to yuan") {
  CHECK(fen_to_yuan(30000) == "300.00");
  CHECK(fen_to_yuan(1) == "0.01");
  CHECK(fen_to_yuan(10) == "0.10");
  CHECK(fen_to_yuan(0) == "0.00");
  CHECK(fen_to_yuan(30010) == "300.10");
  CHECK(fen_to_yuan(123456789012) == "1234567890.12");
}

TEST_CASE("pay alipay yuan to fen accepts only plain decimals with two places") {
  CHECK(yuan_to_fen("300.00") == 30000);
  CHECK(yuan_to_fen("300.1") == 30010);
  CHECK(yuan_to_fen("300") == 30000);
  CHECK(yuan_to_fen("0.01") == 1);
  CHECK(yuan_to_fen("0.10") == 10);
  CHECK(yuan_to_fen("0") == 0);
  CHECK(yuan_to_fen("0.29") == 29);  // 0.29 is not exact in binary floating point
  CHECK(yuan_to_fen("1234567890.12") == 123456789012);
  for (const char* bad : {"1,300.00", "-1", "1e3", "0.001", "", ".5", "5.", " 1", "1 ", "+1",
                          "1.2.3", "0x10", "１", "300.00元", "1234567890123456"}) {
    CAPTURE(bad);
    CHECK_FALSE(yuan_to_fen(bad).has_value());
  }
  for (int64_t fen : {1, 9, 10, 99, 100, 101, 30000, 123456789})
    CHECK(yuan_to_fen(fen_to_yuan(fen)) == fen);
}

TEST_CASE("pay alipay raw response text is extracted exactly as written") {
  const std::string key = "alipay_trade_precreate_response";
  SUBCASE("escaped characters and nested objects are kept verbatim") {
    const std::string raw =
        "{\"code\":\"10000\",\"msg\":\"Success\",\"qr_code\":\"https:\\/\\/qr.alipay.com\\/bax0\","
        "\"note\":\"say \\\"}\\\" and {\\\\\",\"deep\":{\"a\":[1,{\"b\":\"}]\"}],\"c\":null},"
        "\"subject\":\"\\u4f1a\\u8d39\"}";
    const std::string body = "{\"" + key + "\":" + raw + ",\"sign\":\"abc\"}";
    auto got = json_member_raw(body, key);
    REQUIRE(got);
    CHECK(*got == raw);
    CHECK(json::parse(*got)["qr_code"] == "https://qr.alipay.com/bax0");
    CHECK(json_member_raw(body, "sign") == std::optional<std::string_view>("\"abc\""));
  }
  SUBCASE("whitespace around and a member before it") {
    const std::string body =
        " { \"sign\" : \"abc\" ,\n \"" + key + "\" :\t{ \"code\" : \"10000\" } }";
    CHECK(json_member_raw(body, key) ==
          std::optional<std::string_view>("{ \"code\" : \"10000\" }"));
  }
  SUBCASE("the key inside a string value or a nested object is not the member") {
    const std::string body = "{\"x\":\"\\\"" + key + "\\\":{}\",\"y\":{\"" + key +
                             "\":{\"code\":\"fake\"}},\"" + key + "\":{\"code\":\"real\"}}";
    CHECK(json_member_raw(body, key) == std::optional<std::string_view>("{\"code\":\"real\"}"));
  }
  SUBCASE("missing or malformed") {
    CHECK_FALSE(json_member_raw("{\"error_response\":{\"code\":\"40002\"}}", key));
    CHECK_FALSE(json_member_raw("[1,2]", key));
    CHECK_FALSE(json_member_raw("{\"" + key + "\":{\"code\":\"10000\"", key));
    CHECK_FALSE(json_member_raw("", key));
  }
}

TEST_CASE("pay alipay form encoding round trip") {
  const Params p = {{"subject", "会费 & 捐款=100%"}, {"a", "x+y"}, {"empty", ""}};
  const std::string enc = form_encode(p);
  CHECK(enc.find(' ') == std::string::npos);
  CHECK(enc.find("a=x%2By&") == 0);
  CHECK(form_decode(enc) == p);
  CHECK(form_decode("a=1+2&b=%E4%BC%9A") == Params{{"a", "1 2"}, {"b", "会"}});
  CHECK_FALSE(form_decode("a=1&a=2"));
  CHECK_FALSE(form_decode("a=%G1"));
  CHECK_FALSE(form_decode("a=%4"));
}

TEST_CASE("pay alipay notification verification") {
  Alipay ali = make_alipay();
  auto code = [&](const NotifyRequest& req) {
    auto t = ali.verify_notification(req, 0);
    return t.ok() ? std::string("accepted") : t.error().code;
  };
  SUBCASE("a signed TRADE_SUCCESS") {
    auto t = ali.verify_notification(signed_notification(notify_params()), 0);
    REQUIRE_MESSAGE(t.ok(), t.error().message);
    CHECK(t->out_trade_no == "D2026000123A2");
    CHECK(t->state == TradeState::kPaid);
    CHECK(t->amount_fen == 30000);
    CHECK(t->transaction_id == "2026120322001400000000000001");
    CHECK(t->paid_at == "2026-12-03 14:05:06");
  }
  SUBCASE("TRADE_FINISHED is paid, TRADE_CLOSED closed") {
    auto p = notify_params();
    p["trade_status"] = "TRADE_FINISHED";
    CHECK(ali.verify_notification(signed_notification(p), 0)->state == TradeState::kPaid);
    p["trade_status"] = "TRADE_CLOSED";
    CHECK(ali.verify_notification(signed_notification(p), 0)->state == TradeState::kClosed);
    p["trade_status"] = "SOMETHING_NEW";
    CHECK(code(signed_notification(p)) == "bad_notification");
  }
  SUBCASE("a changed value") {
    auto req = signed_notification(notify_params());
    const auto pos = req.body.find("total_amount=300.00");
    REQUIRE(pos != std::string::npos);
    req.body.replace(pos, 19, "total_amount=3.00");
    CHECK(code(req) == "bad_signature");
  }
  SUBCASE("no signature or another sign_type") {
    auto p = notify_params();
    CHECK(code({{}, "", form_encode(p)}) == "signature_missing");
    p["sign_type"] = "RSA";
    CHECK(code(signed_notification(p)) == "bad_signature");
  }
  SUBCASE("signed by somebody else") {
    auto p = notify_params();
    p["sign"] = *sign_sha256_rsa(pay_test::private_key("alipay/app_key.pem"),
                                 alipay_sign_content(p, SignScope::kNotification));
    CHECK(code({{}, "", form_encode(p)}) == "bad_signature");
  }
  SUBCASE("another app or seller") {
    auto p = notify_params();
    p["app_id"] = "2021000000000002";
    CHECK(code(signed_notification(p)) == "wrong_merchant");
    p = notify_params();
    p["seller_id"] = "2088000000000002";
    CHECK(code(signed_notification(p)) == "wrong_merchant");
    p.erase("seller_id");
    CHECK(code(signed_notification(p)) == "wrong_merchant");
  }
  SUBCASE("amounts that are not plain yuan with two decimals") {
    for (const char* bad : {"1,300.00", "-1", "1e3", "0.001", ""}) {
      CAPTURE(bad);
      auto p = notify_params();
      p["total_amount"] = bad;
      CHECK(code(signed_notification(p)) == "bad_notification");
    }
    auto p = notify_params();
    p["total_amount"] = "300.1";
    CHECK(ali.verify_notification(signed_notification(p), 0)->amount_fen == 30010);
  }
  SUBCASE("an empty value: signed with it or without it") {
    auto p = notify_params();
    p["body"] = "";
    CHECK(code(signed_notification(p)) == "accepted");
    // Signed as the request rule does (empty values dropped), as some SDKs and simulators do.
    Params non_empty = p;
    non_empty.erase("body");
    p["sign"] = *sign_sha256_rsa(pay_test::private_key("alipay/alipay_key.pem"),
                                 alipay_sign_content(non_empty, SignScope::kNotification));
    CHECK(code({{}, "", form_encode(p)}) == "accepted");
    p["total_amount"] = "3.00";
    CHECK(code({{}, "", form_encode(p)}) == "bad_signature");
  }
  SUBCASE("a malformed body") {
    CHECK(code({{}, "", "sign=a&sign=b"}) == "bad_notification");
  }
}

TEST_CASE("pay alipay notification answers") {
  Alipay ali = make_alipay();
  const NotifyAnswer ok = ali.notify_accepted();
  CHECK(ok.status == 200);
  CHECK(ok.content_type == "text/plain");
  CHECK(ok.body == "success");
  const NotifyAnswer no = ali.notify_refused(400, "金额不符");
  CHECK(no.status == 400);
  CHECK(no.body == "fail");
}

TEST_CASE("pay alipay configuration loading") {
  auto cfg = alipay_config("http://127.0.0.1:1/gateway.do");
  CHECK(alipay_options(cfg).ok());
  auto g = make_gateways(cfg);
  REQUIRE_MESSAGE(g.ok(), g.error().message);
  CHECK(g->alipay != nullptr);
  CHECK(g->wechat == nullptr);
  cfg.set("alipay.seller_id", std::string(""));
  CHECK_FALSE(alipay_options(cfg).ok());
  cfg = alipay_config("http://127.0.0.1:1/gateway.do");
  cfg.set("alipay.alipay_public_key_file", fixture("alipay/app_key.pem"));
  CHECK_FALSE(alipay_options(cfg).ok());
  cfg = alipay_config("http://127.0.0.1:1/gateway.do");
  cfg.set("alipay.app_private_key_file", fixture("alipay/absent.pem"));
  auto missing = make_gateways(cfg);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("alipay.app_private_key_file") != std::string::npos);
}

TEST_CASE("pay alipay precreate query and close against a local Alipay gateway") {
  auto& server = pay_test::Server::instance();
  Alipay ali = make_alipay(server.base_url() + "/gateway.do");
  server.set_handler(nullptr);  // each subcase starts with no requests seen

  SUBCASE("precreate") {
    server.set_handler([](const pay_test::Request&) {
      return signed_answer(
          "alipay_trade_precreate_response",
          "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"D2026000123A2\","
          "\"qr_code\":\"https:\\/\\/qr.alipay.com\\/bax08431mmewp1dsbelg0077\"}");
    });
    auto qr = ali.create_qr(qr_request());
    REQUIRE_MESSAGE(qr.ok(), qr.error().message);
    CHECK(qr->code_url == "https://qr.alipay.com/bax08431mmewp1dsbelg0077");
    const auto reqs = server.requests();
    REQUIRE(reqs.size() == 1);
    const Params p = checked_request(reqs[0]);
    CHECK(p.at("method") == "alipay.trade.precreate");
    CHECK(p.at("notify_url") == "https://desk.example.org/api/v1/pay/alipay/notify");
    CHECK(json::parse(p.at("biz_content")) ==
          json{{"out_trade_no", "D2026000123A2"},
               {"total_amount", "300.00"},
               {"subject", "中华全国专利代理师协会2026年度会费"},
               {"time_expire", "2026-12-03 14:05:00"}});
  }
  SUBCASE("query a paid trade") {
    server.set_handler([](const pay_test::Request&) {
      return signed_answer(
          "alipay_trade_query_response",
          "{\"code\":\"10000\",\"msg\":\"Success\",\"buyer_logon_id\":\"159****5620\","
          "\"out_trade_no\":\"D2026000123A2\",\"send_pay_date\":\"2026-12-03 14:05:06\","
          "\"total_amount\":\"300.00\",\"trade_no\":\"2026120322001400000000000001\","
          "\"trade_status\":\"TRADE_SUCCESS\"}");
    });
    auto t = ali.query("D2026000123A2");
    REQUIRE_MESSAGE(t.ok(), t.error().message);
    CHECK(t->state == TradeState::kPaid);
    CHECK(t->amount_fen == 30000);
    CHECK(t->transaction_id == "2026120322001400000000000001");
    CHECK(t->paid_at == "2026-12-03 14:05:06");
    const auto reqs = server.requests();
    REQUIRE(reqs.size() == 1);
    const Params p = checked_request(reqs[0]);
    CHECK(p.at("method") == "alipay.trade.query");
    CHECK(p.count("notify_url") == 0);
    CHECK(json::parse(p.at("biz_content")) == json{{"out_trade_no", "D2026000123A2"}});
  }
  SUBCASE("query a trade never scanned") {
    server.set_handler([](const pay_test::Request&) {
      return signed_answer(
          "alipay_trade_query_response",
          "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"ACQ.TRADE_NOT_EXIST\","
          "\"sub_msg\":\"交易不存在\",\"out_trade_no\":\"D1\"}");
    });
    auto t = ali.query("D1");
    REQUIRE_MESSAGE(t.ok(), t.error().message);
    CHECK(t->state == TradeState::kNotFound);
  }
  SUBCASE("close, and close of a trade never scanned") {
    server.set_handler([](const pay_test::Request&) {
      return signed_answer("alipay_trade_close_response",
                           "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"D1\"}");
    });
    CHECK(ali.close("D1").ok());
    const auto reqs = server.requests();
    REQUIRE(reqs.size() == 1);
    CHECK(checked_request(reqs[0]).at("method") == "alipay.trade.close");
    server.set_handler([](const pay_test::Request&) {
      return signed_answer(
          "alipay_trade_close_response",
          "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"ACQ.TRADE_NOT_EXIST\"}");
    });
    CHECK(ali.close("D1").ok());
  }
  SUBCASE("close of a paid trade is a conflict") {
    server.set_handler([](const pay_test::Request&) {
      return signed_answer("alipay_trade_close_response",
                           "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":"
                           "\"ACQ.TRADE_STATUS_ERROR\",\"sub_msg\":\"交易状态不合法\"}");
    });
    auto st = ali.close("D1");
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().kind == ErrorKind::kConflict);
  }
  SUBCASE("an answer whose text was changed after signing is refused") {
    server.set_handler([](const pay_test::Request&) {
      auto r = signed_answer("alipay_trade_precreate_response",
                             "{\"code\":\"10000\",\"out_trade_no\":\"D2026000123A2\",\"qr_code\":"
                             "\"https://qr.alipay.com/genuine\"}");
      r.body.replace(r.body.find("genuine"), 7, "forged0");
      return r;
    });
    auto qr = ali.create_qr(qr_request());
    REQUIRE_FALSE(qr.ok());
    CHECK(qr.error().kind == ErrorKind::kInternal);
  }
  SUBCASE("a re-serialized answer does not verify: the raw text is what is signed") {
    server.set_handler([](const pay_test::Request&) {
      const std::string raw =
          "{\"code\":\"10000\",\"out_trade_no\":\"D2026000123A2\",\"qr_code\":\"https:\\/\\/"
          "qr.alipay.com\\/x\"}";
      auto r = signed_answer("alipay_trade_precreate_response", raw);
      const std::string reserialized = json::parse(raw).dump();  // "https://…" without the escapes
      r.body.replace(r.body.find(raw), raw.size(), reserialized);
      return r;
    });
    CHECK(ali.create_qr(qr_request()).error().kind == ErrorKind::kInternal);
  }
  SUBCASE("an unsigned trade-not-exist is not trusted") {
    server.set_handler([](const pay_test::Request&) {
      return pay_test::Reply{200,
                             {},
                             "{\"alipay_trade_query_response\":{\"code\":\"40004\",\"sub_code\":"
                             "\"ACQ.TRADE_NOT_EXIST\"}}",
                             0};
    });
    CHECK(ali.query("D1").error().kind == ErrorKind::kInternal);
  }
  SUBCASE("a business refusal") {
    server.set_handler([](const pay_test::Request&) {
      return signed_answer(
          "alipay_trade_precreate_response",
          "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"ACQ.TOTAL_FEE_EXCEED\"}");
    });
    CHECK(ali.create_qr(qr_request()).error().kind == ErrorKind::kInvalidArgument);
  }
  SUBCASE("a gateway error_response") {
    server.set_handler([](const pay_test::Request&) {
      return pay_test::Reply{200,
                             {},
                             "{\"error_response\":{\"code\":\"40002\",\"msg\":\"Invalid "
                             "Arguments\",\"sub_code\":\"isv.invalid-app-id\"}}",
                             0};
    });
    CHECK(ali.create_qr(qr_request()).error().kind == ErrorKind::kInvalidArgument);
  }
  SUBCASE("service unavailable (code 20000) and HTTP 500") {
    server.set_handler([](const pay_test::Request&) {
      return signed_answer("alipay_trade_query_response",
                           "{\"code\":\"20000\",\"msg\":\"Service Currently "
                           "Unavailable\",\"sub_code\":\"aop.unknow-error\"}");
    });
    CHECK(ali.query("D1").error().kind == ErrorKind::kUnavailable);
    server.set_handler([](const pay_test::Request&) {
      return pay_test::Reply{500, {}, "oops", 0};
    });
    auto qr = ali.create_qr(qr_request());
    REQUIRE_FALSE(qr.ok());
    CHECK(qr.error().kind == ErrorKind::kUnavailable);
    CHECK(qr.error().message == kUnavailableText);
  }
}

TEST_CASE("pay alipay a slow gateway times out as unavailable") {
  auto& server = pay_test::Server::instance();
  Alipay ali = make_alipay(server.base_url() + "/gateway.do", 1);
  server.set_handler([](const pay_test::Request&) {
    auto r = signed_answer("alipay_trade_query_response", "{\"code\":\"10000\"}");
    r.delay_ms = 2000;
    return r;
  });
  const auto start = std::chrono::steady_clock::now();
  auto t = ali.query("D1");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().kind == ErrorKind::kUnavailable);
  CHECK(t.error().message == kUnavailableText);
  CHECK(elapsed < std::chrono::milliseconds(1800));
}
