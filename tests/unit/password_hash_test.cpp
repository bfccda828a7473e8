// Password hashes: the parameters of new hashes, and the rehash of an older (64 MiB) hash at
// the next login that opens it (issue 11: argon2 memory).
#include <doctest/doctest.h>

#include <sodium.h>

#include <string>

#include "auth/login.h"
#include "auth/passwords.h"
#include "store/account_repo.h"
#include "store/migrations.h"
#include "test_db.h"

namespace {

// A hash as hash_password made it before issue 11: libsodium's interactive limits, 64 MiB.
std::string old_interactive_hash(const std::string& password) {
  REQUIRE(sodium_init() >= 0);
  char out[crypto_pwhash_STRBYTES];
  REQUIRE(crypto_pwhash_str_alg(out, password.data(), password.size(),
                                crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                crypto_pwhash_MEMLIMIT_INTERACTIVE,
                                crypto_pwhash_ALG_ARGON2ID13) == 0);
  return out;
}

}  // namespace

TEST_CASE("new password hashes are argon2id with 32 MiB and 3 passes") {
  auto h = md::auth::hash_password("Correct-Horse-9");
  REQUIRE(h.ok());
  CHECK(h->rfind("$argon2id$v=19$m=32768,t=3,p=1$", 0) == 0);
  CHECK_FALSE(md::auth::needs_rehash(*h));
  CHECK(md::auth::verify_password(*h, "1100001", "Correct-Horse-9"));
  CHECK_FALSE(md::auth::verify_password(*h, "1100001", "Correct-Horse-8"));
  const auto old = old_interactive_hash("Correct-Horse-9");
  CHECK(old.find("m=65536") != std::string::npos);
  CHECK(md::auth::needs_rehash(old));
  CHECK(md::auth::verify_password(old, "1100001", "Correct-Horse-9"));  // old hashes still open
}

TEST_CASE("a login that opens an old 64 MiB hash stores a new 32 MiB one") {
  TempDir dir;
  auto db = open_db(dir.path + "/md.db");
  REQUIRE(db);
  REQUIRE(md::store::migrate(*db, dir.path + "/backups").ok());
  md::store::AccountRepo accounts(*db);
  auto id = accounts.create_staff("desk9", "前台九", "desk", old_interactive_hash("Desk-Passw0rd!"));
  REQUIRE(id.ok());

  md::domain::ThrottlePolicy policy;
  md::auth::LoginThrottles throttles{md::domain::LoginThrottle(policy),
                                     md::auth::AddressThrottle(policy)};
  const auto now = md::domain::LoginThrottle::TimePoint{};
  md::auth::LoginAttempt wrong{md::store::AccountKind::kStaff, "desk9", "Desk-Passw0rd?", "10.0.0.9"};
  auto refused = md::auth::check_login(*db, throttles, wrong, now);
  REQUIRE(refused.ok());
  CHECK(refused->failure == md::auth::LoginFailure::kBadCredentials);
  auto kept = accounts.find_by_id(*id);
  REQUIRE((kept.ok() && kept->has_value()));
  CHECK((*kept)->password_hash->find("m=65536") != std::string::npos);  // a failure changes nothing

  md::auth::LoginAttempt right{md::store::AccountKind::kStaff, "desk9", "Desk-Passw0rd!", "10.0.0.9"};
  auto ok = md::auth::check_login(*db, throttles, right, now);
  REQUIRE(ok.ok());
  CHECK(ok->failure == md::auth::LoginFailure::kNone);
  auto stored = accounts.find_by_id(*id);
  REQUIRE((stored.ok() && stored->has_value()));
  CHECK((*stored)->password_hash->rfind("$argon2id$v=19$m=32768,t=3,p=1$", 0) == 0);
  CHECK(md::auth::verify_password((*stored)->password_hash, "desk9", "Desk-Passw0rd!"));
  auto again = md::auth::check_login(*db, throttles, right, now);
  REQUIRE(again.ok());
  CHECK(again->failure == md::auth::LoginFailure::kNone);
}
