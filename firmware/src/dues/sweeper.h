// A background thread that runs dues::sweep every dues.sweep_interval_s on its own database
// connection: unpaid orders expire and free their items, expired QR codes are closed at the
// gateways. Gateway calls are bounded by their timeouts, so stop() returns within one of them.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.h"
#include "dues/context.h"
#include "store/db.h"

namespace md::dues {

class Sweeper {
 public:
  Sweeper(std::string db_path, const DuesContext& ctx) : db_path_(std::move(db_path)), ctx_(ctx) {}
  ~Sweeper() { stop(); }
  Sweeper(const Sweeper&) = delete;
  Sweeper& operator=(const Sweeper&) = delete;

  Status start();
  void stop();

 private:
  void run();
  std::string db_path_;
  const DuesContext& ctx_;
  std::unique_ptr<store::Db> db_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace md::dues
