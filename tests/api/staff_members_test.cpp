// 会员查询 and the staff side of members through the API: search by name, code and number with
// paging; one member's whole record; the change of an attorney's 执业机构 (audited, and the
// training data follows the attorney to the new agency); and the check-character override when
// staff enter an application for the applicant (a reason is required, and it is logged and shown
// in the review detail).
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "domain/identifiers.h"
#include "harness.h"

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
const apitest::StaffSpec kAdmin{"admin1", "管理员", "admin", "Admin12345x"};
const apitest::StaffSpec kFinance{"fin1", "财务小王", "finance", "Finance12345"};

DaemonOptions options() {
  DaemonOptions o;
  for (const char* login : {"11001", "31002", "1100001", "1100002", "3100003"})
    o.member_passwords[login] = kPw;
  o.staff = {apitest::reviewer_staff(), kAdmin, kFinance, apitest::desk_staff()};
  return o;
}

HttpClient& staff(HttpClient& c, const apitest::StaffSpec& s) {
  REQUIRE(c.login_staff(s.login_id, s.password).status == 200);
  return c;
}

HttpClient& member(HttpClient& c, const std::string& login) {
  REQUIRE(c.login_member(login, kPw).status == 200);
  return c;
}

int64_t member_id(const TestDaemon& d, const std::string& login) {
  return sql_int(d, "SELECT id FROM members WHERE login_id = '" + login + "'");
}

std::set<std::string> logins(const Json& body) {
  std::set<std::string> out;
  for (const auto& i : body["items"]) out.insert(i["login_id"].get<std::string>());
  return out;
}

HttpResponse find(HttpClient& c, const std::string& query) {
  return c.get("/staff/members?" + query);
}

// A code whose check character is wrong but which is otherwise well-formed.
std::string uscc_failing_check(const std::string& first17) {
  return first17 + (md::domain::uscc_check_char(first17) == '0' ? '1' : '0');
}

}  // namespace

TEST_CASE("member search finds by Chinese name part login id code and member number") {
  TestDaemon d(options());
  HttpClient desk(d.port());
  staff(desk, apitest::desk_staff());

  auto by_name = find(desk, "q=" + apitest::url_escape("智诚"));
  REQUIRE(by_name.status == 200);
  CHECK(logins(by_name.body) == std::set<std::string>{"11001"});
  CHECK(by_name.body["items"][0]["type_label"] == "专利代理机构");
  CHECK(by_name.body["items"][0]["status_label"] == "未入会");

  CHECK(logins(find(desk, "q=1100001").body) == std::set<std::string>{"1100001"});
  auto attorney = find(desk, "q=1100001").body["items"][0];
  CHECK(attorney["agency"]["name"] == "北京智诚专利代理事务所（普通合伙）");
  // An agency's 统一社会信用代码, typed in lower case.
  CHECK(logins(find(desk, "q=91110000101623741k").body) == std::set<std::string>{"31002"});

  sql_exec(d, "UPDATE members SET member_no = 'A202600007', status = 'active' WHERE login_id = '44003'");
  CHECK(logins(find(desk, "q=A202600007").body) == std::set<std::string>{"44003"});

  // A name part with LIKE's wildcards is literal.
  CHECK(find(desk, "q=%25").body["total"] == 0);
  auto too_long = find(desk, "q=" + std::string(51, 'x'));
  CHECK(too_long.status == 400);
  CHECK(too_long.body["error"]["fields"]["q"] == "查询内容不能超过50个字");
  CHECK(find(desk, "type=nobody").status == 400);
}

