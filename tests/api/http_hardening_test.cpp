// The HTTP edge against a hostile client on the loopback (issue 11): idle and trickling
// connections, request framing, WebDAV methods, security headers, CORS and Origin, paths with
// %00, and the small edges of media types, calendar days, paging and access.
//
// Raw sockets where libcurl would tidy the request up (framing, Origin, Host, OPTIONS).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "harness.h"

using apitest::DaemonOptions;
using apitest::HttpClient;
using apitest::Json;
using apitest::TestDaemon;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

int open_socket(int port, bool blocking) {
  int fd = ::socket(AF_INET, SOCK_STREAM | (blocking ? 0 : SOCK_NONBLOCK), 0);
  if (blocking) REQUIRE(fd >= 0);  // no doctest assertions on the SlowClients thread
  if (fd < 0) return fd;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int rc = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  if (blocking) REQUIRE(rc == 0);
  return fd;
}

void send_all(int fd, const std::string& bytes) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<size_t>(n);
  }
}

struct Received {
  std::string bytes;
  bool closed = false;  // the server closed the connection
};

// Everything the server sends until it closes the connection or `wait` has passed.
Received read_until_close(int fd, milliseconds wait) {
  Received r;
  const auto end = Clock::now() + wait;
  char buf[4096];
  while (Clock::now() < end) {
    pollfd p{fd, POLLIN, 0};
    int left =
        static_cast<int>(std::chrono::duration_cast<milliseconds>(end - Clock::now()).count());
    if (::poll(&p, 1, std::max(left, 1)) <= 0) continue;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      r.closed = true;
      break;
    }
    r.bytes.append(buf, static_cast<size_t>(n));
  }
  return r;
}

// One raw request on a fresh connection.
Received exchange(int port, const std::string& request, milliseconds wait = milliseconds(3000)) {
  int fd = open_socket(port, true);
  send_all(fd, request);
  Received r = read_until_close(fd, wait);
  ::close(fd);
  return r;
}

int count_responses(const std::string& bytes) {
  int n = 0;
  for (size_t at = bytes.find("HTTP/1.1 "); at != std::string::npos;
       at = bytes.find("HTTP/1.1 ", at + 1))
    if (at == 0 || bytes[at - 1] == '\n') ++n;
  return n;
}

int status_of(const std::string& bytes) {
  return bytes.rfind("HTTP/1.1 ", 0) == 0 ? std::atoi(bytes.c_str() + 9) : 0;
}

