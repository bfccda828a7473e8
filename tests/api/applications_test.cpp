// 入会申请, the applicant's side: forms, submission of the four member types, validation,
// read-only roster fields, duplicates, access, SMS outbox, and the member's own status page.
#include <doctest/doctest.h>

#include <string>

#include "harness.h"
#include "membership/applications.h"
#include "store/directory_cache.h"

using apitest::application_body;
using apitest::DaemonOptions;
using apitest::HttpClient;
using apitest::HttpResponse;
using apitest::Json;
using apitest::sql_exec;
using apitest::sql_int;
using apitest::sql_text;
using apitest::TestDaemon;
using apitest::valid_application_fields;

namespace {

const std::string kNotice = "您的入会申请已经提交成功，协会将在5个工作日内进行反馈，请注意查收手机短信！";
const std::string kAgencyName = "北京智诚专利代理事务所（普通合伙）";
const std::string kAgencyPassword = "Zhicheng2026";
const std::string kAttorneyPassword = "Zhangwei2026";

DaemonOptions options() {
  DaemonOptions o;
  o.member_passwords = {{"11001", kAgencyPassword}, {"1100001", kAttorneyPassword}};
  o.staff = {apitest::reviewer_staff(), apitest::desk_staff()};
  return o;
}

std::string expected_due(const TestDaemon& d) {
  auto db = d.open_db();
  auto due = md::membership::due_date_for(*db, md::store::today_shanghai());
  REQUIRE(due.ok());
  return *due;
}

std::string year_now() { return md::store::today_shanghai().substr(0, 4); }

int64_t applications(const TestDaemon& d) { return sql_int(d, "SELECT COUNT(*) FROM applications"); }
int64_t sms_rows(const TestDaemon& d) { return sql_int(d, "SELECT COUNT(*) FROM sms_outbox"); }

HttpResponse apply(HttpClient& c, const std::string& type, const Json& fields, bool agree = true) {
  return c.post("/applications/" + type, application_body(fields, agree));
}

void login_agency(HttpClient& c) { REQUIRE(c.login_member("11001", kAgencyPassword).status == 200); }
void login_attorney(HttpClient& c) { REQUIRE(c.login_member("1100001", kAttorneyPassword).status == 200); }

// Logs in a reviewer on a fresh client and approves the application.
HttpResponse approve(const TestDaemon& d, int64_t id) {
  HttpClient staff(d.port());
  auto login = staff.login_staff("rev1", "Review12345x");
  REQUIRE(login.status == 200);
  return staff.post("/staff/applications/" + std::to_string(id) + "/approve", Json::object());
}

void check_created(const HttpResponse& r, const TestDaemon& d, const std::string& type) {
  CAPTURE(r.raw_body);
  REQUIRE(r.status == 201);
  CHECK(r.body["message"] == kNotice);
  const Json& a = r.body["application"];
  CHECK(a["id"].is_number_integer());
  CHECK(a["member_type"] == type);
  CHECK(a["status"] == "submitted");
  CHECK(a["due_date"] == expected_due(d));
  CHECK(a["submitted_at"].is_string());
  CHECK(a["fields"].is_object());
  CHECK_FALSE(a.contains("reject_reason"));
}

}  // namespace

