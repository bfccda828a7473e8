// A fresh SQLite database file in a temp folder, removed afterwards.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "store/db.h"

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/md-unit-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

inline std::unique_ptr<md::store::Db> open_db(const std::string& path) {
  auto db = md::store::Db::open(path);
  if (!db.ok()) return nullptr;
  return std::move(db).value();
}
