// 招聘信息 through the API: an agency writes a posting that the public sees only after a reviewer
// approves it; an edit sends it back to review; a rejection carries a reason the agency sees; a
// closed or expired posting leaves the public list; other member types are refused and an agency
// never sees or changes another agency's postings. Every write is audited.
#include <doctest/doctest.h>

#include <string>

#include "certificate_support.h"
#include "harness.h"
#include "store/directory_cache.h"

using apitest::HttpClient;
using apitest::Json;
using apitest::sql_exec;
using apitest::sql_int;
using apitest::sql_text;
using apitest::TestDaemon;
using certtest::kPw;

namespace {

apitest::DaemonOptions options() {
  apitest::DaemonOptions o;
  for (const char* login : {"11001", "31002", "1100001"}) o.member_passwords[login] = kPw;
  o.staff = {certtest::kAdmin, certtest::kFinance, apitest::desk_staff(), apitest::reviewer_staff()};
  return o;
}

HttpClient& as_member(HttpClient& c, const std::string& login) {
  REQUIRE(c.login_member(login, kPw).status == 200);
  return c;
}

HttpClient& as_staff(HttpClient& c, const apitest::StaffSpec& s) {
  REQUIRE(c.login_staff(s.login_id, s.password).status == 200);
  return c;
}

// A date `days` from today (Asia/Shanghai), as SQLite computes it.
std::string days_from_today(const TestDaemon& d, int days) {
  return sql_text(d, "SELECT date('" + md::store::today_shanghai() + "', '" + std::to_string(days) +
                         " days')");
}

Json posting(const TestDaemon& d, const std::string& title) {
  return {{"title", title},
          {"positions", "专利代理师（电学）"},
          {"headcount", 3},
          {"requirements", "理工科本科及以上学历，持专利代理师资格证。"},
          {"place", "北京市海淀区"},
          {"pay_negotiable", false},
          {"pay_min", "8000"},
          {"pay_max", 15000},
          {"contact_name", "李娜"},
          {"contact_phone", "+86 13912345678"},
          {"valid_until", days_from_today(d, 60)}};
}

int64_t post_job(HttpClient& agency, const Json& body) {
  auto r = agency.post("/member/jobs", body);
  REQUIRE_MESSAGE(r.status == 201, r.raw_body);
  CHECK(r.body["job"]["status"] == "pending");
  CHECK(r.body["job"]["status_label"] == "待审核");
  return r.body["job"]["id"].get<int64_t>();
}

apitest::HttpResponse put(HttpClient& c, const std::string& path, const Json& body) {
  return c.request("PUT", path, body.dump(), "application/json");
}

std::string job_path(int64_t id, const std::string& suffix = "") {
  return "/member/jobs/" + std::to_string(id) + suffix;
}

std::string staff_path(int64_t id, const std::string& action) {
  return "/staff/jobs/" + std::to_string(id) + "/" + action;
}

bool publicly_listed(HttpClient& anyone, int64_t id) {
  auto list = anyone.get("/jobs");
  REQUIRE(list.status == 200);
  for (const auto& j : list.body["items"])
    if (j["id"] == id) return true;
  return false;
}

}  // namespace

