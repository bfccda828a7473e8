#include "harness.h"

#include <fstream>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "auth/passwords.h"
#include "config/config.h"
#include "demo/demo_seed.h"
#include "roster/roster_import.h"
#include "domain/identifiers.h"
#include "store/account_repo.h"

#ifndef MEMBERDESK_WEBUI_DIR
#error "MEMBERDESK_WEBUI_DIR must be defined by tests/CMakeLists.txt"
#endif
#ifndef MEMBERDESK_SHARED_DIR
#error "MEMBERDESK_SHARED_DIR must be defined by tests/CMakeLists.txt"
#endif

namespace apitest {
namespace {

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error("harness: " + what); }

template <typename R>
void must(const R& r, const std::string& what) {
  if (!r.ok()) fail(what + ": " + r.error().code + ": " + r.error().message);
}

std::string lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string trim_crlf(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ')) s.pop_back();
  size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  return s.substr(i);
}

// libcurl's process-wide set-up, once, before the first handle.
void curl_global() {
  static const CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (rc != CURLE_OK) fail("curl_global_init failed");
}

size_t on_body(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* headers = static_cast<std::multimap<std::string, std::string>*>(user);
  const std::string line(data, size * n);
  const auto colon = line.find(':');
  if (colon != std::string::npos && line.rfind("HTTP/", 0) != 0)
    headers->emplace(lower(line.substr(0, colon)), trim_crlf(line.substr(colon + 1)));
  return size * n;
}

// Opens and closes a TCP connection to 127.0.0.1:port (failures are ignored).
void knock(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  (void)::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr);
  ::close(fd);
}

}  // namespace

std::map<std::string, std::string> cups_fixture_env() {
  std::map<std::string, std::string> out;
  const char* path = std::getenv("MD_CUPS_ENV");
  if (!path || !*path) return out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    const size_t eq = line.find('=');
    if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return out;
}

StaffSpec desk_staff() { return {"desk1", "前台小李", "desk", "Desk12345x"}; }

// ---------------------------------------------------------------------------------------------
// TestDaemon

TestDaemon::TestDaemon(DaemonOptions opts) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "memberdesk-api-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) fail("mkdtemp failed");
  dir_ = tmpl;
  db_path_ = dir_ + "/memberdesk.db";

  auto loaded = md::config::Config::load_string(opts.toml);
  must(loaded, "config");
  md::config::Config cfg = loaded.value();
  cfg.set("http.listen", std::string("127.0.0.1:0"));
  cfg.set("http.webui_dir", std::string(MEMBERDESK_WEBUI_DIR));
  cfg.set("store.database", db_path_);
  cfg.set("store.backup_dir", dir_ + "/backups");
  if (opts.toml.find("[printer]") == std::string::npos) {
    const auto cups = cups_fixture_env();
    if (cups.count("CUPS_SERVER")) {
      cfg.set("printer.cups_server", cups.at("CUPS_SERVER"));
      cfg.set("printer.queue", opts.printer_queue.empty() ? cups.at("MD_CUPS_QUEUE") : opts.printer_queue);
    } else {
      cfg.set("printer.cups_server", std::string("127.0.0.1:1"));
    }
    cfg.set("printer.poll_interval_ms", int64_t{200});
  }

  must(md::app::open_and_migrate(cfg), "migrate");
  {
    auto db = md::store::Db::open(db_path_);
    must(db, "open database");
    md::store::Db& d = **db;
    if (opts.import_roster) {
      const std::string roster = std::string(MEMBERDESK_SHARED_DIR) + "/roster/";
      auto report = md::roster::import_roster(d, roster + "agencies.csv", roster + "attorneys.csv", "test");
      must(report, "roster import");
      if (!report->problems.empty())
        fail("roster fixture rejected: " + report->problems.front().file + ":" +
             std::to_string(report->problems.front().line) + ": " + report->problems.front().message);
    }
    if (opts.demo_members > 0) must(md::demo::seed_demo(d, opts.demo_members), "demo seed");
    md::store::AccountRepo accounts(d);
    for (const auto& s : opts.staff) {
      auto hash = md::auth::hash_password(s.password);
      must(hash, "hash staff password");
      must(accounts.create_staff(s.login_id, s.name, s.role, *hash), "create staff " + s.login_id);
    }
    for (const auto& [login_id, password] : opts.member_passwords) {
      auto acc = accounts.find(md::store::AccountKind::kMember, login_id);
      must(acc, "find member " + login_id);
      if (!acc->has_value()) fail("no member account " + login_id);
      auto hash = md::auth::hash_password(password);
      must(hash, "hash member password");
      must(accounts.set_password_hash((*acc)->id, *hash), "set password of " + login_id);
    }
  }

  auto app = md::app::App::create(cfg);
  must(app, "App::create");
  app_ = std::move(app).value();
  must(app_->start_http(), "start_http");
  port_ = app_->port();
  if (port_ <= 0) fail("no port bound");
}

