// Staff review of 入会申请: the queue and its filters, roles, detail with labelled fields and
// history, approval (member numbers, logins), rejection and resubmission, the audit trail and
// the working-day calendar behind due dates.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "domain/working_days.h"
#include "harness.h"
#include "membership/applications.h"
#include "store/calendar_repo.h"
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

const std::string kAgencyPassword = "Zhicheng2026";
const std::string kAttorneyPassword = "Zhangwei2026";

DaemonOptions options() {
  DaemonOptions o;
  o.member_passwords = {{"11001", kAgencyPassword}, {"1100001", kAttorneyPassword}};
  o.staff = {apitest::reviewer_staff(), apitest::desk_staff(),
             {"admin1", "管理员老张", "admin", "Admin12345x"}};
  return o;
}

std::string year_now() { return md::store::today_shanghai().substr(0, 4); }

std::string expected_due(const TestDaemon& d) {
  auto db = d.open_db();
  auto due = md::membership::due_date_for(*db, md::store::today_shanghai());
  REQUIRE(due.ok());
  return *due;
}

HttpResponse apply(HttpClient& c, const std::string& type, const Json& fields) {
  return c.post("/applications/" + type, application_body(fields));
}

// An industry organisation with its own USCC and mobile (n = 0..9).
Json industry_org(int n) {
  Json f = valid_application_fields("industry_org");
  f["org_name"] = "第" + std::to_string(n) + "知识产权服务业协会";
  f["uscc"] = apitest::make_uscc("5111000" + std::to_string(n) + "MJ0123456");
  f["contact_mobile"] = "1370013700" + std::to_string(n);
  return f;
}

int64_t submit_ok(HttpClient& c, const std::string& type, const Json& fields) {
  auto r = apply(c, type, fields);
  CAPTURE(r.raw_body);
  REQUIRE(r.status == 201);
  return r.body["application"]["id"].get<int64_t>();
}

std::string path(int64_t id, const std::string& tail = "") {
  return "/staff/applications/" + std::to_string(id) + tail;
}

void login_reviewer(HttpClient& c) { REQUIRE(c.login_staff("rev1", "Review12345x").status == 200); }

}  // namespace