TEST_CASE("招聘信息: a posting is public only after approval and an edit goes back to review") {
  TestDaemon d(options());
  certtest::approve(d, {"11001"});
  HttpClient agency(d.port());
  as_member(agency, "11001");
  HttpClient visitor(d.port());
  HttpClient reviewer(d.port());
  as_staff(reviewer, apitest::reviewer_staff());

  const int64_t id = post_job(agency, posting(d, " 诚聘专利代理师 "));
  auto mine = agency.get("/member/jobs");
  REQUIRE(mine.status == 200);
  CHECK(mine.body["can_create"] == true);
  REQUIRE(mine.body["items"].size() == 1);
  const Json& j = mine.body["items"][0];
  CHECK(j["title"] == "诚聘专利代理师");
  CHECK(j["headcount"] == 3);
  CHECK(j["pay"] == Json({{"negotiable", false}, {"min", 8000}, {"max", 15000}, {"text", "8,000–15,000元/月"}}));
  CHECK(j["contact_phone"] == "13912345678");
  CHECK(j["public"] == false);
  CHECK(j["agency"]["name"] == sql_text(d, "SELECT name FROM members WHERE login_id = '11001'"));

  CHECK_FALSE(publicly_listed(visitor, id));
  CHECK(visitor.get("/jobs/" + std::to_string(id)).status == 404);

  auto queue = reviewer.get("/staff/jobs");
  REQUIRE(queue.status == 200);
  REQUIRE(queue.body["total"] == 1);
  CHECK(queue.body["items"][0]["agency"]["login_id"] == "11001");
  CHECK(reviewer.get("/staff/jobs/" + std::to_string(id)).body["job"]["title"] == "诚聘专利代理师");
  auto ok = reviewer.post(staff_path(id, "approve"), Json::object());
  REQUIRE(ok.status == 200);
  CHECK(ok.body["job"]["status_label"] == "已发布");
  CHECK(ok.body["job"]["reviewed_by"] == "rev1");
  CHECK(reviewer.post(staff_path(id, "approve"), Json::object()).error_code() == "already_decided");

  CHECK(publicly_listed(visitor, id));
  auto one = visitor.get("/jobs/" + std::to_string(id));
  REQUIRE(one.status == 200);
  CHECK(one.body["job"]["positions"] == "专利代理师（电学）");
  CHECK(one.body["job"]["agency"]["name"] == j["agency"]["name"]);
  CHECK(one.body["job"].contains("status") == false);
  CHECK(agency.get("/member/messages").raw_body.find("招聘信息已通过审核") != std::string::npos);

  // The edit goes back to review and leaves the public list until approved again.
  Json edited = posting(d, "诚聘专利代理师（急）");
  edited["pay_negotiable"] = true;
  edited["pay_min"] = "";
  auto e = put(agency, job_path(id), edited);
  REQUIRE_MESSAGE(e.status == 200, e.raw_body);
  CHECK(e.body["job"]["status"] == "pending");
  CHECK(e.body["job"]["pay"]["text"] == "面议");
  CHECK(e.body["job"]["pay"]["min"].is_null());
  CHECK_FALSE(publicly_listed(visitor, id));
  CHECK(visitor.get("/jobs/" + std::to_string(id)).status == 404);
  REQUIRE(reviewer.post(staff_path(id, "approve"), Json::object()).status == 200);
  auto again = visitor.get("/jobs/" + std::to_string(id));
  REQUIRE(again.status == 200);
  CHECK(again.body["job"]["title"] == "诚聘专利代理师（急）");

  // Closing takes it off the public list for good.
  auto closed = agency.post(job_path(id, "/close"), Json::object());
  REQUIRE(closed.status == 200);
  CHECK(closed.body["job"]["status_label"] == "已关闭");
  CHECK_FALSE(publicly_listed(visitor, id));
  CHECK(put(agency, job_path(id), edited).error_code() == "closed");
  CHECK(agency.post(job_path(id, "/close"), Json::object()).error_code() == "closed");

  for (const char* action : {"job.create", "job.edit", "job.approve", "job.close"})
    CHECK_MESSAGE(sql_int(d, std::string("SELECT COUNT(*) FROM audit_log WHERE action = '") + action +
                                 "' AND object = 'job_posting:" + std::to_string(id) + "'") >= 1,
                  action);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'job.approve'") == 2);
}

