// Public content staff edit: FAQ entries and pages (入会指南, 章程).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/db.h"

namespace md::store {

struct FaqItem {
  int64_t id = 0;
  std::string question;
  std::string answer;
};

struct Page {
  std::string slug;
  std::string title;
  std::string body;
};

class ContentRepo {
 public:
  explicit ContentRepo(Db& db) : db_(db) {}
  Result<std::vector<FaqItem>> faq();
  Result<std::optional<Page>> page(const std::string& slug);
  // Replaces an existing page's title and body; false when there is no such page.
  Result<bool> update_page(const Page& p);

 private:
  Db& db_;
};

}  // namespace md::store