TEST_CASE("the review queue lists submitted applications and filters them") {
  TestDaemon d(options());
  HttpClient anon(d.port());
  HttpClient agency(d.port());
  REQUIRE(agency.login_member("11001", kAgencyPassword).status == 200);
  const int64_t org1 = submit_ok(anon, "industry_org", industry_org(1));
  const int64_t org2 = submit_ok(anon, "industry_org", industry_org(2));
  const int64_t np = submit_ok(anon, "non_practicing", valid_application_fields("non_practicing"));
  const int64_t ag = submit_ok(agency, "agency", valid_application_fields("agency"));

  HttpClient staff(d.port());
  login_reviewer(staff);
  auto all = staff.get("/staff/applications");
  REQUIRE(all.status == 200);
  CHECK(all.body["total"] == 4);
  CHECK(all.body["page"] == 1);
  CHECK(all.body["today"] == md::store::today_shanghai());
  REQUIRE(all.body["items"].size() == 4);
  for (const auto& item : all.body["items"]) {
    CAPTURE(item.dump());
    CHECK(item["status"] == "submitted");
    CHECK(item["status_label"] == "待审核");
    CHECK(item["overdue"] == false);
    CHECK(item["due_date"] == expected_due(d));
    CHECK(item["decided_at"].is_null());
    CHECK(item["name"].is_string());
    CHECK(item["applicant_key"].is_string());
  }

  auto orgs = staff.get("/staff/applications?type=industry_org");
  REQUIRE(orgs.status == 200);
  CHECK(orgs.body["total"] == 2);
  for (const auto& item : orgs.body["items"]) {
    CHECK(item["member_type"] == "industry_org");
    CHECK(item["type_label"] == "行业组织");
  }
  auto agencies = staff.get("/staff/applications?type=agency");
  REQUIRE(agencies.body["items"].size() == 1);
  CHECK(agencies.body["items"][0]["id"] == ag);
  CHECK(agencies.body["items"][0]["applicant_key"] == "11001");

  // Overdue: push one due date into the past.
  sql_exec(d, "UPDATE applications SET due_date = '2026-01-05' WHERE id = " + std::to_string(org2));
  auto overdue = staff.get("/staff/applications?overdue=1");
  REQUIRE(overdue.status == 200);
  CHECK(overdue.body["total"] == 1);
  REQUIRE(overdue.body["items"].size() == 1);
  CHECK(overdue.body["items"][0]["id"] == org2);
  CHECK(overdue.body["items"][0]["overdue"] == true);
  // Oldest due first: the overdue one leads the plain queue.
  auto queue = staff.get("/staff/applications");
  CHECK(queue.body["items"][0]["id"] == org2);
  CHECK(queue.body["items"][0]["overdue"] == true);

  // Decided ones leave the default (submitted) view.
  REQUIRE(staff.post(path(org1, "/approve"), Json::object()).status == 200);
  REQUIRE(staff.post(path(np, "/reject"), {{"reason", "材料不全"}}).status == 200);
  CHECK(staff.get("/staff/applications").body["total"] == 2);
  auto approved = staff.get("/staff/applications?status=approved");
  REQUIRE(approved.body["items"].size() == 1);
  CHECK(approved.body["items"][0]["id"] == org1);
  CHECK(approved.body["items"][0]["status_label"] == "已通过");
  CHECK(approved.body["items"][0]["decided_by"] == "rev1");
  auto rejected = staff.get("/staff/applications?status=rejected");
  REQUIRE(rejected.body["items"].size() == 1);
  CHECK(rejected.body["items"][0]["status_label"] == "已退回");
  CHECK(rejected.body["items"][0]["reject_reason"] == "材料不全");
  auto everything = staff.get("/staff/applications?status=all");
  CHECK(everything.body["total"] == 4);
  // Submitted first, then the decided ones.
  REQUIRE(everything.body["items"].size() == 4);
  CHECK(everything.body["items"][0]["status"] == "submitted");
  CHECK(everything.body["items"][1]["status"] == "submitted");
  CHECK(everything.body["items"][2]["status"] != "submitted");
  CHECK(everything.body["items"][3]["status"] != "submitted");
  CHECK(staff.get("/staff/applications?status=all&type=industry_org").body["total"] == 2);
  // A decided application is never overdue, whatever its due date.
  sql_exec(d, "UPDATE applications SET due_date = '2026-01-05' WHERE id = " + std::to_string(org1));
  CHECK(staff.get("/staff/applications?overdue=1").body["total"] == 1);

  // Paging.
  auto page = staff.get("/staff/applications?status=all&page=2&page_size=3");
  CHECK(page.body["total"] == 4);
  CHECK(page.body["page"] == 2);
  CHECK(page.body["items"].size() == 1);

  CHECK(staff.get("/staff/applications?type=member").status == 400);
  CHECK(staff.get("/staff/applications?status=open").status == 400);
}

TEST_CASE("members and desk staff may not use the review queue") {
  TestDaemon d(options());
  HttpClient anon(d.port());
  const int64_t id = submit_ok(anon, "industry_org", industry_org(1));
  auto none = anon.get("/staff/applications");
  CHECK(none.status == 401);

  HttpClient member(d.port());
  REQUIRE(member.login_member("11001", kAgencyPassword).status == 200);
  CHECK(member.get("/staff/applications").status == 403);
  CHECK(member.get(path(id)).status == 403);
  CHECK(member.post(path(id, "/approve"), Json::object()).status == 403);

  HttpClient desk(d.port());
  REQUIRE(desk.login_staff("desk1", "Desk12345x").status == 200);
  auto r = desk.get("/staff/applications");
  CHECK(r.status == 403);
  CHECK(r.error_code() == "forbidden");
  CHECK(desk.get(path(id)).status == 403);
  CHECK(desk.post(path(id, "/approve"), Json::object()).status == 403);
  CHECK(desk.post(path(id, "/reject"), {{"reason", "x"}}).status == 403);
  CHECK(desk.get("/staff/calendar?year=2026").status == 403);
  CHECK(sql_text(d, "SELECT status FROM applications") == "submitted");

  // An admin may.
  HttpClient admin(d.port());
  REQUIRE(admin.login_staff("admin1", "Admin12345x").status == 200);
  CHECK(admin.get("/staff/applications").status == 200);
}