TEST_CASE("the application form of each member type is served") {
  TestDaemon d(options());
  HttpClient c(d.port());
  struct Expect {
    std::string type, label, title;
    bool login;
  };
  for (const auto& e : {Expect{"agency", "专利代理机构", "专利代理机构入会申请表", true},
                        Expect{"attorney", "专利代理师", "专利代理师入会申请表", true},
                        Expect{"industry_org", "行业组织", "行业组织入会申请表", false},
                        Expect{"non_practicing", "非执业会员", "非执业会员入会申请表", false}}) {
    CAPTURE(e.type);
    auto r = c.get("/applications/forms/" + e.type);
    REQUIRE(r.status == 200);
    const Json& f = r.body["form"];
    CHECK(f["type"] == e.type);
    CHECK(f["type_label"] == e.label);
    CHECK(f["title"] == e.title);
    CHECK(f["requires_login"] == e.login);
    REQUIRE(f["fields"].is_array());
    CHECK(f["fields"].size() >= 6);
    for (const auto& field : f["fields"]) {
      CAPTURE(field.dump());
      CHECK(field["key"].is_string());
      CHECK(field["label"].is_string());
      CHECK(field["kind"].is_string());
      CHECK(field["required"].is_boolean());
      CHECK(field["readonly"].is_boolean());
      if (field["kind"] == "choice") CHECK(field["choices"].size() >= 2);
    }
  }
  auto find = [&](const std::string& type, const std::string& key) {
    auto r = c.get("/applications/forms/" + type);
    for (const auto& field : r.body["form"]["fields"])
      if (field["key"] == key) return field;
    return Json();
  };
  auto code = find("agency", "agency_code");
  CHECK(code["readonly"] == true);
  CHECK(code["kind"] == "agency_code");
  CHECK(code["label"] == "机构代码");
  CHECK(find("agency", "uscc")["kind"] == "uscc");
  CHECK(find("agency", "uscc")["readonly"] == false);
  CHECK(find("agency", "org_name")["max_chars"] == 100);
  CHECK(find("attorney", "qualification_no")["readonly"] == true);
  CHECK(find("attorney", "agency_name")["readonly"] == true);
  CHECK(find("attorney", "gender")["choices"] == Json::array({"男", "女"}));
  CHECK(find("industry_org", "uscc")["readonly"] == false);
  CHECK(find("industry_org", "uscc")["required"] == true);
  CHECK(find("non_practicing", "mobile")["kind"] == "mobile");
  CHECK(find("non_practicing", "qualification_no")["readonly"] == false);

  auto unknown = c.get("/applications/forms/member");
  CHECK(unknown.status == 404);
  CHECK(unknown.error_code() == "not_found");
}

TEST_CASE("a logged-in agency submits its application") {
  TestDaemon d(options());
  HttpClient c(d.port());
  login_agency(c);
  auto r = apply(c, "agency", valid_application_fields("agency"));
  check_created(r, d, "agency");
  CHECK(r.body["application"]["name"] == kAgencyName);
  CHECK(r.body["application"]["fields"]["agency_code"] == "11001");
  CHECK(r.body["application"]["fields"]["contact_mobile"] == "13900139000");
  CHECK(applications(d) == 1);
  CHECK(sql_text(d, "SELECT applicant_key FROM applications") == "11001");
  CHECK(sql_text(d, "SELECT status FROM members WHERE login_id = '11001'") == "applied");
  // The SMS goes to the contact mobile.
  CHECK(sql_int(d, "SELECT COUNT(*) FROM sms_outbox WHERE phone = '13900139000' AND "
                   "event = 'application_submitted'") == 1);
}

TEST_CASE("a logged-in attorney submits the application with the roster's agency") {
  TestDaemon d(options());
  HttpClient c(d.port());
  login_attorney(c);
  auto r = apply(c, "attorney", valid_application_fields("attorney"));
  check_created(r, d, "attorney");
  CHECK(r.body["application"]["name"] == "张伟");
  CHECK(r.body["application"]["fields"]["qualification_no"] == "1100001");
  CHECK(r.body["application"]["fields"]["agency_name"] == kAgencyName);
  CHECK(applications(d) == 1);
  CHECK(sql_text(d, "SELECT status FROM members WHERE login_id = '1100001'") == "applied");
  CHECK(sql_int(d, "SELECT COUNT(*) FROM sms_outbox WHERE phone = '13800138001' AND "
                   "event = 'application_submitted'") == 1);
}

