#include <doctest/doctest.h>

#include "http/router.h"

using namespace md::http;

namespace {

struct Fixture {
  SessionStore sessions{SessionLimits{std::chrono::seconds(60), std::chrono::seconds(600)}};
  Router router{sessions};
  Clock::time_point now = Clock::now();
  Fixture() {
    auto ok = [](Call&) { return Response::ok({{"ok", true}}); };
    router.add({"GET", "/open", Access::kPublic, {}, "open", ok});
    router.add({"POST", "/open", Access::kPublic, {}, "open post", ok});
    router.add({"GET", "/things/{id}", Access::kSession, {}, "thing",
                [](Call& c) { return Response::ok({{"id", c.req.path_params.at("id")}}); }});
    router.add({"GET", "/member", Access::kMember, {}, "member only", ok});
    router.add({"GET", "/finance", Access::kStaff, {"finance", "admin"}, "finance", ok});
    router.add({"POST", "/auth/password", Access::kSession, {}, "pw", ok,
                BeforePasswordChange::kAllowed});
  }
  Session login(bool staff, const std::string& role, bool must_change = false) {
    Session s;
    s.staff = staff;
    s.role = role;
    s.member_id = staff ? 0 : 7;
    s.must_change_password = must_change;
    return sessions.create(s, now);
  }
  Response call(const std::string& method, const std::string& path, const Session* s = nullptr,
                const std::string& csrf = "", const std::string& body = "") {
    Request req;
    req.method = method;
    req.path = path;
    req.body = body;
    if (!body.empty()) req.headers["content-type"] = "application/json";
    if (s) req.headers["cookie"] = std::string(kSessionCookie) + "=" + s->id;
    if (!csrf.empty()) req.headers["x-csrf-token"] = csrf;
    return router.dispatch(req, now);
  }
};

std::string code(const Response& r) { return r.body["error"]["code"].get<std::string>(); }

}  // namespace

TEST_CASE("route patterns capture path parameters") {
  std::map<std::string, std::string> p;
  CHECK(match_pattern("/a/{x}/b", "/a/42/b", &p));
  CHECK(p.at("x") == "42");
  CHECK_FALSE(match_pattern("/a/{x}/b", "/a/42/c", &p));
  CHECK_FALSE(match_pattern("/a/{x}", "/a/42/b", &p));
  CHECK(match_pattern("/health", "/health", &p));
}

TEST_CASE("router answers 404 and 405 and runs handlers") {
  Fixture f;
  CHECK(f.call("GET", "/nope").status == 404);
  CHECK(f.call("DELETE", "/open").status == 405);
  CHECK(f.call("GET", "/open").status == 200);
}

TEST_CASE("router requires a session and checks member and staff roles") {
  Fixture f;
  CHECK(f.call("GET", "/things/1").status == 401);
  Session member = f.login(false, "");
  Session desk = f.login(true, "desk");
  Session finance = f.login(true, "finance");
  auto r = f.call("GET", "/things/9", &member);
  CHECK(r.status == 200);
  CHECK(r.body["id"] == "9");
  CHECK(f.call("GET", "/member", &member).status == 200);
  CHECK(f.call("GET", "/member", &desk).status == 403);
  CHECK(f.call("GET", "/finance", &member).status == 403);
  CHECK(f.call("GET", "/finance", &desk).status == 403);
  CHECK(f.call("GET", "/finance", &finance).status == 200);
}

TEST_CASE("router requires the CSRF token on state-changing requests of a session") {
  Fixture f;
  Session s = f.login(false, "");
  CHECK(f.call("POST", "/open", nullptr, "", "{}").status == 200);  // no session, no token
  CHECK(code(f.call("POST", "/open", &s, "", "{}")) == "csrf_failed");
  CHECK(code(f.call("POST", "/open", &s, "wrong", "{}")) == "csrf_failed");
  CHECK(f.call("POST", "/open", &s, s.csrf, "{}").status == 200);
  CHECK(f.call("GET", "/things/1", &s).status == 200);  // reads need no token
}

TEST_CASE("a default-password session may only change its password") {
  Fixture f;
  Session s = f.login(false, "", /*must_change=*/true);
  auto r = f.call("GET", "/member", &s);
  CHECK(r.status == 403);
  CHECK(code(r) == "password_change_required");
  CHECK(f.call("POST", "/auth/password", &s, s.csrf, "{}").status == 200);
}

TEST_CASE("bodies must be JSON") {
  Fixture f;
  Request req;
  req.method = "POST";
  req.path = "/open";
  req.body = "a=b";
  req.headers["content-type"] = "application/x-www-form-urlencoded";
  CHECK(f.router.dispatch(req, f.now).status == 415);
}

TEST_CASE("route table describes every route") {
  Fixture f;
  auto d = f.router.describe();
  REQUIRE(d.size() == f.router.routes().size());
  CHECK(d[4]["path"] == "/api/v1/finance");
  CHECK(d[4]["access"] == "staff");
  CHECK(d[4]["roles"].size() == 2);
}

TEST_CASE("sessions expire when idle and after the absolute limit") {
  SessionStore store(SessionLimits{std::chrono::seconds(60), std::chrono::seconds(300)});
  auto t0 = Clock::now();
  Session s = store.create(Session{}, t0);
  CHECK(s.id.size() == 64);
  CHECK(s.csrf != s.id);
  CHECK(store.touch(s.id, t0 + std::chrono::seconds(59)));
  CHECK(store.touch(s.id, t0 + std::chrono::seconds(118)));  // idle timer restarted at 59
  CHECK_FALSE(store.touch(s.id, t0 + std::chrono::seconds(179)));
  Session busy = store.create(Session{}, t0);
  for (int t = 50; t < 300; t += 50) CHECK(store.touch(busy.id, t0 + std::chrono::seconds(t)));
  CHECK_FALSE(store.touch(busy.id, t0 + std::chrono::seconds(301)));
  CHECK_FALSE(store.touch("", t0));
}
