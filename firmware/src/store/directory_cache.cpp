#include "store/directory_cache.h"

#include <ctime>

#include "store/member_repo.h"

namespace md::store {

std::string today_shanghai() {
  // China has had no daylight saving time since 1991: UTC+8 is exact.
  std::time_t t = std::time(nullptr) + 8 * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

Result<std::shared_ptr<const domain::DirectoryIndex>> DirectoryCache::current(Db& db) {
  MemberRepo members(db);
  auto rev = members.directory_revision();
  if (!rev.ok()) return rev.error();
  const std::string today = today_shanghai();
  {
    std::lock_guard lock(ptr_mu_);
    if (index_ && revision_ == *rev && day_ == today) return index_;
  }
  std::lock_guard rebuild(rebuild_mu_);
  {
    std::lock_guard lock(ptr_mu_);  // another thread may have rebuilt meanwhile
    if (index_ && revision_ >= *rev && day_ == today) return index_;
  }
  std::vector<domain::DirectoryEntry> entries;
  Status st = members.for_each_listed([&](const std::string& name, const std::string& no,
                                          const std::string& type, const std::string& until) {
    if (until >= today) entries.push_back({name, no, type, until});
  });
  if (!st.ok()) return st.error();
  auto index = std::make_shared<const domain::DirectoryIndex>(std::move(entries));
  std::lock_guard lock(ptr_mu_);
  index_ = index;
  revision_ = *rev;
  day_ = today;
  return index;
}

}  // namespace md::store
