#include "store/backups.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <regex>

#include "store/db.h"
#include "store/migrations.h"

namespace md::store {
namespace fs = std::filesystem;
namespace {

std::string file_stamp() {
  std::string stamp = utc_now_iso();
  std::replace(stamp.begin(), stamp.end(), ':', '-');
  return stamp;
}

// A raw sqlite3 handle closed on scope exit (no pragmas: these files are only read or copied).
struct Handle {
  sqlite3* db = nullptr;
  ~Handle() { sqlite3_close(db); }
};

// The first column of every row of `sql`; an error when the statement cannot run.
Result<std::vector<std::string>> column(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK)
    return make_error(ErrorKind::kInvalidArgument, "backup_unreadable", sqlite3_errmsg(db));
  std::vector<std::string> rows;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(st, 0);
    rows.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return make_error(ErrorKind::kInvalidArgument, "backup_unreadable", sqlite3_errmsg(db));
  return rows;
}

Error refused(const std::string& path, const std::string& why) {
  return make_error(ErrorKind::kInvalidArgument, "backup_refused", path + ": " + why);
}

// Copies the open database `src` to `dest` with SQLite's backup API (reads through its WAL).
Status sqlite_copy(const std::string& src, const std::string& dest) {
  Handle in, out;
  if (sqlite3_open_v2(src.c_str(), &in.db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK ||
      sqlite3_open(dest.c_str(), &out.db) != SQLITE_OK)
    return make_error(ErrorKind::kUnavailable, "copy_open", "cannot open " + src + " or " + dest);
  sqlite3_backup* b = sqlite3_backup_init(out.db, "main", in.db, "main");
  const int rc = b ? sqlite3_backup_step(b, -1) : sqlite3_errcode(out.db);
  if (b) sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE)
    return make_error(ErrorKind::kInternal, "copy_failed", src + " -> " + dest + ": " + sqlite3_errmsg(out.db));
  return Status::success();
}

// When root restores, the files it writes belong to whoever owned the database (the daemon's user).
void give_to(const std::string& path, uid_t uid, gid_t gid) {
  if (geteuid() == 0 && (::chown(path.c_str(), uid, gid) != 0 || ::chmod(path.c_str(), 0640) != 0))
    std::fprintf(stderr, "memberdeskctl: could not set the owner of %s: %s\n", path.c_str(), std::strerror(errno));
}

}  // namespace

Result<DatabaseLock> DatabaseLock::acquire(const std::string& db_path) {
  fs::path p(db_path);
  std::error_code ec;
  if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
  // O_RDONLY is enough for flock, so the daemon's user can lock a file root created and back.
  const int fd = ::open(db_path.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0)
    return make_error(ErrorKind::kUnavailable, "database_open", "cannot open " + db_path + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK)
      return make_error(ErrorKind::kConflict, "database_in_use",
                        db_path + " is in use by a running memberdesk daemon");
    return make_error(ErrorKind::kUnavailable, "database_lock", "cannot lock " + db_path + ": " + std::strerror(err));
  }
  return DatabaseLock(fd);
}

DatabaseLock::~DatabaseLock() {
  if (fd_ >= 0) ::close(fd_);
}

std::string daily_backup_name(const std::string& utc_iso_stamp) {
  std::string stamp = utc_iso_stamp;
  std::replace(stamp.begin(), stamp.end(), ':', '-');
  return "memberdesk-" + stamp + ".db";
}

bool is_daily_backup_name(const std::string& file_name) {
  static const std::regex re(R"(memberdesk-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.db)");
  return std::regex_match(file_name, re);
}

std::vector<std::string> backups_to_rotate(std::vector<std::string> file_names, int keep) {
  std::vector<std::string> daily;
  for (auto& n : file_names)
    if (is_daily_backup_name(n)) daily.push_back(std::move(n));
  if (keep <= 0 || static_cast<int>(daily.size()) <= keep) return {};
  std::sort(daily.begin(), daily.end());  // the UTC stamp sorts by time
  daily.resize(daily.size() - static_cast<size_t>(keep));
  return daily;
}

Result<std::vector<std::string>> rotate_backups(const std::string& dir, int keep) {
  std::error_code ec;
  std::vector<std::string> names;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file()) names.push_back(it->path().filename().string());
  if (ec) return make_error(ErrorKind::kUnavailable, "backup_dir", "cannot list " + dir + ": " + ec.message());
  std::vector<std::string> removed;
  for (const auto& n : backups_to_rotate(std::move(names), keep)) {
    const fs::path p = fs::path(dir) / n;
    if (!fs::remove(p, ec) && ec)
      return make_error(ErrorKind::kUnavailable, "backup_rotate", "cannot remove " + p.string() + ": " + ec.message());
    fs::remove(p.string() + "-wal", ec);
    fs::remove(p.string() + "-shm", ec);
    removed.push_back(p.string());
  }
  return removed;
}