TEST_CASE("an application's detail shows its fields with their labels") {
  TestDaemon d(options());
  HttpClient anon(d.port());
  const Json fields = industry_org(3);
  const int64_t id = submit_ok(anon, "industry_org", fields);
  HttpClient staff(d.port());
  login_reviewer(staff);
  auto r = staff.get(path(id));
  REQUIRE(r.status == 200);
  const Json& a = r.body["application"];
  CHECK(a["id"] == id);
  CHECK(a["member_type"] == "industry_org");
  CHECK(a["type_label"] == "行业组织");
  CHECK(a["status_label"] == "待审核");
  CHECK(a["name"] == fields["org_name"]);
  CHECK(a["applicant_key"] == fields["uscc"]);
  REQUIRE(a["fields"].is_array());
  CHECK(a["fields"][0]["key"] == "org_name");
  CHECK(a["fields"][0]["label"] == "组织名称");
  CHECK(a["fields"][0]["value"] == fields["org_name"]);
  bool saw_uscc = false, saw_intro = false;
  for (const auto& f : a["fields"]) {
    if (f["key"] == "uscc") {
      saw_uscc = true;
      CHECK(f["label"] == "统一社会信用代码");
      CHECK(f["value"] == fields["uscc"]);
    }
    if (f["key"] == "intro") {
      saw_intro = true;
      CHECK(f["label"] == "简介");
      CHECK(f["value"] == "");  // optional and empty
    }
  }
  CHECK(saw_uscc);
  CHECK(saw_intro);
  REQUIRE(r.body["history"].size() == 1);
  CHECK(r.body["history"][0]["id"] == id);

  CHECK(staff.get(path(999999)).status == 404);
  CHECK(staff.get("/staff/applications/abc").status == 404);
}

TEST_CASE("approvals number members in sequence and an industry organisation gets a login") {
  TestDaemon d(options());
  HttpClient anon(d.port());
  const Json f1 = industry_org(1), f2 = industry_org(2);
  const int64_t a1 = submit_ok(anon, "industry_org", f1);
  const int64_t a2 = submit_ok(anon, "industry_org", f2);
  HttpClient staff(d.port());
  login_reviewer(staff);

  auto r1 = staff.post(path(a1, "/approve"), Json::object());
  REQUIRE(r1.status == 200);
  CHECK(r1.body["member_no"] == "H" + year_now() + "000001");
  CHECK(r1.body["login_id"] == f1["uscc"]);
  CHECK(r1.body["application"]["status"] == "approved");
  CHECK(r1.body["application"]["status_label"] == "已通过");
  CHECK(r1.body["application"]["decided_by"] == "rev1");
  CHECK(r1.body["application"]["decided_at"].is_string());
  auto r2 = staff.post(path(a2, "/approve"), Json::object());
  REQUIRE(r2.status == 200);
  CHECK(r2.body["member_no"] == "H" + year_now() + "000002");

  const std::string uscc = f1["uscc"];
  CHECK(sql_text(d, "SELECT status FROM members WHERE login_id = '" + uscc + "'") == "approved_unpaid");
  CHECK(sql_text(d, "SELECT type FROM members WHERE login_id = '" + uscc + "'") == "industry_org");
  CHECK(sql_int(d, "SELECT COUNT(*) FROM sms_outbox WHERE event = 'application_approved'") == 2);

  // The organisation logs in with its USCC, default password = the USCC, and must change it.
  HttpClient org(d.port());
  auto login = org.login_member(uscc, uscc);
  CAPTURE(login.raw_body);
  REQUIRE(login.status == 200);
  CHECK(login.body["session"]["must_change_password"] == true);
  CHECK(login.body["session"]["member_type"] == "industry_org");
  CHECK(login.body["session"]["name"] == f1["org_name"]);
  REQUIRE(org.post("/auth/password", {{"old_password", uscc}, {"new_password", "Xiehui2026ok"}}).status == 200);
  auto page = org.get("/member/application");
  REQUIRE(page.status == 200);
  CHECK(page.body["stage"] == "approved");
  CHECK(page.body["member_no"] == "H" + year_now() + "000001");
}

