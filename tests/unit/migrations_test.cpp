#include <doctest/doctest.h>

#include <filesystem>

#include "store/migrations.h"
#include "test_db.h"

using namespace md::store;

TEST_CASE("migration ladder brings a new database to the latest version without a backup") {
  TempDir dir;
  auto db = open_db(dir.path + "/md.db");
  REQUIRE(db);
  std::string backup = "unset";
  REQUIRE(migrate(*db, dir.path + "/backups", &backup).ok());
  CHECK(backup.empty());
  CHECK(*schema_version(*db) == latest_schema_version());
  auto st = db->prepare("SELECT COUNT(*) FROM migrations");
  REQUIRE(st.step());
  CHECK(st.col_int(0) == latest_schema_version());
  // Seeded content came with its rung.
  auto faq = db->prepare("SELECT COUNT(*) FROM faq");
  REQUIRE(faq.step());
  CHECK(faq.col_int(0) > 0);
  // Running again is a no-op.
  REQUIRE(migrate(*db, dir.path + "/backups", &backup).ok());
  CHECK(backup.empty());
}

TEST_CASE("migrating a database that holds data backs it up first") {
  TempDir dir;
  auto db = open_db(dir.path + "/md.db");
  REQUIRE(db);
  REQUIRE(migrate(*db, dir.path + "/backups", nullptr, 1).ok());
  CHECK(*schema_version(*db) == 1);
  REQUIRE(db->exec_script("INSERT INTO members(type, login_id, name, created_at, updated_at) "
                          "VALUES ('agency','11001','甲','x','x')")
              .ok());
  std::string backup;
  REQUIRE(migrate(*db, dir.path + "/backups", &backup).ok());
  REQUIRE_FALSE(backup.empty());
  CHECK(std::filesystem::exists(backup));
  // The backup is the database as it was before the rung: v1 with the member, no faq table.
  auto copy = open_db(backup);
  REQUIRE(copy);
  CHECK(*schema_version(*copy) == 1);
  auto m = copy->prepare("SELECT name FROM members WHERE login_id = '11001'");
  REQUIRE(m.step());
  CHECK(m.col_text(0) == "甲");
  CHECK_FALSE(copy->exec_script("SELECT * FROM faq").ok());
}

TEST_CASE("a database newer than the program is refused") {
  TempDir dir;
  auto db = open_db(dir.path + "/md.db");
  REQUIRE(db);
  REQUIRE(db->exec_script("PRAGMA user_version = 999").ok());
  auto st = migrate(*db, dir.path + "/backups");
  CHECK_FALSE(st.ok());
  CHECK(st.error().code == "schema_too_new");
}

TEST_CASE("foreign keys and WAL are on") {
  TempDir dir;
  auto db = open_db(dir.path + "/md.db");
  REQUIRE(db);
  REQUIRE(migrate(*db, dir.path + "/b").ok());
  auto fk = db->prepare("PRAGMA foreign_keys");
  REQUIRE(fk.step());
  CHECK(fk.col_int(0) == 1);
  auto wal = db->prepare("PRAGMA journal_mode");
  REQUIRE(wal.step());
  CHECK(wal.col_text(0) == "wal");
  CHECK_FALSE(db->exec_script("INSERT INTO members(type, login_id, name, agency_id, created_at, "
                              "updated_at) VALUES ('attorney','1100001','乙',4242,'x','x')")
                  .ok());
}
