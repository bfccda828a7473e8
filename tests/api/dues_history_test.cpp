// 代理机构会费缴纳信息 and 专利代理师会费缴纳信息 through the API with real paid orders (bank
// transfers confirmed by finance): an agency sees its own years and every one of its attorneys'
// and nobody else's, an attorney only their own, another agency's attorney id is 404, and the
// receipt links open only for those who may see the order.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "demo/demo_approve.h"
#include "harness.h"
#include "store/directory_cache.h"

using apitest::DaemonOptions;
using apitest::HttpClient;
using apitest::HttpResponse;
using apitest::Json;
using apitest::sql_int;
using apitest::TestDaemon;

namespace {

const std::string kPw = "Member2026x";
const apitest::StaffSpec kFinance{"fin1", "财务小王", "finance", "Finance12345"};

int year_now() { return std::stoi(md::store::today_shanghai().substr(0, 4)); }

int64_t member_id(const TestDaemon& d, const std::string& login) {
  return sql_int(d, "SELECT id FROM members WHERE login_id = '" + login + "'");
}

// Two years of dues, all paid by bank transfer:
//  last year: agency A for itself and 1100001 (a first order for the same items was cancelled);
//  this year: agency A for itself and 1100001, 1100002 personally, agency B for itself and 3100003.
struct World {
  TestDaemon d;
  HttpClient agency_a, attorney_a1, attorney_a2, agency_b, attorney_b, fin;
  int64_t cancelled_last = 0, paid_last = 0, agency_now = 0, personal_now = 0, agency_b_now = 0;
  std::string paid_last_no;

  static DaemonOptions options() {
    DaemonOptions o;
    for (const char* login : {"11001", "31002", "1100001", "1100002", "1100005", "3100003"})
      o.member_passwords[login] = kPw;
    o.staff = {kFinance};
    return o;
  }

  World()
      : d(options()), agency_a(d.port()), attorney_a1(d.port()), attorney_a2(d.port()),
        agency_b(d.port()), attorney_b(d.port()), fin(d.port()) {
    {
      auto db = d.open_db();
      for (const char* l : {"11001", "1100001", "1100002", "31002", "3100003"})
        REQUIRE_MESSAGE(md::demo::approve_for_demo(*db, l).ok(), l);
    }
    REQUIRE(fin.login_staff(kFinance.login_id, kFinance.password).status == 200);
    open_last_year();
    REQUIRE(agency_a.login_member("11001", kPw).status == 200);
    REQUIRE(attorney_a1.login_member("1100001", kPw).status == 200);
    REQUIRE(attorney_a2.login_member("1100002", kPw).status == 200);
    REQUIRE(agency_b.login_member("31002", kPw).status == 200);
    REQUIRE(attorney_b.login_member("3100003", kPw).status == 200);
    const int64_t a = member_id(d, "11001"), a1 = member_id(d, "1100001");
    cancelled_last = order(agency_a, year_now() - 1, {a, a1});
    REQUIRE(agency_a.post("/member/dues/orders/" + std::to_string(cancelled_last) + "/cancel", Json::object()).status == 200);
    paid_last = order(agency_a, year_now() - 1, {a, a1});
    paid_last_no = agency_a.get("/member/dues/orders/" + std::to_string(paid_last)).body["order"]["order_no"];
    pay(paid_last, "H1");
    agency_now = order(agency_a, year_now(), {a, a1});
    pay(agency_now, "H2");
    REQUIRE(attorney_a2.post("/member/dues/attorney-choice", {{"year", year_now()}, {"choice", "personal"}}).status == 200);
    personal_now = order(attorney_a2, year_now(), {member_id(d, "1100002")});
    pay(personal_now, "H3");
    agency_b_now = order(agency_b, year_now(), {member_id(d, "31002"), member_id(d, "3100003")});
    pay(agency_b_now, "H4");
  }