TEST_CASE("numbers run per type and a non-practicing member logs in with the mobile") {
  TestDaemon d(options());
  HttpClient anon(d.port());
  HttpClient agency(d.port()), attorney(d.port());
  REQUIRE(agency.login_member("11001", kAgencyPassword).status == 200);
  REQUIRE(attorney.login_member("1100001", kAttorneyPassword).status == 200);
  const int64_t ag = submit_ok(agency, "agency", valid_application_fields("agency"));
  const int64_t at = submit_ok(attorney, "attorney", valid_application_fields("attorney"));
  const int64_t np = submit_ok(anon, "non_practicing", valid_application_fields("non_practicing"));
  const int64_t io = submit_ok(anon, "industry_org", industry_org(1));
  HttpClient staff(d.port());
  login_reviewer(staff);
  const std::string y = year_now();
  auto rag = staff.post(path(ag, "/approve"), Json::object());
  CHECK(rag.body["member_no"] == "A" + y + "000001");
  CHECK(rag.body["login_id"] == "11001");
  auto rat = staff.post(path(at, "/approve"), Json::object());
  CHECK(rat.body["member_no"] == "P" + y + "000001");
  CHECK(rat.body["login_id"] == "1100001");
  auto rnp = staff.post(path(np, "/approve"), Json::object());
  CHECK(rnp.body["member_no"] == "N" + y + "000001");
  CHECK(rnp.body["login_id"] == "13600136000");
  auto rio = staff.post(path(io, "/approve"), Json::object());
  CHECK(rio.body["member_no"] == "H" + y + "000001");

  HttpClient member(d.port());
  auto login = member.login_member("13600136000", "13600136000");
  REQUIRE(login.status == 200);
  CHECK(login.body["session"]["must_change_password"] == true);
  CHECK(login.body["session"]["member_type"] == "non_practicing");
  // The roster members keep their own password.
  CHECK(sql_text(d, "SELECT member_no FROM members WHERE login_id = '11001'") == "A" + y + "000001");
  CHECK(sql_text(d, "SELECT status FROM members WHERE login_id = '1100001'") == "approved_unpaid");
}

TEST_CASE("an application can be decided only once") {
  TestDaemon d(options());
  HttpClient anon(d.port());
  const int64_t id = submit_ok(anon, "industry_org", industry_org(1));
  HttpClient staff(d.port());
  login_reviewer(staff);
  REQUIRE(staff.post(path(id, "/approve"), Json::object()).status == 200);
  auto again = staff.post(path(id, "/approve"), Json::object());
  CHECK(again.status == 409);
  CHECK(again.error_code() == "already_decided");
  auto reject = staff.post(path(id, "/reject"), {{"reason", "重复"}});
  CHECK(reject.status == 409);
  CHECK(reject.error_code() == "already_decided");
  CHECK(sql_int(d, "SELECT COUNT(*) FROM members WHERE type = 'industry_org'") == 1);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM sms_outbox WHERE event = 'application_approved'") == 1);

  const int64_t other = submit_ok(anon, "industry_org", industry_org(2));
  REQUIRE(staff.post(path(other, "/reject"), {{"reason", "材料不全"}}).status == 200);
  auto approve_rejected = staff.post(path(other, "/approve"), Json::object());
  CHECK(approve_rejected.status == 409);
  CHECK(approve_rejected.error_code() == "already_decided");
  CHECK(staff.post(path(999999, "/approve"), Json::object()).status == 404);
}

TEST_CASE("a rejection needs a reason") {
  TestDaemon d(options());
  HttpClient anon(d.port());
  const int64_t id = submit_ok(anon, "industry_org", industry_org(1));
  HttpClient staff(d.port());
  login_reviewer(staff);
  for (const Json& body : {Json::object(), Json{{"reason", ""}}, Json{{"reason", "   "}}}) {
    CAPTURE(body.dump());
    auto r = staff.post(path(id, "/reject"), body);
    CHECK(r.status == 400);
    CHECK(r.error_code() == "validation_failed");
    CHECK(r.body["error"]["fields"]["reason"].is_string());
  }
  std::string long_reason;
  for (int i = 0; i < 201; ++i) long_reason += "字";
  auto too_long = staff.post(path(id, "/reject"), {{"reason", long_reason}});
  CHECK(too_long.status == 400);
  CHECK(too_long.body["error"]["fields"]["reason"].is_string());
  CHECK(sql_text(d, "SELECT status FROM applications") == "submitted");
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'application.reject'") == 0);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM sms_outbox WHERE event = 'application_rejected'") == 0);
}

