// 报名信息 and 成绩查询 through the API: staff keep 培训班 and import registrations and scores
// (a line-by-line preview, all-or-nothing apply, re-import updates), and who sees what: an agency
// its own attorneys, an attorney only themself, never another agency's.
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "auth/passwords.h"
#include "harness.h"
#include "store/account_repo.h"

using apitest::DaemonOptions;
using apitest::HttpClient;
using apitest::HttpResponse;
using apitest::Json;
using apitest::sql_int;
using apitest::sql_text;
using apitest::TestDaemon;

namespace {

const std::string kPw = "Member2026x";
const apitest::StaffSpec kAdmin{"admin1", "管理员", "admin", "Admin12345x"};
const apitest::StaffSpec kFinance{"fin1", "财务小王", "finance", "Finance12345"};

DaemonOptions options() {
  DaemonOptions o;
  for (const char* login : {"11001", "31002", "1100001", "1100002", "3100003"})
    o.member_passwords[login] = kPw;
  o.staff = {apitest::reviewer_staff(), kAdmin, kFinance, apitest::desk_staff()};
  return o;
}

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(MEMBERDESK_SHARED_DIR) + "/training/" + name, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), name);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Json class_body(const std::string& name = "2026年第一期专利代理实务培训班") {
  return {{"name", name},
          {"start_date", "2026-03-10"},
          {"end_date", "2026-03-12"},
          {"place", "北京市海淀区"},
          {"hours", 24}};
}

HttpResponse put(HttpClient& c, const std::string& path, const Json& body) {
  return c.request("PUT", path, body.dump(), "application/json");
}

HttpClient& staff(HttpClient& c, const apitest::StaffSpec& s) {
  REQUIRE(c.login_staff(s.login_id, s.password).status == 200);
  return c;
}

int64_t new_class(HttpClient& reviewer,
                  const std::string& name = "2026年第一期专利代理实务培训班") {
  auto r = reviewer.post("/staff/training/classes", class_body(name));
  REQUIRE(r.status == 201);
  return r.body["class"]["id"].get<int64_t>();
}

std::string import_path(int64_t id, const char* what) {
  return "/staff/training/classes/" + std::to_string(id) + "/" + what + "/import";
}

// Registrations and scores for `cls` from the good fixtures.
void load_good(HttpClient& reviewer, int64_t cls) {
  auto r = reviewer.post(import_path(cls, "registrations"),
                         {{"csv", fixture("registrations.csv")}, {"apply", true}});
  REQUIRE(r.status == 200);
  REQUIRE(r.body["applied"] == true);
  auto s =
      reviewer.post(import_path(cls, "scores"), {{"csv", fixture("scores.csv")}, {"apply", true}});
  REQUIRE(s.status == 200);
  REQUIRE(s.body["applied"] == true);
}

std::set<std::string> logins(const Json& body) {
  std::set<std::string> out;
  for (const auto& i : body["items"]) out.insert(i["attorney"]["login_id"].get<std::string>());
  return out;
}

int64_t member_id(const TestDaemon& d, const std::string& login) {
  return sql_int(d, "SELECT id FROM members WHERE login_id = '" + login + "'");
}

}  // namespace