TEST_CASE("an industry organisation applies without logging in") {
  TestDaemon d(options());
  HttpClient c(d.port());
  const Json fields = valid_application_fields("industry_org");
  auto r = apply(c, "industry_org", fields);
  check_created(r, d, "industry_org");
  CHECK(r.body["application"]["name"] == "某市知识产权服务业协会");
  CHECK(r.body["application"]["fields"]["uscc"] == fields["uscc"]);
  CHECK(sql_text(d, "SELECT applicant_key FROM applications") == fields["uscc"].get<std::string>());
  CHECK(sql_int(d, "SELECT COUNT(*) FROM sms_outbox WHERE phone = '13700137000' AND "
                   "event = 'application_submitted'") == 1);
  // No member record or login yet: that comes with approval.
  CHECK(sql_int(d, "SELECT COUNT(*) FROM members WHERE type = 'industry_org'") == 0);
}

TEST_CASE("a non-practicing member applies without logging in") {
  TestDaemon d(options());
  HttpClient c(d.port());
  Json fields = valid_application_fields("non_practicing");
  fields["mobile"] = "+86 13600136000";
  auto r = apply(c, "non_practicing", fields);
  check_created(r, d, "non_practicing");
  CHECK(r.body["application"]["name"] == "周五");
  CHECK(r.body["application"]["fields"]["mobile"] == "13600136000");
  CHECK(sql_text(d, "SELECT applicant_key FROM applications") == "13600136000");
  CHECK(sql_int(d, "SELECT COUNT(*) FROM sms_outbox WHERE phone = '13600136000' AND "
                   "event = 'application_submitted'") == 1);
}

TEST_CASE("each validator refuses its bad value with 400 and nothing is stored") {
  TestDaemon d(options());
  HttpClient anon(d.port());
  HttpClient agency(d.port());
  login_agency(agency);
  struct Case {
    std::string type, key, bad;
  };
  const Case cases[] = {
      {"industry_org", "uscc", "91110000600037341X"},
      {"industry_org", "uscc", "12345"},
      {"non_practicing", "id_number", "110101199003071239"},
      {"non_practicing", "id_number", "11010119900307"},
      {"non_practicing", "mobile", "12345678901"},
      {"industry_org", "contact_mobile", "1370013700"},
      {"non_practicing", "email", "zhouwu@example"},
      {"industry_org", "email", "assoc.example.org"},
      {"agency", "founded_on", "2010-02-30"},
      {"agency", "founded_on", "2999-01-01"},
      {"agency", "postcode", "1000800"},
      {"agency", "org_form", "股份公司"},
      {"industry_org", "org_category", "其它"},
      {"non_practicing", "qualification_no", "99000001"},
      {"agency", "head_mobile", ""},
  };
  // The resident-id cases: make sure the 'bad' one really has a wrong check digit.
  CHECK(apitest::make_resident_id("11010119900307123") != "110101199003071239");
  for (const auto& c : cases) {
    CAPTURE(c.type);
    CAPTURE(c.key);
    CAPTURE(c.bad);
    Json fields = valid_application_fields(c.type);
    fields[c.key] = c.bad;
    HttpClient& client = c.type == "agency" ? agency : anon;
    auto r = apply(client, c.type, fields);
    CAPTURE(r.raw_body);
    CHECK(r.status == 400);
    CHECK(r.error_code() == "validation_failed");
    CHECK(r.body["error"]["fields"][c.key].is_string());
    CHECK(r.body["error"]["fields"].size() == 1);
  }
  CHECK(applications(d) == 0);
  CHECK(sms_rows(d) == 0);
  CHECK(sql_text(d, "SELECT status FROM members WHERE login_id = '11001'") == "roster");
}

TEST_CASE("a refused field carries the validator's own message") {
  TestDaemon d(options());
  HttpClient c(d.port());
  Json fields = valid_application_fields("non_practicing");
  fields["mobile"] = "12800138000";
  fields["email"] = "";
  fields.erase("employer");
  auto r = apply(c, "non_practicing", fields);
  REQUIRE(r.status == 400);
  const Json& f = r.body["error"]["fields"];
  CHECK(f["mobile"] == "手机号应以13至19开头");
  CHECK(f["email"] == "请填写电子邮箱");
  CHECK(f["employer"] == "请填写工作单位");
  CHECK(f.size() == 3);
  CHECK(r.body["error"]["message"].is_string());
  CHECK(applications(d) == 0);
}

