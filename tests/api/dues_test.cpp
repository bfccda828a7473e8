// 会费缴纳 through the API without the QR gateways: the 待缴费清单 of each type, orders and the
// database's refusal of an item in two orders, the attorney's choice, reductions (part, full
// waiver, rejection), bank receipts and statement import, expiry, the fee schedule and tiers,
// and who may see what. QR payments against the simulator: dues_payments_test.cpp.
#include <doctest/doctest.h>

#include <string>

#include "demo/demo_approve.h"
#include "dues/qr_payments.h"
#include "harness.h"
#include "store/directory_cache.h"

using apitest::DaemonOptions;
using apitest::HttpClient;
using apitest::HttpResponse;
using apitest::Json;
using apitest::sql_exec;
using apitest::sql_int;
using apitest::sql_text;
using apitest::TestDaemon;

namespace {

const std::string kPw = "Member2026x";
const apitest::StaffSpec kFinance{"fin1", "财务小王", "finance", "Finance12345"};

DaemonOptions options() {
  DaemonOptions o;
  for (const char* login : {"11001", "31002", "1100001", "1100002", "1100005", "3100003"})
    o.member_passwords[login] = kPw;
  o.staff = {kFinance, apitest::reviewer_staff()};
  return o;
}

int year_now() { return std::stoi(md::store::today_shanghai().substr(0, 4)); }
std::string ys() { return std::to_string(year_now()); }

void approve(const TestDaemon& d, std::initializer_list<const char*> logins) {
  auto db = d.open_db();
  for (const char* l : logins) {
    auto r = md::demo::approve_for_demo(*db, l);
    REQUIRE_MESSAGE(r.ok(), l);
  }
}

int64_t member_id(const TestDaemon& d, const std::string& login) {
  return sql_int(d, "SELECT id FROM members WHERE login_id = '" + login + "'");
}

Json contact() {
  return {{"name", "陈静"}, {"mobile", "13912345678"}, {"email", "chen@example.cn"}, {"office_phone", "010-62345678"}};
}

Json order_body(std::vector<int64_t> ids, const Json& reduction = nullptr) {
  Json b = {{"year", year_now()}, {"member_ids", ids}, {"contact", contact()}};
  if (!reduction.is_null()) b["reduction"] = reduction;
  return b;
}

HttpResponse put(HttpClient& c, const std::string& path, const Json& body) {
  return c.request("PUT", path, body.dump(), "application/json");
}

Json item_of(const Json& items, const std::string& login) {
  for (const auto& i : items["items"])
    if (i["login_id"] == login) return i;
  return nullptr;
}

}  // namespace

TEST_CASE("an agency's list holds itself and its attorneys and only approved ones can be ticked") {
  TestDaemon d(options());
  approve(d, {"11001", "1100001", "1100002"});
  HttpClient c(d.port());
  REQUIRE(c.login_member("11001", kPw).status == 200);
  auto overview = c.get("/member/dues");
  REQUIRE(overview.status == 200);
  CHECK(overview.body["default_year"] == year_now());
  CHECK(overview.body["member"]["good_standing"] == false);
  auto list = c.get("/member/dues/items?year=" + ys());
  REQUIRE(list.status == 200);
  REQUIRE(list.body["items"].size() == 4);
  CHECK(list.body["items"][0]["role"] == "self");
  CHECK(list.body["items"][0]["amount_fen"] == 100000);
  CHECK(item_of(list.body, "1100001")["selectable"] == true);
  CHECK(item_of(list.body, "1100001")["amount_fen"] == 30000);
  const Json zhao = item_of(list.body, "1100005");
  CHECK(zhao["selectable"] == false);
  CHECK(zhao["state"] == "not_member");
  CHECK(zhao["hint"].get<std::string>().find("先申请入会") != std::string::npos);
  CHECK(list.body["total_selectable_fen"] == 160000);

  // Someone else's attorney, or one not approved, cannot be quoted.
  auto bad = c.post("/member/dues/quote", {{"year", year_now()}, {"member_ids", {member_id(d, "1100005")}}});
  CHECK(bad.status == 409);
  CHECK(bad.error_code() == "item_unavailable");
  auto other = c.post("/member/dues/quote", {{"year", year_now()}, {"member_ids", {member_id(d, "3100003")}}});
  CHECK(other.status == 409);
  auto none = c.post("/member/dues/quote", {{"year", year_now()}, {"member_ids", Json::array()}});
  CHECK(none.status == 400);

  const std::vector<int64_t> ids = {member_id(d, "11001"), member_id(d, "1100001"), member_id(d, "1100002")};
  auto q = c.post("/member/dues/quote", {{"year", year_now()}, {"member_ids", ids}});
  REQUIRE(q.status == 200);
  CHECK(q.body["total_fen"] == 160000);
  CHECK(q.body["contact"]["mobile"] == "13900011001");
}

