// The public plumbing: health, the live route table, 404/405, kiosk settings, response headers.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "harness.h"

using apitest::HttpClient;
using apitest::Json;
using apitest::TestDaemon;

namespace {

const char* access_name(md::http::Access a) {
  switch (a) {
    case md::http::Access::kPublic: return "public";
    case md::http::Access::kSession: return "session";
    case md::http::Access::kMember: return "member";
    case md::http::Access::kStaff: return "staff";
  }
  return "?";
}

}  // namespace

TEST_CASE("health answers ok with the build version") {
  TestDaemon d;
  HttpClient c(d.port());
  auto r = c.get("/health");
  CHECK(r.status == 200);
  CHECK(r.body["status"] == "ok");
  CHECK(r.body["version"] == MEMBERDESK_VERSION);
  CHECK(r.header("content-type").rfind("application/json", 0) == 0);
}

TEST_CASE("API responses are never cached and carry the security headers") {
  TestDaemon d;
  HttpClient c(d.port());
  for (const std::string path : {"/health", "/directory", "/no/such/route"}) {
    CAPTURE(path);
    auto r = c.get(path);
    CHECK(r.header("cache-control") == "no-store");
    CHECK(r.header("x-content-type-options") == "nosniff");
    CHECK(r.header("x-frame-options") == "DENY");
  }
}

TEST_CASE("endpoints lists every registered route with its access level") {
  TestDaemon d;
  HttpClient c(d.port());
  auto r = c.get("/endpoints");
  REQUIRE(r.status == 200);
  REQUIRE(r.body["endpoints"].is_array());
  const Json& list = r.body["endpoints"];
  const auto& routes = d.app().router().routes();
  CHECK(list.size() == routes.size());

  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& e : list) {
    REQUIRE(e["method"].is_string());
    REQUIRE(e["path"].is_string());
    CHECK(seen.emplace(e["method"].get<std::string>(), e["path"].get<std::string>()).second);
  }
  for (const auto& route : routes) {
    const std::string path = "/api/v1" + route.pattern;
    CAPTURE(route.method);
    CAPTURE(path);
    const Json* found = nullptr;
    for (const auto& e : list)
      if (e["method"] == route.method && e["path"] == path) found = &e;
    REQUIRE(found != nullptr);
    CHECK((*found)["access"] == access_name(route.access));
    CHECK((*found)["summary"] == route.summary);
    if (!route.roles.empty()) CHECK((*found)["roles"] == Json(route.roles));
  }

  // The contract's routes are all there, with the documented access.
  auto access_of = [&](const std::string& method, const std::string& path) -> std::string {
    for (const auto& e : list)
      if (e["method"] == method && e["path"] == "/api/v1" + path) return e["access"];
    return "missing";
  };
  CHECK(access_of("GET", "/health") == "public");
  CHECK(access_of("GET", "/kiosk/settings") == "public");
  CHECK(access_of("GET", "/endpoints") == "public");
  CHECK(access_of("POST", "/auth/login") == "public");
  CHECK(access_of("POST", "/auth/logout") == "session");
  CHECK(access_of("GET", "/auth/session") == "session");
  CHECK(access_of("POST", "/auth/password") == "session");
  CHECK(access_of("GET", "/content/faq") == "public");
  CHECK(access_of("GET", "/content/pages/{slug}") == "public");
  CHECK(access_of("GET", "/directory") == "public");
  CHECK(access_of("GET", "/member/home") == "member");
  CHECK(access_of("GET", "/staff/home") == "staff");
}

TEST_CASE("unknown path is 404 not_found as JSON") {
  TestDaemon d;
  HttpClient c(d.port());
  for (const std::string path : {"/no/such/route", "/", "/content/pages", "/content/pages/guide/extra"}) {
    CAPTURE(path);
    auto r = c.get(path);
    CHECK(r.status == 404);
    CHECK(r.error_code() == "not_found");
    CHECK(r.body["error"]["message"].is_string());
  }
  auto r = c.post("/no/such/route", Json::object());
  CHECK(r.status == 404);
  CHECK(r.error_code() == "not_found");
}

TEST_CASE("wrong method on a known path is 405 method_not_allowed") {
  TestDaemon d;
  HttpClient c(d.port());
  auto post_health = c.post("/health", Json::object());
  CHECK(post_health.status == 405);
  CHECK(post_health.error_code() == "method_not_allowed");

  auto get_login = c.get("/auth/login");
  CHECK(get_login.status == 405);
  CHECK(get_login.error_code() == "method_not_allowed");

  auto delete_session = c.request("DELETE", "/auth/session", std::nullopt, "");
  CHECK(delete_session.status == 405);
  CHECK(delete_session.error_code() == "method_not_allowed");
}

TEST_CASE("kiosk settings reflect the configuration") {
  apitest::DaemonOptions o;
  o.toml = "[kiosk]\nidle_reset_s = 90\nidle_warning_s = 15\n";
  TestDaemon d(o);
  HttpClient c(d.port());
  auto r = c.get("/kiosk/settings");
  REQUIRE(r.status == 200);
  CHECK(r.body["idle_reset_s"] == 90);
  CHECK(r.body["idle_warning_s"] == 15);
}

TEST_CASE("kiosk settings default to the schema defaults") {
  TestDaemon d;
  HttpClient c(d.port());
  auto r = c.get("/kiosk/settings");
  REQUIRE(r.status == 200);
  CHECK(r.body["idle_reset_s"] == 120);
  CHECK(r.body["idle_warning_s"] == 20);
}

TEST_CASE("only paths below /api/v1/ reach the API") {
  TestDaemon d;
  HttpClient c(d.port());
  // The client prefixes "/api/v1": these are /api/v1health and /api/v1endpoints.
  for (const std::string path : {"health", "endpoints"}) {
    CAPTURE(path);
    auto r = c.get(path);
    CHECK(r.status == 404);
    CHECK_FALSE(r.body.contains("status"));
    CHECK_FALSE(r.body.contains("endpoints"));
  }
}