TEST_CASE("a rejected attorney sees the reason and corrects and resubmits") {
  TestDaemon d(options());
  HttpClient attorney(d.port());
  REQUIRE(attorney.login_member("1100001", kAttorneyPassword).status == 200);
  Json fields = valid_application_fields("attorney");
  fields["major"] = "机械设计";
  const int64_t first = submit_ok(attorney, "attorney", fields);
  CHECK(sql_text(d, "SELECT status FROM members WHERE login_id = '1100001'") == "applied");

  HttpClient staff(d.port());
  login_reviewer(staff);
  auto rej = staff.post(path(first, "/reject"), {{"reason", "身份证号与资格证信息不一致"}});
  REQUIRE(rej.status == 200);
  CHECK(rej.body["application"]["status"] == "rejected");
  CHECK(rej.body["application"]["reject_reason"] == "身份证号与资格证信息不一致");
  CHECK(sql_text(d, "SELECT status FROM members WHERE login_id = '1100001'") == "roster");
  CHECK(sql_int(d, "SELECT COUNT(*) FROM sms_outbox WHERE event = 'application_rejected' AND "
                   "phone = '13800138001'") == 1);

  auto page = attorney.get("/member/application");
  REQUIRE(page.status == 200);
  CHECK(page.body["stage"] == "apply");
  CHECK(page.body["member_status"] == "roster");
  CHECK(page.body["application"]["status"] == "rejected");
  CHECK(page.body["application"]["reject_reason"] == "身份证号与资格证信息不一致");
  // Prefill: the last application's values, read-only ones from the roster.
  CHECK(page.body["prefill"]["major"] == "机械设计");
  CHECK(page.body["prefill"]["id_number"] == fields["id_number"]);
  CHECK(page.body["prefill"]["mobile"] == "13800138001");
  CHECK(page.body["prefill"]["qualification_no"] == "1100001");
  CHECK(page.body["prefill"]["agency_name"] == "北京智诚专利代理事务所（普通合伙）");

  // Correct and resubmit.
  fields["major"] = "机械工程";
  const int64_t second = submit_ok(attorney, "attorney", fields);
  CHECK(second != first);
  CHECK(sql_int(d, "SELECT previous_id FROM applications WHERE id = " + std::to_string(second)) == first);
  CHECK(attorney.get("/member/application").body["stage"] == "under_review");

  auto detail = staff.get(path(second));
  REQUIRE(detail.status == 200);
  const Json& history = detail.body["history"];
  REQUIRE(history.size() == 2);
  CHECK(history[0]["id"] == second);  // newest first
  CHECK(history[0]["status"] == "submitted");
  CHECK(history[1]["id"] == first);
  CHECK(history[1]["status"] == "rejected");
  CHECK(history[1]["reject_reason"] == "身份证号与资格证信息不一致");
  // The older one's detail lists the same history.
  CHECK(staff.get(path(first)).body["history"].size() == 2);

  auto ok = staff.post(path(second, "/approve"), Json::object());
  REQUIRE(ok.status == 200);
  CHECK(ok.body["member_no"] == "P" + year_now() + "000001");
}

TEST_CASE("a rejected industry organisation may apply again") {
  TestDaemon d(options());
  HttpClient anon(d.port());
  const Json fields = industry_org(1);
  const int64_t first = submit_ok(anon, "industry_org", fields);
  HttpClient staff(d.port());
  login_reviewer(staff);
  REQUIRE(staff.post(path(first, "/reject"), {{"reason", "材料不全"}}).status == 200);
  const int64_t second = submit_ok(anon, "industry_org", fields);
  auto detail = staff.get(path(second));
  REQUIRE(detail.body["history"].size() == 2);
  CHECK(detail.body["history"][1]["id"] == first);
}

TEST_CASE("approvals and rejections are written to the audit log") {
  TestDaemon d(options());
  HttpClient anon(d.port());
  const int64_t a = submit_ok(anon, "industry_org", industry_org(1));
  const int64_t b = submit_ok(anon, "industry_org", industry_org(2));
  HttpClient staff(d.port());
  login_reviewer(staff);
  REQUIRE(staff.post(path(a, "/approve"), Json::object()).status == 200);
  REQUIRE(staff.post(path(b, "/reject"), {{"reason", "名称与证照不符"}}).status == 200);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'application.approve' AND actor = "
                   "'staff:rev1' AND object = 'application:" + std::to_string(a) + "'") == 1);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'application.reject' AND actor = "
                   "'staff:rev1' AND object = 'application:" + std::to_string(b) + "'") == 1);
  CHECK(sql_text(d, "SELECT after_json FROM audit_log WHERE action = 'application.reject'")
            .find("名称与证照不符") != std::string::npos);
  CHECK(sql_text(d, "SELECT after_json FROM audit_log WHERE action = 'application.approve'")
            .find("H" + year_now() + "000001") != std::string::npos);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'application.submit'") == 2);
}

