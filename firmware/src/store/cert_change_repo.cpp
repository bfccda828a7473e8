#include "store/cert_change_repo.h"

namespace md::store {
namespace {

constexpr const char* kSelect =
    "SELECT r.id, r.member_id, r.before_json, r.after_json, r.note, r.status, r.created_at, "
    "r.decided_at, r.decided_by, r.decision_reason, m.type, m.login_id, m.name, m.member_no "
    "FROM cert_change_requests r JOIN members m ON m.id = r.member_id ";

CertChangeRequest read_row(Statement& st) {
  CertChangeRequest r;
  r.id = st.col_int(0);
  r.member_id = st.col_int(1);
  r.before_json = st.col_text(2);
  r.after_json = st.col_text(3);
  r.note = st.col_text(4);
  r.status = st.col_text(5);
  r.created_at = st.col_text(6);
  r.decided_at = st.col_opt_text(7);
  r.decided_by = st.col_opt_text(8);
  r.decision_reason = st.col_opt_text(9);
  r.member_type = st.col_text(10);
  r.member_login = st.col_text(11);
  r.member_name = st.col_text(12);
  r.member_no = st.col_opt_text(13);
  return r;
}

}  // namespace

Result<int64_t> CertChangeRepo::create(int64_t member_id, const std::string& before_json,
                                       const std::string& after_json, const std::string& note) {
  auto open = db_.prepare(
      "SELECT 1 FROM cert_change_requests WHERE member_id = ? AND status = 'pending'");
  open.bind(1, member_id);
  if (open.step())
    return make_error(ErrorKind::kConflict, "already_pending",
                      "您已有一份待审核的会员证信息修改申请，请等待审核或先撤回");
  if (!open.status().ok()) return open.status().error();
  auto r = db_.prepare(
                  "INSERT INTO cert_change_requests(member_id, before_json, after_json, note, "
                  "status, created_at) VALUES (?, ?, ?, ?, 'pending', ?)")
               .bind(1, member_id)
               .bind(2, before_json)
               .bind(3, after_json)
               .bind(4, note)
               .bind(5, utc_now_iso())
               .exec();
  if (!r.ok()) return r.error();
  return db_.last_insert_id();
}

Result<std::optional<CertChangeRequest>> CertChangeRepo::find(int64_t id) {
  auto st = db_.prepare(std::string(kSelect) + "WHERE r.id = ?");
  st.bind(1, id);
  return first_row<CertChangeRequest>(st, read_row);
}

Result<std::vector<CertChangeRequest>> CertChangeRepo::for_member(int64_t member_id, int limit) {
  auto st = db_.prepare(std::string(kSelect) + "WHERE r.member_id = ? ORDER BY r.id DESC LIMIT ?");
  st.bind(1, member_id).bind(2, limit);
  std::vector<CertChangeRequest> out;
  while (st.step()) out.push_back(read_row(st));
  if (!st.status().ok()) return st.status().error();
  return out;
}

Result<CertChangePage> CertChangeRepo::list(const std::string& status, int page, int page_size) {
  CertChangePage out;
  auto count = db_.prepare("SELECT COUNT(*) FROM cert_change_requests WHERE ? = '' OR status = ?");
  count.bind(1, status).bind(2, status);
  if (count.step()) out.total = count.col_int(0);
  if (!count.status().ok()) return count.status().error();
  const char* order = status == "pending" ? "ORDER BY r.id " : "ORDER BY r.id DESC ";
  auto st = db_.prepare(std::string(kSelect) + "WHERE ? = '' OR r.status = ? " + order +
                        "LIMIT ? OFFSET ?");
  st.bind(1, status).bind(2, status).bind(3, page_size).bind(4, (page - 1) * page_size);
  while (st.step()) out.items.push_back(read_row(st));
  if (!st.status().ok()) return st.status().error();
  return out;
}

Result<bool> CertChangeRepo::decide(int64_t id, const std::string& status, const std::string& by,
                                    const std::optional<std::string>& decision_reason) {
  auto r = db_.prepare(
                  "UPDATE cert_change_requests SET status = ?, decided_at = ?, decided_by = ?, "
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

Result<bool> CertChangeRepo::qualification_taken(const std::string& qualification_no,
                                                 int64_t except_member) {
  auto st = db_.prepare(
      "SELECT 1 FROM members WHERE id != ? AND ((type = 'attorney' AND login_id = ?) OR "
      "(type = 'non_practicing' AND json_extract(profile_json, '$.qualification_no') = ?)) "
      "LIMIT 1");
  st.bind(1, except_member).bind(2, qualification_no).bind(3, qualification_no);
  const bool taken = st.step();
  if (!st.status().ok()) return st.status().error();
  return taken;
}

}  // namespace md::store