TEST_CASE("the charter must be agreed to") {
  TestDaemon d(options());
  HttpClient c(d.port());
  auto r = apply(c, "industry_org", valid_application_fields("industry_org"), /*agree=*/false);
  CHECK(r.status == 400);
  CHECK(r.error_code() == "validation_failed");
  CHECK(r.body["error"]["fields"]["agree_charter"].is_string());
  CHECK(r.body["error"]["fields"].size() == 1);
  // Absent is the same as false.
  auto absent = c.post("/applications/industry_org", {{"fields", valid_application_fields("industry_org")}});
  CHECK(absent.status == 400);
  CHECK(absent.body["error"]["fields"]["agree_charter"].is_string());
  CHECK(applications(d) == 0);
  CHECK(sms_rows(d) == 0);
}

TEST_CASE("agree_charter of the wrong JSON type is a validation error not a server error") {
  TestDaemon d(options());
  HttpClient c(d.port());
  auto text = c.post("/applications/industry_org",
                     {{"agree_charter", "true"}, {"fields", valid_application_fields("industry_org")}});
  CHECK(text.status == 400);
  CHECK(text.body["error"]["fields"]["agree_charter"].is_string());
  CHECK(applications(d) == 0);
  CHECK(sms_rows(d) == 0);
}

TEST_CASE("read-only fields sent by an agency are replaced by the roster's") {
  TestDaemon d(options());
  HttpClient c(d.port());
  login_agency(c);
  Json fields = valid_application_fields("agency");
  fields["agency_code"] = "31002";
  auto r = apply(c, "agency", fields);
  REQUIRE(r.status == 201);
  CHECK(r.body["application"]["fields"]["agency_code"] == "11001");
  CHECK(sql_text(d, "SELECT applicant_key FROM applications") == "11001");
  CHECK(sql_text(d, "SELECT json_extract(form_json, '$.agency_code') FROM applications") == "11001");
  // The other agency has not applied.
  CHECK(sql_text(d, "SELECT status FROM members WHERE login_id = '31002'") == "roster");
}

TEST_CASE("read-only fields sent by an attorney are replaced by the roster's") {
  TestDaemon d(options());
  HttpClient c(d.port());
  login_attorney(c);
  Json fields = valid_application_fields("attorney");
  fields["agency_name"] = "上海华东知识产权代理有限公司";
  fields["qualification_no"] = "3100003";
  auto r = apply(c, "attorney", fields);
  REQUIRE(r.status == 201);
  CHECK(r.body["application"]["fields"]["agency_name"] == kAgencyName);
  CHECK(r.body["application"]["fields"]["qualification_no"] == "1100001");
  CHECK(sql_text(d, "SELECT json_extract(form_json, '$.agency_name') FROM applications") == kAgencyName);
  CHECK(sql_text(d, "SELECT applicant_key FROM applications") == "1100001");
}

TEST_CASE("a second application while one is under review is refused with 409") {
  TestDaemon d(options());
  HttpClient agency(d.port());
  login_agency(agency);
  REQUIRE(apply(agency, "agency", valid_application_fields("agency")).status == 201);
  auto again = apply(agency, "agency", valid_application_fields("agency"));
  CHECK(again.status == 409);
  CHECK(again.error_code() == "application_open");

  HttpClient anon(d.port());
  REQUIRE(apply(anon, "industry_org", valid_application_fields("industry_org")).status == 201);
  Json other = valid_application_fields("industry_org");
  other["org_name"] = "另一个名字的协会";
  other["contact_mobile"] = "13700137999";
  auto dup = apply(anon, "industry_org", other);
  CHECK(dup.status == 409);
  CHECK(dup.error_code() == "application_open");

  REQUIRE(apply(anon, "non_practicing", valid_application_fields("non_practicing")).status == 201);
  auto dup_np = apply(anon, "non_practicing", valid_application_fields("non_practicing"));
  CHECK(dup_np.status == 409);
  CHECK(dup_np.error_code() == "application_open");

  CHECK(applications(d) == 3);
  CHECK(sms_rows(d) == 3);
}

