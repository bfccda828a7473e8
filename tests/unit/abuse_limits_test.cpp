// Tests for auth/address_throttle and auth/rate_window with an injected clock: no test sleeps.
#include <doctest/doctest.h>

#include "auth/address_throttle.h"
#include "auth/rate_window.h"

using md::auth::AddressThrottle;
using md::auth::RateWindow;
using std::chrono::seconds;

namespace {

const RateWindow::TimePoint kT0 = RateWindow::TimePoint() + std::chrono::hours(1000);

md::domain::ThrottlePolicy policy(int threshold) {
  md::domain::ThrottlePolicy p;
  p.threshold = threshold;
  return p;  // base 30 s, max 3600 s
}

}  // namespace

TEST_CASE("address_throttle counts each failing login id once") {
  AddressThrottle t(policy(3));
  for (int i = 0; i < 50; ++i) t.record_failure("127.0.0.1", "member:1100001", kT0);
  CHECK_FALSE(t.refused_for("127.0.0.1", kT0).has_value());
  t.record_failure("127.0.0.1", "member:1100002", kT0);
  CHECK_FALSE(t.refused_for("127.0.0.1", kT0).has_value());
  t.record_failure("127.0.0.1", "staff:desk1", kT0);
  REQUIRE(t.refused_for("127.0.0.1", kT0).has_value());
  CHECK(*t.refused_for("127.0.0.1", kT0) == seconds(30));
  CHECK_FALSE(t.refused_for("10.0.0.2", kT0).has_value());  // other addresses are not touched
}

TEST_CASE("address_throttle forgets the address on a success or an unlock") {
  AddressThrottle t(policy(2));
  t.record_failure("127.0.0.1", "member:1", kT0);
  t.record_success("127.0.0.1");
  t.record_failure("127.0.0.1", "member:2", kT0);
  CHECK_FALSE(t.refused_for("127.0.0.1", kT0).has_value());
  t.record_failure("127.0.0.1", "member:3", kT0);
  REQUIRE(t.refused_for("127.0.0.1", kT0).has_value());
  t.record_success("127.0.0.1");  // what the staff unlock does
  CHECK_FALSE(t.refused_for("127.0.0.1", kT0).has_value());
  CHECK(t.size() == 0);
}

TEST_CASE("address_throttle sweep forgets stale addresses") {
  AddressThrottle t(policy(5));
  t.record_failure("127.0.0.1", "member:1", kT0);
  t.sweep(kT0 + seconds(60));
  CHECK(t.size() == 1);
  t.sweep(kT0 + seconds(3631));
  CHECK(t.size() == 0);
}

TEST_CASE("rate_window refuses the key that is full and records nothing then") {
  RateWindow w(seconds(3600));
  const std::vector<RateWindow::Ask> asks = {{"mobile:1", 2}, {"all", 10}};
  CHECK_FALSE(w.try_take(asks, kT0).has_value());
  CHECK_FALSE(w.try_take(asks, kT0 + seconds(100)).has_value());
  auto refused = w.try_take(asks, kT0 + seconds(200));
  REQUIRE(refused.has_value());
  CHECK(refused->ask == 0);
  CHECK(refused->wait == seconds(3400));  // until the first event leaves the window
  // "all" got only the two accepted events: eight more other mobiles fit, the ninth does not.
  for (int i = 0; i < 8; ++i)
    CHECK_FALSE(w.try_take({{"mobile:x" + std::to_string(i), 2}, {"all", 10}}, kT0 + seconds(300))
                    .has_value());
  auto full = w.try_take({{"mobile:y", 2}, {"all", 10}}, kT0 + seconds(300));
  REQUIRE(full.has_value());
  CHECK(full->ask == 1);
  // An hour after the first event there is room again.
  CHECK_FALSE(w.try_take(asks, kT0 + seconds(3600)).has_value());
}

TEST_CASE("rate_window give_back returns the places of a take") {
  RateWindow w(seconds(3600));
  const std::vector<RateWindow::Ask> asks = {{"mobile:1", 1}};
  CHECK_FALSE(w.try_take(asks, kT0).has_value());
  w.give_back(asks, kT0);
  CHECK_FALSE(w.try_take(asks, kT0 + seconds(1)).has_value());
  CHECK(w.try_take(asks, kT0 + seconds(2)).has_value());
}
