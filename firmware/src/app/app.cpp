#include "app/app.h"

#include <cstdio>
#include <filesystem>

#include "api/routes.h"
#include "certs/issuance.h"
#include "ime/domain_terms.h"
#include "store/directory_cache.h"
#include "store/audit_repo.h"
#include "store/migrations.h"

namespace md::app {
namespace {

domain::ThrottlePolicy throttle_policy(const config::Config& cfg, const char* threshold_key) {
  domain::ThrottlePolicy p;
  p.threshold = static_cast<int>(cfg.integer(threshold_key));
  p.base = std::chrono::seconds(cfg.integer("auth.lockout_base_s"));
  p.max = std::chrono::seconds(cfg.integer("auth.lockout_max_s"));
  return p;
}

http::SessionLimits session_limits(const config::Config& cfg) {
  return {std::chrono::seconds(cfg.integer("session.idle_timeout_s")),
          std::chrono::seconds(cfg.integer("session.absolute_timeout_s")),
          static_cast<size_t>(cfg.integer("session.max_per_account")),
          static_cast<size_t>(cfg.integer("session.max_total"))};
}

}  // namespace

std::string signing_key_path(const config::Config& cfg) {
  const std::string configured = cfg.str("certificates.key_file");
  if (!configured.empty()) return configured;
  const std::filesystem::path db(cfg.str("store.database"));
  return (db.has_parent_path() ? db.parent_path() / "certificate-signing.key"
                               : std::filesystem::path("certificate-signing.key"))
      .string();
}

App::App(const config::Config& cfg)
    : cfg_(cfg),
      sessions_(session_limits(cfg)),
      throttles_{domain::LoginThrottle(throttle_policy(cfg, "auth.lockout_threshold")),
                 auth::AddressThrottle(throttle_policy(cfg, "auth.address_lockout_threshold"))},
      router_(sessions_) {}

Status open_and_migrate(const config::Config& cfg) {
  const std::filesystem::path db_path(cfg.str("store.database"));
  std::error_code ec;
  if (db_path.has_parent_path()) std::filesystem::create_directories(db_path.parent_path(), ec);
  auto db = store::Db::open(db_path.string());
  if (!db.ok()) return db.error();
  std::string backup;
  MD_TRY(store::migrate(**db, cfg.str("store.backup_dir"), &backup));
  if (!backup.empty()) std::fprintf(stderr, "memberdesk: backup before migration: %s\n", backup.c_str());
  return Status::success();
}

Result<std::unique_ptr<App>> App::create(const config::Config& cfg) {
  MD_TRY(open_and_migrate(cfg));
  std::unique_ptr<App> app(new App(cfg));
  // One connection per worker thread, plus one for the main loop.
  auto pool = store::Pool::open(cfg.str("store.database"),
                                static_cast<int>(cfg.integer("http.threads")) + 1);
  if (!pool.ok()) return pool.error();
  app->pool_ = std::move(pool).value();
  auto gateways = pay::make_gateways(cfg);
  if (!gateways.ok()) return gateways.error();
  app->gateways_ = std::move(gateways).value();
  auto key = certs::SigningKey::load_or_create(signing_key_path(cfg));
  if (!key.ok()) return key.error();
  app->signing_key_.emplace(std::move(key).value());
  auto documents = certs::document_settings(cfg);
  if (!documents.ok()) return documents.error();
  app->documents_ = std::move(documents).value();
  // A missing dictionary disables pinyin input only: the daemon still serves everything else.
  if (const auto& path = cfg.str("ime.dictionary"); !path.empty()) {
    auto dict = ime::PinyinDict::load_file(path, ime::domain_terms());
    if (dict.ok())
      app->ime_ = std::make_unique<ime::PinyinDict>(std::move(dict).value());
    else
      std::fprintf(stderr, "memberdesk: pinyin input disabled: %s\n", dict.error().message.c_str());
  }
  App* raw = app.get();
  app->dues_.reset(new dues::DuesContext{
      app->cfg_, app->gateways_,
      // The year's certificate is issued in the transaction that credits the payment.
      [raw](store::Db& db, const dues::PaidItem& item) -> Status {
        auto c = certs::issue_for_paid(db, raw->signing_key(), item.member_id, item.year,
                                       store::today_shanghai());
        if (!c.ok()) return c.error();
        return Status::success();
      },
      "", [raw] { raw->sms_enqueued(); }});
  api::register_all(app->router_, *app);
  return app;
}

Status App::start_http() {
  auto provider = notify::make_provider(cfg_);
  if (!provider.ok()) return provider.error();
  sms_ = std::make_unique<notify::SmsSender>(cfg_.str("store.database"), cfg_,
                                             std::move(provider).value());
  MD_TRY(sms_->start());
  http::ServerOptions opts;
  opts.listen = cfg_.str("http.listen");
  opts.webui_dir = cfg_.str("http.webui_dir");
  opts.threads = static_cast<int>(cfg_.integer("http.threads"));
  opts.max_connections = static_cast<int>(cfg_.integer("http.max_connections"));
  opts.allowed_origins = cfg_.str("http.allowed_origins");
  auto server = http::Server::start(opts, router_);
  if (!server.ok()) return server.error();
  server_ = std::move(server).value();
  dues_->own_base_url = "http://127.0.0.1:" + std::to_string(server_->port());
  sweeper_ = std::make_unique<dues::Sweeper>(cfg_.str("store.database"), *dues_);
  MD_TRY(sweeper_->start());
  auto print = certs::print_settings(cfg_);
  if (!print.ok()) return print.error();
  printer_ = std::make_unique<certs::PrintWorker>(cfg_.str("store.database"), std::move(print).value(),
                                                  documents_);
  MD_TRY(printer_->start());
  reachability_ = std::make_unique<status::ReachabilityMonitor>(
      status::configured_endpoints(cfg_), std::chrono::seconds(30), std::chrono::milliseconds(2000));
  reachability_->start();
  return Status::success();
}

void App::stop_http() {
  server_.reset();  // no request can enqueue after this
  if (sweeper_) sweeper_->stop();
  if (printer_) printer_->stop();
  if (reachability_) reachability_->stop();
  if (sms_) sms_->stop();
}

void App::housekeeping() {
  const auto now = http::Clock::now();
  sessions_.sweep(now);
  throttles_.by_login_id.sweep(now);
  throttles_.by_address.sweep(now);
}

}  // namespace md::app