Result<BackupInfo> check_backup(const std::string& path) {
  Handle h;
  if (sqlite3_open_v2(path.c_str(), &h.db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
    return refused(path, std::string("cannot open: ") + sqlite3_errmsg(h.db));
  auto integrity = column(h.db, "PRAGMA integrity_check");
  if (!integrity.ok()) return refused(path, "not a SQLite database or damaged (" + integrity.error().message + ")");
  if (integrity->size() != 1 || integrity->front() != "ok") {
    std::string first = integrity->empty() ? "no answer" : integrity->front();
    return refused(path, "damaged: PRAGMA integrity_check reports " + first);
  }
  auto has_table = column(h.db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'migrations'");
  if (!has_table.ok()) return refused(path, has_table.error().message);
  if (has_table->empty()) return refused(path, "not a Member Desk database (no migrations table)");
  auto version = column(h.db, "PRAGMA user_version");
  auto ladder = column(h.db, "SELECT COALESCE(MAX(version), 0) FROM migrations");
  if (!version.ok() || !ladder.ok() || version->empty() || ladder->empty())
    return refused(path, "cannot read its schema version");
  const int v = std::atoi(version->front().c_str());
  if (v < 1 || std::to_string(v) != ladder->front())
    return refused(path, "not a Member Desk database (user_version " + version->front() +
                             ", migrations up to " + ladder->front() + ")");
  if (v > latest_schema_version())
    return refused(path, "schema v" + std::to_string(v) + " is newer than this program (v" +
                             std::to_string(latest_schema_version()) + ")");
  return BackupInfo{v};
}

Result<RestoreReport> restore_backup(const std::string& backup_path, const std::string& db_path,
                                     const std::string& keep_dir) {
  std::error_code ec;
  if (!fs::is_regular_file(backup_path, ec))
    return make_error(ErrorKind::kNotFound, "backup_missing", backup_path + ": no such file");
  const std::string staged = db_path + ".restore-tmp";
  auto discard_staged = [&] {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(staged + suffix, ec);
  };
  discard_staged();
  // Check the very bytes that will be installed, in the database's own folder (one rename away).
  if (!fs::copy_file(backup_path, staged, fs::copy_options::overwrite_existing, ec))
    return make_error(ErrorKind::kUnavailable, "restore_copy", "cannot copy " + backup_path + " to " + staged + ": " + ec.message());
  auto info = check_backup(staged);
  if (!info.ok()) {
    discard_staged();
    Error e = info.error();
    e.message = backup_path + e.message.substr(staged.size());
    return e;
  }

  RestoreReport report;
  report.schema_version = info->schema_version;
  // The owner of the database being replaced; of its folder when there is none yet (an empty
  // file is what DatabaseLock leaves where no database was).
  struct stat owner {};
  bool have_owner = ::stat(db_path.c_str(), &owner) == 0 && owner.st_size > 0;
  if (!have_owner) have_owner = ::stat(fs::path(db_path).parent_path().c_str(), &owner) == 0;
  if (fs::exists(db_path, ec) && fs::file_size(db_path, ec) > 0) {
    fs::create_directories(keep_dir, ec);
    report.previous_copy = keep_dir + "/memberdesk-before-restore-" + file_stamp() + ".db";
    if (!sqlite_copy(db_path, report.previous_copy).ok()) {
      // Too damaged for SQLite: keep the raw files instead (a restore is often why one is here).
      for (const char* suffix : {"", "-wal"}) {
        if (!fs::exists(db_path + suffix, ec)) continue;
        if (!fs::copy_file(db_path + suffix, report.previous_copy + suffix, fs::copy_options::overwrite_existing, ec)) {
          discard_staged();
          return make_error(ErrorKind::kUnavailable, "restore_keep",
                            "cannot keep a copy of " + db_path + suffix + ": " + ec.message() + "; nothing was changed");
        }
        if (have_owner) give_to(report.previous_copy + suffix, owner.st_uid, owner.st_gid);
      }
    } else if (have_owner) {
      give_to(report.previous_copy, owner.st_uid, owner.st_gid);
    }
  }
  // A stale WAL would be replayed onto the restored file: remove it before the rename.
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    if (!fs::remove(db_path + suffix, ec) && ec) {
      discard_staged();
      return make_error(ErrorKind::kUnavailable, "restore_wal", "cannot remove " + db_path + suffix + ": " + ec.message());
    }
  }
  if (have_owner) give_to(staged, owner.st_uid, owner.st_gid);
  fs::rename(staged, db_path, ec);
  if (ec) {
    discard_staged();
    return make_error(ErrorKind::kUnavailable, "restore_rename", "cannot move " + staged + " to " + db_path + ": " + ec.message());
  }
  if (const int dir = ::open(fs::path(db_path).parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return report;
}

}  // namespace md::store
