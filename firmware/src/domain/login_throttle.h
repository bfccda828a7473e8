// Back-off after repeated login failures (SPEC §2), per key: the caller keeps one key per login id
// ("id:1100001") and one per client address ("ip:127.0.0.1") and refuses when either is locked.
// The clock is passed in so tests need no sleeping and the daemon uses a monotonic clock.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace md::domain {

struct ThrottlePolicy {
  int threshold = 5;               // failures allowed before the first lock
  std::chrono::seconds base{30};   // first lock; each further failure doubles it
  std::chrono::seconds max{3600};  // longest lock
};

// Thread-safe: every method takes an internal mutex.
class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  using TimePoint = Clock::time_point;

  explicit LoginThrottle(ThrottlePolicy policy = {});

  // nullopt: the key may try now. Otherwise how long it must still wait (rounded up, >= 1 s),
  // e.g. for a Retry-After header.
  std::optional<std::chrono::seconds> refused_for(const std::string& key, TimePoint now) const;

  // A failed attempt. The threshold-th failure locks the key for `base`; each later one locks it
  // for base·2^(n−threshold), capped at `max`, counted from `now`. Failures recorded while a lock
  // is in force still count: each was a real password guess (e.g. requests racing in parallel).
  void record_failure(const std::string& key, TimePoint now);

  // A successful login forgets the key's failures.
  void record_success(const std::string& key);

  // Forgets keys whose last failure is older than max + base, so the table stays bounded by the
  // keys seen in that window. REQUIRES: called periodically by the owner (e.g. once a minute).
  void sweep(TimePoint now);

  // Keys currently remembered (for tests and metrics).
  size_t size() const;

 private:
  struct Entry {
    int failures = 0;
    TimePoint last_failure;
    TimePoint locked_until;
  };

  std::chrono::seconds lock_after(int failures) const;
  bool is_stale(const Entry& entry, TimePoint now) const;

  const ThrottlePolicy policy_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace md::domain
