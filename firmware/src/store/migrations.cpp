#include "store/migrations.h"

#include <filesystem>
#include <vector>

#include "store/seed_content.h"

namespace md::store {
namespace {

struct Rung {
  int version;
  const char* description;
  const char* sql;
};

// v1: members (all four types), their accounts, staff accounts, the audit log, and the
// directory revision counter that the in-memory search index watches.
constexpr const char* kV1 = R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO meta(key, value) VALUES ('directory_rev', 0);

CREATE TABLE members(
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('agency','attorney','industry_org','non_practicing')),
  login_id TEXT NOT NULL UNIQUE,      -- 机构代码 / 资格证号 / 统一社会信用代码 / 手机号
  name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'roster'
    CHECK (status IN ('roster','applied','approved_unpaid','active','withdrawn')),
  member_no TEXT UNIQUE,              -- 会员编号, assigned on approval
  valid_until TEXT,                   -- 'YYYY-MM-DD', last day of the paid year
  agency_id INTEGER REFERENCES members(id),  -- an attorney's practising agency
  uscc TEXT,                          -- 统一社会信用代码 (agency, industry_org)
  practice_no TEXT,                   -- 执业证号 (attorney)
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX members_agency ON members(agency_id);

CREATE TABLE accounts(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('member','staff')),
  login_id TEXT NOT NULL,
  -- NULL: the default password (the login id itself) is still in force; no hash is needed
  -- until the member sets a real password, which keeps a 40,000-row roster import fast.
  password_hash TEXT,
  member_id INTEGER UNIQUE REFERENCES members(id) ON DELETE CASCADE,
  display_name TEXT,                  -- staff only; members show members.name
  role TEXT CHECK (role IN ('admin','reviewer','finance','desk')),
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  password_changed_at TEXT,
  UNIQUE (kind, login_id),
  CHECK ((kind = 'staff') = (role IS NOT NULL)),
  CHECK ((kind = 'member') = (member_id IS NOT NULL))
);

CREATE TABLE audit_log(
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,                -- 'staff:LOGIN', 'member:LOGIN', 'ctl', 'system'
  action TEXT NOT NULL,
  object TEXT,
  before_json TEXT,
  after_json TEXT
);

CREATE TRIGGER members_directory_ins AFTER INSERT ON members
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'directory_rev'; END;
CREATE TRIGGER members_directory_upd AFTER UPDATE OF name, member_no, type, status, valid_until ON members
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'directory_rev'; END;
CREATE TRIGGER members_directory_del AFTER DELETE ON members
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'directory_rev'; END;
)SQL";

// v2: public content that staff edit: FAQ and pages (入会指南, 章程). Seeded in C++ below.
constexpr const char* kV2 = R"SQL(
CREATE TABLE faq(
  id INTEGER PRIMARY KEY,
  sort_order INTEGER NOT NULL,
  question TEXT NOT NULL,
  answer TEXT NOT NULL
);
CREATE TABLE pages(
  slug TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
)SQL";

const std::vector<Rung>& ladder() {
  static const std::vector<Rung> rungs = {
      {1, "members, accounts, audit log", kV1},
      {2, "public content: FAQ and pages", kV2},
  };
  return rungs;
}

Status seed_for(Db& db, int version) {
  if (version == 2) return seed_public_content(db);
  return Status::success();
}

Status ensure_migrations_table(Db& db) {
  return db.exec_script(
      "CREATE TABLE IF NOT EXISTS migrations(version INTEGER PRIMARY KEY, "
      "applied_at TEXT NOT NULL, description TEXT NOT NULL)");
}

}  // namespace

int latest_schema_version() { return ladder().back().version; }

Result<int> schema_version(Db& db) {
  auto st = db.prepare("PRAGMA user_version");
  if (st.step()) return static_cast<int>(st.col_int(0));
  return st.status().ok() ? 0 : Result<int>(st.status().error());
}

Status backup_to(Db& db, const std::string& dest_path) {
  std::error_code ec;
  std::filesystem::path dest(dest_path);
  if (dest.has_parent_path()) std::filesystem::create_directories(dest.parent_path(), ec);
  sqlite3* out = nullptr;
  if (sqlite3_open(dest_path.c_str(), &out) != SQLITE_OK) {
    sqlite3_close(out);
    return make_error(ErrorKind::kUnavailable, "backup_open", "cannot create " + dest_path);
  }
  sqlite3_backup* b = sqlite3_backup_init(out, "main", db.raw(), "main");
  int rc = b ? sqlite3_backup_step(b, -1) : sqlite3_errcode(out);
  if (b) sqlite3_backup_finish(b);
  std::string msg = sqlite3_errmsg(out);
  sqlite3_close(out);
  if (rc != SQLITE_DONE)
    return make_error(ErrorKind::kInternal, "backup_failed", "backup to " + dest_path + ": " + msg);
  return Status::success();
}

Status migrate(Db& db, const std::string& backup_dir, std::string* backup_path, int target) {
  if (backup_path) backup_path->clear();
  if (target < 0) target = latest_schema_version();
  auto current = schema_version(db);
  if (!current.ok()) return current.error();
  if (*current > latest_schema_version())
    return make_error(ErrorKind::kConflict, "schema_too_new",
                      "database schema v" + std::to_string(*current) +
                          " is newer than this program (v" +
                          std::to_string(latest_schema_version()) + "): refusing to start");
  if (*current >= target) return Status::success();

  if (*current > 0) {
    // Data exists: keep a consistent copy before any rung touches it.
    std::string stamp = utc_now_iso();
    for (char& c : stamp)
      if (c == ':') c = '-';
    std::string path = backup_dir + "/memberdesk-v" + std::to_string(*current) + "-" + stamp + ".db";
    MD_TRY(backup_to(db, path));
    if (backup_path) *backup_path = path;
  }

  MD_TRY(ensure_migrations_table(db));
  for (const auto& rung : ladder()) {
    if (rung.version <= *current || rung.version > target) continue;
    Transaction tx(db);
    MD_TRY(tx.begun());
    MD_TRY(db.exec_script(rung.sql));
    MD_TRY(seed_for(db, rung.version));
    MD_TRY(db.prepare("INSERT INTO migrations(version, applied_at, description) VALUES (?,?,?)")
               .bind(1, rung.version)
               .bind(2, utc_now_iso())
               .bind(3, rung.description)
               .exec());
    MD_TRY(db.exec_script("PRAGMA user_version = " + std::to_string(rung.version)));
    MD_TRY(tx.commit());
  }
  return Status::success();
}

}  // namespace md::store
