// 登录, sessions, CSRF, the forced first password change, lockouts and role separation.
#include <doctest/doctest.h>

#include <string>

#include "harness.h"

using apitest::CsrfMode;
using apitest::DaemonOptions;
using apitest::HttpClient;
using apitest::Json;
using apitest::TestDaemon;

namespace {

const char* kAgencyName = "北京智诚专利代理事务所（普通合伙）";

DaemonOptions with_desk() {
  DaemonOptions o;
  o.staff.push_back(apitest::desk_staff());
  return o;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("member first login with the default password must change it") {
  TestDaemon d;
  HttpClient c(d.port());

  auto login = c.login_member("11001", "11001");
  REQUIRE(login.status == 200);
  const std::string cookie = login.header("set-cookie");
  CHECK(contains(cookie, "md_session="));
  CHECK(contains(cookie, "HttpOnly"));
  CHECK(contains(cookie, "SameSite=Strict"));
  CHECK(contains(cookie, "Path=/"));
  const Json& s = login.body["session"];
  CHECK(s["kind"] == "member");
  CHECK(s["login_id"] == "11001");
  CHECK(s["name"] == kAgencyName);
  CHECK(s["member_type"] == "agency");
  CHECK(s["must_change_password"] == true);
  CHECK_FALSE(s.contains("role"));
  REQUIRE(s["csrf"].is_string());
  CHECK(s["csrf"].get<std::string>().size() >= 32);
  const std::string csrf = s["csrf"];

  // Until the password is changed only session, password and logout answer.
  auto home = c.get("/member/home");
  CHECK(home.status == 403);
  CHECK(home.error_code() == "password_change_required");
  auto session = c.get("/auth/session");
  CHECK(session.status == 200);
  CHECK(session.body["session"]["must_change_password"] == true);
  CHECK(session.body["session"]["csrf"] == csrf);

  // Weak new password: only new_password is flagged (the old one is right).
  auto weak = c.post("/auth/password", {{"old_password", "11001"}, {"new_password", "abc"}});
  CHECK(weak.status == 400);
  CHECK(weak.error_code() == "validation_failed");
  CHECK(weak.body["error"]["fields"]["new_password"].is_string());
  CHECK_FALSE(weak.body["error"]["fields"].contains("old_password"));

  // Letters only, digits only, the login id itself: all refused by the policy.
  for (const std::string bad : {"abcdefghij", "1234567890", "11001"}) {
    CAPTURE(bad);
    auto r = c.post("/auth/password", {{"old_password", "11001"}, {"new_password", bad}});
    CHECK(r.status == 400);
    CHECK(r.body["error"]["fields"]["new_password"].is_string());
  }

  // Wrong old password with an acceptable new one: only old_password is flagged.
  auto wrong_old = c.post("/auth/password", {{"old_password", "99999"}, {"new_password", "Zhicheng2026"}});
  CHECK(wrong_old.status == 400);
  CHECK(wrong_old.error_code() == "validation_failed");
  CHECK(wrong_old.body["error"]["fields"]["old_password"] == "原密码不正确");
  CHECK_FALSE(wrong_old.body["error"]["fields"].contains("new_password"));

  // Still on the default password after the refusals.
  CHECK(c.get("/member/home").error_code() == "password_change_required");

  auto changed = c.post("/auth/password", {{"old_password", "11001"}, {"new_password", "Zhicheng2026"}});
  REQUIRE(changed.status == 200);
  CHECK(changed.body["session"]["must_change_password"] == false);
  CHECK(changed.body["session"]["csrf"] == csrf);  // the token survives the change

  auto home2 = c.get("/member/home");
  REQUIRE(home2.status == 200);
  const Json& m = home2.body["member"];
  CHECK(m["name"] == kAgencyName);
  CHECK(m["login_id"] == "11001");
  CHECK(m["type"] == "agency");
  CHECK(m["type_label"] == "专利代理机构");
  CHECK(m["status"] == "roster");
  CHECK(m["member_no"].is_null());

  // The default password no longer opens the account; the new one does.
  HttpClient other(d.port());
  auto old_pw = other.login_member("11001", "11001");
  CHECK(old_pw.status == 401);
  CHECK(old_pw.error_code() == "bad_credentials");
  CHECK(old_pw.body["error"]["message"] == "账号或密码错误");
  auto new_pw = other.login_member("11001", "Zhicheng2026");
  REQUIRE(new_pw.status == 200);
  CHECK(new_pw.body["session"]["must_change_password"] == false);
  CHECK(other.get("/member/home").status == 200);
}

TEST_CASE("unknown login id and wrong password answer alike") {
  TestDaemon d;
  HttpClient c(d.port());
  auto unknown = c.login_member("9999999", "9999999");
  auto wrong = c.login_member("1100001", "nope12345");
  CHECK(unknown.status == 401);
  CHECK(wrong.status == 401);
  CHECK(unknown.error_code() == "bad_credentials");
  CHECK(wrong.error_code() == "bad_credentials");
  CHECK(unknown.body == wrong.body);
  CHECK(unknown.header("set-cookie").empty());
  CHECK(c.get("/auth/session").status == 401);
}

TEST_CASE("login validates its body") {
  TestDaemon d;
  HttpClient c(d.port());
  auto no_kind = c.post("/auth/login", {{"login_id", "11001"}, {"password", "11001"}});
  CHECK(no_kind.status == 400);
  auto bad_kind = c.post("/auth/login", {{"kind", "admin"}, {"login_id", "11001"}, {"password", "11001"}});
  CHECK(bad_kind.status == 400);
  auto empty = c.login_member("  ", "");
  CHECK(empty.status == 400);
  CHECK(empty.error_code() == "validation_failed");
  CHECK(empty.body["error"]["fields"]["login_id"].is_string());
  CHECK(empty.body["error"]["fields"]["password"].is_string());
  // A member login id is not a staff login id and vice versa.
  CHECK(c.login_staff("11001", "11001").status == 401);
}

TEST_CASE("login id surrounding spaces are trimmed") {
  TestDaemon d;
  HttpClient c(d.port());
  auto r = c.login_member("  11001 \t", "11001");
  REQUIRE(r.status == 200);
  CHECK(r.body["session"]["login_id"] == "11001");
}

TEST_CASE("a USCC login id may be typed in lower case") {
  DaemonOptions o;
  o.demo_members = 200;
  TestDaemon d(o);
  // An industry organisation logs in with its USCC; pick one with letters in it.
  std::string uscc;
  {
    auto db = d.open_db();
    auto st = db->prepare(
        "SELECT login_id FROM members WHERE type = 'industry_org' AND login_id GLOB '*[A-Z]*' "
        "ORDER BY id LIMIT 1");
    if (st.step()) uscc = st.col_text(0);
  }
  REQUIRE_MESSAGE(!uscc.empty(), "the demo seed made no industry organisation with a letter in its USCC");
  std::string typed = uscc;
  for (auto& ch : typed)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  CAPTURE(uscc);

  HttpClient c(d.port());
  auto r = c.login_member(" " + typed + " ", uscc);  // the default password is the stored id
  REQUIRE(r.status == 200);
  CHECK(r.body["session"]["login_id"] == uscc);
  CHECK(r.body["session"]["member_type"] == "industry_org");
}

TEST_CASE("login id lockout after five failures") {
  DaemonOptions o;
  o.toml = "[auth]\nlockout_threshold = 5\nlockout_base_s = 30\naddress_lockout_threshold = 1000\n";
  TestDaemon d(o);
  HttpClient c(d.port());
  for (int i = 1; i <= 5; ++i) {
    CAPTURE(i);
    auto r = c.login_member("1100002", "wrong-password-" + std::to_string(i));
    CHECK(r.status == 401);
    CHECK(r.error_code() == "bad_credentials");
  }
  // Now even the right password is refused, with a wait.
  auto locked = c.login_member("1100002", "1100002");
  CHECK(locked.status == 429);
  CHECK(locked.error_code() == "login_locked");
  CHECK(locked.header("set-cookie").empty());
  const std::string retry = locked.header("retry-after");
  REQUIRE_FALSE(retry.empty());
  const int retry_s = std::stoi(retry);
  CHECK(retry_s >= 1);
  CHECK(retry_s <= 30);
  REQUIRE(locked.body["error"]["retry_after_s"].is_number_integer());
  CHECK(locked.body["error"]["retry_after_s"] == retry_s);
  CHECK(c.get("/auth/session").status == 401);

  // Another login id from the same client is not affected.
  HttpClient other(d.port());
  auto ok = other.login_member("1100001", "1100001");
  CHECK(ok.status == 200);
  // The locked id stays locked.
  CHECK(other.login_member("1100002", "1100002").status == 429);
}

TEST_CASE("a successful login clears earlier failures of that login id") {
  DaemonOptions o;
  o.toml = "[auth]\nlockout_threshold = 3\naddress_lockout_threshold = 1000\n";
  TestDaemon d(o);
  HttpClient c(d.port());
  for (int i = 0; i < 2; ++i) CHECK(c.login_member("1100002", "bad-" + std::to_string(i)).status == 401);
  CHECK(c.login_member("1100002", "1100002").status == 200);
  for (int i = 0; i < 2; ++i) CHECK(c.login_member("1100002", "bad2-" + std::to_string(i)).status == 401);
  CHECK(c.login_member("1100002", "1100002").status == 200);
}

TEST_CASE("address lockout counts failures across login ids") {
  DaemonOptions o;
  o.toml = "[auth]\naddress_lockout_threshold = 3\n";
  TestDaemon d(o);
  HttpClient c(d.port());
  CHECK(c.login_member("1100001", "wrong12345").status == 401);
  CHECK(c.login_member("1100002", "wrong12345").status == 401);
  CHECK(c.login_member("3100003", "wrong12345").status == 401);
  // A fourth login id, never tried, with its right password: the address is refused.
  auto locked = c.login_member("4400004", "4400004");
  CHECK(locked.status == 429);
  CHECK(locked.error_code() == "login_locked");
  REQUIRE_FALSE(locked.header("retry-after").empty());
  CHECK(std::stoi(locked.header("retry-after")) >= 1);
  CHECK(locked.body["error"]["retry_after_s"].get<int>() >= 1);
  // Staff logins come from the same address too.
  HttpClient other(d.port());
  CHECK(other.login_staff("desk1", "whatever1").status == 429);
}

TEST_CASE("logout requires the session's CSRF token") {
  TestDaemon d(with_desk());
  HttpClient c(d.port());
  REQUIRE(c.login_staff("desk1", "Desk12345x").status == 200);
  const std::string cookie = c.session_cookie();
  REQUIRE_FALSE(cookie.empty());

  auto none = c.post("/auth/logout", Json::object(), CsrfMode::kNone);
  CHECK(none.status == 403);
  CHECK(none.error_code() == "csrf_failed");
  auto wrong = c.post("/auth/logout", Json::object(), CsrfMode::kWrong);
  CHECK(wrong.status == 403);
  CHECK(wrong.error_code() == "csrf_failed");
  // Refused requests did not end the session.
  CHECK(c.get("/auth/session").status == 200);

  auto ok = c.post("/auth/logout", Json::object());
  CHECK(ok.status == 200);
  CHECK(ok.body["ok"] == true);
  CHECK(contains(ok.header("set-cookie"), "md_session=;"));
  CHECK(contains(ok.header("set-cookie"), "Max-Age=0"));
  auto after = c.get("/auth/session");
  CHECK(after.status == 401);
  CHECK(after.error_code() == "unauthenticated");

  // The server forgot the session: replaying the old cookie does not revive it.
  HttpClient replay(d.port());
  replay.set_session_cookie(cookie);
  CHECK(replay.session_cookie() == cookie);
  CHECK(replay.get("/auth/session").status == 401);
  CHECK(replay.get("/staff/home").status == 401);
}

TEST_CASE("a session still on the default password can log out") {
  TestDaemon d;
  HttpClient c(d.port());
  REQUIRE(c.login_member("1100001", "1100001").status == 200);
  CHECK(c.get("/member/home").error_code() == "password_change_required");
  auto out = c.post("/auth/logout", Json::object());
  CHECK(out.status == 200);
  CHECK(out.body["ok"] == true);
  CHECK(c.get("/auth/session").status == 401);
}

TEST_CASE("password change requires the CSRF token") {
  TestDaemon d;
  HttpClient c(d.port());
  REQUIRE(c.login_member("1100001", "1100001").status == 200);
  auto none = c.post("/auth/password", {{"old_password", "1100001"}, {"new_password", "Zhangwei2026"}},
                     CsrfMode::kNone);
  CHECK(none.status == 403);
  CHECK(none.error_code() == "csrf_failed");
  auto wrong = c.post("/auth/password", {{"old_password", "1100001"}, {"new_password", "Zhangwei2026"}},
                      CsrfMode::kWrong);
  CHECK(wrong.status == 403);
  // Nothing changed: the default password still works.
  HttpClient other(d.port());
  auto again = other.login_member("1100001", "1100001");
  CHECK(again.status == 200);
  CHECK(again.body["session"]["must_change_password"] == true);
}

TEST_CASE("a POST body that is not JSON is refused with 415") {
  TestDaemon d;
  HttpClient c(d.port());
  const std::string json = R"({"kind":"member","login_id":"11001","password":"11001"})";
  auto text = c.request("POST", "/auth/login", json, "text/plain");
  CHECK(text.status == 415);
  CHECK(text.error_code() == "unsupported_media_type");
  auto form = c.request("POST", "/auth/login", "kind=member&login_id=11001&password=11001",
                        "application/x-www-form-urlencoded");
  CHECK(form.status == 415);
  CHECK(form.error_code() == "unsupported_media_type");
  auto none = c.request("POST", "/auth/login", json, "");
  CHECK(none.status == 415);
  // None of them logged in.
  CHECK(c.get("/auth/session").status == 401);
  // The same body as JSON (with a charset parameter) is accepted.
  auto ok = c.request("POST", "/auth/login", json, "application/json; charset=utf-8");
  CHECK(ok.status == 200);
}

TEST_CASE("malformed JSON is 400 bad_request") {
  TestDaemon d;
  HttpClient c(d.port());
  for (const std::string body : {R"({"kind":"member","login_id":)", "not json", "[1,2,3]", "\"text\"", "{"}) {
    CAPTURE(body);
    auto r = c.request("POST", "/auth/login", std::string(body), "application/json");
    CHECK(r.status == 400);
    CHECK(r.error_code() == "bad_request");
  }
  // Also on a session route.
  REQUIRE(c.login_member("1100001", "1100001").status == 200);
  auto r = c.request("POST", "/auth/password", std::string("{oops"), "application/json");
  CHECK(r.status == 400);
  CHECK(r.error_code() == "bad_request");
}

TEST_CASE("each session sees only its own member") {
  DaemonOptions o;
  o.member_passwords = {{"1100001", "Zhangwei2026"}, {"1100002", "Wangfang2026"}};
  TestDaemon d(o);
  HttpClient a(d.port());
  HttpClient b(d.port());
  REQUIRE(a.login_member("1100001", "Zhangwei2026").status == 200);
  REQUIRE(b.login_member("1100002", "Wangfang2026").status == 200);
  CHECK(a.session_cookie() != b.session_cookie());

  for (int round = 0; round < 3; ++round) {
    auto ha = a.get("/member/home");
    auto hb = b.get("/member/home");
    REQUIRE(ha.status == 200);
    REQUIRE(hb.status == 200);
    CHECK(ha.body["member"]["login_id"] == "1100001");
    CHECK(ha.body["member"]["name"] == "张伟");
    CHECK(ha.body["member"]["type"] == "attorney");
    CHECK(ha.body["member"]["type_label"] == "专利代理师");
    CHECK(hb.body["member"]["login_id"] == "1100002");
    CHECK(hb.body["member"]["name"] == "王芳");
    CHECK(ha.body["member"]["id"] != hb.body["member"]["id"]);
  }
  // A query parameter cannot point the endpoint at somebody else.
  auto sneaky = a.get("/member/home?id=" + b.get("/member/home").body["member"]["id"].dump() +
                      "&login_id=1100002");
  CHECK(sneaky.body["member"]["login_id"] == "1100001");

  // Logging out B leaves A's session alone.
  REQUIRE(b.post("/auth/logout", Json::object()).status == 200);
  CHECK(b.get("/member/home").status == 401);
  CHECK(a.get("/member/home").body["member"]["login_id"] == "1100001");
}

TEST_CASE("a new login on the same browser ends the previous session") {
  DaemonOptions o;
  o.member_passwords = {{"1100001", "Zhangwei2026"}, {"1100002", "Wangfang2026"}};
  TestDaemon d(o);
  HttpClient c(d.port());
  REQUIRE(c.login_member("1100001", "Zhangwei2026").status == 200);
  const std::string first = c.session_cookie();
  REQUIRE(c.login_member("1100002", "Wangfang2026").status == 200);
  const std::string second = c.session_cookie();
  CHECK(first != second);
  CHECK(c.get("/member/home").body["member"]["login_id"] == "1100002");

  HttpClient replay(d.port());
  replay.set_session_cookie(first);
  CHECK(replay.get("/member/home").status == 401);
}

TEST_CASE("a session id planted before login is not promoted") {
  TestDaemon d;
  HttpClient c(d.port());
  const std::string planted(64, 'f');
  c.set_session_cookie(planted);
  CHECK(c.get("/auth/session").status == 401);
  REQUIRE(c.login_member("1100001", "1100001").status == 200);
  CHECK(c.session_cookie() != planted);
  HttpClient attacker(d.port());
  attacker.set_session_cookie(planted);
  CHECK(attacker.get("/auth/session").status == 401);
}

TEST_CASE("role separation between members and staff") {
  DaemonOptions o = with_desk();
  o.member_passwords = {{"1100001", "Zhangwei2026"}};
  TestDaemon d(o);

  HttpClient anon(d.port());
  auto no_session_staff = anon.get("/staff/home");
  CHECK(no_session_staff.status == 401);
  CHECK(no_session_staff.error_code() == "unauthenticated");
  auto no_session_member = anon.get("/member/home");
  CHECK(no_session_member.status == 401);
  CHECK(no_session_member.error_code() == "unauthenticated");
  CHECK(anon.get("/auth/session").status == 401);

  HttpClient member(d.port());
  REQUIRE(member.login_member("1100001", "Zhangwei2026").status == 200);
  auto member_on_staff = member.get("/staff/home");
  CHECK(member_on_staff.status == 403);
  CHECK(member_on_staff.error_code() == "forbidden");

  HttpClient staff(d.port());
  auto login = staff.login_staff("desk1", "Desk12345x");
  REQUIRE(login.status == 200);
  CHECK(login.body["session"]["kind"] == "staff");
  CHECK(login.body["session"]["role"] == "desk");
  CHECK(login.body["session"]["must_change_password"] == false);
  CHECK_FALSE(login.body["session"].contains("member_type"));
  auto home = staff.get("/staff/home");
  REQUIRE(home.status == 200);
  CHECK(home.body["staff"]["login_id"] == "desk1");
  CHECK(home.body["staff"]["name"] == "前台小李");
  CHECK(home.body["staff"]["role"] == "desk");
  CHECK(home.body["staff"]["role_label"] == "前台");
  auto staff_on_member = staff.get("/member/home");
  CHECK(staff_on_member.status == 403);
  CHECK(staff_on_member.error_code() == "forbidden");
}

TEST_CASE("staff login id is trimmed and the staff password is checked") {
  TestDaemon d(with_desk());
  HttpClient c(d.port());
  CHECK(c.login_staff("desk1", "desk12345x").status == 401);
  CHECK(c.login_staff("desk1", "desk1").status == 401);  // no default password for staff
  auto r = c.login_staff(" desk1 ", "Desk12345x");
  REQUIRE(r.status == 200);
  CHECK(r.body["session"]["login_id"] == "desk1");
}

TEST_CASE("password change ends the account's other sessions") {
  TestDaemon d;
  HttpClient first(d.port());
  HttpClient second(d.port());
  REQUIRE(first.login_member("1100001", "1100001").status == 200);
  REQUIRE(second.login_member("1100001", "1100001").status == 200);
  // Another member's session must survive.
  HttpClient bystander(d.port());
  REQUIRE(bystander.login_member("1100002", "1100002").status == 200);

  auto changed = first.post("/auth/password", {{"old_password", "1100001"}, {"new_password", "Zhangwei2026"}});
  REQUIRE(changed.status == 200);

  auto gone = second.get("/auth/session");
  CHECK(gone.status == 401);
  CHECK(gone.error_code() == "unauthenticated");
  auto kept = first.get("/auth/session");
  CHECK(kept.status == 200);
  CHECK(kept.body["session"]["must_change_password"] == false);
  CHECK(first.get("/member/home").status == 200);
  CHECK(bystander.get("/auth/session").status == 200);
}

TEST_CASE("session reports the configured idle timeout") {
  DaemonOptions o = with_desk();
  o.toml = "[session]\nidle_timeout_s = 600\n";
  TestDaemon d(o);
  HttpClient c(d.port());
  auto login = c.login_staff("desk1", "Desk12345x");
  REQUIRE(login.status == 200);
  CHECK(login.body["session"]["idle_expires_in_s"] == 600);
  auto s = c.get("/auth/session");
  REQUIRE(s.status == 200);
  CHECK(s.body["session"]["idle_expires_in_s"].get<int>() > 0);
  CHECK(s.body["session"]["idle_expires_in_s"].get<int>() <= 600);
  CHECK(s.body["session"]["csrf"] == login.body["session"]["csrf"]);
}
