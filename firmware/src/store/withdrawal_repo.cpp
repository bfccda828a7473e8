#include "store/withdrawal_repo.h"

namespace md::store {
namespace {

constexpr const char* kSelect =
    "SELECT w.id, w.member_id, w.reason, w.status, w.created_at, w.decided_at, w.decided_by, "
    "w.decision_reason, m.type, m.login_id, m.name, m.member_no "
    "FROM withdrawal_requests w JOIN members m ON m.id = w.member_id ";

WithdrawalRequest read_row(Statement& st) {
  WithdrawalRequest w;
  w.id = st.col_int(0);
  w.member_id = st.col_int(1);
  w.reason = st.col_text(2);
  w.status = st.col_text(3);
  w.created_at = st.col_text(4);
  w.decided_at = st.col_opt_text(5);
  w.decided_by = st.col_opt_text(6);
  w.decision_reason = st.col_opt_text(7);
  w.member_type = st.col_text(8);
  w.member_login = st.col_text(9);
  w.member_name = st.col_text(10);
  w.member_no = st.col_opt_text(11);
  return w;
}

}  // namespace

Result<int64_t> WithdrawalRepo::create(int64_t member_id, const std::string& reason) {
  auto open = db_.prepare(
      "SELECT 1 FROM withdrawal_requests WHERE member_id = ? AND status = 'pending'");
  open.bind(1, member_id);
  if (open.step())
    return make_error(ErrorKind::kConflict, "already_pending", "您已提交退会申请，请等待协会处理");
  if (!open.status().ok()) return open.status().error();
  auto r = db_.prepare(
                  "INSERT INTO withdrawal_requests(member_id, reason, status, created_at) "
                  "VALUES (?, ?, 'pending', ?)")
               .bind(1, member_id)
               .bind(2, reason)
               .bind(3, utc_now_iso())
               .exec();
  if (!r.ok()) return r.error();
  return db_.last_insert_id();
}

Result<std::optional<WithdrawalRequest>> WithdrawalRepo::find(int64_t id) {
  auto st = db_.prepare(std::string(kSelect) + "WHERE w.id = ?");
  st.bind(1, id);
  return first_row<WithdrawalRequest>(st, read_row);
}

Result<std::optional<WithdrawalRequest>> WithdrawalRepo::latest_for(int64_t member_id) {
  auto st = db_.prepare(std::string(kSelect) + "WHERE w.member_id = ? ORDER BY w.id DESC LIMIT 1");
  st.bind(1, member_id);
  return first_row<WithdrawalRequest>(st, read_row);
}

Result<WithdrawalPage> WithdrawalRepo::list(const std::string& status, int page, int page_size) {
  WithdrawalPage out;
  auto count = db_.prepare("SELECT COUNT(*) FROM withdrawal_requests WHERE ? = '' OR status = ?");
  count.bind(1, status).bind(2, status);
  if (count.step()) out.total = count.col_int(0);
  if (!count.status().ok()) return count.status().error();
  const char* order = status == "pending" ? "ORDER BY w.id " : "ORDER BY w.id DESC ";
  auto st = db_.prepare(std::string(kSelect) + "WHERE ? = '' OR w.status = ? " + order +
                        "LIMIT ? OFFSET ?");
  st.bind(1, status).bind(2, status).bind(3, page_size).bind(4, (page - 1) * page_size);
  while (st.step()) out.items.push_back(read_row(st));
  if (!st.status().ok()) return st.status().error();
  return out;
}

Result<bool> WithdrawalRepo::decide(int64_t id, const std::string& status, const std::string& by,
                                    const std::optional<std::string>& decision_reason) {
  auto r = db_.prepare(
                  "UPDATE withdrawal_requests SET status = ?, decided_at = ?, decided_by = ?, "
                  "decision_reason = ? WHERE id = ? AND status = 'pending'")
               .bind(1, status)
               .bind(2, utc_now_iso())
               .bind(3, by)
               .bind(4, decision_reason)
               .bind(5, id)
               .exec();
  if (!r.ok()) return r.error();
  return *r > 0;
}

}  // namespace md::store
