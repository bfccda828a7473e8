// Delivers the SMS outbox: a background thread that sends every due pending message through the
// provider and records the outcome. A retryable failure is tried again after
// retry_base_s·2^(attempts-1) seconds until sms.max_attempts attempts have been made; a
// permanent failure (or the last attempt) marks the message failed.
//
// Whatever queued them, at most sms.max_per_number_per_day messages go to one number in any 24
// hours: a message over that is marked failed ("daily_limit: ...") without being sent, so a
// flood of queued messages can never turn into a flood of texts.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "config/config.h"
#include "core/result.h"
#include "notify/sms_provider.h"
#include "store/db.h"

namespace md::notify {

// Seconds to wait after the `attempts`-th failed attempt (1-based): base_s·2^(attempts-1).
int64_t retry_delay_s(int attempts, int64_t base_s);

// "YYYY-MM-DDTHH:MM:SSZ" moved by `seconds`; nullopt when iso is not in that form.
std::optional<std::string> iso_plus_seconds(std::string_view iso, int64_t seconds);

class SmsSender {
 public:
  // Reads sms.max_attempts, sms.retry_base_s and sms.max_per_number_per_day from cfg. Opens its own connection to
  // database_path (migrated already) on first use.
  SmsSender(std::string database_path, const config::Config& cfg,
            std::unique_ptr<SmsProvider> provider);
  ~SmsSender();  // stops the thread
  SmsSender(const SmsSender&) = delete;
  SmsSender& operator=(const SmsSender&) = delete;

  // Opens the connection and starts the thread; an error if the database cannot be opened.
  Status start();
  // Wakes the thread and joins it; an attempt in flight finishes first (bounded by the
  // provider's timeout). Idempotent.
  void stop();
  // A message was enqueued: send now rather than at the next poll.
  void wake();

  // Sends each pending message due at now_iso once and records the outcome; returns how many
  // were attempted. Safe to call beside the thread (rounds are serialized); tests call it
  // directly, with an explicit time, instead of start().
  int run_once(std::string now_iso);

 private:
  enum class Caller { kThread, kRunOnce };
  int run_round(const std::string& now_iso, Caller caller);  // kThread stops early on stop()
  // True when the number has had its day's messages; the message is then marked failed.
  // nullopt when that could not be found out or recorded (the round stops).
  std::optional<bool> over_daily_limit(store::Db& conn, const OutboxMessage& msg,
                                       const std::string& now_iso);
  // Until the earliest pending message is due, within [1 s, 30 s] (the poll catches messages
  // enqueued without a wake()).
  std::chrono::seconds time_to_next_due();
  void loop();
  store::Db* db();  // REQUIRES: run_mu_ held

  const std::string database_path_;
  const int max_attempts_;
  const int64_t retry_base_s_;
  const int64_t max_per_number_per_day_;

  std::mutex run_mu_;  // one round at a time; guards db_ and provider_
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<SmsProvider> provider_;

  std::mutex mu_;  // guards the flags below
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace md::notify
