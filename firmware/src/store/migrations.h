// The numbered migration ladder. Each rung runs once, in a transaction, and is recorded in the
// `migrations` table (and PRAGMA user_version). Rungs are never edited after they land: add one.
#pragma once

#include <string>

#include "core/result.h"
#include "store/db.h"

namespace md::store {

int latest_schema_version();
// The version recorded in the database (0 for a new file).
Result<int> schema_version(Db& db);
// Brings the schema up to `target` (default: latest). Before touching a database that already
// holds data, writes a consistent copy to backup_dir (SQLite backup API) and returns its path
// in *backup_path (empty when no backup was needed).
Status migrate(Db& db, const std::string& backup_dir, std::string* backup_path = nullptr,
               int target = -1);

// A consistent online copy of the open database (SQLite backup API).
Status backup_to(Db& db, const std::string& dest_path);

}  // namespace md::store
