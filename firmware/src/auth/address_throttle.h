// Login back-off per client address that cannot lock a shared kiosk out (SPEC §2, issue 11):
// the kiosk is one address (127.0.0.1) for everybody, so the address only counts failures on
// *different* login ids (a member mistyping their own password is the per-id throttle's
// business), a successful login from the address forgets them, and staff can unlock it.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

#include "domain/login_throttle.h"

namespace md::auth {

// Thread-safe.
class AddressThrottle {
 public:
  using TimePoint = domain::LoginThrottle::TimePoint;

  // policy.threshold = distinct failing login ids before the address is refused.
  explicit AddressThrottle(domain::ThrottlePolicy policy);

  // nullopt: the address may try now; otherwise how long it must still wait.
  std::optional<std::chrono::seconds> refused_for(const std::string& address, TimePoint now) const;
  // A failed attempt on `id_key` from the address; counts only the first failure of each id.
  void record_failure(const std::string& address, const std::string& id_key, TimePoint now);
  // A success from the address (or a staff unlock) forgets its failures and any lock.
  void record_success(const std::string& address);
  // Forgets stale addresses. REQUIRES: called periodically by the owner.
  void sweep(TimePoint now);
  size_t size() const;

 private:
  const domain::ThrottlePolicy policy_;
  domain::LoginThrottle counter_;  // one failure per distinct id
  mutable std::mutex mu_;
  struct Seen {
    std::set<std::string> ids;
    TimePoint last;
  };
  std::unordered_map<std::string, Seen> seen_;
};

}  // namespace md::auth
