// Checking a login: throttling per login id and per client address, then the password.
// The old password of POST /auth/password is a password guess too and goes through the same
// throttles (check_old_password).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "auth/address_throttle.h"
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
  domain::LoginThrottle by_login_id;  // keys from throttle_key()
  AddressThrottle by_address;         // counts failures on distinct ids only
};

// Member login ids are case-insensitive codes (a USCC may be typed in lower case).
std::string normalize_login_id(store::AccountKind kind, const std::string& raw);

// The by_login_id key of an account: "member:1100001", "staff:desk1".
std::string throttle_key(store::AccountKind kind, const std::string& login_id);

// Every failure costs one argon2 verification, whether the id is unknown, still on its default
// password or has a wrong password, so failures cannot be told apart by their time.
Result<LoginOutcome> check_login(store::Db& db, LoginThrottles& throttles, const LoginAttempt& a,
                                 domain::LoginThrottle::TimePoint now);

// The old password of a password change for `account`, throttled like a login: kLocked (with
// retry_after) while the id or the address is refused, kBadCredentials when wrong.
LoginOutcome check_old_password(LoginThrottles& throttles, const store::Account& account,
                                const std::string& password, const std::string& client_addr,
                                domain::LoginThrottle::TimePoint now);

}  // namespace md::auth