TEST_CASE("member search pages and filters by type") {
  TestDaemon d(options());
  HttpClient desk(d.port());
  staff(desk, apitest::desk_staff());
  auto all = find(desk, "type=attorney&page_size=2");
  REQUIRE(all.status == 200);
  CHECK(all.body["total"] == 5);
  CHECK(all.body["items"].size() == 2);
  auto last = find(desk, "type=attorney&page_size=2&page=3");
  CHECK(last.body["items"].size() == 1);
  std::set<std::string> seen = logins(all.body);
  for (const auto& l : logins(find(desk, "type=attorney&page_size=2&page=2").body)) seen.insert(l);
  for (const auto& l : logins(last.body)) seen.insert(l);
  CHECK(seen.size() == 5);
  CHECK(find(desk, "type=agency").body["total"] == 3);
}

TEST_CASE("members and visitors cannot search members or open a record") {
  TestDaemon d(options());
  HttpClient agency(d.port());
  member(agency, "11001");
  CHECK(agency.get("/staff/members?q=1100001").status == 403);
  CHECK(agency.get("/staff/members/" + std::to_string(member_id(d, "1100001"))).status == 403);
  HttpClient anon(d.port());
  CHECK(anon.get("/staff/members").status == 401);
}

TEST_CASE("the whole record shows profile attorneys applications dues training and audit") {
  TestDaemon d(options());
  HttpClient attorney(d.port());
  member(attorney, "1100001");
  auto applied = attorney.post("/applications/attorney",
                               apitest::application_body(apitest::valid_application_fields("attorney")));
  REQUIRE(applied.status == 201);
  HttpClient rev(d.port());
  staff(rev, apitest::reviewer_staff());

  auto r = rev.get("/staff/members/" + std::to_string(member_id(d, "1100001")));
  REQUIRE(r.status == 200);
  CHECK(r.body["member"]["login_id"] == "1100001");
  CHECK(r.body["member"]["status_label"] == "审核中");
  CHECK(r.body["agency"].is_null());
  CHECK(r.body["member"]["agency"]["name"] == "北京智诚专利代理事务所（普通合伙）");
  CHECK(r.body["profile_source"] == "application");
  bool saw_id = false;
  for (const auto& f : r.body["profile"])
    if (f["key"] == "id_number") saw_id = f["label"] == "身份证号" && !f["value"].get<std::string>().empty();
  CHECK(saw_id);
  REQUIRE(r.body["applications"].size() == 1);
  CHECK(r.body["applications"][0]["status_label"] == "待审核");
  CHECK(r.body["dues_orders"].is_array());
  CHECK(r.body["certificates"].is_array());
  CHECK(r.body["training"]["registrations"].is_array());
  CHECK(r.body["can_change_agency"] == true);
  bool audited = false;
  for (const auto& a : r.body["audit"]) audited = audited || a["action"] == "application.submit";
  CHECK(audited);

  auto agency = rev.get("/staff/members/" + std::to_string(member_id(d, "11001")));
  REQUIRE(agency.status == 200);
  std::set<std::string> attorneys;
  for (const auto& a : agency.body["attorneys"]) attorneys.insert(a["login_id"].get<std::string>());
  CHECK(attorneys == std::set<std::string>{"1100001", "1100002", "1100005"});
  CHECK(agency.body["can_change_agency"] == false);

  HttpClient desk(d.port());
  staff(desk, apitest::desk_staff());
  auto seen_by_desk = desk.get("/staff/members/" + std::to_string(member_id(d, "1100001")));
  REQUIRE(seen_by_desk.status == 200);
  CHECK(seen_by_desk.body["can_change_agency"] == false);
  CHECK(desk.get("/staff/members/999999").status == 404);
}