TEST_CASE("an order holds its items so that no other order can take them") {
  TestDaemon d(options());
  approve(d, {"11001", "1100001", "1100002"});
  HttpClient agency(d.port());
  REQUIRE(agency.login_member("11001", kPw).status == 200);
  const int64_t zhang = member_id(d, "1100001");
  auto bad = agency.post("/member/dues/orders", {{"year", year_now()}, {"member_ids", {zhang}},
                                                  {"contact", {{"name", ""}, {"mobile", "123"}, {"email", "x"}}}});
  CHECK(bad.status == 400);
  CHECK(bad.body["error"]["fields"].contains("contact.name"));
  CHECK(bad.body["error"]["fields"].contains("contact.mobile"));
  CHECK(bad.body["error"]["fields"].contains("contact.email"));
  CHECK(sql_int(d, "SELECT COUNT(*) FROM dues_orders") == 0);

  auto created = agency.post("/member/dues/orders", order_body({member_id(d, "11001"), zhang}));
  REQUIRE(created.status == 201);
  const Json order = created.body["order"];
  CHECK(order["status"] == "awaiting_payment");
  CHECK(order["total_fen"] == 130000);
  CHECK(order["order_no"].get<std::string>().size() == 15);
  CHECK(order["items"].size() == 2);
  CHECK(order["methods"] == Json::array({"bank"}));  // no gateway configured here

  auto again = agency.post("/member/dues/orders", order_body({zhang}));
  CHECK(again.status == 409);
  CHECK(again.error_code() == "item_unavailable");
  auto list = agency.get("/member/dues/items?year=" + ys());
  CHECK(item_of(list.body, "1100001")["state"] == "in_order");
  CHECK(item_of(list.body, "1100001")["order_no"] == order["order_no"]);

  // The database itself refuses a second holding row, whatever the code does.
  const int64_t oid = order["id"];
  CHECK_THROWS(sql_exec(d, "INSERT INTO dues_orders(order_no, payer_id, year, status, total_fen, amount_due_fen, "
                           "contact_name, contact_mobile, contact_email, created_at) VALUES ('D20990101000001', " +
                               std::to_string(member_id(d, "1100001")) + ", " + ys() +
                               ", 'awaiting_payment', 30000, 30000, 'x', 'x', 'x', 'now');"
                               "INSERT INTO dues_order_items(order_id, member_id, year, fee_class, amount_fen) VALUES "
                               "(last_insert_rowid(), " + std::to_string(zhang) + ", " + ys() + ", 'attorney', 30000)"));

  // Cancelling frees the items; a new order may take them.
  auto cancelled = agency.post("/member/dues/orders/" + std::to_string(oid) + "/cancel", Json::object());
  REQUIRE(cancelled.status == 200);
  CHECK(cancelled.body["order"]["status"] == "cancelled");
  CHECK(agency.post("/member/dues/orders/" + std::to_string(oid) + "/cancel", Json::object()).status == 409);
  CHECK(agency.post("/member/dues/orders", order_body({zhang})).status == 201);
}

