// Login back-off: a small map from key to failure count and lock deadline.
#include "domain/login_throttle.h"

#include <algorithm>

namespace md::domain {

LoginThrottle::LoginThrottle(ThrottlePolicy policy) : policy_(policy) {}

std::optional<std::chrono::seconds> LoginThrottle::refused_for(const std::string& key,
                                                               TimePoint now) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end() || it->second.locked_until <= now) return std::nullopt;
  // Round up: "wait 0 s" while still locked would invite an immediate, refused retry.
  return std::chrono::ceil<std::chrono::seconds>(it->second.locked_until - now);
}

void LoginThrottle::record_failure(const std::string& key, TimePoint now) {
  std::lock_guard<std::mutex> lock(mutex_);
  Entry& entry = entries_[key];
  // A stale entry counts as new whether or not sweep has run yet, so behaviour does not depend
  // on when the owner sweeps.
  if (entry.failures > 0 && is_stale(entry, now)) entry = Entry{};
  ++entry.failures;
  entry.last_failure = now;
  if (entry.failures >= policy_.threshold) {
    entry.locked_until = std::max(entry.locked_until, now + lock_after(entry.failures));
  }
}

void LoginThrottle::record_success(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.erase(key);
}

void LoginThrottle::sweep(TimePoint now) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::erase_if(entries_, [&](const auto& item) { return is_stale(item.second, now); });
}

size_t LoginThrottle::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

std::chrono::seconds LoginThrottle::lock_after(int failures) const {
  // Double step by step rather than shifting, so a long run of failures cannot overflow.
  std::chrono::seconds lock = policy_.base;
  for (int n = policy_.threshold; n < failures && lock < policy_.max; ++n) lock *= 2;
  return std::min(lock, policy_.max);
}

bool LoginThrottle::is_stale(const Entry& entry, TimePoint now) const {
  return now - entry.last_failure > policy_.max + policy_.base;
}

}  // namespace md::domain
