// A fixed set of connections to one database file, lent to one request at a time.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/db.h"

namespace md::store {

class Pool;

// A borrowed connection, returned to the pool when the lease ends.
class Lease {
 public:
  Lease(Pool& pool, std::unique_ptr<Db> db) : pool_(&pool), db_(std::move(db)) {}
  Lease(Lease&& other) noexcept = default;
  ~Lease();
  Db& operator*() { return *db_; }
  Db* operator->() { return db_.get(); }

 private:
  Pool* pool_;
  std::unique_ptr<Db> db_;
};

class Pool {
 public:
  // Opens `size` connections. Run migrations on one connection before opening the pool.
  static Result<std::unique_ptr<Pool>> open(const std::string& path, int size);
  Lease acquire();  // waits while every connection is lent out

 private:
  friend class Lease;
  void release(std::unique_ptr<Db> db);
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Db>> free_;
};

}  // namespace md::store
