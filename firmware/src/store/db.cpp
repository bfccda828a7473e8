#include "store/db.h"

#include <ctime>

namespace md::store {

Statement::Statement(Db& db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {
  if (!stmt_) status_ = db_.last_error("prepare");
}

Statement::~Statement() {
  if (stmt_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Statement& Statement::bind(int index, int64_t v) {
  if (stmt_) sqlite3_bind_int64(stmt_, index, v);
  return *this;
}
Statement& Statement::bind(int index, std::string_view v) {
  if (stmt_) sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind(int index, const std::optional<std::string>& v) {
  if (!v) return bind(index, nullptr);
  return bind(index, std::string_view(*v));
}
Statement& Statement::bind(int index, std::nullptr_t) {
  if (stmt_) sqlite3_bind_null(stmt_, index);
  return *this;
}

bool Statement::step() {
  if (!stmt_ || !status_.ok()) return false;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) status_ = db_.last_error("step");
  return false;
}

Result<int64_t> Statement::exec() {
  while (step()) {
  }
  if (!status_.ok()) return status_.error();
  return static_cast<int64_t>(sqlite3_changes(db_.raw()));
}

int64_t Statement::col_int(int i) const { return sqlite3_column_int64(stmt_, i); }
std::string Statement::col_text(int i) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
  return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, i))) : std::string();
}
std::optional<std::string> Statement::col_opt_text(int i) const {
  if (col_null(i)) return std::nullopt;
  return col_text(i);
}
bool Statement::col_null(int i) const { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }

Result<std::unique_ptr<Db>> Db::open(const std::string& path, Sync sync) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = raw ? sqlite3_errmsg(raw) : "out of memory";
    sqlite3_close(raw);
    return make_error(ErrorKind::kUnavailable, "db_open", "cannot open " + path + ": " + msg);
  }
  std::unique_ptr<Db> db(new Db(raw));
  sqlite3_busy_timeout(raw, 5000);
  // WAL lets readers run beside the writer; FULL sync because payments will be recorded here.
  std::string pragmas = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=";
  pragmas += sync == Sync::kFull ? "FULL;" : "NORMAL;";
  Status st = db->exec_script(pragmas);
  if (!st.ok()) return st.error();
  return db;
}

Db::~Db() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Statement Db::prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return Statement(*this, it->second);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt, nullptr) != SQLITE_OK) {
    return Statement(*this, nullptr);
  }
  cache_.emplace(std::string(sql), stmt);
  return Statement(*this, stmt);
}

Status Db::exec_script(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return make_error(ErrorKind::kInternal, "db_exec", msg);
  }
  return Status::success();
}

int64_t Db::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

Error Db::last_error(std::string_view what) const {
  int code = sqlite3_extended_errcode(db_);
  ErrorKind kind = (code & 0xff) == SQLITE_CONSTRAINT ? ErrorKind::kConflict : ErrorKind::kInternal;
  return make_error(kind, (code & 0xff) == SQLITE_CONSTRAINT ? "db_constraint" : "db_error",
                    std::string(what) + ": " + sqlite3_errmsg(db_));
}

Transaction::Transaction(Db& db) : db_(db) { begun_ = db_.exec_script("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (begun_.ok() && !done_) (void)db_.exec_script("ROLLBACK");
}

Status Transaction::commit() {
  if (!begun_.ok()) return begun_;
  Status st = db_.exec_script("COMMIT");
  if (st.ok()) done_ = true;
  return st;
}

std::string utc_now_iso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace md::store