  // Last year's schedule as this year's, with a window open today.
  void open_last_year() {
    auto years = fin.get("/staff/dues/years");
    REQUIRE(years.status == 200);
    Json fees = Json::array();
    for (const auto& y : years.body["years"])
      if (y["year"] == year_now())
        for (const auto& f : y["fees"]) fees.push_back({{"fee_class", f["fee_class"]}, {"amount_fen", f["amount_fen"]}});
    REQUIRE(!fees.empty());
    const std::string last = std::to_string(year_now() - 1);
    auto put = fin.request("PUT", "/staff/dues/years/" + last,
                           Json{{"window_start", last + "-01-01"}, {"window_end", std::to_string(year_now()) + "-12-31"}, {"fees", fees}}.dump(),
                           "application/json");
    REQUIRE(put.status == 200);
  }

  int64_t order(HttpClient& c, int year, std::vector<int64_t> ids) {
    auto r = c.post("/member/dues/orders",
                    {{"year", year}, {"member_ids", ids},
                     {"contact", {{"name", "陈静"}, {"mobile", "13912345678"}, {"email", "chen@example.cn"}}}});
    REQUIRE_MESSAGE(r.status == 201, r.body.dump());
    return r.body["order"]["id"].get<int64_t>();
  }

  void pay(int64_t id, const std::string& ref) {
    const std::string path = "/staff/dues/orders/" + std::to_string(id);
    auto due = fin.get(path).body["order"]["amount_due_fen"];
    auto r = fin.post(path + "/bank-receipt", {{"amount_fen", due}, {"date", md::store::today_shanghai()}, {"bank_ref", ref}});
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
  }
};

// "login year status" per row.
std::set<std::string> rows(const HttpResponse& r) {
  std::set<std::string> out;
  for (const auto& i : r.body["items"])
    out.insert(i["member"]["login_id"].get<std::string>() + " " + std::to_string(i["year"].get<int>()) + " " +
               i["status"].get<std::string>());
  return out;
}

std::string yr(int delta = 0) { return std::to_string(year_now() + delta); }

}  // namespace

TEST_CASE("dues history: an agency sees its own years and all of its attorneys' and nobody else's") {
  World w;
  auto own = w.agency_a.get("/member/dues/history");
  REQUIRE(own.status == 200);
  CHECK(own.body["scope"] == "self");
  CHECK(rows(own) == std::set<std::string>{"11001 " + yr() + " paid", "11001 " + yr(-1) + " paid"});
  // Last year shows the paid order, not the cancelled one, with its 申报系统单号 and amount.
  const auto& last = own.body["items"][1];
  CHECK(last["order_id"] == w.paid_last);
  CHECK(last["order_no"] == w.paid_last_no);
  CHECK(last["status_label"] == "已缴费");
  CHECK(last["method_label"] == "转账汇款");
  CHECK(last["amount_fen"].get<int64_t>() > 0);
  CHECK(last["receipt"] == true);

  auto all = w.agency_a.get("/member/dues/history?scope=attorneys");
  REQUIRE(all.status == 200);
  CHECK(rows(all) == std::set<std::string>{"1100001 " + yr() + " paid", "1100001 " + yr(-1) + " paid",
                                           "1100002 " + yr() + " paid"});
  std::set<std::string> listed;
  for (const auto& a : all.body["attorneys"]) listed.insert(a["login_id"].get<std::string>());
  CHECK(listed == std::set<std::string>{"1100001", "1100002", "1100005"});
  for (const auto& i : all.body["items"]) CHECK(i["receipt"] == true);
  CHECK(all.body["items"][0]["member"]["login_id"] == "1100001");  // newest year first, by 资格证号

  auto one = w.agency_a.get("/member/dues/history?scope=attorneys&attorney_id=" + std::to_string(member_id(w.d, "1100002")));
  REQUIRE(one.status == 200);
  CHECK(rows(one) == std::set<std::string>{"1100002 " + yr() + " paid"});
  CHECK(one.body["items"][0]["payer"]["name"] == "王芳");
}