// The header block of the first response, lower-cased, for substring checks.
std::string head_lower(const std::string& bytes) {
  std::string h = bytes.substr(0, bytes.find("\r\n\r\n"));
  for (char& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return h;
}

bool has_security_headers(const std::string& bytes) {
  const std::string h = head_lower(bytes);
  return h.find("x-content-type-options: nosniff") != std::string::npos &&
         h.find("x-frame-options: deny") != std::string::npos &&
         h.find("content-security-policy: default-src 'self'") != std::string::npos &&
         h.find("referrer-policy: no-referrer") != std::string::npos;
}

bool has_cors_headers(const std::string& bytes) {
  return head_lower(bytes).find("access-control-") != std::string::npos;
}

Json body_json(const std::string& bytes) {
  size_t at = bytes.find("\r\n\r\n");
  if (at == std::string::npos) return nullptr;
  return Json::parse(bytes.substr(at + 4), nullptr, false);
}

std::string host(int port) {
  return "127.0.0.1:" + std::to_string(port);
}

// A request with a body and any extra header lines (each ending "\r\n").
std::string raw_request(const std::string& method, const std::string& path, int port,
                        const std::string& extra, const std::string& body = "") {
  std::string r = method + " " + path + " HTTP/1.1\r\nHost: " + host(port) + "\r\n" + extra;
  if (!body.empty() || method == "POST" || method == "PUT")
    r +=
        "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  return r + "Connection: close\r\n\r\n" + body;
}

// ---- slow and idle clients ------------------------------------------------------------------

// Holds `idle` connections that send nothing and `trickling` ones that send one header line
// every `period`, reconnecting each as soon as the server drops it, until stopped.
class SlowClients {
 public:
  SlowClients(int port, int idle, int trickling, milliseconds period)
      : port_(port), period_(period) {
    for (int i = 0; i < idle + trickling; ++i) conns_.push_back({-1, i >= idle, Clock::now(), 0});
    thread_ = std::thread([this] { run(); });
  }
  ~SlowClients() {
    stop_ = true;
    thread_.join();
    for (auto& c : conns_)
      if (c.fd >= 0) ::close(c.fd);
  }
  int reconnects() const { return reconnects_; }
  int connected() const { return connected_; }

 private:
  struct Conn {
    int fd;
    bool trickles;
    Clock::time_point next_line;
    int lines;
  };

  void open(Conn& c, size_t index) {
    c.fd = open_socket(port_, false);
    c.lines = 0;
    // Spread the trickles over the period so some line is always on its way.
    c.next_line = Clock::now() + period_ * static_cast<int>(index % 10) / 10;
  }

  void run() {
    for (size_t i = 0; i < conns_.size(); ++i) open(conns_[i], i);
    while (!stop_) {
      std::vector<pollfd> polls;
      for (auto& c : conns_) polls.push_back({c.fd, POLLIN, 0});
      ::poll(polls.data(), polls.size(), 50);
      int up = 0;
      for (size_t i = 0; i < conns_.size(); ++i) {
        Conn& c = conns_[i];
        if (c.fd < 0) {
          open(c, i);
          continue;
        }
        if (polls[i].revents & (POLLIN | POLLHUP | POLLERR)) {
          char buf[4096];
          ssize_t n = ::recv(c.fd, buf, sizeof buf, MSG_DONTWAIT);
          if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
            ::close(c.fd);
            open(c, i);
            ++reconnects_;
            continue;
          }
        }
        ++up;
        if (c.trickles && Clock::now() >= c.next_line) {
          std::string line = c.lines == 0
                                 ? "GET /api/v1/health HTTP/1.1\r\nHost: " + host(port_) + "\r\n"
                                 : "X-Slow-" + std::to_string(c.lines) + ": 1\r\n";
          ::send(c.fd, line.data(), line.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
          ++c.lines;
          c.next_line = Clock::now() + period_;
        }
      }
      connected_ = up;
    }
  }

  int port_;
  milliseconds period_;
  std::vector<Conn> conns_;
  std::atomic<bool> stop_{false};
  std::atomic<int> reconnects_{0};
  std::atomic<int> connected_{0};
  std::thread thread_;
};

// Milliseconds from connecting to a complete /health answer, or -1 after `limit`.
long health_ms(int port, milliseconds limit) {
  const auto start = Clock::now();
  int fd = open_socket(port, false);
  pollfd w{fd, POLLOUT, 0};
  if (::poll(&w, 1, static_cast<int>(limit.count())) <= 0) {
    ::close(fd);
    return -1;
  }
  send_all(fd,
           "GET /api/v1/health HTTP/1.1\r\nHost: " + host(port) + "\r\nConnection: close\r\n\r\n");
  auto left = std::chrono::duration_cast<milliseconds>(limit - (Clock::now() - start));
  Received r = read_until_close(fd, std::max(left, milliseconds(1)));
  ::close(fd);
  if (status_of(r.bytes) != 200 || r.bytes.find("\"ok\"") == std::string::npos) return -1;
  return static_cast<long>(std::chrono::duration_cast<milliseconds>(Clock::now() - start).count());
}

void raise_open_file_limit() {
  rlimit l{};
  if (::getrlimit(RLIMIT_NOFILE, &l) == 0 && l.rlim_cur < 4096) {
    l.rlim_cur = std::min<rlim_t>(4096, l.rlim_max);
    ::setrlimit(RLIMIT_NOFILE, &l);
  }
}

}  // namespace