TEST_CASE("staff create edit and list training classes and every change is audited") {
  TestDaemon d(options());
  HttpClient rev(d.port());
  staff(rev, apitest::reviewer_staff());

  auto bad = rev.post("/staff/training/classes", {{"name", " "},
                                                  {"start_date", "2026-03-12"},
                                                  {"end_date", "2026-03-10"},
                                                  {"place", "北京"},
                                                  {"hours", 0}});
  CHECK(bad.status == 400);
  CHECK(bad.error_code() == "validation_failed");
  CHECK(bad.body["error"]["fields"]["name"] == "请填写培训班名称");
  CHECK(bad.body["error"]["fields"]["end_date"] == "结束日期不能早于开始日期");
  CHECK(bad.body["error"]["fields"]["hours"] == "学时应为1至1000之间的整数");

  const int64_t id = new_class(rev);
  const std::string path = "/staff/training/classes/" + std::to_string(id);
  new_class(rev, "2025年专利代理师继续教育");
  auto edited = put(rev, path,
                    {{"name", "2026年第一期专利代理实务培训班（延期）"},
                     {"start_date", "2026-04-10"},
                     {"end_date", "2026-04-12"},
                     {"place", "上海"},
                     {"hours", 16}});
  REQUIRE(edited.status == 200);
  CHECK(edited.body["class"]["hours"] == 16);
  auto one = rev.get(path);
  REQUIRE(one.status == 200);
  CHECK(one.body["class"]["place"] == "上海");
  CHECK(one.body["class"]["registrations"] == 0);
  CHECK(one.body["class"]["updated_by"] == "rev1");
  CHECK(rev.get("/staff/training/classes/999").status == 404);
  CHECK(put(rev, "/staff/training/classes/999", class_body()).status == 404);

  auto list = rev.get("/staff/training/classes?page_size=1");
  REQUIRE(list.status == 200);
  CHECK(list.body["total"] == 2);
  REQUIRE(list.body["items"].size() == 1);
  CHECK(list.body["items"][0]["start_date"] == "2026-04-10");  // newest start first

  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'training.class_create'") == 2);
  const std::string before =
      sql_text(d, "SELECT before_json FROM audit_log WHERE action = 'training.class_update'");
  const std::string after =
      sql_text(d, "SELECT after_json FROM audit_log WHERE action = 'training.class_update'");
  CHECK(Json::parse(before)["place"] == "北京市海淀区");
  CHECK(Json::parse(after)["place"] == "上海");
  CHECK(sql_text(d, "SELECT actor FROM audit_log WHERE action = 'training.class_update'") ==
        "staff:rev1");

  // The admin may too; finance and desk may not; a member may not.
  HttpClient admin(d.port());
  CHECK(staff(admin, kAdmin).get("/staff/training/classes").status == 200);
  for (const auto& s : {kFinance, apitest::desk_staff()}) {
    HttpClient other(d.port());
    staff(other, s);
    CHECK(other.get("/staff/training/classes").status == 403);
    CHECK(other.post("/staff/training/classes", class_body()).status == 403);
    CHECK(other
              .post(import_path(id, "registrations"),
                    {{"csv", fixture("registrations.csv")}, {"apply", true}})
              .status == 403);
  }
  HttpClient member(d.port());
  REQUIRE(member.login_member("11001", kPw).status == 200);
  CHECK(member.get("/staff/training/classes").status == 403);
  HttpClient anon(d.port());
  CHECK(anon.get("/staff/training/classes").status == 401);
  CHECK(anon.get("/member/training/registrations").status == 401);
}

TEST_CASE(
    "training: a registrations file with errors is reported line by line and applying it imports "
    "nothing") {
  TestDaemon d(options());
  HttpClient rev(d.port());
  staff(rev, apitest::reviewer_staff());
  const int64_t cls = new_class(rev);

  auto preview =
      rev.post(import_path(cls, "registrations"), {{"csv", fixture("registrations-errors.csv")}});
  REQUIRE(preview.status == 200);
  CHECK(preview.body["ok"] == false);
  CHECK(preview.body["applied"] == false);
  const Json expected = Json::array({
      {{"line", 3}, {"message", "资格证号 1199999 不是已登记的专利代理师"}},
      {{"line", 4}, {"message", "姓名“王五”与资格证号 1100002 登记的姓名不一致"}},
      {{"line", 6}, {"message", "资格证号 1100001 重复（第2行已有）"}},
      {{"line", 7}, {"message", "报名日期“2026-3-3”有误，日期格式应为 年-月-日（如 2026-03-05）"}},
      {{"line", 8}, {"message", "报名状态“待定”有误，应为 已报名、已确认 或 已取消"}},
  });
  CHECK(preview.body["problems"] == expected);

  auto apply = rev.post(import_path(cls, "registrations"),
                        {{"csv", fixture("registrations-errors.csv")}, {"apply", true}});
  CHECK(apply.status == 422);
  CHECK(apply.error_code() == "import_rejected");
  CHECK(apply.body["error"]["report"]["problems"] == expected);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM training_registrations") == 0);  // not even line 2
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'training.%_import'") == 0);

  auto scores = rev.post(import_path(cls, "scores"), {{"csv", fixture("scores-errors.csv")}});
  REQUIRE(scores.status == 200);
  CHECK(scores.body["problems"] ==
        Json::array({
            {{"line", 2}, {"message", "成绩“100.5”有误，应为0至100之间的数，最多一位小数"}},
            {{"line", 3}, {"message", "成绩“59.25”有误，应为0至100之间的数，最多一位小数"}},
            {{"line", 4}, {"message", "考试结果“优秀”有误，应为 合格 或 不合格"}},
        }));
  auto header = rev.post(import_path(cls, "scores"), {{"csv", fixture("scores-wrong-header.csv")}});
  REQUIRE(header.status == 200);
  CHECK(header.body["problems"] ==
        Json::array({{{"line", 1},
                      {"message",
                       "表头缺少“考试结果”列，表头应为：资格证号,姓名,成绩,考试结果,考试日期"}}}));

  CHECK(rev.post(import_path(cls, "registrations"), Json::object()).status == 400);
  // The router asks for the session's CSRF token; the server refuses bodies over 1 MiB.
  auto no_token =
      rev.post(import_path(cls, "registrations"),
               {{"csv", fixture("registrations.csv")}, {"apply", true}}, apitest::CsrfMode::kNone);
  CHECK(no_token.status == 403);
  CHECK(no_token.error_code() == "csrf_failed");
  std::string big = fixture("registrations.csv");
  while (big.size() <= (1u << 20)) big += "1100001,张伟,2026-03-01,已报名\n";
  auto too_large = rev.post(import_path(cls, "registrations"), {{"csv", big}, {"apply", true}});
  CHECK(too_large.status == 413);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM training_registrations") == 0);
  CHECK(
      rev.post(import_path(999, "registrations"), {{"csv", fixture("registrations.csv")}}).status ==
      404);
}