TEST_CASE("dues history: another agency's attorney or an unknown id is 404 for an agency") {
  World w;
  for (const std::string& id : {std::to_string(member_id(w.d, "3100003")), std::to_string(member_id(w.d, "31002")),
                               std::string("999999"), std::string("abc")}) {
    auto r = w.agency_a.get("/member/dues/history?scope=attorneys&attorney_id=" + id);
    CHECK_MESSAGE(r.status == 404, id);
    CHECK(r.body["error"]["message"] == "未找到该专利代理师的会费记录");
  }
  CHECK(w.agency_a.get("/member/dues/history?scope=self&attorney_id=" + std::to_string(member_id(w.d, "1100001"))).status == 404);
  CHECK(w.agency_a.get("/member/dues/history?scope=everyone").status == 400);
  auto b = w.agency_b.get("/member/dues/history?scope=attorneys");
  REQUIRE(b.status == 200);
  CHECK(rows(b) == std::set<std::string>{"3100003 " + yr() + " paid"});
}

TEST_CASE("dues history: an attorney sees only their own years") {
  World w;
  auto mine = w.attorney_a1.get("/member/dues/history");
  REQUIRE(mine.status == 200);
  CHECK(rows(mine) == std::set<std::string>{"1100001 " + yr() + " paid", "1100001 " + yr(-1) + " paid"});
  CHECK(mine.body["items"][0]["payer"]["name"] == "北京智诚专利代理事务所（普通合伙）");
  CHECK(mine.body["items"][0]["receipt"] == true);
  CHECK(w.attorney_a1.get("/member/dues/history?attorney_id=" + std::to_string(member_id(w.d, "1100001"))).status == 200);
  CHECK(w.attorney_a1.get("/member/dues/history?attorney_id=" + std::to_string(member_id(w.d, "1100002"))).status == 404);
  CHECK(w.attorney_a1.get("/member/dues/history?scope=attorneys").status == 403);
  auto other = w.attorney_a2.get("/member/dues/history");
  CHECK(rows(other) == std::set<std::string>{"1100002 " + yr() + " paid"});
  CHECK(w.attorney_b.get("/member/dues/history").body["items"].size() == 1);
}

TEST_CASE("dues history: receipts open for the payer the item's member and the payer's agency only") {
  World w;
  auto receipt = [](HttpClient& c, int64_t id) { return c.get("/member/dues/history/receipts/" + std::to_string(id)); };
  // The agency opens the receipt its attorney paid personally (the dues module's own receipt
  // route does not show it to the agency).
  auto personal = receipt(w.agency_a, w.personal_now);
  REQUIRE(personal.status == 200);
  CHECK(personal.body["receipt"]["payer"] == "王芳");
  CHECK(w.agency_a.get("/member/dues/orders/" + std::to_string(w.personal_now) + "/receipt").status == 404);
  CHECK(receipt(w.attorney_a2, w.personal_now).status == 200);
  CHECK(receipt(w.attorney_a1, w.agency_now).status == 200);   // holds an item
  CHECK(receipt(w.agency_a, w.paid_last).body["receipt"]["order_no"] == w.paid_last_no);
  CHECK(receipt(w.agency_a, w.cancelled_last).status == 409);  // not paid
  // Nobody else: a colleague, the other agency, its attorney; unknown ids look the same.
  CHECK(receipt(w.attorney_a1, w.personal_now).status == 404);
  CHECK(receipt(w.agency_b, w.agency_now).status == 404);
  CHECK(receipt(w.agency_b, w.personal_now).status == 404);
  CHECK(receipt(w.attorney_b, w.agency_now).status == 404);
  CHECK(receipt(w.agency_a, w.agency_b_now).status == 404);
  CHECK(receipt(w.agency_a, 999999).status == 404);
}
