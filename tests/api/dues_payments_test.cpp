// QR payments against the payment simulator (tests/paysim, an independent Node implementation of
// WeChat Pay v3 and Alipay): opening a QR, notifications that are genuine, duplicated, reordered,
// replayed, forged, tampered, stale, SIGNTEST probes or of the wrong amount, a lost notification
// found by the query, and gateways that fail or time out. Every paid order is credited once.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>

#include "demo/demo_approve.h"
#include "harness.h"
#include "memberdesk/qr/qr.h"
#include "dues/qr_payments.h"
#include "paysim_process.h"
#include "store/directory_cache.h"

using apitest::DaemonOptions;
using apitest::HttpClient;
using apitest::HttpResponse;
using apitest::Json;
using apitest::Paysim;
using apitest::sql_int;
using apitest::sql_text;
using apitest::TestDaemon;

namespace {

const std::string kPw = "Member2026x";

DaemonOptions options(const Paysim& sim, int timeout_s = 5) {
  DaemonOptions o;
  o.toml = sim.daemon_toml(timeout_s);
  for (const char* login : {"11001", "31002", "1100001", "1100002", "3100003"}) o.member_passwords[login] = kPw;
  return o;
}

int year_now() { return std::stoi(md::store::today_shanghai().substr(0, 4)); }

void approve(const TestDaemon& d, std::initializer_list<const char*> logins) {
  auto db = d.open_db();
  for (const char* l : logins) REQUIRE(md::demo::approve_for_demo(*db, l).ok());
}

int64_t member_id(const TestDaemon& d, const std::string& login) {
  return sql_int(d, "SELECT id FROM members WHERE login_id = '" + login + "'");
}

// Logs in as the agency and places an order for itself and its two attorneys (1,600 元).
struct Placed {
  int64_t id;
  std::string order_no;
};
Placed agency_order(const TestDaemon& d, HttpClient& c) {
  REQUIRE(c.login_member("11001", kPw).status == 200);
  Json body = {{"year", year_now()},
               {"member_ids", {member_id(d, "11001"), member_id(d, "1100001"), member_id(d, "1100002")}},
               {"contact", {{"name", "陈静"}, {"mobile", "13912345678"}, {"email", "chen@example.cn"}}}};
  auto r = c.post("/member/dues/orders", body);
  REQUIRE(r.status == 201);
  return {r.body["order"]["id"].get<int64_t>(), r.body["order"]["order_no"].get<std::string>()};
}

HttpResponse pay(HttpClient& c, int64_t order, const std::string& method) {
  return c.post("/member/dues/orders/" + std::to_string(order) + "/pay", {{"method", method}});
}

std::string order_status(const TestDaemon& d, int64_t id) {
  return sql_text(d, "SELECT status FROM dues_orders WHERE id = " + std::to_string(id));
}

int64_t credited(const TestDaemon& d, int64_t id) {
  return sql_int(d, "SELECT COUNT(*) FROM payments WHERE outcome = 'credited' AND order_id = " + std::to_string(id));
}

}  // namespace