TEST_CASE("an attorney chooses personal payment or asks the agency") {
  TestDaemon d(options());
  approve(d, {"11001", "1100001"});
  HttpClient att(d.port());
  REQUIRE(att.login_member("1100001", kPw).status == 200);
  auto overview = att.get("/member/dues");
  REQUIRE(overview.status == 200);
  CHECK(overview.body["attorney"]["choice"].is_null());
  CHECK(overview.body["attorney"]["agency_name"] == "北京智诚专利代理事务所（普通合伙）");
  CHECK(att.get("/member/dues/items?year=" + ys()).error_code() == "choose_payment_first");

  REQUIRE(att.post("/member/dues/attorney-choice", {{"year", year_now()}, {"choice", "agency"}}).status == 200);
  CHECK(att.get("/member/dues").body["attorney"]["agency_requested"] == true);
  HttpClient agency(d.port());
  REQUIRE(agency.login_member("11001", kPw).status == 200);
  CHECK(item_of(agency.get("/member/dues/items?year=" + ys()).body, "1100001")["agency_requested"] == true);
  auto msgs = agency.get("/member/messages");
  CHECK(msgs.body.dump().find("请求由本机构统一缴纳") != std::string::npos);

  REQUIRE(att.post("/member/dues/attorney-choice", {{"year", year_now()}, {"choice", "personal"}}).status == 200);
  auto list = att.get("/member/dues/items?year=" + ys());
  REQUIRE(list.status == 200);
  REQUIRE(list.body["items"].size() == 1);
  CHECK(list.body["items"][0]["amount_fen"] == 30000);
  CHECK(att.post("/member/dues/orders", order_body({member_id(d, "1100001")})).status == 201);
  // A member not approved yet cannot enter dues at all.
  HttpClient roster(d.port());
  REQUIRE(roster.login_member("1100005", kPw).status == 200);
  CHECK(roster.get("/member/dues").error_code() == "not_approved");
}

TEST_CASE("finance approves a partial reduction and the member then owes the rest") {
  TestDaemon d(options());
  approve(d, {"11001", "1100001"});
  HttpClient att(d.port());
  REQUIRE(att.login_member("1100001", kPw).status == 200);
  REQUIRE(att.post("/member/dues/attorney-choice", {{"year", year_now()}, {"choice", "personal"}}).status == 200);
  const int64_t me = member_id(d, "1100001");
  auto bad = att.post("/member/dues/orders", order_body({me}, {{"amount_fen", 40000}, {"reason", "困难"}}));
  CHECK(bad.status == 400);
  CHECK(bad.body["error"]["fields"].contains("reduction.amount_fen"));
  auto created = att.post("/member/dues/orders", order_body({me}, {{"amount_fen", 15000}, {"reason", "本人今年长期病休，收入减少"}}));
  REQUIRE(created.status == 201);
  const std::string id = std::to_string(created.body["order"]["id"].get<int64_t>());
  CHECK(created.body["order"]["status"] == "reduction_pending");
  CHECK(created.body["order"]["expires_at"].is_null());
  CHECK(att.post("/member/dues/orders/" + id + "/pay", {{"method", "wechat"}}).status == 400);  // not configured

  HttpClient fin(d.port());
  REQUIRE(fin.login_staff(kFinance.login_id, kFinance.password).status == 200);
  auto pending = fin.get("/staff/dues/orders?status=reduction_pending");
  REQUIRE(pending.status == 200);
  CHECK(pending.body["total"] == 1);
  auto noreason = fin.post("/staff/dues/orders/" + id + "/reduction", {{"decision", "reject"}, {"reason", ""}});
  CHECK(noreason.status == 400);
  auto ok = fin.post("/staff/dues/orders/" + id + "/reduction", {{"decision", "approve"}, {"amount_fen", 10000}});
  REQUIRE(ok.status == 200);
  CHECK(ok.body["order"]["status"] == "awaiting_payment");
  CHECK(ok.body["order"]["amount_due_fen"] == 20000);
  CHECK(ok.body["order"]["reduction"]["decided_fen"] == 10000);
  CHECK(fin.post("/staff/dues/orders/" + id + "/reduction", {{"decision", "approve"}, {"amount_fen", 100}}).status == 409);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM sms_outbox WHERE event = 'reduction_decided'") == 1);
  CHECK(att.get("/member/messages").body.dump().find("减免10,000.00元") == std::string::npos);
  CHECK(att.get("/member/messages").body.dump().find("减免100.00元") != std::string::npos);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'dues.reduction_decide'") == 1);

  // The reduced amount is paid by bank transfer, confirmed by hand.
  auto wrong = fin.post("/staff/dues/orders/" + id + "/bank-receipt", {{"amount_fen", 30000}, {"date", "2026-12-01"}, {"bank_ref", "B1"}});
  CHECK(wrong.status == 400);
  auto paid = fin.post("/staff/dues/orders/" + id + "/bank-receipt", {{"amount_fen", 20000}, {"date", "2026-12-01"}, {"bank_ref", "B1"}});
  REQUIRE(paid.status == 200);
  CHECK(paid.body["order"]["status"] == "paid");
  CHECK(paid.body["order"]["method"] == "bank");
  CHECK(sql_text(d, "SELECT status || ' ' || valid_until FROM members WHERE login_id = '1100001'") ==
        "active " + ys() + "-12-31");
  auto receipt = att.get("/member/dues/orders/" + id + "/receipt");
  REQUIRE(receipt.status == 200);
  CHECK(receipt.body["receipt"]["paid_fen"] == 20000);
  CHECK(receipt.body["receipt"]["reduction_fen"] == 10000);
  CHECK(receipt.body["receipt"]["method_label"] == "转账汇款");
  CHECK(att.get("/directory?q=" + apitest::url_escape("张伟")).body["total"] == 1);
  CHECK(att.get("/member/dues").body["member"]["good_standing"] == true);
}