TEST_CASE(
    "training: a good file is previewed then applied at once and importing it again updates the "
    "rows") {
  TestDaemon d(options());
  HttpClient rev(d.port());
  staff(rev, apitest::reviewer_staff());
  const int64_t cls = new_class(rev);
  const std::string path = import_path(cls, "registrations");

  auto preview = rev.post(path, {{"csv", fixture("registrations.csv")}, {"apply", false}});
  REQUIRE(preview.status == 200);
  CHECK(preview.body["ok"] == true);
  CHECK(preview.body["applied"] == false);
  CHECK(preview.body["rows"] == 3);
  CHECK(preview.body["created"] == 3);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM training_registrations") == 0);

  auto apply = rev.post(path, {{"csv", fixture("registrations.csv")}, {"apply", true}});
  REQUIRE(apply.status == 200);
  CHECK(apply.body["applied"] == true);
  CHECK(apply.body["created"] == 3);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM training_registrations") == 3);

  auto again = rev.post(path, {{"csv", fixture("registrations-update.csv")}, {"apply", true}});
  REQUIRE(again.status == 200);
  CHECK(again.body["created"] == 0);
  CHECK(again.body["updated"] == 1);
  CHECK(again.body["unchanged"] == 2);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM training_registrations") == 3);
  CHECK(
      sql_text(d,
               "SELECT r.status FROM training_registrations r JOIN members m ON m.id = r.member_id "
               "WHERE m.login_id = '1100001'") == "cancelled");
  const std::string before = sql_text(d,
                                      "SELECT before_json FROM audit_log WHERE action = "
                                      "'training.registrations_import' ORDER BY id DESC LIMIT 1");
  const std::string after = sql_text(d,
                                     "SELECT after_json FROM audit_log WHERE action = "
                                     "'training.registrations_import' ORDER BY id DESC LIMIT 1");
  CHECK(Json::parse(before)["rows"] == Json::array({{{"login_id", "1100001"},
                                                     {"registered_on", "2026-03-01"},
                                                     {"status", "registered"}}}));
  CHECK(Json::parse(after)["updated"] == 1);
  CHECK(
      sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'training.registrations_import'") ==
      2);

  // The same file once more changes nothing and writes no audit row.
  auto same = rev.post(path, {{"csv", fixture("registrations-update.csv")}, {"apply", true}});
  REQUIRE(same.status == 200);
  CHECK(same.body["unchanged"] == 3);
  CHECK(
      sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'training.registrations_import'") ==
      2);

  auto scores =
      rev.post(import_path(cls, "scores"), {{"csv", fixture("scores.csv")}, {"apply", true}});
  REQUIRE(scores.status == 200);
  CHECK(scores.body["created"] == 3);
  auto listed = rev.get("/staff/training/classes/" + std::to_string(cls) + "/scores");
  REQUIRE(listed.status == 200);
  CHECK(listed.body["total"] == 3);
  CHECK(listed.body["items"][0]["attorney"]["login_id"] == "1100001");
  CHECK(listed.body["items"][0]["score"] == "85.5");
  CHECK(listed.body["items"][0]["result_label"] == "合格");
  CHECK(listed.body["items"][1]["passed"] == false);
}

