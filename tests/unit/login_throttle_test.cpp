// Tests for domain/login_throttle with an injected clock: no test sleeps.
#include "domain/login_throttle.h"

#include <doctest/doctest.h>

#include <thread>
#include <vector>

using md::domain::LoginThrottle;
using md::domain::ThrottlePolicy;
using std::chrono::seconds;

namespace {

const LoginThrottle::TimePoint kStart = LoginThrottle::TimePoint() + std::chrono::hours(1000);

void fail_times(LoginThrottle& throttle, const std::string& key, int n,
                LoginThrottle::TimePoint t) {
  for (int i = 0; i < n; ++i) throttle.record_failure(key, t);
}

}  // namespace

TEST_CASE("login_throttle lets the first five failures through and then locks for 30 s") {
  LoginThrottle throttle;
  const std::string key = "id:1100001";
  CHECK_FALSE(throttle.refused_for(key, kStart).has_value());
  for (int i = 0; i < 4; ++i) {
    throttle.record_failure(key, kStart);
    CHECK_FALSE(throttle.refused_for(key, kStart).has_value());
  }
  throttle.record_failure(key, kStart);
  CHECK(throttle.refused_for(key, kStart) == seconds(30));
  CHECK(throttle.refused_for(key, kStart + std::chrono::milliseconds(100)) == seconds(30));
  CHECK(throttle.refused_for(key, kStart + seconds(29)) == seconds(1));
  CHECK_FALSE(throttle.refused_for(key, kStart + seconds(30)).has_value());
  // Other keys are untouched.
  CHECK_FALSE(throttle.refused_for("ip:127.0.0.1", kStart).has_value());
}

TEST_CASE("login_throttle doubles the lock for each failure after the first lock") {
  LoginThrottle throttle;
  const std::string key = "ip:127.0.0.1";
  fail_times(throttle, key, 5, kStart);
  auto t = kStart + seconds(30);
  CHECK_FALSE(throttle.refused_for(key, t).has_value());
  throttle.record_failure(key, t);
  CHECK(throttle.refused_for(key, t) == seconds(60));
  t += seconds(60);
  throttle.record_failure(key, t);
  CHECK(throttle.refused_for(key, t) == seconds(120));
}

TEST_CASE("login_throttle caps the lock at the policy maximum") {
  LoginThrottle throttle;
  const std::string key = "id:1100001";
  // base·2^7 = 3840 s would exceed the 3600 s cap; a long run must not overflow either.
  fail_times(throttle, key, 12, kStart);
  CHECK(throttle.refused_for(key, kStart) == seconds(3600));
  fail_times(throttle, key, 1000, kStart);
  CHECK(throttle.refused_for(key, kStart) == seconds(3600));
}

TEST_CASE("login_throttle success clears the failures") {
  LoginThrottle throttle;
  const std::string key = "id:1100001";
  fail_times(throttle, key, 4, kStart);
  throttle.record_success(key);
  throttle.record_failure(key, kStart);
  CHECK_FALSE(throttle.refused_for(key, kStart).has_value());
  fail_times(throttle, key, 4, kStart);
  CHECK(throttle.refused_for(key, kStart) == seconds(30));
  throttle.record_success(key);
  CHECK_FALSE(throttle.refused_for(key, kStart).has_value());
  CHECK(throttle.size() == 0);
}

TEST_CASE("login_throttle honours a custom policy") {
  LoginThrottle throttle(ThrottlePolicy{3, seconds(10), seconds(25)});
  fail_times(throttle, "k", 3, kStart);
  CHECK(throttle.refused_for("k", kStart) == seconds(10));
  throttle.record_failure("k", kStart);
  CHECK(throttle.refused_for("k", kStart) == seconds(20));
  throttle.record_failure("k", kStart);
  CHECK(throttle.refused_for("k", kStart) == seconds(25));
}

TEST_CASE("login_throttle sweep forgets entries idle longer than max plus base") {
  LoginThrottle throttle;
  fail_times(throttle, "id:old", 9, kStart);
  fail_times(throttle, "id:new", 2, kStart + seconds(600));
  CHECK(throttle.size() == 2);

  throttle.sweep(kStart + seconds(3630));  // exactly max + base: still remembered
  CHECK(throttle.size() == 2);
  throttle.sweep(kStart + seconds(3631));
  CHECK(throttle.size() == 1);
  CHECK_FALSE(throttle.refused_for("id:old", kStart + seconds(3631)).has_value());

  throttle.sweep(kStart + seconds(600 + 3631));
  CHECK(throttle.size() == 0);
}

TEST_CASE("login_throttle treats a stale entry as new even before a sweep") {
  LoginThrottle throttle;
  fail_times(throttle, "k", 5, kStart);
  const auto later = kStart + seconds(4000);
  throttle.record_failure("k", later);
  CHECK_FALSE(throttle.refused_for("k", later).has_value());
}

TEST_CASE("login_throttle counts failures from many threads") {
  LoginThrottle throttle(ThrottlePolicy{400, seconds(30), seconds(3600)});
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&throttle, t] {
      for (int i = 0; i < 50; ++i) {
        throttle.record_failure("shared", kStart);
        throttle.record_failure("own:" + std::to_string(t), kStart);
        (void)throttle.refused_for("shared", kStart);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  // Exactly 400 failures reached the shared key: the threshold, so the first lock.
  CHECK(throttle.refused_for("shared", kStart) == seconds(30));
  CHECK(throttle.size() == 9);
}