TEST_CASE("a full waiver settles the order and a rejected reduction owes the full amount") {
  TestDaemon d(options());
  approve(d, {"11001", "1100001", "1100002"});
  HttpClient agency(d.port());
  REQUIRE(agency.login_member("11001", kPw).status == 200);
  auto a = agency.post("/member/dues/orders", order_body({member_id(d, "1100001")}, {{"amount_fen", 30000}, {"reason", "该代理师为协会志愿服务人员"}}));
  auto b = agency.post("/member/dues/orders", order_body({member_id(d, "1100002")}, {{"amount_fen", 30000}, {"reason", "机构经营困难申请减免"}}));
  REQUIRE(a.status == 201);
  REQUIRE(b.status == 201);
  HttpClient fin(d.port());
  REQUIRE(fin.login_staff(kFinance.login_id, kFinance.password).status == 200);
  auto waived = fin.post("/staff/dues/orders/" + std::to_string(a.body["order"]["id"].get<int64_t>()) + "/reduction",
                         {{"decision", "approve"}, {"amount_fen", 30000}});
  REQUIRE(waived.status == 200);
  CHECK(waived.body["order"]["status"] == "paid");
  CHECK(waived.body["order"]["method"] == "waiver");
  CHECK(sql_text(d, "SELECT status FROM members WHERE login_id = '1100001'") == "active");
  auto rejected = fin.post("/staff/dues/orders/" + std::to_string(b.body["order"]["id"].get<int64_t>()) + "/reduction",
                           {{"decision", "reject"}, {"reason", "不符合减免条件"}});
  REQUIRE(rejected.status == 200);
  CHECK(rejected.body["order"]["status"] == "awaiting_payment");
  CHECK(rejected.body["order"]["amount_due_fen"] == 30000);
  CHECK(rejected.body["order"]["reduction"]["reject_reason"] == "不符合减免条件");
  CHECK(agency.get("/member/messages").body.dump().find("不符合减免条件") != std::string::npos);
}