TEST_CASE("staff move an attorney to another agency and the training data follows") {
  TestDaemon d(options());
  HttpClient rev(d.port());
  staff(rev, apitest::reviewer_staff());
  auto cls = rev.post("/staff/training/classes", {{"name", "2026年第一期专利代理实务培训班"},
                                                  {"start_date", "2026-03-10"},
                                                  {"end_date", "2026-03-12"},
                                                  {"place", "北京市海淀区"},
                                                  {"hours", 24}});
  REQUIRE(cls.status == 201);
  const int64_t attorney = member_id(d, "1100001");
  sql_exec(d, "INSERT INTO training_registrations(class_id, member_id, registered_on, status, "
              "imported_at, imported_by) VALUES (" + std::to_string(cls.body["class"]["id"].get<int64_t>()) +
              ", " + std::to_string(attorney) + ", '2026-02-01', 'registered', '2026-02-01T00:00:00Z', 'rev1')");
  HttpClient old_agency(d.port()), new_agency(d.port());
  member(old_agency, "11001");
  member(new_agency, "31002");
  CHECK(old_agency.get("/member/training/registrations").body["total"] == 1);
  CHECK(new_agency.get("/member/training/registrations").body["total"] == 0);

  const std::string path = "/staff/members/" + std::to_string(attorney) + "/agency";
  const int64_t target = member_id(d, "31002");
  auto no_reason = rev.post(path, {{"agency_id", target}, {"reason", " "}});
  CHECK(no_reason.status == 400);
  CHECK(no_reason.body["error"]["fields"]["reason"] == "请填写变更理由");
  auto same = rev.post(path, {{"agency_id", member_id(d, "11001")}, {"reason", "调动"}});
  CHECK(same.body["error"]["fields"]["agency_id"] == "该专利代理师已在此机构执业");
  auto not_agency = rev.post(path, {{"agency_id", member_id(d, "3100003")}, {"reason", "调动"}});
  CHECK(not_agency.body["error"]["fields"]["agency_id"] == "请选择一家专利代理机构");
  CHECK(rev.post("/staff/members/" + std::to_string(target) + "/agency",
                 {{"agency_id", member_id(d, "44003")}, {"reason", "调动"}}).status == 404);
  CHECK(sql_int(d, "SELECT agency_id FROM members WHERE id = " + std::to_string(attorney)) ==
        member_id(d, "11001"));

  HttpClient desk(d.port());
  staff(desk, apitest::desk_staff());
  CHECK(desk.post(path, {{"agency_id", target}, {"reason", "调动"}}).status == 403);

  auto moved = rev.post(path, {{"agency_id", target}, {"reason", "执业机构变更备案（2026-03-01）"}});
  REQUIRE(moved.status == 200);
  CHECK(moved.body["member"]["agency"]["name"] == "上海华东知识产权代理有限公司");
  CHECK(old_agency.get("/member/training/registrations").body["total"] == 0);
  CHECK(new_agency.get("/member/training/registrations").body["total"] == 1);

  CHECK(sql_text(d, "SELECT actor FROM audit_log WHERE action = 'member.agency_change'") == "staff:rev1");
  auto before = Json::parse(sql_text(d, "SELECT before_json FROM audit_log WHERE action = 'member.agency_change'"));
  auto after = Json::parse(sql_text(d, "SELECT after_json FROM audit_log WHERE action = 'member.agency_change'"));
  CHECK(before["agency_name"] == "北京智诚专利代理事务所（普通合伙）");
  CHECK(after["agency_name"] == "上海华东知识产权代理有限公司");
  CHECK(after["reason"] == "执业机构变更备案（2026-03-01）");
  // The record shows the move in its audit trail.
  auto r = rev.get("/staff/members/" + std::to_string(attorney));
  CHECK(r.body["audit"][0]["action"] == "member.agency_change");
}

