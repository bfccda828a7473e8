// memberdeskctl demo-member-center: the demo's training class reaches the member center the
// way a staff import would, and a second run adds nothing.
#include <doctest/doctest.h>

#include "demo/demo_member_center.h"
#include "harness.h"

using apitest::HttpClient;
using apitest::TestDaemon;

TEST_CASE("demo member center data shows in 报名信息 and 成绩查询 and is seeded once") {
  apitest::DaemonOptions o;
  o.member_passwords = {{"11001", "Agency2026x"}, {"3100003", "Lina2026x"}};
  TestDaemon d(o);
  {
    auto db = d.open_db();
    auto first = md::demo::seed_member_center(*db);
    REQUIRE(first.ok());
    CHECK(first->classes == 1);
    CHECK(first->registrations == 3);
    CHECK(first->scores == 3);
    auto again = md::demo::seed_member_center(*db);
    REQUIRE(again.ok());
    CHECK(again->classes == 0);
  }
  CHECK(apitest::sql_int(d, "SELECT COUNT(*) FROM training_classes") == 1);

  HttpClient agency(d.port());
  REQUIRE(agency.login_member("11001", "Agency2026x").status == 200);
  auto regs = agency.get("/member/training/registrations");
  REQUIRE(regs.status == 200);
  CHECK(regs.body["total"] == 2);  // 张伟 and 王芳; 李娜 practises at 31002
  HttpClient attorney(d.port());
  REQUIRE(attorney.login_member("3100003", "Lina2026x").status == 200);
  auto scores = attorney.get("/member/training/scores");
  REQUIRE(scores.status == 200);
  REQUIRE(scores.body["total"] == 1);
  CHECK(scores.body["items"][0]["passed"] == true);
}
