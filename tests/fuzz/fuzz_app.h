// Shared by fuzz_router and fuzz_json_body: one real App per fuzzing process (a database with
// the roster fixture and one admin), sessions for a member, a member still on the default
// password and the admin, and one dispatch that turns escaping exceptions into findings.
#pragma once

#include <stdlib.h>

#include <memory>
#include <string>

#include "app/app.h"
#include "auth/passwords.h"
#include "config/config.h"
#include "fuzz_support.h"
#include "roster/roster_import.h"
#include "store/account_repo.h"
#include "store/db.h"

namespace fuzz {

struct World {
  std::unique_ptr<md::app::App> app;
  md::http::Session member, fresh, admin;
};

inline md::http::Session session_of(World& w, md::store::AccountKind kind, const std::string& login,
                             bool must_change) {
  auto lease = w.app->db().acquire();
  md::store::AccountRepo accounts(*lease);
  auto acc = accounts.find(kind, login);
  if (!acc.ok() || !acc->has_value()) finding("fixture account missing: " + login);
  const md::store::Account& a = **acc;
  md::http::Session s;
  s.account_id = a.id;
  s.staff = a.kind == md::store::AccountKind::kStaff;
  s.login_id = a.login_id;
  s.name = a.name;
  s.role = a.role;
  s.member_id = a.member_id.value_or(0);
  s.member_type = a.member_type.value_or("");
  s.must_change_password = must_change;
  return w.app->sessions().create(s, md::http::Clock::now());
}

inline World& world() {
  static World* w = [] {
    auto* out = new World;
    char tmpl[] = "/tmp/md-fuzz-app-XXXXXX";
    const std::string dir = mkdtemp(tmpl);
    auto cfg = md::config::Config::load_string("");
    if (!cfg.ok()) finding("config: " + cfg.error().message);
    md::config::Config c = cfg.value();
    c.set("store.database", dir + "/memberdesk.db");
    c.set("store.backup_dir", dir + "/backups");
    c.set("http.webui_dir", std::string(MEMBERDESK_FIXTURES_DIR));
    c.set("printer.cups_server", std::string("127.0.0.1:1"));
    c.set("ime.dictionary", std::string(""));
    if (!md::app::open_and_migrate(c).ok()) finding("migrate");
    {
      auto db = md::store::Db::open(dir + "/memberdesk.db");
      if (!db.ok()) finding("open db");
      const std::string roster = std::string(MEMBERDESK_FIXTURES_DIR) + "/roster/";
      auto report = md::roster::import_roster(**db, roster + "agencies.csv",
                                              roster + "attorneys.csv", "fuzz");
      if (!report.ok() || !report->problems.empty()) finding("roster fixture");
      auto hash = md::auth::hash_password("Admin12345x");
      md::store::AccountRepo accounts(**db);
      if (!hash.ok() || !accounts.create_staff("admin1", "管理员", "admin", *hash).ok())
        finding("staff fixture");
    }
    auto app = md::app::App::create(c);
    if (!app.ok()) finding("App::create: " + app.error().message);
    out->app = std::move(app).value();
    out->member = session_of(*out, md::store::AccountKind::kMember, "1100001", false);
    out->fresh = session_of(*out, md::store::AccountKind::kMember, "1100002", true);
    out->admin = session_of(*out, md::store::AccountKind::kStaff, "admin1", false);
    return out;
  }();
  return *w;
}

// Runs the router as the server does. Findings: an exception escaping a handler (the server
// would answer 500), a status outside 200..599, an answer the server could not serialise.
inline md::http::Response dispatch(World& w, md::http::Request& req,
                                   const md::http::Session* who) {
  if (who) {
    req.headers["cookie"] = std::string(md::http::kSessionCookie) + "=" + who->id;
    req.headers.emplace("x-csrf-token", who->csrf);
  }
  req.remote_addr = "127.0.0.1";
  md::http::Response resp;
  try {
    resp = w.app->router().dispatch(req, md::http::Clock::now());
  } catch (const std::exception& e) {
    finding(req.method + " " + req.path + " threw: " + e.what());
  }
  FUZZ_CHECK(resp.status >= 200 && resp.status <= 599, "status " + std::to_string(resp.status));
  if (!resp.raw_body) {
    try {
      (void)resp.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } catch (const std::exception& e) {
      finding(req.method + " " + req.path + ": answer does not serialise: " + e.what());
    }
  }
  return resp;
}

// Logging out or changing a password would end a fixture session.
inline bool ends_session(const std::string& path) {
  return path.find("logout") != std::string::npos || path.find("password") != std::string::npos;
}

}  // namespace fuzz
