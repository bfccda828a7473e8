#include "store/content_repo.h"

namespace md::store {

Result<std::vector<FaqItem>> ContentRepo::faq() {
  auto st = db_.prepare("SELECT id, question, answer FROM faq ORDER BY sort_order, id");
  std::vector<FaqItem> items;
  while (st.step()) items.push_back({st.col_int(0), st.col_text(1), st.col_text(2)});
  if (!st.status().ok()) return st.status().error();
  return items;
}

Result<std::optional<Page>> ContentRepo::page(const std::string& slug) {
  auto st = db_.prepare("SELECT slug, title, body FROM pages WHERE slug = ?");
  st.bind(1, slug);
  if (st.step()) return std::optional<Page>(Page{st.col_text(0), st.col_text(1), st.col_text(2)});
  if (!st.status().ok()) return st.status().error();
  return std::optional<Page>();
}

}  // namespace md::store
