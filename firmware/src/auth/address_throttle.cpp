#include "auth/address_throttle.h"

namespace md::auth {
namespace {

std::string key_of(const std::string& address) {
  return "ip:" + address;
}

}  // namespace

AddressThrottle::AddressThrottle(domain::ThrottlePolicy policy)
    : policy_(policy), counter_(policy) {}

std::optional<std::chrono::seconds> AddressThrottle::refused_for(const std::string& address,
                                                                 TimePoint now) const {
  return counter_.refused_for(key_of(address), now);
}

void AddressThrottle::record_failure(const std::string& address, const std::string& id_key,
                                     TimePoint now) {
  bool first_for_id = false;
  {
    std::lock_guard lock(mu_);
    Seen& seen = seen_[address];
    // Same staleness rule as the counter: an old run of failures starts over.
    if (!seen.ids.empty() && now - seen.last > policy_.max + policy_.base) seen.ids.clear();
    seen.last = now;
    first_for_id = seen.ids.insert(id_key).second;
  }
  if (first_for_id) counter_.record_failure(key_of(address), now);
}

void AddressThrottle::record_success(const std::string& address) {
  {
    std::lock_guard lock(mu_);
    seen_.erase(address);
  }
  counter_.record_success(key_of(address));
}

void AddressThrottle::sweep(TimePoint now) {
  counter_.sweep(now);
  std::lock_guard lock(mu_);
  std::erase_if(
      seen_, [&](const auto& item) { return now - item.second.last > policy_.max + policy_.base; });
}

size_t AddressThrottle::size() const {
  std::lock_guard lock(mu_);
  return seen_.size();
}

}  // namespace md::auth
