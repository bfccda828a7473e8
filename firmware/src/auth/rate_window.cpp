#include "auth/rate_window.h"

#include <algorithm>

namespace md::auth {

void RateWindow::prune(std::deque<TimePoint>& events, TimePoint now) const {
  while (!events.empty() && now - events.front() >= window_) events.pop_front();
}

std::optional<RateWindow::Refusal> RateWindow::try_take(const std::vector<Ask>& asks,
                                                        TimePoint now) {
  std::lock_guard lock(mu_);
  if (now - last_sweep_ >= window_) {  // keeps the table bounded by the keys of one window
    for (auto it = events_.begin(); it != events_.end();) {
      prune(it->second, now);
      it = it->second.empty() ? events_.erase(it) : std::next(it);
    }
    last_sweep_ = now;
  }
  for (size_t i = 0; i < asks.size(); ++i) {
    auto& events = events_[asks[i].key];
    prune(events, now);
    if (static_cast<int64_t>(events.size()) >= asks[i].limit) {
      // Room again when the oldest event that keeps the key full leaves the window.
      const size_t excess =
          events.size() - static_cast<size_t>(std::max<int64_t>(asks[i].limit, 1));
      const auto frees_at = events[std::min(excess, events.size() - 1)] + window_;
      const auto wait = std::chrono::ceil<std::chrono::seconds>(frees_at - now);
      return Refusal{i, std::max(wait, std::chrono::seconds(1))};
    }
  }
  for (const auto& a : asks) events_[a.key].push_back(now);
  return std::nullopt;
}

void RateWindow::give_back(const std::vector<Ask>& asks, TimePoint at) {
  std::lock_guard lock(mu_);
  for (const auto& a : asks) {
    auto it = events_.find(a.key);
    if (it == events_.end()) continue;
    auto& events = it->second;
    auto pos = std::find(events.rbegin(), events.rend(), at);
    if (pos != events.rend()) events.erase(std::next(pos).base());
  }
}

}  // namespace md::auth
