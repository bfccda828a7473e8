#include "dues/sweeper.h"

#include <chrono>

#include "dues/qr_payments.h"

namespace md::dues {

Status Sweeper::start() {
  auto db = store::Db::open(db_path_);
  if (!db.ok()) return db.error();
  db_ = std::move(db).value();
  thread_ = std::thread([this] { run(); });
  return Status::success();
}

void Sweeper::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Sweeper::run() {
  const auto interval = std::chrono::seconds(ctx_.cfg.integer("dues.sweep_interval_s"));
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    lock.unlock();
    sweep(*db_, ctx_);
    lock.lock();
    cv_.wait_for(lock, interval, [this] { return stopping_; });
  }
}

}  // namespace md::dues
