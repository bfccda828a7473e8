#include "store/pool.h"

namespace md::store {

Lease::~Lease() {
  if (db_) pool_->release(std::move(db_));
}

Result<std::unique_ptr<Pool>> Pool::open(const std::string& path, int size) {
  auto pool = std::make_unique<Pool>();
  for (int i = 0; i < size; ++i) {
    auto db = Db::open(path);
    if (!db.ok()) return db.error();
    pool->free_.push_back(std::move(db).value());
  }
  return pool;
}

Lease Pool::acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [this] { return !free_.empty(); });
  auto db = std::move(free_.back());
  free_.pop_back();
  return Lease(*this, std::move(db));
}

void Pool::release(std::unique_ptr<Db> db) {
  {
    std::lock_guard lock(mu_);
    free_.push_back(std::move(db));
  }
  cv_.notify_one();
}

}  // namespace md::store