TEST_CASE(
    "200 idle and 200 trickling connections held for 30 s leave health answering within 1 s") {
  raise_open_file_limit();
  TestDaemon d;
  long worst = 0;
  int probes = 0;
  int failures = 0;
  {
    SlowClients slow(d.port(), 200, 200, milliseconds(5000));
    const auto end = Clock::now() + std::chrono::seconds(30);
    std::this_thread::sleep_for(milliseconds(500));
    while (Clock::now() < end && failures < 3) {
      long ms = health_ms(d.port(), milliseconds(3000));
      ++probes;
      if (ms < 0 || ms > 1000) ++failures;
      worst = std::max(worst, ms < 0 ? 3000 : ms);
      std::this_thread::sleep_for(milliseconds(250));
    }
    MESSAGE("probes: " << probes << ", worst: " << worst << " ms, slow connections held: "
                       << slow.connected() << ", reconnects: " << slow.reconnects());
    CHECK(slow.connected() >= 390);
  }
  CHECK(failures == 0);
  CHECK(worst <= 1000);
  CHECK(probes >= 60);
}

TEST_CASE("a trickled request head is cut off after a few seconds") {
  TestDaemon d;
  int fd = open_socket(d.port(), true);
  send_all(fd, "GET /api/v1/health HTTP/1.1\r\nHost: " + host(d.port()) + "\r\n");
  const auto start = Clock::now();
  Received r;
  for (int i = 0; i < 15 && !r.closed; ++i) {
    send_all(fd, "X-Slow: 1\r\n");
    r = read_until_close(fd, milliseconds(1000));
  }
  ::close(fd);
  CHECK(r.closed);
  CHECK(Clock::now() - start < std::chrono::seconds(9));
}

// ---- request framing ------------------------------------------------------------------------

