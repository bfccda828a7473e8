// http/guard: the checks every request passes before CivetWeb serves it.
#include <doctest/doctest.h>

#include "http/guard.h"

using namespace md::http;

namespace {

RequestHead head(std::string method, std::string uri,
                 std::vector<std::pair<std::string, std::string>> headers = {}) {
  RequestHead h;
  h.method = std::move(method);
  h.raw_uri = uri;
  h.path = uri;
  h.headers = std::move(headers);
  return h;
}

std::string code_of(const std::optional<Refusal>& r) {
  return r ? r->code : "";
}

}  // namespace

TEST_CASE("guard: the daemon's own origin is http://Host with an IP address or localhost") {
  OriginPolicy none;
  CHECK(none.may_change_state("http://127.0.0.1:8080", "127.0.0.1:8080"));
  CHECK(none.may_change_state("http://localhost:8080", "localhost:8080"));
  CHECK(none.may_change_state("http://192.168.1.20:8080", "192.168.1.20:8080"));
  CHECK(none.may_change_state("HTTP://127.0.0.1:8080", "127.0.0.1:8080"));
  CHECK_FALSE(none.may_change_state("http://127.0.0.1:8081", "127.0.0.1:8080"));
  CHECK_FALSE(none.may_change_state("https://127.0.0.1:8080", "127.0.0.1:8080"));
  CHECK_FALSE(none.may_change_state("http://evil.example", "127.0.0.1:8080"));
  // A rebinding name brings a matching Host: names count only when configured.
  CHECK_FALSE(none.may_change_state("http://evil.example:8080", "evil.example:8080"));
  CHECK_FALSE(none.may_change_state("http://1.2.3.4.evil.example", "1.2.3.4.evil.example"));
  CHECK_FALSE(none.may_change_state("http://999.1.1.1", "999.1.1.1"));
  CHECK_FALSE(none.may_change_state("null", ""));
  CHECK_FALSE(none.may_change_state("http://", ""));
  CHECK_FALSE(none.cors_enabled());
}

TEST_CASE("guard: configured origins are parsed checked and trusted") {
  auto p = OriginPolicy::parse(" https://portal.example,http://desk.office:8080 ");
  REQUIRE(p.ok());
  CHECK(p->cors_enabled());
  CHECK(p->is_configured("https://PORTAL.example"));
  CHECK(p->may_change_state("http://desk.office:8080", "desk.office:8080"));
  CHECK(p->may_change_state("https://portal.example", "127.0.0.1:8080"));
  CHECK_FALSE(p->is_configured("https://portal.example:443"));
  for (const char* bad :
       {"portal.example", "https://portal.example/", "ftp://x", "http://a:b", "*"}) {
    CAPTURE(bad);
    CHECK_FALSE(OriginPolicy::parse(bad).ok());
  }
  CHECK(OriginPolicy::parse("").ok());
}

TEST_CASE("guard: framing a proxy could read otherwise is refused and closes") {
  OriginPolicy none;
  auto both = check_request(
      head("POST", "/api/v1/x", {{"Content-Length", "5"}, {"transfer-encoding", "chunked"}}), none);
  CHECK(code_of(both) == "bad_framing");
  CHECK(both->close);
  CHECK(code_of(check_request(head("POST", "/x", {{"Transfer-Encoding", "gzip, chunked"}}),
                              none)) == "bad_framing");
  CHECK(
      code_of(check_request(
          head("POST", "/x", {{"Transfer-Encoding", "chunked"}, {"Transfer-Encoding", "chunked"}}),
          none)) == "bad_framing");
  CHECK(code_of(check_request(
            head("POST", "/x", {{"Content-Length", "1"}, {"content-length", "2"}}), none)) ==
        "bad_framing");
  CHECK(code_of(check_request(head("POST", "/x", {{"Content-Length", "-1"}}), none)) ==
        "bad_framing");
  CHECK_FALSE(check_request(head("POST", "/api/v1/x", {{"Transfer-Encoding", " Chunked "}}), none));
  CHECK_FALSE(check_request(head("POST", "/api/v1/x", {{"Content-Length", "12"}}), none));
}

TEST_CASE("guard: paths methods and origins") {
  OriginPolicy none;
  CHECK(code_of(check_request(head("GET", "/index.html%00.js"), none)) == "bad_path");
  RequestHead control = head("GET", "/a%0a");
  control.path = "/a\n";
  CHECK(code_of(check_request(control, none)) == "bad_path");
  auto dav = check_request(head("PROPFIND", "/"), none);
  CHECK(dav->status == 405);
  CHECK(dav->allow == "GET, HEAD, OPTIONS");
  CHECK(check_request(head("PUT", "/api/v1health"), none)->status == 405);
  CHECK_FALSE(check_request(head("OPTIONS", "/index.html"), none));
  CHECK_FALSE(check_request(head("PUT", "/api/v1/staff/calendar/2026-01-01"), none));
  auto foreign =
      check_request(head("POST", "/api/v1/auth/login",
                         {{"Origin", "http://evil.example"}, {"Host", "127.0.0.1:8080"}}),
                    none);
  CHECK(foreign->status == 403);
  CHECK(foreign->code == "origin_refused");
  CHECK_FALSE(
      check_request(head("GET", "/api/v1/health", {{"Origin", "http://evil.example"}}), none));
  CHECK_FALSE(check_request(head("POST", "/api/v1/auth/login",
                                 {{"Origin", "http://127.0.0.1:8080"}, {"Host", "127.0.0.1:8080"}}),
                            none));
}

TEST_CASE("guard: CORS headers only for a configured origin") {
  OriginPolicy none;
  CHECK(cors_headers(head("GET", "/api/v1/health", {{"Origin", "http://evil.example"}}), none, true)
            .empty());
  auto p = OriginPolicy::parse("https://portal.example");
  REQUIRE(p.ok());
  CHECK(cors_headers(head("GET", "/api/v1/health", {{"Origin", "http://evil.example"}}), *p,
                     true) == "Vary: Origin\r\n");
  const std::string granted =
      cors_headers(head("OPTIONS", "/api/v1/x", {{"Origin", "https://portal.example"}}), *p, true);
  CHECK(granted.find("Access-Control-Allow-Origin: https://portal.example\r\n") !=
        std::string::npos);
  CHECK(granted.find("Access-Control-Allow-Methods: ") != std::string::npos);
  const std::string simple =
      cors_headers(head("GET", "/api/v1/x", {{"origin", "https://portal.example"}}), *p, false);
  CHECK(simple.find("Access-Control-Allow-Origin: https://portal.example\r\n") !=
        std::string::npos);
  CHECK(simple.find("Access-Control-Allow-Methods") == std::string::npos);
}
