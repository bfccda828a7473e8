// 设备状态 (GET /staff/status) and the working-day calendar years: the warning when a year's
// calendar is missing and due dates marked as estimated (issue 9 items 6 and 7). The daemon's
// date is the real one, so expectations follow the domain rule for today rather than a fixed day.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "domain/working_days.h"
#include "harness.h"
#include "status/reachability.h"
#include "store/calendar_repo.h"
#include "store/directory_cache.h"

using apitest::DaemonOptions;
using apitest::HttpClient;
using apitest::Json;
using apitest::sql_exec;
using apitest::sql_int;
using apitest::TestDaemon;

namespace {

DaemonOptions options() {
  DaemonOptions o;
  o.staff = {apitest::reviewer_staff(),
             apitest::desk_staff(),
             {"fin1", "财务小王", "finance", "Finance12345x"},
             {"admin1", "管理员老张", "admin", "Admin12345x"}};
  return o;
}

std::vector<int> expected_missing(const TestDaemon& d) {
  auto db = d.open_db();
  auto cal = md::store::CalendarRepo(*db).load();
  REQUIRE(cal.ok());
  return md::domain::missing_calendar_years(
      *cal, *md::domain::parse_iso_date(md::store::today_shanghai()));
}

int this_year() {
  return std::stoi(md::store::today_shanghai().substr(0, 4));
}

}  // namespace

TEST_CASE("every staff role reads the status and members and visitors do not") {
  TestDaemon d(options());
  for (auto [login, pw] : {std::pair{"rev1", "Review12345x"},
                           {"desk1", "Desk12345x"},
                           {"fin1", "Finance12345x"},
                           {"admin1", "Admin12345x"}}) {
    HttpClient staff(d.port());
    REQUIRE(staff.login_staff(login, pw).status == 200);
    auto r = staff.get("/staff/status");
    const char* who = login;  // clang 14 (sanitize-api.sh) cannot capture a structured binding
    CHECK_MESSAGE(r.status == 200, who, r.raw_body);
  }
  HttpClient visitor(d.port());
  CHECK(visitor.get("/staff/status").status == 401);
  HttpClient member(d.port());
  REQUIRE(member.login_member("11001", "11001").status == 200);
  CHECK(member.get("/staff/status").status == 403);
}

TEST_CASE("the status names version uptime database backup disk printer services and calendar") {
  TestDaemon d(options());
  // A backup as memberdeskctl backup makes it, and an older file beside it.
  const std::string dir = d.dir() + "/backups";
  std::filesystem::create_directories(dir);
  { std::ofstream(dir + "/memberdesk-old.db") << "old"; }
  std::filesystem::last_write_time(
      dir + "/memberdesk-old.db",
      std::filesystem::file_time_type::clock::now() - std::chrono::hours(48));
  { std::ofstream(dir + "/memberdesk-2026-12-04T02-00-00Z.db") << std::string(2048, 'x'); }

  HttpClient staff(d.port());
  REQUIRE(staff.login_staff("desk1", "Desk12345x").status == 200);
  auto r = staff.get("/staff/status");
  REQUIRE_MESSAGE(r.status == 200, r.raw_body);
  const Json& b = r.body;
  CHECK(b["version"] == MEMBERDESK_VERSION);
  CHECK(b["uptime_s"].is_number_integer());
  CHECK(b["uptime_s"].get<int64_t>() >= 0);
  CHECK(b["database"]["path"] == d.db_path());
  CHECK(b["database"]["size_bytes"].get<int64_t>() > 0);
  REQUIRE(b["backup"]["last"].is_object());
  CHECK(b["backup"]["last"]["file"] == dir + "/memberdesk-2026-12-04T02-00-00Z.db");
  CHECK(b["backup"]["last"]["size_bytes"] == 2048);
  CHECK(b["backup"]["last"]["at"].get<std::string>().size() == 20);
  CHECK(b["disk"]["free_bytes"].get<int64_t>() > 0);
  CHECK(b["disk"]["total_bytes"].get<int64_t>() >= b["disk"]["free_bytes"].get<int64_t>());
  // The printer: the print worker's snapshot of the configured queue.
  REQUIRE(b["printer"].is_object());
  CHECK(b["printer"].contains("state_label"));
  // Gateways are disabled and SMS goes to the log by default: nothing to probe.
  REQUIRE(b["network"].size() == 3);
  CHECK(b["network"][0]["key"] == "wechat");
  CHECK(b["network"][0]["state"] == "unused");
  CHECK(b["network"][1]["key"] == "alipay");
  CHECK(b["network"][2]["key"] == "sms");
  CHECK(b["network"][2]["state"] == "unused");
  CHECK(b["calendar"]["missing_years"].get<std::vector<int>>() == expected_missing(d));
  CHECK(b["errors"].is_array());
}