TEST_CASE("training: an agency sees its attorneys' registrations and scores and nobody else's") {
  TestDaemon d(options());
  HttpClient rev(d.port());
  staff(rev, apitest::reviewer_staff());
  load_good(rev, new_class(rev));

  HttpClient agency(d.port());
  REQUIRE(agency.login_member("11001", kPw).status == 200);
  for (const char* what : {"registrations", "scores"}) {
    CAPTURE(what);
    auto all = agency.get(std::string("/member/training/") + what);
    REQUIRE(all.status == 200);
    CHECK(all.body["scope"] == "agency");
    CHECK(all.body["total"] == 2);
    CHECK(logins(all.body) == std::set<std::string>{"1100001", "1100002"});
    // The filter lists the agency's attorneys (also those with no rows yet).
    CHECK(all.body["attorneys"].size() == 3);

    const std::string wang = std::to_string(member_id(d, "1100002"));
    auto one = agency.get(std::string("/member/training/") + what + "?attorney_id=" + wang);
    REQUIRE(one.status == 200);
    CHECK(one.body["total"] == 1);
    CHECK(logins(one.body) == std::set<std::string>{"1100002"});

    auto paged = agency.get(std::string("/member/training/") + what + "?page=2&page_size=1");
    REQUIRE(paged.status == 200);
    CHECK(paged.body["total"] == 2);
    CHECK(paged.body["items"].size() == 1);

    // Another agency's attorney, the agency itself, an unknown id or garbage: 404, no data.
    for (const std::string& other :
         std::vector<std::string>{std::to_string(member_id(d, "3100003")),
                                  std::to_string(member_id(d, "11001")), "99999", "abc"}) {
      CAPTURE(other);
      auto refused = agency.get(std::string("/member/training/") + what + "?attorney_id=" + other);
      CHECK(refused.status == 404);
      CHECK(refused.error_code() == "not_found");
      CHECK_FALSE(refused.body.contains("items"));
    }
  }
  auto scores =
      agency.get("/member/training/scores?attorney_id=" + std::to_string(member_id(d, "1100001")));
  REQUIRE(scores.body["items"].size() == 1);
  CHECK(scores.body["items"][0]["score"] == "85.5");
  CHECK(scores.body["items"][0]["class"]["hours"] == 24);

  HttpClient east(d.port());
  REQUIRE(east.login_member("31002", kPw).status == 200);
  auto theirs = east.get("/member/training/registrations");
  REQUIRE(theirs.status == 200);
  CHECK(logins(theirs.body) == std::set<std::string>{"3100003"});
}

TEST_CASE("training: an attorney sees only their own registrations and scores") {
  TestDaemon d(options());
  HttpClient rev(d.port());
  staff(rev, apitest::reviewer_staff());
  load_good(rev, new_class(rev));
  load_good(rev, new_class(rev, "2026年第二期专利代理实务培训班"));

  HttpClient zhang(d.port());
  REQUIRE(zhang.login_member("1100001", kPw).status == 200);
  auto regs = zhang.get("/member/training/registrations");
  REQUIRE(regs.status == 200);
  CHECK(regs.body["scope"] == "self");
  CHECK(regs.body["total"] == 2);
  CHECK(logins(regs.body) == std::set<std::string>{"1100001"});
  CHECK_FALSE(regs.body.contains("attorneys"));
  auto scores = zhang.get("/member/training/scores");
  REQUIRE(scores.status == 200);
  CHECK(scores.body["total"] == 2);
  CHECK(logins(scores.body) == std::set<std::string>{"1100001"});
  CHECK(zhang.get("/member/training/scores?attorney_id=" + std::to_string(member_id(d, "1100001")))
            .status == 200);
  // A colleague at the same agency is still someone else.
  auto colleague =
      zhang.get("/member/training/scores?attorney_id=" + std::to_string(member_id(d, "1100002")));
  CHECK(colleague.status == 404);
  CHECK_FALSE(colleague.body.contains("items"));
  // Staff routes stay closed to members.
  CHECK(zhang.get("/staff/training/classes/1/scores").status == 403);
}

TEST_CASE("training: industry organisations and non-practicing members see an empty list") {
  DaemonOptions o = options();
  o.demo_members = 60;  // brings members of every type
  TestDaemon d(o);
  HttpClient rev(d.port());
  staff(rev, apitest::reviewer_staff());
  load_good(rev, new_class(rev));
  for (const std::string type : {"industry_org", "non_practicing"}) {
    CAPTURE(type);
    const std::string login =
        sql_text(d, "SELECT login_id FROM members WHERE type = '" + type + "' ORDER BY id LIMIT 1");
    {
      auto db = d.open_db();
      md::store::AccountRepo accounts(*db);
      auto acc = accounts.find(md::store::AccountKind::kMember, login);
      REQUIRE(acc.ok());
      REQUIRE(acc->has_value());
      auto hash = md::auth::hash_password(kPw);
      REQUIRE(hash.ok());
      REQUIRE(accounts.set_password_hash((*acc)->id, *hash).ok());
    }
    HttpClient c(d.port());
    REQUIRE(c.login_member(login, kPw).status == 200);
    for (const char* what : {"registrations", "scores"}) {
      auto r = c.get(std::string("/member/training/") + what);
      REQUIRE(r.status == 200);
      CHECK(r.body["scope"] == "none");
      CHECK(r.body["total"] == 0);
      CHECK(r.body["items"].empty());
      auto named = c.get(std::string("/member/training/") + what +
                         "?attorney_id=" + std::to_string(member_id(d, "1100001")));
      CHECK(named.status == 404);
    }
  }
}