TEST_CASE("an agency pays for itself and two attorneys by WeChat and the notification credits it once") {
  Paysim sim;
  TestDaemon d(options(sim));
  approve(d, {"11001", "1100001", "1100002"});
  HttpClient c(d.port());
  const auto order = agency_order(d, c);
  REQUIRE(sim.post("/_sim/switches", {{"duplicate", 2}}).is_object());
  auto r = pay(c, order.id, "wechat");
  REQUIRE(r.status == 200);
  const Json a = r.body["attempt"];
  CHECK(a["method_label"] == "微信支付");
  CHECK(a["amount_fen"] == 160000);
  CHECK(a["seconds_left"].get<int>() > 200);
  CHECK(a["out_trade_no"] == order.order_no + "W01");
  // The QR on screen carries exactly the gateway's code_url (decoded back with ZXing).
  auto m = md::qr::encode(a["code_url"].get<std::string>());
  REQUIRE(m.ok());
  CHECK(md::qr::decode_png(md::qr::to_png(*m, 4)) == a["code_url"].get<std::string>());
  CHECK(a["qr_svg"].get<std::string>().rfind("<svg", 0) == 0);
  // Our request was signed correctly: the simulator checked it.
  auto requests = sim.get("/_sim/requests?gateway=wechat");
  REQUIRE(!requests["requests"].empty());
  for (const auto& q : requests["requests"]) CHECK(q["signature_ok"] == true);
  // The same method again while the QR is valid gives the same QR.
  CHECK(pay(c, order.id, "wechat").body["attempt"]["out_trade_no"] == a["out_trade_no"]);

  auto paid = sim.post("/_sim/pay", {{"method", "wechat"}, {"out_trade_no", a["out_trade_no"]}});
  REQUIRE(paid["ok"] == true);
  CHECK(paid["deliveries"].size() == 3);
  for (const auto& del : paid["deliveries"]) CHECK(del["status"].get<int>() / 100 == 2);
  CHECK(order_status(d, order.id) == "paid");
  CHECK(credited(d, order.id) == 1);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM payments") == 1);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM members WHERE login_id IN ('11001','1100001','1100002') AND status = 'active' AND valid_until = '" + std::to_string(year_now()) + "-12-31'") == 3);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM sms_outbox WHERE event = 'dues_paid'") == 1);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM messages WHERE title = '会费缴纳成功'") == 3);
  // Each item's member got this year's certificate in the paying transaction, once.
  CHECK(sql_int(d, "SELECT COUNT(DISTINCT member_id) FROM certificates WHERE status = 'valid' AND issue_reason = "
                   "'dues_paid' AND year = " + std::to_string(year_now())) == 3);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM certificates") == 3);
  auto status = c.get("/member/dues/orders/" + std::to_string(order.id) + "/status");
  CHECK(status.body["paid"] == true);
  CHECK(c.get("/member/dues/orders/" + std::to_string(order.id) + "/receipt").body["receipt"]["method_label"] == "微信支付");
  CHECK(pay(c, order.id, "alipay").status == 409);
  // A replay of the genuine notification changes nothing.
  sim.post("/_sim/notify", {{"method", "wechat"}, {"out_trade_no", a["out_trade_no"]}});
  CHECK(sql_int(d, "SELECT COUNT(*) FROM payments") == 1);
}

TEST_CASE("an attorney pays personally by Alipay and the answer is exactly success") {
  Paysim sim;
  TestDaemon d(options(sim));
  approve(d, {"31002", "3100003"});
  HttpClient c(d.port());
  REQUIRE(c.login_member("3100003", kPw).status == 200);
  REQUIRE(c.post("/member/dues/attorney-choice", {{"year", year_now()}, {"choice", "personal"}}).status == 200);
  auto o = c.post("/member/dues/orders", {{"year", year_now()}, {"member_ids", {member_id(d, "3100003")}},
                                          {"contact", {{"name", "李娜"}, {"mobile", "13812345678"}, {"email", "li@example.cn"}}}});
  REQUIRE(o.status == 201);
  const int64_t id = o.body["order"]["id"];
  auto r = pay(c, id, "alipay");
  REQUIRE(r.status == 200);
  CHECK(r.body["attempt"]["method_label"] == "支付宝支付");
  auto paid = sim.post("/_sim/pay", {{"method", "alipay"}, {"out_trade_no", r.body["attempt"]["out_trade_no"]}});
  REQUIRE(paid["deliveries"].size() == 1);
  CHECK(paid["deliveries"][0]["body"] == "success");
  CHECK(order_status(d, id) == "paid");
  CHECK(sql_text(d, "SELECT paid_method FROM dues_orders WHERE id = " + std::to_string(id)) == "alipay");
  // Held in a local: a range-for over a member of the temporary would read it after it is freed
  // (found by tests/fuzz/sanitize-api.sh, heap-use-after-free).
  const Json alipay_requests = sim.get("/_sim/requests?gateway=alipay");
  for (const auto& q : alipay_requests["requests"]) CHECK(q["signature_ok"] == true);
}