TEST_CASE("health tells the uptime") {
  TestDaemon d(options());
  HttpClient c(d.port());
  auto r = c.get("/health");
  CHECK(r.body["uptime_s"].is_number_integer());
}

TEST_CASE("gateway and SMS reachability are probed off the request and cached") {
  TestDaemon d(options());  // its HTTP port stands in for a gateway that answers
  const std::string open_url = "http://127.0.0.1:" + std::to_string(d.port()) + "/v3";
  std::vector<md::status::Endpoint> endpoints = {
      {"wechat", "微信支付", open_url, "未启用"},
      {"alipay", "支付宝", "http://127.0.0.1:1/gateway.do", "未启用"},
      {"sms", "短信服务", "", "日志模式"}};
  auto direct = md::status::probe(endpoints[0], std::chrono::milliseconds(500));
  CHECK(direct.state == "ok");
  CHECK(md::status::probe(endpoints[1], std::chrono::milliseconds(500)).state == "unreachable");
  CHECK(md::status::probe(endpoints[2], std::chrono::milliseconds(500)).state == "unused");

  md::status::ReachabilityMonitor monitor(endpoints, std::chrono::seconds(30),
                                          std::chrono::milliseconds(500));
  auto first = monitor.snapshot();  // before any probe: nothing waits for the network
  CHECK(first[0].state == "checking");
  CHECK(first[2].state == "unused");
  monitor.start();
  std::vector<md::status::ProbeResult> now;
  for (int i = 0; i < 50; ++i) {
    now = monitor.snapshot();
    if (now[0].state != "checking" && now[1].state != "checking") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(now[0].state == "ok");
  CHECK(now[1].state == "unreachable");
  CHECK(now[1].detail.find("无法连接 127.0.0.1:1") == 0);
  CHECK(!now[1].checked_at.empty());
  monitor.stop();
}

TEST_CASE("the last errors list failed SMS print jobs and payment attempts newest first") {
  TestDaemon d(options());
  sql_exec(
      d,
      "INSERT INTO sms_outbox(phone, event, template_code, params_json, text, status, attempts, "
      "next_attempt_at, last_error, created_at) VALUES ('13800138000', 'application_submitted', "
      "'SMS_X', '{}', 't', 'failed', 6, '2026-12-01T00:00:00Z', 'isv.BUSINESS_LIMIT_CONTROL', "
      "'2026-12-01T00:00:00Z')");
  sql_exec(
      d,
      "INSERT INTO print_jobs(kind, requested_by, queue, state, detail, created_at, updated_at) "
      "VALUES ('test_page', 'staff:desk1', 'kiosk', 'failed', 'printer missing', "
      "'2026-12-02T00:00:00Z', '2026-12-02T00:00:01Z')");
  sql_exec(d,
           "INSERT INTO sms_outbox(phone, event, template_code, params_json, text, status, "
           "next_attempt_at, created_at) VALUES ('13800138001', 'dues_paid', 'SMS_Y', '{}', 't', "
           "'sent', '2026-12-03T00:00:00Z', '2026-12-03T00:00:00Z')");
  HttpClient staff(d.port());
  REQUIRE(staff.login_staff("rev1", "Review12345x").status == 200);
  auto errors = staff.get("/staff/status").body["errors"];
  REQUIRE(errors.size() == 2);
  CHECK(errors[0]["source"] == "print");
  CHECK(errors[0]["source_label"] == "打印");
  CHECK(errors[0]["detail"] == "printer missing");
  CHECK(errors[1]["source"] == "sms");
  CHECK(errors[1]["detail"] == "isv.BUSINESS_LIMIT_CONTROL");
}

TEST_CASE("a missing calendar year is warned about in the status and the review queue") {
  TestDaemon d(options());
  sql_exec(d, "DELETE FROM calendar_days WHERE day LIKE '" + std::to_string(this_year()) + "-%'");
  HttpClient staff(d.port());
  REQUIRE(staff.login_staff("rev1", "Review12345x").status == 200);
  auto st = staff.get("/staff/status").body["calendar"];
  REQUIRE(!st["missing_years"].empty());
  CHECK(st["missing_years"][0] == this_year());
  CHECK(st["message"].get<std::string>().find(std::to_string(this_year()) + "年") == 0);
  auto q = staff.get("/staff/applications");
  REQUIRE(q.status == 200);
  CHECK(q.body["calendar"] == st);

  // Entering this year's and next year's holidays ends the warning.
  for (int y : {this_year(), this_year() + 1}) {
    auto put =
        staff.request("PUT", "/staff/calendar/" + std::to_string(y) + "-01-01",
                      Json{{"kind", "holiday"}, {"name", "元旦"}}.dump(), "application/json");
    REQUIRE_MESSAGE(put.status == 200, put.raw_body);
  }
  auto after = staff.get("/staff/status").body["calendar"];
  CHECK(after["missing_years"].empty());
  CHECK(after["message"] == "");
  CHECK(staff.get("/staff/applications").body["calendar"]["missing_years"].empty());
}

TEST_CASE("a due date in a year without a calendar is marked estimated") {
  TestDaemon d(options());
  sql_exec(d, "DELETE FROM calendar_days");
  HttpClient visitor(d.port());
  auto applied =
      visitor.post("/applications/industry_org",
                   apitest::application_body(apitest::valid_application_fields("industry_org")));
  REQUIRE_MESSAGE(applied.status == 201, applied.raw_body);
  CHECK(applied.body["application"]["due_date_estimated"] == true);
  const std::string id = std::to_string(applied.body["application"]["id"].get<int64_t>());

  HttpClient staff(d.port());
  REQUIRE(staff.login_staff("rev1", "Review12345x").status == 200);
  auto q = staff.get("/staff/applications");
  REQUIRE(q.body["items"].size() == 1);
  CHECK(q.body["items"][0]["due_date_estimated"] == true);
  CHECK(staff.get("/staff/applications/" + id).body["application"]["due_date_estimated"] == true);

  // With a calendar for every year the review period runs through, the date is no estimate.
  for (int y : {this_year() - 1, this_year(), this_year() + 1})
    sql_exec(d, "INSERT INTO calendar_days(day, kind, name) VALUES ('" + std::to_string(y) +
                    "-01-01', 'holiday', '元旦')");
  q = staff.get("/staff/applications");
  CHECK(q.body["items"][0]["due_date_estimated"] == false);
  CHECK(staff.get("/staff/applications/" + id).body["application"]["due_date_estimated"] == false);
}

TEST_CASE("changing the calendar counts the due dates under review again") {
  TestDaemon d(options());
  sql_exec(d, "DELETE FROM calendar_days");
  HttpClient visitor(d.port());
  auto applied = visitor.post("/applications/industry_org",
                              apitest::application_body(apitest::valid_application_fields("industry_org")));
  REQUIRE_MESSAGE(applied.status == 201, applied.raw_body);
  const std::string estimate = applied.body["application"]["due_date"];

  // A holiday on the first working day after today moves the due date one working day on.
  const auto today = *md::domain::parse_iso_date(md::store::today_shanghai());
  md::domain::WorkCalendar cal;
  const md::domain::Date first = cal.add_working_days(today, 1);
  cal.add_holiday(first);
  const std::string expected = md::domain::format_iso_date(cal.add_working_days(today, 5));
  REQUIRE(expected != estimate);

  HttpClient staff(d.port());
  REQUIRE(staff.login_staff("rev1", "Review12345x").status == 200);
  const std::string path = "/staff/calendar/" + md::domain::format_iso_date(first);
  auto put = staff.request("PUT", path, Json{{"kind", "holiday"}, {"name", "测试假日"}}.dump(),
                           "application/json");
  REQUIRE_MESSAGE(put.status == 200, put.raw_body);
  CHECK(put.body["due_dates_moved"] == 1);
  auto q = staff.get("/staff/applications");
  REQUIRE(q.body["items"].size() == 1);
  CHECK(q.body["items"][0]["due_date"] == expected);

  auto del = staff.request("DELETE", path, std::nullopt, "");
  REQUIRE_MESSAGE(del.status == 200, del.raw_body);
  CHECK(del.body["due_dates_moved"] == 1);
  CHECK(staff.get("/staff/applications").body["items"][0]["due_date"] == estimate);
}