TestDaemon::~TestDaemon() {
  if (app_) {
    // CivetWeb's listener thread polls its socket with a 2 s timeout and only then notices
    // mg_stop. Knocking on the port meanwhile wakes it at once, so each case stops in ms.
    std::atomic<bool> stopped{false};
    std::thread knocker([&stopped, port = port_] {
      while (!stopped.load()) {
        knock(port);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    });
    app_->stop_http();
    stopped = true;
    knocker.join();
  }
  app_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::unique_ptr<md::store::Db> TestDaemon::open_db() const {
  auto db = md::store::Db::open(db_path_);
  must(db, "open second connection");
  return std::move(db).value();
}

// ---------------------------------------------------------------------------------------------
// HttpResponse

std::string HttpResponse::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::vector<std::string> HttpResponse::all_headers(const std::string& lower_name) const {
  std::vector<std::string> out;
  auto [from, to] = headers.equal_range(lower_name);
  for (auto it = from; it != to; ++it) out.push_back(it->second);
  return out;
}

std::string HttpResponse::error_code() const {
  if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return {};
  const auto& code = body["error"]["code"];
  return code.is_string() ? code.get<std::string>() : std::string();
}

// ---------------------------------------------------------------------------------------------
// HttpClient

HttpClient::HttpClient(int port) : base_("http://127.0.0.1:" + std::to_string(port) + "/api/v1") {
  curl_global();
  curl_ = curl_easy_init();
  if (!curl_) fail("curl_easy_init failed");
  // An empty file name turns on the in-memory cookie engine (this client's own jar).
  curl_easy_setopt(curl_, CURLOPT_COOKIEFILE, "");
}

HttpClient::~HttpClient() { curl_easy_cleanup(curl_); }

HttpResponse HttpClient::get(const std::string& path) { return request("GET", path, std::nullopt, ""); }

HttpResponse HttpClient::post(const std::string& path, const Json& body, CsrfMode csrf) {
  return request("POST", path, body.dump(), "application/json", csrf);
}

HttpResponse HttpClient::login(const std::string& kind, const std::string& login_id,
                               const std::string& password) {
  return post("/auth/login", {{"kind", kind}, {"login_id", login_id}, {"password", password}});
}

HttpResponse HttpClient::request(const std::string& method, const std::string& path,
                                 const std::optional<std::string>& body,
                                 const std::string& content_type, CsrfMode csrf) {
  HttpResponse r;
  CURL* c = curl_;
  const std::string url = base_ + path;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
  // One connection per request: a CivetWeb server with idle keep-alive connections takes
  // seconds to stop.
  curl_easy_setopt(c, CURLOPT_FORBID_REUSE, 1L);
  curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.raw_body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &r.headers);

  if (method == "GET") {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, nullptr);
  } else {
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method == "POST" ? nullptr : method.c_str());
  }
  const std::string payload = body.value_or("");
  if (method != "GET") {
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(payload.size()));
    curl_easy_setopt(c, CURLOPT_COPYPOSTFIELDS, payload.c_str());
  }

  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Connection: close");
  headers = curl_slist_append(headers, "Accept: application/json");
  // libcurl adds "Content-Type: application/x-www-form-urlencoded" to POSTs unless told.
  headers = curl_slist_append(headers, content_type.empty() ? "Content-Type:"
                                                             : ("Content-Type: " + content_type).c_str());
  headers = curl_slist_append(headers, "Expect:");
  if (method != "GET") {
    if (csrf == CsrfMode::kAuto && !csrf_.empty())
      headers = curl_slist_append(headers, ("X-CSRF-Token: " + csrf_).c_str());
    else if (csrf == CsrfMode::kWrong)
      headers = curl_slist_append(headers, ("X-CSRF-Token: " + std::string(64, 'a')).c_str());
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);

  const CURLcode rc = curl_easy_perform(c);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) fail(method + " " + url + ": " + curl_easy_strerror(rc));
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);

  r.body = Json::parse(r.raw_body, nullptr, /*allow_exceptions=*/false);
  if (r.body.is_discarded()) r.body = nullptr;

  // Remember the CSRF token of the session this client now holds.
  if (r.status == 200 && r.body.is_object() && r.body.contains("session") &&
      r.body["session"].is_object() && r.body["session"].contains("csrf") &&
      r.body["session"]["csrf"].is_string())
    csrf_ = r.body["session"]["csrf"].get<std::string>();
  if (r.status == 200 && path == "/auth/logout") csrf_.clear();
  return r;
}

