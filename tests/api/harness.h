// API test harness: a real daemon (md::app::App with CivetWeb on an ephemeral port, SQLite on
// disk in a fresh temp folder) and a small libcurl client with its own cookie jar.
//
// Every doctest case runs in its own process (doctest_discover_tests), so each case builds its
// own TestDaemon; nothing is shared between cases.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "store/db.h"

namespace apitest {

using Json = nlohmann::json;

struct StaffSpec {
  std::string login_id;
  std::string name;
  std::string role;  // admin / reviewer / finance / desk
  std::string password;
};

struct DaemonOptions {
  // Extra TOML (whole sections, e.g. "[auth]\naddress_lockout_threshold = 3\n"). The harness
  // then points http.listen, http.webui_dir and the store paths at its own values.
  std::string toml;
  bool import_roster = true;  // tests/fixtures/roster/{agencies,attorneys}.csv
  int demo_members = 0;       // md::demo::seed_demo(db, demo_members) when > 0
  std::vector<StaffSpec> staff;
  // Member login id -> password set before start (so a test can skip the forced change).
  std::map<std::string, std::string> member_passwords;
  // The CUPS queue to print on. Unless `toml` has a [printer] section the daemon prints through
  // the cups test fixture (MD_CUPS_ENV) on this queue ("" = its shared queue), or, without the
  // fixture, at a closed port (never the machine's own CUPS).
  std::string printer_queue;
};

// CUPS_SERVER, MD_CUPS_QUEUE, MD_IPP_SPOOL … of the cups fixture; empty without MD_CUPS_ENV.
std::map<std::string, std::string> cups_fixture_env();

// The staff account most tests use: 前台 desk1 / Desk12345x.
StaffSpec desk_staff();

class TestDaemon {
 public:
  explicit TestDaemon(DaemonOptions opts = {});
  ~TestDaemon();
  TestDaemon(const TestDaemon&) = delete;
  TestDaemon& operator=(const TestDaemon&) = delete;

  int port() const { return port_; }
  md::app::App& app() { return *app_; }
  const std::string& dir() const { return dir_; }
  const std::string& db_path() const { return db_path_; }
  // A separate connection to the daemon's database (like memberdeskctl would open).
  std::unique_ptr<md::store::Db> open_db() const;

 private:
  std::string dir_;
  std::string db_path_;
  std::unique_ptr<md::app::App> app_;
  int port_ = 0;
};

struct HttpResponse {
  long status = 0;
  std::multimap<std::string, std::string> headers;  // lower-case names
  std::string raw_body;
  Json body;  // parsed JSON, or null when the body is not JSON

  // The first header with this (lower-case) name, or "".
  std::string header(const std::string& lower_name) const;
  std::vector<std::string> all_headers(const std::string& lower_name) const;
  // body.error.code, or "" when the body is not an error.
  std::string error_code() const;
};

// How post() sends X-CSRF-Token.
enum class CsrfMode {
  kAuto,   // the token remembered from the last session response (none before login)
  kNone,   // no header at all
  kWrong,  // a well-formed but wrong token
};

class HttpClient {
 public:
  explicit HttpClient(int port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Paths are below /api/v1, e.g. "/health".
  HttpResponse get(const std::string& path);
  HttpResponse post(const std::string& path, const Json& body, CsrfMode csrf = CsrfMode::kAuto);
  // Any method, any raw body and content type (empty content_type: no Content-Type header).
  HttpResponse request(const std::string& method, const std::string& path,
                       const std::optional<std::string>& body, const std::string& content_type,
                       CsrfMode csrf = CsrfMode::kAuto);

  HttpResponse login(const std::string& kind, const std::string& login_id,
                     const std::string& password);
  HttpResponse login_member(const std::string& login_id, const std::string& password) {
    return login("member", login_id, password);
  }
  HttpResponse login_staff(const std::string& login_id, const std::string& password) {
    return login("staff", login_id, password);
  }

  // The CSRF token remembered from the last session-bearing response.
  const std::string& csrf() const { return csrf_; }
  // The md_session cookie value in this client's jar ("" when none).
  std::string session_cookie() const;
  // Puts md_session=value in the jar (e.g. replaying another client's or an old cookie).
  void set_session_cookie(const std::string& value);

 private:
  void* curl_;  // CURL*
  std::string base_;
  std::string csrf_;
};

// Percent-encodes for a query string (no CURL handle needed).
std::string url_escape(const std::string& text);

// ---------------------------------------------------------------------------------------------
// Helpers for the membership-application tests (入会申请, review, messages).

// A reviewer most review tests use: 审核员 rev1 / Review12345x.
StaffSpec reviewer_staff();

// SQL on a separate connection to the daemon's database (a failure throws).
int64_t sql_int(const TestDaemon& d, const std::string& sql);
std::string sql_text(const TestDaemon& d, const std::string& sql);
void sql_exec(const TestDaemon& d, const std::string& sql);

// Identifiers with a correct check character, from their first 17 characters.
std::string make_uscc(const std::string& first17);
std::string make_resident_id(const std::string& first17);

// A complete, valid set of form fields for a member type ("agency", "attorney", "industry_org",
// "non_practicing"). For agency / attorney the read-only fields are left out (the roster fills
// them).
Json valid_application_fields(const std::string& type);
// {"agree_charter":true,"fields":fields}
Json application_body(const Json& fields, bool agree = true);

}  // namespace apitest
