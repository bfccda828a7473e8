#include "store/dues_history_repo.h"

namespace md::store {

Result<std::vector<DuesHistoryRow>> DuesHistoryRepo::rows(int64_t member_id, int64_t agency_id) {
  std::vector<DuesHistoryRow> out;
  if (member_id == 0 && agency_id == 0) return out;
  auto st = db_.prepare(
      "SELECT i.member_id, m.login_id, i.year, o.id, o.status, o.created_at, m.name, m.type, "
      "i.fee_class, i.amount_fen, o.order_no, o.paid_at, o.paid_method, o.payer_id, p.name, "
      "COALESCE(p.agency_id, 0) "
      "FROM dues_order_items i JOIN dues_orders o ON o.id = i.order_id "
      "JOIN members m ON m.id = i.member_id JOIN members p ON p.id = o.payer_id "
      "WHERE (?1 = 0 OR i.member_id = ?1) AND (?2 = 0 OR (m.agency_id = ?2 AND m.type = "
      "'attorney'))");
  st.bind(1, member_id).bind(2, agency_id);
  while (st.step()) {
    DuesHistoryRow r;
    r.entry = {st.col_int(0), st.col_text(1), static_cast<int>(st.col_int(2)), st.col_int(3),
               st.col_text(4), st.col_text(5)};
    r.member_name = st.col_text(6);
    r.member_type = st.col_text(7);
    r.fee_class = st.col_text(8);
    r.amount_fen = st.col_int(9);
    r.order_no = st.col_text(10);
    r.paid_at = st.col_opt_text(11);
    r.paid_method = st.col_opt_text(12);
    r.payer_id = st.col_int(13);
    r.payer_name = st.col_text(14);
    r.payer_agency_id = st.col_int(15);
    out.push_back(std::move(r));
  }
  if (!st.status().ok()) return st.status().error();
  return out;
}

Result<std::vector<HistoryAttorney>> DuesHistoryRepo::attorneys_of(int64_t agency_id) {
  std::vector<HistoryAttorney> out;
  auto st = db_.prepare(
      "SELECT id, login_id, name FROM members WHERE agency_id = ? AND type = 'attorney' ORDER BY "
      "login_id");
  st.bind(1, agency_id);
  while (st.step()) out.push_back({st.col_int(0), st.col_text(1), st.col_text(2)});
  if (!st.status().ok()) return st.status().error();
  return out;
}

}  // namespace md::store