TEST_CASE("招聘信息: a rejection carries a reason the agency sees and an edit resubmits it") {
  TestDaemon d(options());
  certtest::approve(d, {"11001"});
  HttpClient agency(d.port());
  as_member(agency, "11001");
  HttpClient reviewer(d.port());
  as_staff(reviewer, apitest::reviewer_staff());
  const int64_t id = post_job(agency, posting(d, "招聘流程专员"));

  auto no_reason = reviewer.post(staff_path(id, "reject"), {{"reason", "  "}});
  CHECK(no_reason.status == 400);
  CHECK(no_reason.error_code() == "validation_failed");
  CHECK(no_reason.body["error"]["fields"].contains("reason"));
  CHECK(reviewer.post(staff_path(999, "reject"), {{"reason", "x"}}).status == 404);
  auto no = reviewer.post(staff_path(id, "reject"), {{"reason", "薪资范围请写明税前或税后"}});
  REQUIRE(no.status == 200);
  CHECK(no.body["job"]["status_label"] == "未通过");
  CHECK(reviewer.post(staff_path(id, "approve"), Json::object()).error_code() == "already_decided");

  auto mine = agency.get(job_path(id));
  REQUIRE(mine.status == 200);
  CHECK(mine.body["job"]["status"] == "rejected");
  CHECK(mine.body["job"]["reject_reason"] == "薪资范围请写明税前或税后");
  CHECK(agency.get("/member/messages").raw_body.find("薪资范围请写明税前或税后") != std::string::npos);
  CHECK(sql_text(d, "SELECT after_json FROM audit_log WHERE action = 'job.reject'").find("薪资范围") !=
        std::string::npos);

  auto e = put(agency, job_path(id), posting(d, "招聘流程专员（税前）"));
  REQUIRE(e.status == 200);
  CHECK(e.body["job"]["status"] == "pending");
  CHECK(e.body["job"]["reject_reason"].is_null());
  CHECK(reviewer.get("/staff/jobs?status=pending").body["total"] == 1);
  CHECK(reviewer.get("/staff/jobs?status=rejected").body["total"] == 0);
  CHECK(reviewer.get("/staff/jobs?status=bogus").status == 400);
}

TEST_CASE("招聘信息: each bad field is refused with its own message") {
  TestDaemon d(options());
  certtest::approve(d, {"11001"});
  HttpClient agency(d.port());
  as_member(agency, "11001");
  Json bad = posting(d, "");
  bad["headcount"] = 0;
  bad["pay_min"] = "20000";
  bad["pay_max"] = "10000";
  bad["contact_phone"] = "12345";
  bad["valid_until"] = days_from_today(d, 400);
  auto r = agency.post("/member/jobs", bad);
  REQUIRE(r.status == 400);
  CHECK(r.error_code() == "validation_failed");
  const Json& f = r.body["error"]["fields"];
  CHECK(f["title"] == "请填写招聘标题");
  CHECK(f["headcount"] == "招聘人数应为1至999的整数");
  CHECK(f["pay_max"] == "最高月薪不能低于最低月薪");
  CHECK(f["contact_phone"] == "请填写正确的手机号或固定电话，如 13912345678 或 010-12345678");
  CHECK(f["valid_until"].get<std::string>().find("有效期最长一年") == 0);
  bad = posting(d, "诚聘");
  bad["valid_until"] = days_from_today(d, 0);
  CHECK(agency.post("/member/jobs", bad).body["error"]["fields"]["valid_until"] == "有效期应晚于今天");
  bad["valid_until"] = days_from_today(d, 365);
  CHECK(agency.post("/member/jobs", bad).status == 201);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM job_postings") == 1);
}