TEST_CASE("forged tampered stale and probe notifications change nothing and are logged") {
  Paysim sim;
  TestDaemon d(options(sim));
  approve(d, {"11001", "1100001", "1100002"});
  HttpClient c(d.port());
  const auto order = agency_order(d, c);
  const std::string no = pay(c, order.id, "wechat").body["attempt"]["out_trade_no"];
  sim.post("/_sim/switches", {{"notify", "hold"}});
  REQUIRE(sim.post("/_sim/pay", {{"method", "wechat"}, {"out_trade_no", no}})["held"] == true);
  sim.post("/_sim/switches", {{"notify", "send"}, {"retry_ms", Json::array()}});
  for (const char* bad : {"forge", "tamper", "stale", "signtest"}) {
    auto r = sim.post("/_sim/notify", {{"method", "wechat"}, {"out_trade_no", no}, {bad, true}});
    REQUIRE_MESSAGE(!r["deliveries"].empty(), bad);
    CHECK_MESSAGE(r["deliveries"][0]["status"].get<int>() >= 400, bad);
    CHECK_MESSAGE(order_status(d, order.id) == "awaiting_payment", bad);
  }
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'pay.notify_refused'") == 4);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM payments") == 0);
  // The genuine one, when it finally arrives, is credited.
  auto good = sim.post("/_sim/notify", {{"method", "wechat"}, {"out_trade_no", no}});
  CHECK(good["deliveries"][0]["status"].get<int>() / 100 == 2);
  CHECK(order_status(d, order.id) == "paid");
  CHECK(credited(d, order.id) == 1);
}

TEST_CASE("a notification for the wrong amount is refused") {
  Paysim sim;
  TestDaemon d(options(sim));
  approve(d, {"31002", "3100003"});
  HttpClient c(d.port());
  REQUIRE(c.login_member("31002", kPw).status == 200);
  auto o = c.post("/member/dues/orders", {{"year", year_now()}, {"member_ids", {member_id(d, "31002")}},
                                          {"contact", {{"name", "王强"}, {"mobile", "13812345678"}, {"email", "w@example.cn"}}}});
  REQUIRE(o.status == 201);
  const int64_t id = o.body["order"]["id"];
  sim.post("/_sim/switches", {{"retry_ms", Json::array()}});
  for (const char* method : {"alipay", "wechat"}) {
    const std::string no = pay(c, id, method).body["attempt"]["out_trade_no"];
    auto r = sim.post("/_sim/pay", {{"method", method}, {"out_trade_no", no}, {"amount_fen", 1}});
    REQUIRE(!r["deliveries"].empty());
    CHECK_MESSAGE(r["deliveries"][0]["body"] != "success", method);
    CHECK(order_status(d, id) == "awaiting_payment");
  }
  CHECK(sql_int(d, "SELECT COUNT(*) FROM payments") == 0);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'pay.notify_refused'") == 2);
}

TEST_CASE("a lost notification is found by querying the gateway while the QR is shown") {
  Paysim sim;
  TestDaemon d(options(sim));
  approve(d, {"11001", "1100001", "1100002"});
  HttpClient c(d.port());
  const auto order = agency_order(d, c);
  const std::string no = pay(c, order.id, "wechat").body["attempt"]["out_trade_no"];
  sim.post("/_sim/switches", {{"notify", "drop"}});
  REQUIRE(sim.post("/_sim/pay", {{"method", "wechat"}, {"out_trade_no", no}})["dropped"] == true);
  CHECK(order_status(d, order.id) == "awaiting_payment");
  Json status = Json::object();
  for (int i = 0; i < 30 && status.value("paid", false) != true; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    status = c.get("/member/dues/orders/" + std::to_string(order.id) + "/status").body;
  }
  CHECK(status["paid"] == true);
  CHECK(sql_text(d, "SELECT source FROM payments") == "query");
  CHECK(credited(d, order.id) == 1);
}

TEST_CASE("held notifications for two orders arrive out of order and each is credited once") {
  Paysim sim;
  TestDaemon d(options(sim));
  approve(d, {"11001", "1100001", "1100002", "31002"});
  HttpClient c1(d.port()), c2(d.port());
  const auto first = agency_order(d, c1);
  REQUIRE(c2.login_member("31002", kPw).status == 200);
  auto o2 = c2.post("/member/dues/orders", {{"year", year_now()}, {"member_ids", {member_id(d, "31002")}},
                                            {"contact", {{"name", "王强"}, {"mobile", "13812345678"}, {"email", "w@example.cn"}}}});
  REQUIRE(o2.status == 201);
  const int64_t second = o2.body["order"]["id"];
  const std::string n1 = pay(c1, first.id, "wechat").body["attempt"]["out_trade_no"];
  const std::string n2 = pay(c2, second, "alipay").body["attempt"]["out_trade_no"];
  sim.post("/_sim/switches", {{"notify", "hold"}, {"duplicate", 1}});
  sim.post("/_sim/pay", {{"method", "wechat"}, {"out_trade_no", n1}});
  sim.post("/_sim/pay", {{"method", "alipay"}, {"out_trade_no", n2}});
  auto flushed = sim.post("/_sim/flush", {{"order", "reverse"}});
  CHECK(flushed["flushed"].size() >= 2);
  CHECK(order_status(d, first.id) == "paid");
  CHECK(order_status(d, second) == "paid");
  CHECK(sql_int(d, "SELECT COUNT(*) FROM payments") == 2);
}

