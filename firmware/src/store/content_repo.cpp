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

Result<bool> ContentRepo::update_page(const Page& p) {
  auto r = db_.prepare("UPDATE pages SET title = ?, body = ?, updated_at = ? WHERE slug = ?")
               .bind(1, p.title)
               .bind(2, p.body)
               .bind(3, utc_now_iso())
               .bind(4, p.slug)
               .exec();
  if (!r.ok()) return r.error();
  return *r > 0;
}

}  // namespace md::store
