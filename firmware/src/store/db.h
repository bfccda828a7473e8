// SQLite connection and prepared statements as RAII types.
// Every query goes through Statement: parameters are bound, never spliced into SQL text.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace md::store {

class Db;

// A prepared statement owned by its Db's cache; reset on construction and destruction.
class Statement {
 public:
  Statement(Db& db, sqlite3_stmt* stmt);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binding by 1-based index; chainable.
  Statement& bind(int index, int64_t v);
  Statement& bind(int index, int v) { return bind(index, static_cast<int64_t>(v)); }
  Statement& bind(int index, std::string_view v);
  Statement& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
  Statement& bind(int index, const std::string& v) { return bind(index, std::string_view(v)); }
  Statement& bind(int index, const std::optional<std::string>& v);
  Statement& bind(int index, std::nullptr_t);

  // Advances: true while a row is available. A failure is recorded (see status()).
  bool step();
  // Runs to completion (INSERT/UPDATE/DELETE); the number of rows changed.
  Result<int64_t> exec();

  int64_t col_int(int i) const;
  std::string col_text(int i) const;
  std::optional<std::string> col_opt_text(int i) const;
  bool col_null(int i) const;

  const Status& status() const { return status_; }

 private:
  Db& db_;
  sqlite3_stmt* stmt_;
  Status status_;
};

// One connection. Not thread-safe: the Store hands each request its own (see pool.h).
class Db {
 public:
  enum class Sync { kNormal, kFull };
  static Result<std::unique_ptr<Db>> open(const std::string& path, Sync sync = Sync::kFull);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // A cached prepared statement for this SQL text.
  Statement prepare(std::string_view sql);
  // Runs one or more statements with no parameters (DDL, PRAGMA).
  Status exec_script(const std::string& sql);
  int64_t last_insert_id() const;
  sqlite3* raw() { return db_; }
  Error last_error(std::string_view what) const;

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

// BEGIN IMMEDIATE … COMMIT, rolled back unless commit() succeeds.
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  Status commit();
  const Status& begun() const { return begun_; }

 private:
  Db& db_;
  Status begun_;
  bool done_ = false;
};

// The first row of a query read by `read(Statement&)`, nothing when there is none, or the error.
template <typename T, typename Read>
Result<std::optional<T>> first_row(Statement& st, Read read) {
  if (st.step()) return std::optional<T>(read(st));
  if (!st.status().ok()) return st.status().error();
  return std::optional<T>();
}

// Current UTC time as ISO 8601 "YYYY-MM-DDTHH:MM:SSZ" (how times are stored).
std::string utc_now_iso();

}  // namespace md::store
