#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "store/backups.h"
#include "store/migrations.h"
#include "test_db.h"

using namespace md::store;
namespace fs = std::filesystem;

namespace {

void touch(const std::string& path, const std::string& text = "x") { std::ofstream(path) << text; }

std::string member_name(const std::string& db_path) {
  auto db = open_db(db_path);
  if (!db) return "";
  auto st = db->prepare("SELECT name FROM members WHERE login_id = '11001'");
  return st.step() ? st.col_text(0) : "";
}

// A migrated database holding one member named `name`.
void make_db(const std::string& path, const std::string& name) {
  auto db = open_db(path);
  REQUIRE(db);
  REQUIRE(migrate(*db, fs::path(path).parent_path().string() + "/backups").ok());
  REQUIRE(db->prepare("INSERT INTO members(type, login_id, name, created_at, updated_at) VALUES ('agency','11001',?,'x','x')")
              .bind(1, name)
              .exec()
              .ok());
}

}  // namespace

TEST_CASE("daily backup names carry the UTC stamp and only they are rotated") {
  CHECK(daily_backup_name("2026-12-04T02:30:00Z") == "memberdesk-2026-12-04T02-30-00Z.db");
  CHECK(is_daily_backup_name("memberdesk-2026-12-04T02-30-00Z.db"));
  CHECK_FALSE(is_daily_backup_name("memberdesk-v12-2026-12-04T02-30-00Z.db"));
  CHECK_FALSE(is_daily_backup_name("memberdesk-before-restore-2026-12-04T02-30-00Z.db"));
  CHECK_FALSE(is_daily_backup_name("memberdesk-2026-12-04T02-30-00Z.db-wal"));
  CHECK_FALSE(is_daily_backup_name("mine.db"));
}

TEST_CASE("rotation keeps the newest daily backups and nothing else is touched") {
  std::vector<std::string> names = {"memberdesk-2026-12-03T02-30-00Z.db", "memberdesk-v3-2026-01-01T00-00-00Z.db",
                                    "memberdesk-2026-12-01T02-30-00Z.db", "memberdesk-2026-12-04T02-30-00Z.db",
                                    "memberdesk-2026-12-02T02-30-00Z.db", "notes.txt"};
  CHECK(backups_to_rotate(names, 2) ==
        std::vector<std::string>{"memberdesk-2026-12-01T02-30-00Z.db", "memberdesk-2026-12-02T02-30-00Z.db"});
  CHECK(backups_to_rotate(names, 4).empty());
  CHECK(backups_to_rotate(names, 0).empty());

  TempDir dir;
  for (const auto& n : names) touch(dir.path + "/" + n);
  touch(dir.path + "/memberdesk-2026-12-01T02-30-00Z.db-wal");
  auto removed = rotate_backups(dir.path, 3);
  REQUIRE(removed.ok());
  CHECK(removed->size() == 1);
  CHECK_FALSE(fs::exists(dir.path + "/memberdesk-2026-12-01T02-30-00Z.db"));
  CHECK_FALSE(fs::exists(dir.path + "/memberdesk-2026-12-01T02-30-00Z.db-wal"));
  CHECK(fs::exists(dir.path + "/memberdesk-2026-12-02T02-30-00Z.db"));
  CHECK(fs::exists(dir.path + "/memberdesk-v3-2026-01-01T00-00-00Z.db"));
  CHECK(fs::exists(dir.path + "/notes.txt"));
}

TEST_CASE("a second lock on the database is refused while the first is held") {
  TempDir dir;
  const std::string path = dir.path + "/state/md.db";
  {
    auto first = DatabaseLock::acquire(path);
    REQUIRE(first.ok());
    CHECK(fs::exists(path));
    auto second = DatabaseLock::acquire(path);
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().code == "database_in_use");
  }
  CHECK(DatabaseLock::acquire(path).ok());
}

TEST_CASE("check_backup accepts a Member Desk database and refuses others") {
  TempDir dir;
  make_db(dir.path + "/good.db", "甲");
  auto good = check_backup(dir.path + "/good.db");
  REQUIRE(good.ok());
  CHECK(good->schema_version == latest_schema_version());

  touch(dir.path + "/junk.db", std::string(8192, 'j'));
  auto junk = check_backup(dir.path + "/junk.db");
  REQUIRE_FALSE(junk.ok());
  CHECK(junk.error().code == "backup_refused");
  CHECK(junk.error().message.find("not a SQLite database") != std::string::npos);

  {
    auto other = open_db(dir.path + "/other.db");
    REQUIRE(other);
    REQUIRE(other->exec_script("CREATE TABLE t(x); INSERT INTO t VALUES (1);").ok());
  }
  auto other = check_backup(dir.path + "/other.db");
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().message.find("not a Member Desk database") != std::string::npos);

  {
    auto newer = open_db(dir.path + "/good.db");
    REQUIRE(newer);
    REQUIRE(newer->exec_script("PRAGMA user_version = 100000").ok());
  }
  CHECK_FALSE(check_backup(dir.path + "/good.db").ok());
}

TEST_CASE("restore_backup replaces the database and keeps the old one") {
  TempDir dir;
  const std::string db = dir.path + "/md.db";
  make_db(dir.path + "/backup.db", "旧名称");
  make_db(db, "新名称");
  touch(db + "-shm", "stale");
  auto report = restore_backup(dir.path + "/backup.db", db, dir.path + "/backups");
  REQUIRE(report.ok());
  CHECK(report->schema_version == latest_schema_version());
  CHECK_FALSE(fs::exists(db + ".restore-tmp"));
  CHECK(member_name(db) == "旧名称");
  REQUIRE_FALSE(report->previous_copy.empty());
  CHECK(member_name(report->previous_copy) == "新名称");

  // A refused backup leaves the database as it was.
  touch(dir.path + "/junk.db", std::string(8192, 'j'));
  auto refused = restore_backup(dir.path + "/junk.db", db, dir.path + "/backups");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.rfind(dir.path + "/junk.db: ", 0) == 0);
  CHECK(member_name(db) == "旧名称");
  CHECK_FALSE(fs::exists(db + ".restore-tmp"));
  CHECK(restore_backup(dir.path + "/missing.db", db, dir.path + "/backups").error().code == "backup_missing");
}