TEST_CASE("招聘信息: an expired posting leaves the public list and newest approvals come first") {
  TestDaemon d(options());
  certtest::approve(d, {"11001"});
  HttpClient agency(d.port());
  as_member(agency, "11001");
  HttpClient reviewer(d.port());
  as_staff(reviewer, apitest::reviewer_staff());
  HttpClient visitor(d.port());
  const int64_t old_one = post_job(agency, posting(d, "去年的招聘"));
  const int64_t today_one = post_job(agency, posting(d, "今天到期"));
  const int64_t fresh = post_job(agency, posting(d, "新的招聘"));
  for (int64_t id : {old_one, today_one, fresh})
    REQUIRE(reviewer.post(staff_path(id, "approve"), Json::object()).status == 200);
  sql_exec(d, "UPDATE job_postings SET reviewed_at = '2026-01-01T00:00:00Z' WHERE id = " +
                  std::to_string(old_one));
  sql_exec(d, "UPDATE job_postings SET reviewed_at = '2026-01-02T00:00:00Z' WHERE id = " + std::to_string(today_one));
  // Valid through yesterday: expired. Valid through today: still shown.
  sql_exec(d, "UPDATE job_postings SET valid_until = '" + days_from_today(d, -1) + "' WHERE id = " +
                  std::to_string(old_one));
  sql_exec(d, "UPDATE job_postings SET valid_until = '" + md::store::today_shanghai() + "' WHERE id = " +
                  std::to_string(today_one));

  auto list = visitor.get("/jobs");
  REQUIRE(list.status == 200);
  CHECK(list.body["total"] == 2);
  REQUIRE(list.body["items"].size() == 2);
  CHECK(list.body["items"][0]["id"] == fresh);
  CHECK(list.body["items"][1]["id"] == today_one);
  CHECK(visitor.get("/jobs/" + std::to_string(old_one)).status == 404);
  auto paged = visitor.get("/jobs?page=2&page_size=1");
  REQUIRE(paged.body["items"].size() == 1);
  CHECK(paged.body["items"][0]["id"] == today_one);

  auto mine = agency.get(job_path(old_one));
  CHECK(mine.body["job"]["status_label"] == "已过期");
  CHECK(mine.body["job"]["expired"] == true);
  CHECK(mine.body["job"]["public"] == false);
}

TEST_CASE("招聘信息: only agencies post and an agency never sees another agency's postings") {
  TestDaemon d(options());
  certtest::approve(d, {"11001", "1100001", "31002"});
  HttpClient a(d.port());
  as_member(a, "11001");
  HttpClient b(d.port());
  as_member(b, "31002");
  HttpClient attorney(d.port());
  as_member(attorney, "1100001");
  const int64_t id = post_job(a, posting(d, "A的招聘"));

  auto refused = attorney.get("/member/jobs");
  CHECK(refused.status == 403);
  CHECK(refused.body["error"]["message"] == "招聘信息仅限代理机构发布");
  CHECK(attorney.post("/member/jobs", posting(d, "代理师的招聘")).status == 403);
  CHECK(attorney.get(job_path(id)).status == 403);

  CHECK(b.get("/member/jobs").body["items"].empty());
  CHECK(b.get(job_path(id)).status == 404);
  CHECK(put(b, job_path(id), posting(d, "B改了A的")).status == 404);
  CHECK(b.post(job_path(id, "/close"), Json::object()).status == 404);
  CHECK(sql_text(d, "SELECT title FROM job_postings WHERE id = " + std::to_string(id)) == "A的招聘");
  CHECK(sql_text(d, "SELECT status FROM job_postings WHERE id = " + std::to_string(id)) == "pending");

  HttpClient desk(d.port());
  as_staff(desk, apitest::desk_staff());
  CHECK(desk.get("/staff/jobs").status == 403);
  CHECK(desk.post(staff_path(id, "approve"), Json::object()).status == 403);
}

TEST_CASE("招聘信息: an agency posts once its application is approved and not after it withdrew") {
  TestDaemon d(options());
  HttpClient agency(d.port());
  as_member(agency, "11001");
  auto page = agency.get("/member/jobs");
  REQUIRE(page.status == 200);
  CHECK(page.body["can_create"] == false);
  CHECK(page.body["blocked"]["code"] == "not_member");
  auto early = agency.post("/member/jobs", posting(d, "入会前的招聘"));
  CHECK(early.status == 409);
  CHECK(early.error_code() == "not_member");
  certtest::approve(d, {"11001"});
  CHECK(agency.get("/member/jobs").body["can_create"] == true);
  post_job(agency, posting(d, "入会后的招聘"));
  sql_exec(d, "UPDATE members SET status = 'withdrawn' WHERE login_id = '11001'");
  CHECK(agency.get("/member/jobs").body["blocked"]["code"] == "withdrawn");
  CHECK(agency.post("/member/jobs", posting(d, "退会后的招聘")).error_code() == "withdrawn");
  CHECK(sql_int(d, "SELECT COUNT(*) FROM job_postings") == 1);
}
