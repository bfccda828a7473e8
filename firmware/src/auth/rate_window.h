// Sliding-window rate limits (issue 11): how many events each key had in the last window, e.g.
// public 入会申请 submissions per mobile, per client address and in all per hour. In memory: a
// restart forgets the counts, which only the operator can cause.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace md::auth {

// Thread-safe.
class RateWindow {
 public:
  using Clock = std::chrono::steady_clock;
  using TimePoint = Clock::time_point;

  struct Ask {
    std::string key;
    int64_t limit = 0;  // events allowed per window
  };
  struct Refusal {
    size_t ask = 0;               // index of the first full key in the asks
    std::chrono::seconds wait{};  // until that key has room again (>= 1 s)
  };

  explicit RateWindow(std::chrono::seconds window) : window_(window) {}

  // Either every key has room, and one event at `now` is recorded for each (nullopt), or none is
  // recorded and the refusal names the full key.
  std::optional<Refusal> try_take(const std::vector<Ask>& asks, TimePoint now);
  // Undoes a successful try_take made at `at` (the guarded action did not happen after all).
  void give_back(const std::vector<Ask>& asks, TimePoint at);

 private:
  void prune(std::deque<TimePoint>& events, TimePoint now) const;  // REQUIRES: mu_ held

  const std::chrono::seconds window_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<TimePoint>> events_;
  TimePoint last_sweep_{};
};

}  // namespace md::auth
