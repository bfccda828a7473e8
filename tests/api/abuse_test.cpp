// Abuse limits of issue 11: public 入会申请 submissions (each sends an SMS) per mobile, per client
// address and in all per hour; the SMS sender's cap per number and day; session caps.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>

#include "harness.h"

using apitest::application_body;
using apitest::DaemonOptions;
using apitest::HttpClient;
using apitest::HttpResponse;
using apitest::Json;
using apitest::sql_exec;
using apitest::sql_int;
using apitest::TestDaemon;
using apitest::valid_application_fields;

namespace {

// An industry organisation's application with its own USCC (n = 0..99) and the given mobile.
Json industry_org(int n, const std::string& mobile) {
  Json f = valid_application_fields("industry_org");
  const std::string two = (n < 10 ? "0" : "") + std::to_string(n);
  f["uscc"] = apitest::make_uscc("511100007J01234" + two);
  f["contact_mobile"] = mobile;
  return f;
}

HttpResponse apply(HttpClient& c, int n, const std::string& mobile) {
  return c.post("/applications/industry_org", application_body(industry_org(n, mobile)));
}

void check_refused(const HttpResponse& r, const std::string& message_part) {
  CAPTURE(r.raw_body);
  REQUIRE(r.status == 429);
  CHECK(r.error_code() == "too_many_applications");
  const std::string message = r.body["error"]["message"];
  CHECK(message.find(message_part) != std::string::npos);
  CHECK(message.find("分钟后再试") != std::string::npos);
  REQUIRE_FALSE(r.header("retry-after").empty());
  const int retry = std::stoi(r.header("retry-after"));
  CHECK(retry >= 1);
  CHECK(retry <= 3600);
  CHECK(r.body["error"]["retry_after_s"] == retry);
}

// Waits until the SMS sender has dealt with every queued message (the "log" provider).
void wait_for_outbox(const TestDaemon& d) {
  for (int i = 0; i < 200; ++i) {
    if (sql_int(d, "SELECT COUNT(*) FROM sms_outbox WHERE status = 'pending'") == 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  FAIL("the SMS outbox still has pending messages");
}

}  // namespace

TEST_CASE("public submissions to one mobile are limited per hour with 429 and Retry-After") {
  DaemonOptions o;
  o.toml = "[applications]\nmax_per_mobile_per_hour = 3\n";
  TestDaemon d(o);
  HttpClient anon(d.port());
  for (int n = 0; n < 3; ++n) REQUIRE(apply(anon, n, "13700137000").status == 201);
  check_refused(apply(anon, 3, "13700137000"), "该手机号");
  CHECK(sql_int(d, "SELECT COUNT(*) FROM applications") == 3);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM sms_outbox WHERE phone = '13700137000'") == 3);
  // Another mobile still gets through.
  CHECK(apply(anon, 4, "13700137001").status == 201);
}

TEST_CASE("refused submissions do not use up the hourly limit") {
  DaemonOptions o;
  o.toml = "[applications]\nmax_per_mobile_per_hour = 2\n";
  TestDaemon d(o);
  HttpClient anon(d.port());
  for (int i = 0; i < 5; ++i) {
    Json bad = industry_org(i, "13700137000");
    bad["uscc"] = "not a uscc";
    CHECK(anon.post("/applications/industry_org", application_body(bad)).status == 400);
  }
  CHECK(apply(anon, 0, "13700137000").status == 201);
  CHECK(apply(anon, 0, "13700137000").status == 409);  // the same USCC is under review
  CHECK(apply(anon, 1, "13700137000").status == 201);
  check_refused(apply(anon, 2, "13700137000"), "该手机号");
}

TEST_CASE("public submissions are limited per client address and in all per hour") {
  SUBCASE("per address") {
    DaemonOptions o;
    o.toml = "[applications]\nmax_per_address_per_hour = 4\n";
    TestDaemon d(o);
    HttpClient anon(d.port());
    for (int n = 0; n < 4; ++n)
      REQUIRE(apply(anon, n, "1370013700" + std::to_string(n)).status == 201);
    check_refused(apply(anon, 4, "13700137004"), "入会申请提交过于频繁");
  }
  SUBCASE("in all") {
    DaemonOptions o;
    o.toml = "[applications]\nmax_per_hour = 2\n";
    TestDaemon d(o);
    HttpClient anon(d.port());
    for (int n = 0; n < 2; ++n)
      REQUIRE(apply(anon, n, "1370013700" + std::to_string(n)).status == 201);
    check_refused(apply(anon, 2, "13700137002"), "入会申请提交过于频繁");
    CHECK(sql_int(d, "SELECT COUNT(*) FROM sms_outbox") == 2);
  }
}

TEST_CASE("a flood of fresh USCCs to one mobile queues only the hourly limit of SMS") {
  TestDaemon d;  // the default limits
  HttpClient anon(d.port());
  int created = 0, refused = 0;
  for (int n = 0; n < 50; ++n) {
    auto r = apply(anon, n, "13700137000");
    created += r.status == 201;
    refused += r.status == 429;
  }
  CHECK(created == 5);
  CHECK(refused == 45);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM sms_outbox WHERE phone = '13700137000'") == 5);
}

TEST_CASE("the SMS sender sends at most the daily limit to one number whatever queued them") {
  DaemonOptions o;
  o.toml = "[sms]\nmax_per_number_per_day = 3\n[applications]\nmax_per_mobile_per_hour = 100\n";
  TestDaemon d(o);
  HttpClient anon(d.port());
  for (int n = 0; n < 4; ++n) REQUIRE(apply(anon, n, "13700137000").status == 201);
  // Messages queued some other way count the same.
  for (int i = 0; i < 3; ++i)
    sql_exec(d,
             "INSERT INTO sms_outbox(phone, event, template_code, params_json, text, status, "
             "attempts, next_attempt_at, created_at) VALUES ('13700137000', "
             "'application_submitted', 'T', '{}', 'x', 'pending', 0, '2000-01-01T00:00:00Z', "
             "'2000-01-01T00:00:00Z')");
  REQUIRE(apply(anon, 10, "13700137009").status == 201);  // another number is not affected
  d.app().sms_enqueued();
  wait_for_outbox(d);
  CHECK(sql_int(
            d, "SELECT COUNT(*) FROM sms_outbox WHERE phone = '13700137000' AND status = 'sent'") ==
        3);
  CHECK(sql_int(d,
                "SELECT COUNT(*) FROM sms_outbox WHERE phone = '13700137000' AND status = 'failed' "
                "AND last_error LIKE 'daily_limit:%'") == 4);
  CHECK(sql_int(
            d, "SELECT COUNT(*) FROM sms_outbox WHERE phone = '13700137009' AND status = 'sent'") ==
        1);
}

TEST_CASE("sessions are capped per account and the oldest ends first") {
  DaemonOptions o;
  o.toml = "[session]\nmax_per_account = 3\n";
  o.staff.push_back(apitest::desk_staff());
  TestDaemon d(o);
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < 5; ++i) {
    clients.push_back(std::make_unique<HttpClient>(d.port()));
    REQUIRE(clients.back()->login_staff("desk1", "Desk12345x").status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // distinct login times
  }
  CHECK(d.app().sessions().size() == 3);
  CHECK(clients[0]->get("/auth/session").status == 401);
  CHECK(clients[1]->get("/auth/session").status == 401);
  for (int i = 2; i < 5; ++i) CHECK(clients[i]->get("/auth/session").status == 200);
}

TEST_CASE("sessions are capped in total and the oldest of all ends first") {
  DaemonOptions o;
  o.toml = "[session]\nmax_total = 10\nmax_per_account = 100\n";
  o.staff.push_back(apitest::desk_staff());
  TestDaemon d(o);
  HttpClient first(d.port());
  REQUIRE(first.login_member("1100001", "1100001").status == 200);  // a default-password login
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < 40; ++i) {
    clients.push_back(std::make_unique<HttpClient>(d.port()));
    // Logins without logout: each one a new session.
    REQUIRE(clients.back()->login_staff("desk1", "Desk12345x").status == 200);
  }
  CHECK(d.app().sessions().size() <= 10);
  CHECK(first.get("/auth/session").status == 401);
  CHECK(clients.back()->get("/auth/session").status == 200);
}