std::string HttpClient::session_cookie() const {
  curl_slist* cookies = nullptr;
  curl_easy_getinfo(curl_, CURLINFO_COOKIELIST, &cookies);
  std::string value;
  // Netscape format: domain, tailmatch, path, secure, expires, name, value (tab-separated).
  for (auto* it = cookies; it; it = it->next) {
    std::vector<std::string> f;
    std::string line = it->data;
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      f.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    if (f.size() >= 7 && f[5] == "md_session") value = f[6];
  }
  curl_slist_free_all(cookies);
  return value;
}

void HttpClient::set_session_cookie(const std::string& value) {
  // Netscape cookie-file format: host-only cookie for 127.0.0.1, path /, session lifetime.
  const std::string line = "127.0.0.1\tFALSE\t/\tFALSE\t0\tmd_session\t" + value;
  curl_easy_setopt(curl_, CURLOPT_COOKIELIST, line.c_str());
}

std::string url_escape(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : text) {
    if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
        ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += hex[ch >> 4];
      out += hex[ch & 15];
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Membership-application helpers

StaffSpec reviewer_staff() { return {"rev1", "审核员老王", "reviewer", "Review12345x"}; }

int64_t sql_int(const TestDaemon& d, const std::string& sql) {
  auto db = d.open_db();
  auto st = db->prepare(sql);
  if (!st.step()) fail("no row for: " + sql + (st.status().ok() ? "" : " (" + st.status().error().message + ")"));
  return st.col_int(0);
}

std::string sql_text(const TestDaemon& d, const std::string& sql) {
  auto db = d.open_db();
  auto st = db->prepare(sql);
  if (!st.step()) fail("no row for: " + sql + (st.status().ok() ? "" : " (" + st.status().error().message + ")"));
  return st.col_text(0);
}

void sql_exec(const TestDaemon& d, const std::string& sql) {
  auto db = d.open_db();
  must(db->exec_script(sql), "sql: " + sql);
}

std::string make_uscc(const std::string& first17) {
  const char c = md::domain::uscc_check_char(first17);
  if (!c) fail("bad USCC prefix " + first17);
  return first17 + c;
}

std::string make_resident_id(const std::string& first17) {
  const char c = md::domain::resident_id_check_char(first17);
  if (!c) fail("bad resident id prefix " + first17);
  return first17 + c;
}

Json valid_application_fields(const std::string& type) {
  if (type == "agency")
    return {{"org_name", "北京智诚专利代理事务所（普通合伙）"},
            {"uscc", make_uscc("91110108MA01ABCDE")},
            {"org_form", "合伙"},
            {"founded_on", "2010-05-01"},
            {"registered_address", "北京市海淀区中关村大街1号"},
            {"office_address", "北京市海淀区中关村大街1号"},
            {"postcode", "100080"},
            {"head_name", "赵一"},
            {"head_mobile", "13800138000"},
            {"contact_name", "钱二"},
            {"contact_mobile", "13900139000"},
            {"email", "office@zhicheng.example.com"},
            {"attorney_count", "12"}};
  if (type == "attorney")
    return {{"name", "张伟"},
            {"gender", "男"},
            {"id_number", make_resident_id("11010119900307123")},
            {"practice_no", "11001202001"},
            {"mobile", "13800138001"},
            {"email", "zhangwei@example.com"},
            {"education", "大学本科"},
            {"major", "电子工程"}};
  if (type == "industry_org")
    return {{"org_name", "某市知识产权服务业协会"},
            {"uscc", make_uscc("51110000MJ0123456")},
            {"org_category", "知识产权服务业协会"},
            {"address", "北京市东城区某路2号"},
            {"head_name", "孙三"},
            {"contact_name", "李四"},
            {"contact_mobile", "13700137000"},
            {"email", "assoc@example.org"}};
  if (type == "non_practicing")
    return {{"name", "周五"},
            {"id_number", make_resident_id("11010519850512321")},
            {"qualification_no", "1100099"},
            {"mobile", "13600136000"},
            {"employer", "某科技有限公司"},
            {"email", "zhouwu@example.com"}};
  fail("no such member type " + type);
}

Json application_body(const Json& fields, bool agree) {
  return {{"agree_charter", agree}, {"fields", fields}};
}

}  // namespace apitest