TEST_CASE("an applicant's code failing its check character is refused and staff may override it with a reason") {
  TestDaemon d(options());
  Json fields = apitest::valid_application_fields("industry_org");
  fields["uscc"] = uscc_failing_check("51110000MJ0123456");
  HttpClient anon(d.port());
  auto own = anon.post("/applications/industry_org", apitest::application_body(fields));
  CHECK(own.status == 400);
  CHECK(own.body["error"]["fields"]["uscc"] == "统一社会信用代码校验位不正确");
  // The applicant cannot smuggle an override into their own submission.
  Json smuggled = apitest::application_body(fields);
  smuggled["check_overrides"] = {{"uscc", "真的"}};
  CHECK(anon.post("/applications/industry_org", smuggled).status == 400);

  HttpClient rev(d.port());
  staff(rev, apitest::reviewer_staff());
  Json body = {{"type", "industry_org"}, {"agree_charter", true}, {"fields", fields}};
  auto without = rev.post("/staff/applications", body);
  CHECK(without.status == 400);
  CHECK(without.body["error"]["fields"]["uscc"] == "统一社会信用代码校验位不正确");

  body["check_overrides"] = {{"uscc", "  "}};
  auto no_reason = rev.post("/staff/applications", body);
  CHECK(no_reason.status == 422);
  CHECK(no_reason.body["error"]["fields"]["uscc_override"] == "请填写越过校验位的理由");
  body["check_overrides"] = {{"contact_mobile", "号码是真的"}};
  CHECK(rev.post("/staff/applications", body).status == 422);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM applications") == 0);

  // A malformed code is never accepted, whatever the reason.
  Json malformed = body;
  malformed["fields"]["uscc"] = "51110000MJ012345";
  malformed["check_overrides"] = {{"uscc", "营业执照原件核对无误"}};
  auto refused = rev.post("/staff/applications", malformed);
  CHECK(refused.status == 400);
  CHECK(refused.body["error"]["fields"]["uscc"] == "统一社会信用代码应为18位，当前为16位");

  body["check_overrides"] = {{"uscc", "营业执照原件核对无误，代码由登记机关赋予"}};
  auto ok = rev.post("/staff/applications", body);
  REQUIRE(ok.status == 201);
  const int64_t id = ok.body["application"]["id"].get<int64_t>();
  auto logged = Json::parse(sql_text(d, "SELECT after_json FROM audit_log WHERE action = "
                                        "'application.check_override'"));
  CHECK(logged["field"] == "uscc");
  CHECK(logged["value"] == fields["uscc"]);
  CHECK(logged["reason"] == "营业执照原件核对无误，代码由登记机关赋予");
  CHECK(sql_text(d, "SELECT actor FROM audit_log WHERE action = 'application.submit'") == "staff:rev1");

  auto detail = rev.get("/staff/applications/" + std::to_string(id));
  REQUIRE(detail.status == 200);
  REQUIRE(detail.body["application"]["check_overrides"].size() == 1);
  CHECK(detail.body["application"]["check_overrides"][0]["label"] == "统一社会信用代码");
  CHECK(detail.body["application"]["check_overrides"][0]["by"] == "staff:rev1");
  auto approved = rev.post("/staff/applications/" + std::to_string(id) + "/approve", Json::object());
  CHECK(approved.status == 200);
  CHECK(approved.body["login_id"] == fields["uscc"]);
}

TEST_CASE("staff enter an attorney's application with an overridden resident id") {
  TestDaemon d(options());
  Json fields = apitest::valid_application_fields("attorney");
  const std::string first17 = "11010119900307123";
  fields["id_number"] = first17 + (md::domain::resident_id_check_char(first17) == '0' ? '1' : '0');
  HttpClient rev(d.port()), fin(d.port());
  staff(rev, apitest::reviewer_staff());
  staff(fin, kFinance);
  Json body = {{"type", "attorney"}, {"agree_charter", true}, {"fields", fields},
               {"check_overrides", {{"id_number", "身份证原件核对无误"}}}};
  CHECK(fin.post("/staff/applications", body).status == 403);
  auto no_member = rev.post("/staff/applications", body);
  CHECK(no_member.status == 400);
  CHECK(no_member.body["error"]["fields"]["member_id"] == "请选择申请入会的会员");
  body["member_id"] = member_id(d, "11001");  // an agency is not an attorney
  CHECK(rev.post("/staff/applications", body).status == 404);
  body["member_id"] = member_id(d, "1100001");
  auto ok = rev.post("/staff/applications", body);
  REQUIRE(ok.status == 201);
  CHECK(sql_text(d, "SELECT status FROM members WHERE login_id = '1100001'") == "applied");
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'application.check_override'") == 1);
}