TEST_CASE("a bank statement is matched by declaration number and amount and applied all at once") {
  TestDaemon d(options());
  approve(d, {"11001", "1100001", "31002", "3100003"});
  HttpClient a1(d.port()), a2(d.port()), fin(d.port());
  REQUIRE(a1.login_member("11001", kPw).status == 200);
  REQUIRE(a2.login_member("31002", kPw).status == 200);
  REQUIRE(fin.login_staff(kFinance.login_id, kFinance.password).status == 200);
  auto o1 = a1.post("/member/dues/orders", order_body({member_id(d, "11001"), member_id(d, "1100001")}));
  auto o2 = a2.post("/member/dues/orders", order_body({member_id(d, "31002")}));
  REQUIRE(o1.status == 201);
  REQUIRE(o2.status == 201);
  const std::string n1 = o1.body["order"]["order_no"], n2 = o2.body["order"]["order_no"];
  const std::string csv = "交易日期,金额,流水号,摘要,付款人\r\n"
                          "2026-12-01,\"1,300.00\",BK001,会费 " + n1 + ",北京智诚\r\n"
                          "2026-12-01,500.00,BK002,会费 d" + n2.substr(1) + ",上海华东\r\n"
                          "2026-12-02,300.00,BK003,会费,某人\r\n"
                          "2026-12-02,abc,BK004,会费,某人\r\n";
  auto preview = fin.post("/staff/dues/bank-statement", {{"csv", csv}, {"apply", false}});
  REQUIRE(preview.status == 200);
  CHECK(preview.body["applied"] == false);
  CHECK(preview.body["counts"]["matched"] == 1);
  CHECK(preview.body["counts"]["mismatched"] == 1);
  CHECK(preview.body["counts"]["unmatched"] == 1);
  CHECK(preview.body["counts"]["invalid"] == 1);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM payments") == 0);
  auto applied = fin.post("/staff/dues/bank-statement", {{"csv", csv}, {"apply", true}});
  REQUIRE(applied.status == 200);
  CHECK(applied.body["applied"] == true);
  CHECK(sql_text(d, "SELECT status FROM dues_orders WHERE order_no = '" + n1 + "'") == "paid");
  CHECK(sql_text(d, "SELECT status FROM dues_orders WHERE order_no = '" + n2 + "'") == "awaiting_payment");
  auto again = fin.post("/staff/dues/bank-statement", {{"csv", csv}, {"apply", true}});
  CHECK(again.body["counts"]["duplicate"] == 1);
  CHECK(again.body["counts"]["matched"] == 0);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM payments") == 1);
  CHECK(fin.post("/staff/dues/bank-statement", {{"csv", "a,b\n1,2\n"}, {"apply", true}}).status == 400);
  // A receipt already recorded by the statement cannot be confirmed again by hand.
  CHECK(fin.post("/staff/dues/orders/" + std::to_string(o2.body["order"]["id"].get<int64_t>()) + "/bank-receipt",
                 {{"amount_fen", 100000}, {"date", "2026-12-01"}, {"bank_ref", "BK001"}}).error_code() == "duplicate_ref");
}

TEST_CASE("unpaid orders expire and free their items") {
  TestDaemon d(options());
  approve(d, {"11001"});
  HttpClient agency(d.port());
  REQUIRE(agency.login_member("11001", kPw).status == 200);
  auto o = agency.post("/member/dues/orders", order_body({member_id(d, "11001")}));
  REQUIRE(o.status == 201);
  sql_exec(d, "UPDATE dues_orders SET expires_at = '2000-01-01T00:00:00Z'");
  {
    auto db = d.open_db();
    md::dues::sweep(*db, d.app().dues());
  }
  CHECK(sql_text(d, "SELECT status FROM dues_orders") == "expired");
  CHECK(sql_int(d, "SELECT COUNT(*) FROM dues_order_items WHERE holds = 1") == 0);
  CHECK(item_of(agency.get("/member/dues/items?year=" + ys()).body, "11001")["state"] == "payable");
  CHECK(agency.post("/member/dues/orders", order_body({member_id(d, "11001")})).status == 201);
  CHECK_THROWS(sql_exec(d, "UPDATE dues_orders SET status = 'awaiting_payment' WHERE status = 'expired'"));
}

