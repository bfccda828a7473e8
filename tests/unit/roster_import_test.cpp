#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <fstream>

#include "auth/passwords.h"
#include "roster/roster_import.h"
#include "store/account_repo.h"
#include "store/member_repo.h"
#include "store/migrations.h"
#include "test_db.h"

using namespace md;

namespace {

struct RosterFixture {
  TempDir dir;
  std::unique_ptr<store::Db> db;
  RosterFixture() {
    db = open_db(dir.path + "/md.db");
    REQUIRE(store::migrate(*db, dir.path + "/b").ok());
  }
  std::string write(const std::string& name, const std::string& text) {
    std::string path = dir.path + "/" + name;
    std::ofstream(path) << text;
    return path;
  }
  int64_t count(const char* sql) {
    auto st = db->prepare(sql);
    REQUIRE(st.step());
    return st.col_int(0);
  }
};

constexpr const char* kAgencies =
    "机构代码,机构名称,统一社会信用代码\n"
    "11001,北京智诚专利代理事务所（普通合伙）,91110000600037341L\n"
    "31002,上海华东知识产权代理有限公司,\n";
constexpr const char* kAttorneys =
    "资格证号,姓名,机构代码,执业证号\n"
    "1100001,张伟,11001,11001202001\n"
    "3100003,李娜,31002,\n";

}  // namespace

TEST_CASE("roster import creates members and default-password logins and linked attorneys") {
  RosterFixture f;
  auto r = roster::import_roster(*f.db, f.write("a.csv", kAgencies), f.write("p.csv", kAttorneys), "ctl");
  REQUIRE(r.ok());
  CHECK(r->problems.empty());
  CHECK(r->agencies.created == 2);
  CHECK(r->attorneys.created == 2);
  store::MemberRepo members(*f.db);
  auto agency = members.find_by_login("11001");
  auto attorney = members.find_by_login("1100001");
  REQUIRE(agency->has_value());
  REQUIRE(attorney->has_value());
  CHECK((*attorney)->agency_id == (*agency)->id);
  CHECK((*attorney)->status == "roster");
  CHECK((*agency)->uscc == "91110000600037341L");
  auto acc = store::AccountRepo(*f.db).find(store::AccountKind::kMember, "1100001");
  REQUIRE(acc->has_value());
  CHECK_FALSE((*acc)->password_hash.has_value());
  CHECK(auth::verify_password((*acc)->password_hash, "1100001", "1100001"));
  CHECK_FALSE(auth::verify_password((*acc)->password_hash, "1100001", "1100002"));
  CHECK(f.count("SELECT COUNT(*) FROM audit_log WHERE action = 'roster.import'") == 1);
}

TEST_CASE("re-importing the same roster changes nothing") {
  RosterFixture f;
  auto a = f.write("a.csv", kAgencies);
  auto p = f.write("p.csv", kAttorneys);
  REQUIRE(roster::import_roster(*f.db, a, p, "ctl").ok());
  const auto rev = f.count("SELECT value FROM meta WHERE key = 'directory_rev'");
  auto again = roster::import_roster(*f.db, a, p, "ctl");
  REQUIRE(again.ok());
  CHECK(again->agencies.unchanged == 2);
  CHECK(again->attorneys.unchanged == 2);
  CHECK(again->agencies.created + again->agencies.updated + again->attorneys.updated == 0);
  CHECK(f.count("SELECT value FROM meta WHERE key = 'directory_rev'") == rev);
  CHECK(f.count("SELECT COUNT(*) FROM audit_log") == 1);
}

