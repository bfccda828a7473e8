#include "notify/sms_sender.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "notify/sms_outbox.h"

namespace md::notify {
namespace {

constexpr int kBatch = 200;                  // messages per round; the rest go next round
constexpr std::chrono::seconds kPoll{30};    // at the latest, look again after this
constexpr std::chrono::seconds kMinWait{1};  // never spin on a row that stays due

std::optional<int64_t> parse_iso(std::string_view iso) {
  std::tm tm{};
  char z = 0;
  const std::string s(iso);
  if (s.size() != 20 ||
      std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &z) != 7 ||
      z != 'Z') {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<int64_t>(timegm(&tm));
}

std::string format_iso(int64_t t) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

int64_t retry_delay_s(int attempts, int64_t base_s) {
  const int shift = std::clamp(attempts - 1, 0, 30);  // max_attempts is at most 20
  return base_s << shift;
}

std::optional<std::string> iso_plus_seconds(std::string_view iso, int64_t seconds) {
  auto t = parse_iso(iso);
  if (!t) return std::nullopt;
  return format_iso(*t + seconds);
}

SmsSender::SmsSender(std::string database_path, const config::Config& cfg,
                     std::unique_ptr<SmsProvider> provider)
    : database_path_(std::move(database_path)),
      max_attempts_(static_cast<int>(cfg.integer("sms.max_attempts"))),
      retry_base_s_(cfg.integer("sms.retry_base_s")),
      max_per_number_per_day_(cfg.integer("sms.max_per_number_per_day")),
      provider_(std::move(provider)) {}

SmsSender::~SmsSender() {
  stop();
}

store::Db* SmsSender::db() {
  if (!db_) {
    // The sender only records delivery states, never money: its commits need not wait for the
    // disk (WAL with synchronous=NORMAL stays consistent; a power cut may at worst send one SMS
    // twice). That leaves the disk's sync budget to the payment transactions, which are FULL.
    auto opened = store::Db::open(database_path_, store::Db::Sync::kNormal);
    if (!opened.ok()) {
      std::fprintf(stderr, "sms: %s\n", opened.error().message.c_str());
      return nullptr;
    }
    db_ = std::move(opened).value();
  }
  return db_.get();
}

Status SmsSender::start() {
  {
    std::lock_guard run_lock(run_mu_);
    if (!db()) {
      return make_error(ErrorKind::kUnavailable, "sms_db",
                        "SMS sender cannot open " + database_path_);
    }
  }
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return Status::success();
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
  return Status::success();
}

void SmsSender::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SmsSender::wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

int SmsSender::run_once(std::string now_iso) {
  return run_round(now_iso, Caller::kRunOnce);
}

int SmsSender::run_round(const std::string& now_iso, Caller caller) {
  std::lock_guard run_lock(run_mu_);
  if (!parse_iso(now_iso)) {
    std::fprintf(stderr, "sms: bad time %s\n", now_iso.c_str());
    return 0;
  }
  store::Db* conn = db();
  if (!conn) return 0;
  auto due = due_sms(*conn, now_iso, kBatch);
  if (!due.ok()) {
    std::fprintf(stderr, "sms: %s\n", due.error().message.c_str());
    return 0;
  }
  int attempted = 0;
  for (const OutboxMessage& msg : *due) {
    if (caller == Caller::kThread) {
      std::lock_guard lock(mu_);
      if (stopping_) break;  // leave the rest for the next start
    }
    const auto over = over_daily_limit(*conn, msg, now_iso);
    if (!over) break;
    if (*over) continue;
    const SendResult r = provider_->send(msg);
    ++attempted;
    const int attempts = msg.attempts + 1;
    Status st;
    if (r.kind == SendResult::kSent) {
      st = mark_sms_sent(*conn, msg.id, attempts, r.provider_id, now_iso);
    } else if (r.kind == SendResult::kPermanentFailure || attempts >= max_attempts_) {
      std::fprintf(stderr, "sms: message %lld to %s failed after %d attempt(s): %s\n",
                   static_cast<long long>(msg.id), msg.phone.c_str(), attempts, r.error.c_str());
      st = mark_sms_failed(*conn, msg.id, attempts, r.error);
    } else {
      const std::string next = *iso_plus_seconds(now_iso, retry_delay_s(attempts, retry_base_s_));
      std::fprintf(stderr, "sms: message %lld to %s: attempt %d/%d failed, next at %s: %s\n",
                   static_cast<long long>(msg.id), msg.phone.c_str(), attempts, max_attempts_,
                   next.c_str(), r.error.c_str());
      st = mark_sms_retry(*conn, msg.id, attempts, next, r.error);
    }
    if (!st.ok()) {
      // The outcome is lost; the row stays pending and is sent again later (at least once).
      std::fprintf(stderr, "sms: recording message %lld: %s\n", static_cast<long long>(msg.id),
                   st.error().message.c_str());
      break;
    }
  }
  return attempted;
}

std::optional<bool> SmsSender::over_daily_limit(store::Db& conn, const OutboxMessage& msg,
                                                const std::string& now_iso) {
  auto sent = sms_sent_to_since(conn, msg.phone, *iso_plus_seconds(now_iso, -86400));
  if (!sent.ok()) {
    std::fprintf(stderr, "sms: %s\n", sent.error().message.c_str());
    return std::nullopt;
  }
  if (*sent < max_per_number_per_day_) return false;
  std::fprintf(stderr, "sms: message %lld to %s not sent: %lld already sent in 24 hours\n",
               static_cast<long long>(msg.id), msg.phone.c_str(), static_cast<long long>(*sent));
  auto st = mark_sms_failed(conn, msg.id, msg.attempts,
                            "daily_limit: " + std::to_string(max_per_number_per_day_) +
                                " messages to this number in 24 hours already sent");
  if (!st.ok()) {
    std::fprintf(stderr, "sms: recording message %lld: %s\n", static_cast<long long>(msg.id),
                 st.error().message.c_str());
    return std::nullopt;
  }
  return true;
}

std::chrono::seconds SmsSender::time_to_next_due() {
  std::lock_guard run_lock(run_mu_);
  store::Db* conn = db();
  if (!conn) return kPoll;
  auto next = next_sms_due_at(*conn);
  if (!next.ok() || !next->has_value()) return kPoll;
  const auto due = parse_iso(**next);
  const auto now = parse_iso(store::utc_now_iso());
  if (!due || !now) return kPoll;
  return std::chrono::seconds(std::clamp<int64_t>(*due - *now, kMinWait.count(), kPoll.count()));
}

void SmsSender::loop() {
  for (;;) {
    run_round(store::utc_now_iso(), Caller::kThread);
    const std::chrono::seconds wait = time_to_next_due();
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, wait, [this] { return stopping_ || woken_; });
    if (stopping_) return;
    woken_ = false;
  }
}

}  // namespace md::notify