TEST_CASE("finance sets the fee schedule and an agency's tier and both are audited") {
  TestDaemon d(options());
  approve(d, {"11001"});
  HttpClient fin(d.port());
  REQUIRE(fin.login_staff(kFinance.login_id, kFinance.password).status == 200);
  auto years = fin.get("/staff/dues/years");
  REQUIRE(years.status == 200);
  REQUIRE(years.body["years"].size() >= 2);
  Json y = years.body["years"][0];
  CHECK(y["fees"][0]["amount_fen"] == 5000000);
  Json fees = Json::array();
  for (auto f : y["fees"]) fees.push_back({{"fee_class", f["fee_class"]}, {"amount_fen", f["fee_class"] == "agency_vice_president" ? 4000000 : f["amount_fen"].get<int64_t>()}});
  auto bad = put(fin, "/staff/dues/years/" + ys(), {{"window_start", ys() + "-12-31"}, {"window_end", ys() + "-01-01"}, {"fees", fees}});
  CHECK(bad.status == 400);
  Json too_much = fees;
  too_much[4]["amount_fen"] = 10000001;  // above 100,000 元: a typing error
  auto huge = put(fin, "/staff/dues/years/" + ys(), {{"window_start", ys() + "-01-01"}, {"window_end", ys() + "-12-31"}, {"fees", too_much}});
  CHECK(huge.status == 400);
  CHECK(huge.body["error"]["fields"].contains("fees." + too_much[4]["fee_class"].get<std::string>()));
  auto ok = put(fin, "/staff/dues/years/" + ys(), {{"window_start", ys() + "-01-01"}, {"window_end", ys() + "-12-31"}, {"fees", fees}});
  REQUIRE(ok.status == 200);
  const int64_t agency = member_id(d, "11001");
  CHECK(put(fin, "/staff/dues/agencies/" + std::to_string(agency) + "/tier", {{"tier", "emperor"}}).status == 400);
  REQUIRE(put(fin, "/staff/dues/agencies/" + std::to_string(agency) + "/tier", {{"tier", "vice_president"}}).status == 200);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action IN ('dues.fee_schedule_put','dues.tier_set')") == 2);
  HttpClient member(d.port());
  REQUIRE(member.login_member("11001", kPw).status == 200);
  auto list = member.get("/member/dues/items?year=" + ys());
  CHECK(list.body["items"][0]["fee_class"] == "agency_vice_president");
  CHECK(list.body["items"][0]["amount_fen"] == 4000000);
  // A closed window refuses orders with a message naming it.
  REQUIRE(put(fin, "/staff/dues/years/" + ys(), {{"window_start", "2000-01-01"}, {"window_end", "2000-01-02"}, {"fees", fees}}).status == 200);
  auto closed = member.get("/member/dues/items?year=" + ys());
  CHECK(closed.error_code() == "window_closed");
  CHECK(closed.body["error"]["message"].get<std::string>().find("不在缴费期内") != std::string::npos);
}

TEST_CASE("orders are visible only to their members and staff dues only to finance") {
  TestDaemon d(options());
  approve(d, {"11001", "31002"});
  HttpClient a1(d.port()), a2(d.port()), rev(d.port());
  REQUIRE(a1.login_member("11001", kPw).status == 200);
  REQUIRE(a2.login_member("31002", kPw).status == 200);
  auto o = a1.post("/member/dues/orders", order_body({member_id(d, "11001")}));
  REQUIRE(o.status == 201);
  const std::string id = std::to_string(o.body["order"]["id"].get<int64_t>());
  CHECK(a2.get("/member/dues/orders/" + id).status == 404);
  CHECK(a2.post("/member/dues/orders/" + id + "/cancel", Json::object()).status == 404);
  CHECK(a2.get("/member/dues/orders/" + id + "/receipt").status == 404);
  CHECK(a2.get("/member/dues/orders").body["orders"].empty());
  CHECK(a1.get("/member/dues/orders").body["orders"].size() == 1);
  REQUIRE(rev.login_staff(apitest::reviewer_staff().login_id, apitest::reviewer_staff().password).status == 200);
  CHECK(rev.get("/staff/dues/orders").status == 403);
  CHECK(a1.get("/staff/dues/orders").status == 403);
  HttpClient anon(d.port());
  CHECK(anon.get("/member/dues").status == 401);
}
