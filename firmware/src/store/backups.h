// Backups on the appliance: the daily backups' rotation, the daemon's lock on its database and
// `memberdeskctl restore`.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace md::store {

// An advisory flock(2) on the database file. The daemon holds it exclusively for its whole life,
// so restore can tell reliably whether a daemon uses the file: the kernel drops the lock when the
// process ends however it ends (no stale pid file), it does not depend on the listen address or
// on the daemon answering HTTP, and it works inside the systemd sandbox (the file is in the state
// directory). On Linux flock locks are separate from the POSIX locks SQLite takes, so the two do
// not interfere; the descriptor stays open until the lock is released.
class DatabaseLock {
 public:
  // Locks `db_path` (created empty if missing) without waiting. A conflict is kConflict with
  // code "database_in_use".
  static Result<DatabaseLock> acquire(const std::string& db_path);
  DatabaseLock(DatabaseLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DatabaseLock& operator=(DatabaseLock&&) = delete;
  DatabaseLock(const DatabaseLock&) = delete;
  ~DatabaseLock();

 private:
  explicit DatabaseLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

// Daily backups made by `memberdeskctl backup` without a path: memberdesk-<UTC stamp>.db. Other
// files in backup_dir (pre-migration memberdesk-vN-…, pre-restore, copies people put there) are
// never rotated.
std::string daily_backup_name(const std::string& utc_iso_stamp);
bool is_daily_backup_name(const std::string& file_name);
// Of the file names given, the daily backups beyond the newest `keep` (0 keeps all), oldest first.
std::vector<std::string> backups_to_rotate(std::vector<std::string> file_names, int keep);
// Deletes what backups_to_rotate picks in `dir`; returns the paths removed.
Result<std::vector<std::string>> rotate_backups(const std::string& dir, int keep);

// What a checked backup holds.
struct BackupInfo {
  int schema_version = 0;
};
// Opens `path` and checks it is an intact Member Desk database this program can run on:
// PRAGMA integrity_check is "ok", it has the migrations table, and its user_version is between 1
// and latest_schema_version() and agrees with the migrations table. kInvalidArgument otherwise,
// with the reason.
Result<BackupInfo> check_backup(const std::string& path);

struct RestoreReport {
  int schema_version = 0;
  std::string previous_copy;  // where the database that was replaced is kept ("" if none)
};
// Replaces the database at `db_path` with `backup_path`. REQUIRES: the caller holds the
// DatabaseLock of db_path. Copies the backup next to the database, checks the copy (check_backup),
// keeps the current database in `keep_dir` (memberdesk-before-restore-<stamp>.db, by SQLite's
// backup API, or as raw files if it is too damaged for that), removes the old -wal/-shm and
// renames the copy into place. On failure the current database is untouched.
Result<RestoreReport> restore_backup(const std::string& backup_path, const std::string& db_path,
                                     const std::string& keep_dir);

}  // namespace md::store