TEST_CASE("staff read and edit the working-day calendar") {
  TestDaemon d(options());
  HttpClient staff(d.port());
  login_reviewer(staff);
  auto year = staff.get("/staff/calendar?year=2026");
  REQUIRE(year.status == 200);
  CHECK(year.body["year"] == 2026);
  bool national_day = false, makeup = false;
  for (const auto& day : year.body["days"]) {
    if (day["day"] == "2026-10-01") {
      national_day = true;
      CHECK(day["kind"] == "holiday");
      CHECK(day["name"] == "国庆节");
    }
    if (day["day"] == "2026-10-10") {
      makeup = true;
      CHECK(day["kind"] == "workday");
    }
  }
  CHECK(national_day);
  CHECK(makeup);
  const size_t seeded = year.body["days"].size();
  CHECK(staff.get("/staff/calendar?year=2027").body["days"].size() == 0);

  auto put = staff.request("PUT", "/staff/calendar/2026-12-31", Json{{"kind", "holiday"}, {"name", "年末休息"}}.dump(),
                           "application/json");
  REQUIRE(put.status == 200);
  CHECK(put.body["day"] == "2026-12-31");
  CHECK(put.body["kind"] == "holiday");
  CHECK(put.body["name"] == "年末休息");
  CHECK(staff.get("/staff/calendar?year=2026").body["days"].size() == seeded + 1);
  // PUT again replaces.
  auto replace = staff.request("PUT", "/staff/calendar/2026-12-31",
                               Json{{"kind", "workday"}, {"name", "调休上班"}}.dump(), "application/json");
  REQUIRE(replace.status == 200);
  CHECK(staff.get("/staff/calendar?year=2026").body["days"].size() == seeded + 1);
  CHECK(sql_text(d, "SELECT kind FROM calendar_days WHERE day = '2026-12-31'") == "workday");

  auto bad = staff.request("PUT", "/staff/calendar/2026-02-30", Json{{"kind", "rest"}, {"name", ""}}.dump(),
                           "application/json");
  CHECK(bad.status == 400);
  CHECK(bad.body["error"]["fields"]["day"].is_string());
  CHECK(bad.body["error"]["fields"]["kind"].is_string());
  CHECK(bad.body["error"]["fields"]["name"].is_string());

  auto del = staff.request("DELETE", "/staff/calendar/2026-12-31", std::nullopt, "");
  REQUIRE(del.status == 200);
  CHECK(del.body["ok"] == true);
  CHECK(staff.get("/staff/calendar?year=2026").body["days"].size() == seeded);
  CHECK(staff.request("DELETE", "/staff/calendar/2026-12-31", std::nullopt, "").status == 404);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'calendar.%'") == 3);
}

TEST_CASE("a holiday added for the coming days moves the due date of a new submission") {
  TestDaemon d(options());
  const std::string today = md::store::today_shanghai();
  const std::string before = expected_due(d);
  // The next working day after today becomes a holiday.
  md::domain::WorkCalendar cal;
  {
    auto db = d.open_db();
    auto loaded = md::store::CalendarRepo(*db).load();
    REQUIRE(loaded.ok());
    cal = *loaded;
  }
  const auto next = cal.add_working_days(*md::domain::parse_iso_date(today), 1);
  const std::string next_iso = md::domain::format_iso_date(next);
  const std::string shifted = md::domain::format_iso_date(
      cal.add_working_days(*md::domain::parse_iso_date(today), 6));

  HttpClient staff(d.port());
  login_reviewer(staff);
  auto put = staff.request("PUT", "/staff/calendar/" + next_iso,
                           Json{{"kind", "holiday"}, {"name", "临时休息"}}.dump(), "application/json");
  REQUIRE(put.status == 200);

  HttpClient anon(d.port());
  auto r = apply(anon, "industry_org", industry_org(1));
  REQUIRE(r.status == 201);
  CAPTURE(before);
  CAPTURE(next_iso);
  CHECK(r.body["application"]["due_date"] != before);
  CHECK(r.body["application"]["due_date"] == shifted);
  CHECK(r.body["application"]["due_date"] == expected_due(d));

  // Removing the holiday brings the old due date back for the next submission.
  REQUIRE(staff.request("DELETE", "/staff/calendar/" + next_iso, std::nullopt, "").status == 200);
  auto r2 = apply(anon, "industry_org", industry_org(2));
  REQUIRE(r2.status == 201);
  CHECK(r2.body["application"]["due_date"] == before);
}