TEST_CASE("a changed roster row updates the member and moves the attorney") {
  RosterFixture f;
  REQUIRE(roster::import_roster(*f.db, f.write("a.csv", kAgencies), f.write("p.csv", kAttorneys), "ctl").ok());
  auto moved = f.write("p2.csv", "资格证号,姓名,机构代码,执业证号\n1100001,张伟,31002,11001202001\n");
  auto r = roster::import_roster(*f.db, f.write("a.csv", kAgencies), moved, "ctl");
  REQUIRE(r.ok());
  CHECK(r->attorneys.updated == 1);
  auto agency = store::MemberRepo(*f.db).find_by_login("31002");
  auto attorney = store::MemberRepo(*f.db).find_by_login("1100001");
  CHECK((*attorney)->agency_id == (*agency)->id);
}

TEST_CASE("any bad roster row is reported with file and line and nothing is imported") {
  RosterFixture f;
  auto a = f.write("a.csv",
                   "机构代码,机构名称,统一社会信用代码\n"
                   "11001,甲所,91110000600037341L\n"
                   "99001,乙所,\n"                   // 99 is no province
                   "11001,丙所,\n"                   // duplicate
                   "31002,丁所,91110000600037341X\n"); // wrong check character
  auto p = f.write("p.csv",
                   "资格证号,姓名,机构代码,执业证号\n"
                   "1100001,张伟,11001,\n"
                   "1100002,,11001,\n"         // no name
                   "1100003,王芳,44003,\n"     // unknown agency
                   "110004,李四,11001,\n");    // 6 digits
  auto r = roster::import_roster(*f.db, a, p, "ctl");
  REQUIRE(r.ok());
  REQUIRE(r->problems.size() == 6);
  CHECK(r->problems[0].file == a);
  CHECK(r->problems[0].line == 3);
  CHECK(r->problems[1].line == 4);
  CHECK(r->problems[1].message.find("重复") != std::string::npos);
  CHECK(r->problems[2].line == 5);
  CHECK(r->problems[3].file == p);
  CHECK(r->problems[3].line == 3);
  CHECK(r->problems[4].message.find("不在机构名录中") != std::string::npos);
  CHECK(r->problems[5].line == 5);
  CHECK(f.count("SELECT COUNT(*) FROM members") == 0);
  CHECK(f.count("SELECT COUNT(*) FROM accounts") == 0);
}

TEST_CASE("roster headers must name the documented columns") {
  RosterFixture f;
  auto r = roster::import_roster(*f.db, f.write("a.csv", "代码,机构名称,统一社会信用代码\n11001,甲,\n"),
                                 f.write("p.csv", kAttorneys), "ctl");
  REQUIRE(r.ok());
  REQUIRE_FALSE(r->problems.empty());
  CHECK(r->problems[0].line == 1);
  CHECK(r->problems[0].message.find("代码") != std::string::npos);
  CHECK(f.count("SELECT COUNT(*) FROM members") == 0);
}

TEST_CASE("a roster of 40000 attorneys imports in one go") {
  RosterFixture f;
  std::string agencies = "机构代码,机构名称,统一社会信用代码\n";
  std::string attorneys = "资格证号,姓名,机构代码,执业证号\n";
  char buf[96];
  for (int a = 0; a < 400; ++a) {
    std::snprintf(buf, sizeof buf, "%d%03d,代理机构%d,\n", 11 + (a / 1000), a % 1000, a);
    agencies += buf;
  }
  for (int i = 0; i < 40000; ++i) {
    std::snprintf(buf, sizeof buf, "%d%05d,代理师%d,11%03d,\n", 11 + i / 100000, i % 100000, i, i % 400);
    attorneys += buf;
  }
  auto start = std::chrono::steady_clock::now();
  auto r = roster::import_roster(*f.db, f.write("a.csv", agencies), f.write("p.csv", attorneys), "ctl");
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  REQUIRE(r.ok());
  CHECK(r->problems.empty());
  CHECK(r->attorneys.created == 40000);
  CHECK(f.count("SELECT COUNT(*) FROM accounts WHERE password_hash IS NULL") == 40400);
  MESSAGE("imported 40,400 roster rows in " << ms.count() << " ms");
}
