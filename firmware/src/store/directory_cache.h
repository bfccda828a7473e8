// Keeps the in-memory 会员名录 index in step with the database. Any change to a member (from
// the daemon, memberdeskctl or an import) bumps meta.directory_rev by trigger; the next search
// sees the new revision and rebuilds. A new day rebuilds too (validity may have run out).
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "core/result.h"
#include "domain/directory_index.h"
#include "store/db.h"

namespace md::store {

class DirectoryCache {
 public:
  Result<std::shared_ptr<const domain::DirectoryIndex>> current(Db& db);

 private:
  std::mutex rebuild_mu_;  // one rebuild at a time
  std::mutex ptr_mu_;      // guards the three fields below
  std::shared_ptr<const domain::DirectoryIndex> index_;
  int64_t revision_ = -1;
  std::string day_;
};

// Today's date in Asia/Shanghai (the association's calendar), ISO "YYYY-MM-DD".
std::string today_shanghai();

}  // namespace md::store
