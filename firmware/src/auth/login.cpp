#include "auth/login.h"

#include <algorithm>

#include "auth/passwords.h"
#include "core/utf8.h"

namespace md::auth {

std::string normalize_login_id(store::AccountKind kind, const std::string& raw) {
  std::string id = core::trim(raw);
  if (kind == store::AccountKind::kMember)
    std::transform(id.begin(), id.end(), id.begin(),
                   [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; });
  return id;
}

Result<LoginOutcome> check_login(store::Db& db, LoginThrottles& throttles, const LoginAttempt& a,
                                 domain::LoginThrottle::TimePoint now) {
  const std::string id_key =
      std::string(a.kind == store::AccountKind::kStaff ? "staff:" : "member:") + a.login_id;
  const std::string addr_key = "ip:" + a.client_addr;
  LoginOutcome out;
  auto wait_id = throttles.by_login_id.refused_for(id_key, now);
  auto wait_addr = throttles.by_address.refused_for(addr_key, now);
  if (wait_id || wait_addr) {
    out.failure = LoginFailure::kLocked;
    out.retry_after = std::max(wait_id.value_or(std::chrono::seconds(0)),
                               wait_addr.value_or(std::chrono::seconds(0)));
    return out;
  }

  store::AccountRepo accounts(db);
  auto found = accounts.find(a.kind, a.login_id);
  if (!found.ok()) return found.error();
  if (!found->has_value() || !verify_password((*found)->password_hash, a.login_id, a.password)) {
    throttles.by_login_id.record_failure(id_key, now);
    throttles.by_address.record_failure(addr_key, now);
    out.failure = LoginFailure::kBadCredentials;
    return out;
  }
  if ((*found)->disabled) {
    out.failure = LoginFailure::kDisabled;
    return out;
  }
  throttles.by_login_id.record_success(id_key);
  out.account = std::move(found).value();
  return out;
}

}  // namespace md::auth
