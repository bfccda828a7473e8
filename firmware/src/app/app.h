// The daemon's root object: configuration, database, sessions, throttles, routes and the HTTP
// server. Everything mutable that outlives a request lives here and nowhere else.
#pragma once

#include <atomic>
#include <memory>
#include <optional>

#include "auth/login.h"
#include "certs/documents.h"
#include "certs/print_worker.h"
#include "certs/signing_key.h"
#include "config/config.h"
#include "dues/context.h"
#include "dues/sweeper.h"
#include "http/router.h"
#include "http/server.h"
#include "http/session.h"
#include "ime/pinyin_dict.h"
#include "notify/sms_sender.h"
#include "status/reachability.h"
#include "store/directory_cache.h"
#include "store/pool.h"

namespace md::app {

class App {
 public:
  // Opens (and migrates) the database and builds the route table. Does not listen yet.
  static Result<std::unique_ptr<App>> create(const config::Config& cfg);
  // Starts the background workers (SMS sender) and serves HTTP; port() then tells the port.
  Status start_http();
  void stop_http();
  int port() const { return server_ ? server_->port() : 0; }
  // Periodic upkeep from the main loop: expired sessions and stale throttle entries.
  void housekeeping();

  const config::Config& config() const { return cfg_; }
  store::Pool& db() { return *pool_; }
  store::DirectoryCache& directory() { return directory_; }
  http::SessionStore& sessions() { return sessions_; }
  auth::LoginThrottles& throttles() { return throttles_; }
  // Call after committing an SMS so it goes out now rather than at the next poll.
  void sms_enqueued() {
    if (sms_) sms_->wake();
  }
  const http::Router& router() const { return router_; }
  // What the dues and payment use cases need (gateways, hooks, settings).
  const dues::DuesContext& dues() const { return *dues_; }
  // Certificates (会员证): the signing key, how documents look, and the printer.
  const certs::SigningKey& signing_key() const { return *signing_key_; }
  const certs::DocumentSettings& documents() const { return documents_; }
  // Null until start_http (tests that only route requests have no printer).
  certs::PrintWorker* printer() { return printer_.get(); }
  // The on-screen keyboard's pinyin dictionary; null when it could not be loaded (the keyboard
  // then offers letters only).
  const ime::PinyinDict* ime() const { return ime_.get(); }
  // Gateway and SMS reachability, probed every 30 s off the request threads; null until
  // start_http.
  const status::ReachabilityMonitor* reachability() const { return reachability_.get(); }
  // Seconds since App::create.
  int64_t uptime_s() const {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_)
        .count();
  }
  // QR decodes of camera frames running now (public and CPU-bound, so bounded).
  std::atomic<int>& scans_in_flight() { return scans_in_flight_; }

 private:
  explicit App(const config::Config& cfg);
  config::Config cfg_;
  std::unique_ptr<store::Pool> pool_;
  store::DirectoryCache directory_;
  http::SessionStore sessions_;
  auth::LoginThrottles throttles_;
  http::Router router_;
  std::unique_ptr<notify::SmsSender> sms_;
  pay::Gateways gateways_;
  std::unique_ptr<dues::DuesContext> dues_;
  std::optional<certs::SigningKey> signing_key_;
  certs::DocumentSettings documents_;
  std::unique_ptr<certs::PrintWorker> printer_;
  std::unique_ptr<ime::PinyinDict> ime_;
  std::atomic<int> scans_in_flight_{0};
  std::unique_ptr<dues::Sweeper> sweeper_;
  std::unique_ptr<status::ReachabilityMonitor> reachability_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::unique_ptr<http::Server> server_;
};

// Where the certificate signing key is kept (certificates.key_file, default next to the database).
std::string signing_key_path(const config::Config& cfg);

// Opens the database file and runs the migration ladder (with its backup) on it.
Status open_and_migrate(const config::Config& cfg);

}  // namespace md::app