TEST_CASE("an industry organisation whose USCC is already a member gets 409 already_member") {
  TestDaemon d(options());
  HttpClient anon(d.port());
  const Json fields = valid_application_fields("industry_org");
  auto first = apply(anon, "industry_org", fields);
  REQUIRE(first.status == 201);
  REQUIRE(approve(d, first.body["application"]["id"]).status == 200);

  Json again = fields;
  again["org_name"] = "换了名字的协会";
  auto r = apply(anon, "industry_org", again);
  CAPTURE(r.raw_body);
  CHECK(r.status == 409);
  CHECK(r.error_code() == "already_member");
  CHECK(r.body["error"]["fields"]["uscc"].is_string());
  CHECK(applications(d) == 1);
  // A lower-case spelling of the same code is the same code.
  Json lower = fields;
  std::string code = fields["uscc"];
  for (auto& ch : code)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  lower["uscc"] = code;
  auto r2 = apply(anon, "industry_org", lower);
  CHECK(r2.status == 409);
  CHECK(r2.error_code() == "already_member");
  CHECK(applications(d) == 1);
}

TEST_CASE("a non-practicing applicant whose mobile is already a member gets 409 with fields.mobile") {
  TestDaemon d(options());
  HttpClient anon(d.port());
  auto first = apply(anon, "non_practicing", valid_application_fields("non_practicing"));
  REQUIRE(first.status == 201);
  REQUIRE(approve(d, first.body["application"]["id"]).status == 200);

  Json other = valid_application_fields("non_practicing");
  other["name"] = "吴六";
  other["id_number"] = apitest::make_resident_id("31010419920101456");
  other["qualification_no"] = "3100077";
  other["mobile"] = "0086-13600136000";
  auto r = apply(anon, "non_practicing", other);
  CAPTURE(r.raw_body);
  CHECK(r.status == 409);
  CHECK(r.error_code() == "already_member");
  CHECK(r.body["error"]["fields"]["mobile"].is_string());
  CHECK(applications(d) == 1);
}

TEST_CASE("an approved roster member applying again gets 409 already_member") {
  TestDaemon d(options());
  HttpClient c(d.port());
  login_agency(c);
  auto first = apply(c, "agency", valid_application_fields("agency"));
  REQUIRE(first.status == 201);
  REQUIRE(approve(d, first.body["application"]["id"]).status == 200);
  auto again = apply(c, "agency", valid_application_fields("agency"));
  CHECK(again.status == 409);
  CHECK(again.error_code() == "already_member");
  CHECK(applications(d) == 1);
}

TEST_CASE("agency and attorney applications need their member session") {
  TestDaemon d(options());
  HttpClient anon(d.port());
  auto a = apply(anon, "agency", valid_application_fields("agency"));
  CHECK(a.status == 401);
  CHECK(a.error_code() == "unauthenticated");
  auto p = apply(anon, "attorney", valid_application_fields("attorney"));
  CHECK(p.status == 401);
  CHECK(p.error_code() == "unauthenticated");

  // A staff session is not a member session.
  HttpClient staff(d.port());
  REQUIRE(staff.login_staff("rev1", "Review12345x").status == 200);
  auto s = apply(staff, "agency", valid_application_fields("agency"));
  CHECK(s.status == 403);
  CHECK(s.error_code() == "forbidden");
  CHECK(applications(d) == 0);
}

