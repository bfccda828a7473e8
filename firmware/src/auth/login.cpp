#include "auth/login.h"

#include <algorithm>

#include "auth/passwords.h"
#include "core/utf8.h"

namespace md::auth {
namespace {

std::optional<std::chrono::seconds> refused_for(const LoginThrottles& throttles,
                                                const std::string& id_key, const std::string& addr,
                                                domain::LoginThrottle::TimePoint now) {
  auto wait_id = throttles.by_login_id.refused_for(id_key, now);
  auto wait_addr = throttles.by_address.refused_for(addr, now);
  if (!wait_id && !wait_addr) return std::nullopt;
  return std::max(wait_id.value_or(std::chrono::seconds(0)),
                  wait_addr.value_or(std::chrono::seconds(0)));
}

void record_failure(LoginThrottles& throttles, const std::string& id_key, const std::string& addr,
                    domain::LoginThrottle::TimePoint now) {
  throttles.by_login_id.record_failure(id_key, now);
  throttles.by_address.record_failure(addr, id_key, now);
}

void record_success(LoginThrottles& throttles, const std::string& id_key, const std::string& addr) {
  throttles.by_login_id.record_success(id_key);
  throttles.by_address.record_success(addr);
}

}  // namespace

std::string normalize_login_id(store::AccountKind kind, const std::string& raw) {
  std::string id = core::trim(raw);
  if (kind == store::AccountKind::kMember)
    std::transform(id.begin(), id.end(), id.begin(),
                   [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; });
  return id;
}

std::string throttle_key(store::AccountKind kind, const std::string& login_id) {
  return std::string(kind == store::AccountKind::kStaff ? "staff:" : "member:") + login_id;
}

Result<LoginOutcome> check_login(store::Db& db, LoginThrottles& throttles, const LoginAttempt& a,
                                 domain::LoginThrottle::TimePoint now) {
  const std::string id_key = throttle_key(a.kind, a.login_id);
  LoginOutcome out;
  if (auto wait = refused_for(throttles, id_key, a.client_addr, now)) {
    out.failure = LoginFailure::kLocked;
    out.retry_after = *wait;
    return out;
  }

  store::AccountRepo accounts(db);
  auto found = accounts.find(a.kind, a.login_id);
  if (!found.ok()) return found.error();
  bool opens = false;
  if (found->has_value())
    opens = verify_password((*found)->password_hash, a.login_id, a.password);
  else
    spend_verify_work(a.password);  // an unknown id costs what a wrong password costs
  if (!opens) {
    record_failure(throttles, id_key, a.client_addr, now);
    out.failure = LoginFailure::kBadCredentials;
    return out;
  }
  if ((*found)->disabled) {
    out.failure = LoginFailure::kDisabled;
    return out;
  }
  record_success(throttles, id_key, a.client_addr);
  store::Account& account = **found;
  // A hash from before the current parameters (64 MiB) is replaced while the password is at
  // hand. Best effort: the login stands even if the new hash cannot be stored.
  if (account.password_hash && needs_rehash(*account.password_hash)) {
    if (auto fresh = hash_password(a.password); fresh.ok()) {
      if (accounts.set_password_hash(account.id, *fresh).ok()) account.password_hash = *fresh;
    }
  }
  out.account = std::move(account);
  return out;
}

LoginOutcome check_old_password(LoginThrottles& throttles, const store::Account& account,
                                const std::string& password, const std::string& client_addr,
                                domain::LoginThrottle::TimePoint now) {
  const std::string id_key = throttle_key(account.kind, account.login_id);
  LoginOutcome out;
  if (auto wait = refused_for(throttles, id_key, client_addr, now)) {
    out.failure = LoginFailure::kLocked;
    out.retry_after = *wait;
    return out;
  }
  if (!verify_password(account.password_hash, account.login_id, password)) {
    record_failure(throttles, id_key, client_addr, now);
    out.failure = LoginFailure::kBadCredentials;
    return out;
  }
  throttles.by_login_id.record_success(id_key);
  return out;
}

}  // namespace md::auth