TEST_CASE("a failing or silent gateway leaves the order intact with a clear message") {
  Paysim sim;
  TestDaemon d(options(sim, 1));
  approve(d, {"11001", "1100001", "1100002"});
  HttpClient c(d.port());
  const auto order = agency_order(d, c);
  sim.post("/_sim/switches", {{"fail", {{"create", 500}}}});
  auto r = pay(c, order.id, "wechat");
  CHECK(r.status == 503);
  CHECK(r.error_code() == "gateway_unavailable");
  CHECK(r.body["error"]["message"].get<std::string>().find("转账汇款") != std::string::npos);
  sim.post("/_sim/switches", {{"fail", {{"create", "timeout"}}}});
  const auto t0 = std::chrono::steady_clock::now();
  auto slow = pay(c, order.id, "alipay");
  const auto took = std::chrono::steady_clock::now() - t0;
  CHECK(slow.status == 503);
  CHECK(took < std::chrono::seconds(4));
  CHECK(order_status(d, order.id) == "awaiting_payment");
  CHECK(sql_int(d, "SELECT COUNT(*) FROM payment_attempts WHERE status = 'failed'") == 2);
  // The order is still there and can be paid another way.
  auto detail = c.get("/member/dues/orders/" + std::to_string(order.id));
  CHECK(detail.body["order"]["status"] == "awaiting_payment");
  CHECK(detail.body["bank"]["note"].get<std::string>().find("申报系统单号") != std::string::npos);
  sim.post("/_sim/switches", {{"fail", {{"create", nullptr}}}});
  CHECK(pay(c, order.id, "wechat").status == 200);
}

TEST_CASE("switching method closes the first QR and an expired order closes its QR at the gateway") {
  Paysim sim;
  TestDaemon d(options(sim));
  approve(d, {"11001", "1100001", "1100002"});
  HttpClient c(d.port());
  const auto order = agency_order(d, c);
  const std::string wx = pay(c, order.id, "wechat").body["attempt"]["out_trade_no"];
  const std::string ali = pay(c, order.id, "alipay").body["attempt"]["out_trade_no"];
  CHECK(sim.get("/_sim/trades/" + wx + "?method=wechat")["trade"]["state"] == "CLOSED");
  CHECK(sql_text(d, "SELECT status FROM payment_attempts WHERE out_trade_no = '" + wx + "'") == "closed");
  apitest::sql_exec(d, "UPDATE dues_orders SET expires_at = '2000-01-01T00:00:00Z'");
  apitest::sql_exec(d, "UPDATE payment_attempts SET expires_at = '2000-01-01T00:00:00Z'");
  sim.post("/_sim/scan", {{"method", "alipay"}, {"out_trade_no", ali}});
  {
    auto db = d.open_db();
    md::dues::sweep(*db, d.app().dues());
  }
  CHECK(order_status(d, order.id) == "expired");
  CHECK(sim.get("/_sim/trades/" + ali + "?method=alipay")["trade"]["state"] == "CLOSED");
  CHECK(pay(c, order.id, "wechat").status == 409);
}

TEST_CASE("a QR paid just before the member switches method is credited not lost") {
  Paysim sim;
  TestDaemon d(options(sim));
  approve(d, {"11001", "1100001", "1100002"});
  HttpClient c(d.port());
  const auto order = agency_order(d, c);
  const std::string wx = pay(c, order.id, "wechat").body["attempt"]["out_trade_no"];
  sim.post("/_sim/switches", {{"notify", "drop"}});
  REQUIRE(sim.post("/_sim/pay", {{"method", "wechat"}, {"out_trade_no", wx}})["dropped"] == true);
  // Switching to Alipay closes the WeChat QR; the gateway refuses (it is paid), so we ask it.
  (void)pay(c, order.id, "alipay");
  CHECK(order_status(d, order.id) == "paid");
  CHECK(credited(d, order.id) == 1);
  CHECK(sql_text(d, "SELECT method FROM payments") == "wechat");
}