TEST_CASE("a member may only submit the application of their own type") {
  TestDaemon d(options());
  HttpClient attorney(d.port());
  login_attorney(attorney);
  auto r = apply(attorney, "agency", valid_application_fields("agency"));
  CHECK(r.status == 403);
  CHECK(r.error_code() == "forbidden");

  HttpClient agency(d.port());
  login_agency(agency);
  auto r2 = apply(agency, "attorney", valid_application_fields("attorney"));
  CHECK(r2.status == 403);
  CHECK(r2.error_code() == "forbidden");
  CHECK(applications(d) == 0);
  CHECK(sql_text(d, "SELECT status FROM members WHERE login_id = '1100001'") == "roster");
}

TEST_CASE("each submission writes one SMS outbox row to the applicant's mobile") {
  TestDaemon d(options());
  HttpClient anon(d.port());
  HttpClient agency(d.port());
  HttpClient attorney(d.port());
  login_agency(agency);
  login_attorney(attorney);
  REQUIRE(apply(agency, "agency", valid_application_fields("agency")).status == 201);
  REQUIRE(apply(attorney, "attorney", valid_application_fields("attorney")).status == 201);
  REQUIRE(apply(anon, "industry_org", valid_application_fields("industry_org")).status == 201);
  REQUIRE(apply(anon, "non_practicing", valid_application_fields("non_practicing")).status == 201);
  CHECK(sms_rows(d) == 4);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM sms_outbox WHERE event = 'application_submitted'") == 4);
  CHECK(sql_int(d, "SELECT COUNT(DISTINCT phone) FROM sms_outbox") == 4);
  for (const char* phone : {"13900139000", "13800138001", "13700137000", "13600136000"}) {
    CAPTURE(phone);
    CHECK(sql_int(d, std::string("SELECT COUNT(*) FROM sms_outbox WHERE phone = '") + phone + "'") == 1);
  }
  // The text names the applicant.
  CHECK(sql_text(d, "SELECT text FROM sms_outbox WHERE phone = '13600136000'").find("周五") !=
        std::string::npos);
}

TEST_CASE("the member application page moves from apply to under review to approved") {
  TestDaemon d(options());
  HttpClient c(d.port());
  login_agency(c);

  auto before = c.get("/member/application");
  REQUIRE(before.status == 200);
  CHECK(before.body["stage"] == "apply");
  CHECK(before.body["member_status"] == "roster");
  CHECK(before.body["member_no"].is_null());
  CHECK(before.body["form"]["type"] == "agency");
  CHECK(before.body["prefill"]["agency_code"] == "11001");
  CHECK(before.body["prefill"]["org_name"] == kAgencyName);
  CHECK(before.body["prefill"]["uscc"] == "91110000600037341L");
  CHECK_FALSE(before.body.contains("application"));

  auto submitted = apply(c, "agency", valid_application_fields("agency"));
  REQUIRE(submitted.status == 201);
  auto review = c.get("/member/application");
  REQUIRE(review.status == 200);
  CHECK(review.body["stage"] == "under_review");
  CHECK(review.body["member_status"] == "applied");
  CHECK(review.body["application"]["id"] == submitted.body["application"]["id"]);
  CHECK(review.body["application"]["status"] == "submitted");
  CHECK(review.body["prefill"]["contact_mobile"] == "13900139000");

  auto approved = approve(d, submitted.body["application"]["id"]);
  REQUIRE(approved.status == 200);
  const std::string member_no = "A" + year_now() + "000001";
  CHECK(approved.body["member_no"] == member_no);
  auto after = c.get("/member/application");
  REQUIRE(after.status == 200);
  CHECK(after.body["stage"] == "approved");
  CHECK(after.body["member_status"] == "approved_unpaid");
  CHECK(after.body["member_no"] == member_no);
  CHECK(after.body["application"]["status"] == "approved");
  CHECK(after.body["application"]["decided_at"].is_string());

  HttpClient anon(d.port());
  CHECK(anon.get("/member/application").status == 401);
}
