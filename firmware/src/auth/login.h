// Checking a login: throttling per login id and per client address, then the password.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/result.h"
#include "domain/login_throttle.h"
#include "store/account_repo.h"

namespace md::auth {

struct LoginAttempt {
  store::AccountKind kind = store::AccountKind::kMember;
  std::string login_id;
  std::string password;
  std::string client_addr;
};

enum class LoginFailure { kNone, kBadCredentials, kLocked, kDisabled };

struct LoginOutcome {
  LoginFailure failure = LoginFailure::kNone;
  std::optional<store::Account> account;  // set when failure == kNone
  std::chrono::seconds retry_after{0};    // set when failure == kLocked
};

struct LoginThrottles {
  domain::LoginThrottle by_login_id;
  domain::LoginThrottle by_address;
};

// Member login ids are case-insensitive codes (a USCC may be typed in lower case).
std::string normalize_login_id(store::AccountKind kind, const std::string& raw);

Result<LoginOutcome> check_login(store::Db& db, LoginThrottles& throttles, const LoginAttempt& a,
                                 domain::LoginThrottle::TimePoint now);

}  // namespace md::auth
