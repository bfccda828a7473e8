// Login throttles and the cost of a login (issue 11): the address limit cannot lock the kiosk
// (one address for everybody) out, staff can unlock, old_password is throttled like a login,
// every failed login costs the same argon2 work, and parallel logins do not grow memory.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "harness.h"

using apitest::DaemonOptions;
using apitest::HttpClient;
using apitest::HttpResponse;
using apitest::Json;
using apitest::TestDaemon;

namespace {

const std::string kAgencyPassword = "Zhicheng2026";

void check_locked(const HttpResponse& r) {
  CAPTURE(r.raw_body);
  REQUIRE(r.status == 429);
  CHECK(r.error_code() == "login_locked");
  CHECK(std::string(r.body["error"]["message"]).find("秒后再试") != std::string::npos);
  REQUIRE_FALSE(r.header("retry-after").empty());
  CHECK(std::stoi(r.header("retry-after")) >= 1);
}

DaemonOptions kiosk_options(const std::string& auth_toml) {
  DaemonOptions o;
  o.toml = "[auth]\n" + auth_toml;
  o.staff.push_back(apitest::desk_staff());
  o.member_passwords = {{"11001", kAgencyPassword}};
  return o;
}

// Peak and current resident memory of this process (the daemon runs in it), in kB.
long status_kb(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  return -1;
}

double median_ms(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

TEST_CASE("one member's repeated failures at the kiosk do not lock the kiosk address") {
  TestDaemon d(kiosk_options("address_lockout_threshold = 3\n"));
  HttpClient kiosk(d.port());
  for (int i = 0; i < 5; ++i) CHECK(kiosk.login_member("1100001", "wrong-guess").status == 401);
  check_locked(kiosk.login_member("1100001", "1100001"));  // that id is locked
  for (int i = 0; i < 5; ++i) check_locked(kiosk.login_member("1100001", "wrong-guess"));
  // Everybody else at the same kiosk still logs in.
  CHECK(kiosk.login_member("11001", kAgencyPassword).status == 200);
  HttpClient next(d.port());
  CHECK(next.login_staff("desk1", "Desk12345x").status == 200);
}

TEST_CASE("a successful login resets the address count") {
  TestDaemon d(kiosk_options("address_lockout_threshold = 3\n"));
  HttpClient kiosk(d.port());
  for (int round = 0; round < 3; ++round) {
    CAPTURE(round);
    CHECK(kiosk.login_member("9900001", "x1234567").status == 401);
    CHECK(kiosk.login_member("9900002", "x1234567").status == 401);
    REQUIRE(kiosk.login_member("11001", kAgencyPassword).status == 200);
  }
  // Without a success in between, the third different id locks the address.
  CHECK(kiosk.login_member("9900003", "x1234567").status == 401);
  CHECK(kiosk.login_member("9900004", "x1234567").status == 401);
  CHECK(kiosk.login_member("9900005", "x1234567").status == 401);
  check_locked(kiosk.login_member("11001", kAgencyPassword));
}

TEST_CASE("staff unlock a locked address and a locked login id") {
  TestDaemon d(kiosk_options("address_lockout_threshold = 3\n"));
  HttpClient desk(d.port());
  REQUIRE(desk.login_staff("desk1", "Desk12345x").status == 200);
  HttpClient kiosk(d.port());
  for (const char* id : {"9900001", "9900002", "9900003"})
    CHECK(kiosk.login_member(id, "x1234567").status == 401);
  check_locked(kiosk.login_member("11001", kAgencyPassword));

  auto empty = desk.post("/staff/auth/unlock", Json::object());
  CHECK(empty.status == 400);
  CHECK(empty.error_code() == "validation_failed");
  auto no_kind = desk.post("/staff/auth/unlock", {{"login_id", "11001"}});
  CHECK(no_kind.status == 400);
  CHECK(no_kind.body["error"]["fields"].contains("kind"));

  REQUIRE(desk.post("/staff/auth/unlock", {{"address", "127.0.0.1"}}).status == 200);
  CHECK(kiosk.login_member("11001", kAgencyPassword).status == 200);

  // A login id locked by its own failures.
  HttpClient other(d.port());
  for (int i = 0; i < 5; ++i) CHECK(other.login_member("1100001", "wrong-guess").status == 401);
  check_locked(other.login_member("1100001", "1100001"));
  REQUIRE(desk.post("/staff/auth/unlock", {{"kind", "member"}, {"login_id", " 1100001 "}}).status ==
          200);
  CHECK(other.login_member("1100001", "1100001").status == 200);
  CHECK(apitest::sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'auth.unlock'") == 2);
}

TEST_CASE("wrong old_password guesses are throttled like a login") {
  TestDaemon d(kiosk_options("lockout_threshold = 5\n"));
  HttpClient member(d.port());
  REQUIRE(member.login_member("11001", kAgencyPassword).status == 200);
  for (int i = 0; i < 5; ++i) {
    auto r = member.post("/auth/password", {{"old_password", "guess" + std::to_string(i) + "x"},
                                            {"new_password", "Brandnew2026"}});
    CAPTURE(r.raw_body);
    CHECK(r.status == 400);
    CHECK(r.body["error"]["fields"]["old_password"] == "原密码不正确");
  }
  // Locked now, even with the right old password, and the login of that id too.
  check_locked(member.post("/auth/password",
                           {{"old_password", kAgencyPassword}, {"new_password", "Brandnew2026"}}));
  HttpClient other(d.port());
  check_locked(other.login_member("11001", kAgencyPassword));
}

TEST_CASE(
    "failed logins cost the same whether the id is unknown or on a default or real password") {
  DaemonOptions o;
  o.toml = "[auth]\nlockout_threshold = 100\naddress_lockout_threshold = 10000\n";
  o.member_passwords = {{"11001", kAgencyPassword}};
  TestDaemon d(o);
  HttpClient c(d.port());
  c.login_member("9999998", "warm-up1");  // the first unknown id also makes the decoy hash
  auto time_ms = [&](const std::string& id) {
    std::vector<double> ms;
    for (int i = 0; i < 7; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      auto r = c.login_member(id, "wrong-password-" + std::to_string(i));
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      REQUIRE(r.status == 401);
      CHECK(r.error_code() == "bad_credentials");
    }
    return median_ms(ms);
  };
  const double unknown = time_ms("9999999");
  const double default_pw = time_ms("1100001");  // roster member still on the default password
  const double real_pw = time_ms("11001");
  MESSAGE("median failed login: unknown " << unknown << " ms, default password " << default_pw
                                          << " ms, wrong password " << real_pw << " ms");
  const double lo = std::min({unknown, default_pw, real_pw});
  const double hi = std::max({unknown, default_pw, real_pw});
  CHECK(hi < 2.0 * lo);
}

TEST_CASE("parallel logins do not grow memory by an argon2 buffer each") {
  DaemonOptions o;
  o.toml = "[auth]\nlockout_threshold = 100\naddress_lockout_threshold = 10000\n";
  o.member_passwords = {{"11001", kAgencyPassword}};
  TestDaemon d(o);
  const long before_kb = status_kb("VmRSS");
  std::vector<std::thread> threads;
  std::vector<long> statuses(16, 0);
  for (int t = 0; t < 16; ++t)
    threads.emplace_back([&, t] {
      HttpClient c(d.port());
      statuses[t] = c.login_member("11001", t % 2 ? kAgencyPassword : "wrong-password").status;
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < 16; ++t) CHECK(statuses[t] == (t % 2 ? 200 : 401));
  const long peak_kb = status_kb("VmHWM");
  MESSAGE("RSS before " << before_kb / 1024 << " MB, peak " << peak_kb / 1024 << " MB");
  // One argon2 computation (64 MiB) at a time; 16 at once would be 1 GiB.
  CHECK(peak_kb - before_kb < 100 * 1024);
}