TEST_CASE("Content-Length with Transfer-Encoding is refused and nothing behind it is served") {
  TestDaemon d;
  const std::string smuggled =
      "GET /api/v1/health HTTP/1.1\r\nHost: " + host(d.port()) + "\r\n\r\n";
  for (const std::string path : {"/api/v1/auth/logout", "/index.html"}) {
    CAPTURE(path);
    Received r =
        exchange(d.port(), "POST " + path + " HTTP/1.1\r\nHost: " + host(d.port()) +
                               "\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                               "0\r\n\r\n" +
                               smuggled);
    CHECK(status_of(r.bytes) == 400);
    CHECK(count_responses(r.bytes) == 1);
    CHECK(r.closed);
    CHECK(body_json(r.bytes)["error"]["code"] == "bad_framing");
    CHECK(has_security_headers(r.bytes));
  }
  // Only plain chunked is understood; anything else is refused, not guessed at.
  Received odd = exchange(d.port(), "POST /api/v1/auth/logout HTTP/1.1\r\nHost: " + host(d.port()) +
                                        "\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
  CHECK(status_of(odd.bytes) == 400);
  Received twice =
      exchange(d.port(), "POST /api/v1/auth/logout HTTP/1.1\r\nHost: " + host(d.port()) +
                             "\r\nContent-Length: 2\r\nContent-Length: 30\r\n\r\n{}");
  CHECK(status_of(twice.bytes) == 400);
  // Plain chunked bodies still work.
  Received chunked = exchange(
      d.port(),
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: " + host(d.port()) +
          "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: "
          "close\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
  CHECK(status_of(chunked.bytes) == 400);
  CHECK(body_json(chunked.bytes)["error"]["code"] != "bad_framing");
}

TEST_CASE("WebDAV methods on static files answer 405 and change nothing") {
  TestDaemon d;
  for (const std::string method :
       {"PROPFIND", "PUT", "DELETE", "MKCOL", "POST", "PATCH", "PROPPATCH", "LOCK"}) {
    CAPTURE(method);
    Received r = exchange(d.port(), raw_request(method, "/hardening-probe.txt", d.port(),
                                                method == "PROPFIND" ? "Depth: 1\r\n" : "", "x"));
    CHECK(status_of(r.bytes) == 405);
    CHECK(head_lower(r.bytes).find("allow: get, head, options") != std::string::npos);
    CHECK(head_lower(r.bytes).find("www-authenticate") == std::string::npos);
    CHECK(has_security_headers(r.bytes));
  }
  // Methods CivetWeb does not know at all it refuses itself, in the same form.
  for (const std::string method : {"MOVE", "COPY"}) {
    CAPTURE(method);
    Received r = exchange(d.port(),
                          raw_request(method, "/index.html", d.port(), "Destination: /x.html\r\n"));
    CHECK(status_of(r.bytes) == 400);
    CHECK(has_security_headers(r.bytes));
  }
  Received del = exchange(d.port(), raw_request("DELETE", "/index.html", d.port(), ""));
  CHECK(status_of(del.bytes) == 405);
  CHECK(status_of(exchange(d.port(), raw_request("GET", "/index.html", d.port(), "")).bytes) ==
        200);
  CHECK_FALSE(std::filesystem::exists(std::string(MEMBERDESK_WEBUI_DIR) + "/hardening-probe.txt"));
}

TEST_CASE("every answer carries the security headers OPTIONS and errors included") {
  TestDaemon d;
  const std::string preflight =
      "Origin: http://" + host(d.port()) + "\r\nAccess-Control-Request-Method: POST\r\n";
  const std::vector<std::tuple<std::string, std::string, std::string>> probes = {
      {"OPTIONS", "/api/v1/health", ""},
      {"OPTIONS", "/api/v1/auth/login", preflight},
      {"OPTIONS", "/", ""},
      {"OPTIONS", "/index.html", preflight},
      {"GET", "/index.html", ""},
      {"GET", "/no-such-file.js", ""},
      {"GET", "/api/v1/no-such-route", ""},
      {"DELETE", "/api/v1/health", ""},
      {"GET", "/api/v1/health", ""},
      {"HEAD", "/index.html", ""}};
  for (const auto& [method, path, extra] : probes) {
    CAPTURE(method);
    CAPTURE(path);
    CAPTURE(extra);
    Received r = exchange(d.port(), raw_request(method, path, d.port(), extra));
    CHECK(status_of(r.bytes) > 0);
    CHECK(has_security_headers(r.bytes));
  }
}

// ---- CORS and Origin ------------------------------------------------------------------------

TEST_CASE("without configured origins no CORS header is sent and foreign origins change nothing") {
  TestDaemon d;
  const std::string evil = "Origin: http://evil.example\r\n";
  Received preflight = exchange(
      d.port(), raw_request("OPTIONS", "/api/v1/applications/industry_org", d.port(),
                            evil + "Access-Control-Request-Method: POST\r\n"
                                   "Access-Control-Request-Headers: content-type, x-evil\r\n"));
  CHECK(status_of(preflight.bytes) == 204);
  CHECK_FALSE(has_cors_headers(preflight.bytes));
  CHECK(has_security_headers(preflight.bytes));
  CHECK_FALSE(has_cors_headers(
      exchange(d.port(), raw_request("GET", "/api/v1/health", d.port(), evil)).bytes));
  CHECK_FALSE(has_cors_headers(
      exchange(d.port(), raw_request("GET", "/index.html", d.port(), evil)).bytes));

  const Json form = apitest::application_body(apitest::valid_application_fields("industry_org"));
  const int64_t before = apitest::sql_int(d, "SELECT COUNT(*) FROM applications");
  Received post = exchange(d.port(), raw_request("POST", "/api/v1/applications/industry_org",
                                                 d.port(), evil, form.dump()));
  CHECK(status_of(post.bytes) == 403);
  CHECK(body_json(post.bytes)["error"]["code"] == "origin_refused");
  CHECK(has_security_headers(post.bytes));
  CHECK(apitest::sql_int(d, "SELECT COUNT(*) FROM applications") == before);

  // "null" (sandboxed frames, file://) is not the daemon's own either.
  CHECK(status_of(exchange(d.port(), raw_request("POST", "/api/v1/auth/login", d.port(),
                                                 "Origin: null\r\n", "{}"))
                      .bytes) == 403);
  // A rebinding domain sends a matching Host and Origin: a host name is not trusted.
  Received rebound = exchange(
      d.port(),
      "POST /api/v1/applications/industry_org HTTP/1.1\r\nHost: evil.example:" +
          std::to_string(d.port()) + "\r\nOrigin: http://evil.example:" + std::to_string(d.port()) +
          "\r\nContent-Type: application/json\r\nContent-Length: " +
          std::to_string(form.dump().size()) + "\r\nConnection: close\r\n\r\n" + form.dump());
  CHECK(status_of(rebound.bytes) == 403);

  // The kiosk's own page (Chromium sends Origin on every POST) and clients without Origin pass.
  Received own =
      exchange(d.port(), raw_request("POST", "/api/v1/applications/industry_org", d.port(),
                                     "Origin: http://" + host(d.port()) + "\r\n", form.dump()));
  CHECK(status_of(own.bytes) == 201);
  Received localhost = exchange(
      d.port(),
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost:" + std::to_string(d.port()) +
          "\r\nOrigin: http://localhost:" + std::to_string(d.port()) +
          "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
  CHECK(status_of(localhost.bytes) == 400);
  CHECK(status_of(exchange(d.port(), raw_request("POST", "/api/v1/auth/login", d.port(), "", "{}"))
                      .bytes) == 400);
}

TEST_CASE("a configured origin gets CORS answers and may change data") {
  DaemonOptions o;
  o.toml = "[http]\nallowed_origins = \"https://portal.example  http://office.example:8080\"\n";
  TestDaemon d(o);
  Received preflight = exchange(
      d.port(),
      raw_request("OPTIONS", "/api/v1/auth/login", d.port(),
                  "Origin: https://portal.example\r\nAccess-Control-Request-Method: POST\r\n"));
  CHECK(status_of(preflight.bytes) == 204);
  const std::string h = head_lower(preflight.bytes);
  CHECK(h.find("access-control-allow-origin: https://portal.example") != std::string::npos);
  CHECK(h.find("access-control-allow-methods: get, post, put, patch, delete") != std::string::npos);
  CHECK(h.find("access-control-allow-headers: content-type, x-csrf-token") != std::string::npos);
  CHECK(h.find("vary: origin") != std::string::npos);
  CHECK(has_security_headers(preflight.bytes));

  Received post = exchange(d.port(), raw_request("POST", "/api/v1/auth/login", d.port(),
                                                 "Origin: http://office.example:8080\r\n", "{}"));
  CHECK(status_of(post.bytes) == 400);
  CHECK(head_lower(post.bytes).find("access-control-allow-origin: http://office.example:8080") !=
        std::string::npos);

  Received other = exchange(
      d.port(),
      raw_request("OPTIONS", "/api/v1/auth/login", d.port(),
                  "Origin: https://evil.example\r\nAccess-Control-Request-Method: POST\r\n"));
  CHECK(head_lower(other.bytes).find("access-control-allow-origin") == std::string::npos);
  CHECK(status_of(exchange(d.port(), raw_request("POST", "/api/v1/auth/login", d.port(),
                                                 "Origin: https://evil.example\r\n", "{}"))
                      .bytes) == 403);
}

TEST_CASE("a malformed allowed_origins entry stops the daemon from starting") {
  DaemonOptions o;
  o.toml = "[http]\nallowed_origins = \"portal.example/app\"\n";
  CHECK_THROWS(TestDaemon(o));
}

// ---- small edges ----------------------------------------------------------------------------

TEST_CASE("a path with %00 is refused instead of cut short") {
  TestDaemon d;
  for (const std::string path :
       {"/index.html%00.js", "/api/v1/health%00", "/kiosk/%00/../index.html"}) {
    CAPTURE(path);
    Received r = exchange(d.port(), raw_request("GET", path, d.port(), ""));
    CHECK(status_of(r.bytes) == 400);
    CHECK(body_json(r.bytes)["error"]["code"] == "bad_path");
  }
}

TEST_CASE("only application/json is JSON") {
  TestDaemon d;
  HttpClient c(d.port());
  const std::string body =
      Json{{"kind", "member"}, {"login_id", "11001"}, {"password", "x"}}.dump();
  for (const std::string type : {"application/jsonx", "application/json-patch+json", "text/json"}) {
    CAPTURE(type);
    auto r = c.request("POST", "/auth/login", body, type);
    CHECK(r.status == 415);
    CHECK(r.error_code() == "unsupported_media_type");
  }
  for (const std::string type :
       {"application/json", "Application/JSON; charset=utf-8", "application/json ;charset=UTF-8"}) {
    CAPTURE(type);
    CHECK(c.request("POST", "/auth/login", body, type).status == 401);
  }
}

TEST_CASE("calendar days outside the years the calendar shows are refused") {
  DaemonOptions o;
  o.staff = {apitest::reviewer_staff()};
  TestDaemon d(o);
  HttpClient staff(d.port());
  REQUIRE(staff.login_staff("rev1", "Review12345x").status == 200);
  const std::string body = Json{{"kind", "holiday"}, {"name", "测试"}}.dump();
  for (const std::string day : {"0000-01-01", "9999-12-31", "1999-12-31", "2101-01-01"}) {
    CAPTURE(day);
    auto r = staff.request("PUT", "/staff/calendar/" + day, body, "application/json");
    CHECK(r.status == 400);
    CHECK(r.body["error"]["fields"].contains("day"));
  }
  CHECK(apitest::sql_int(
            d, "SELECT COUNT(*) FROM calendar_days WHERE day < '2000' OR day > '2101'") == 0);
  CHECK(staff.request("PUT", "/staff/calendar/2100-12-31", body, "application/json").status == 200);
  CHECK(staff.request("PUT", "/staff/calendar/2000-01-01", body, "application/json").status == 200);
}

TEST_CASE("staff queue and directory answer bad paging alike with 400") {
  DaemonOptions o;
  o.staff = {apitest::reviewer_staff()};
  TestDaemon d(o);
  HttpClient staff(d.port());
  REQUIRE(staff.login_staff("rev1", "Review12345x").status == 200);
  for (const std::string query : {"page=0", "page=-1", "page=abc", "page=1.5", "page_size=0",
                                  "page_size=101", "page_size=x"}) {
    CAPTURE(query);
    auto queue = staff.get("/staff/applications?" + query);
    auto directory = staff.get("/directory?" + query);
    CHECK(queue.status == 400);
    CHECK(directory.status == 400);
    CHECK(queue.error_code() == "validation_failed");
    CHECK(queue.body["error"] == directory.body["error"]);
  }
  auto fine = staff.get("/staff/applications?page=2&page_size=5");
  CHECK(fine.status == 200);
  CHECK(fine.body["page"] == 2);
  CHECK(fine.body["page_size"] == 5);
  CHECK(staff.get("/staff/applications").body["page_size"] == 20);
}

TEST_CASE("a staff session submitting an agency application is forbidden not unauthenticated") {
  DaemonOptions o;
  o.staff = {apitest::desk_staff()};
  TestDaemon d(o);
  HttpClient staff(d.port());
  REQUIRE(staff.login_staff("desk1", "Desk12345x").status == 200);
  const Json form = apitest::application_body(apitest::valid_application_fields("agency"));
  auto r = staff.post("/applications/agency", form);
  CHECK(r.status == 403);
  CHECK(r.error_code() == "forbidden");
  HttpClient nobody(d.port());
  CHECK(nobody.post("/applications/agency", form).status == 401);
}

TEST_CASE("a default-password session still reads public pages but nothing else") {
  TestDaemon d;
  HttpClient c(d.port());
  auto login = c.login_member("11001", "11001");
  REQUIRE(login.status == 200);
  REQUIRE(login.body["session"]["must_change_password"] == true);
  for (const std::string path : {"/directory?q=%E4%B8%AD", "/content/faq", "/content/pages/guide",
                                 "/applications/forms/agency", "/health"}) {
    CAPTURE(path);
    CHECK(c.get(path).status == 200);
  }
  CHECK(c.get("/member/home").error_code() == "password_change_required");
  auto submit = c.post("/applications/agency",
                       apitest::application_body(apitest::valid_application_fields("agency")));
  CHECK(submit.error_code() == "password_change_required");
}
