#include "store/cert_mail_repo.h"

namespace md::store {
namespace {

constexpr const char* kSelect =
    "SELECT r.id, r.member_id, r.certificate_id, r.recipient, r.phone, r.address, r.status, "
    "r.created_at, r.handled_at, r.handled_by, r.courier, r.tracking_no, r.cancel_reason, "
    "m.type, m.login_id, m.name, m.member_no, c.cert_no, c.year "
    "FROM cert_mail_requests r JOIN members m ON m.id = r.member_id "
    "JOIN certificates c ON c.id = r.certificate_id ";

CertMailRequest read_row(Statement& st) {
  CertMailRequest r;
  r.id = st.col_int(0);
  r.member_id = st.col_int(1);
  r.certificate_id = st.col_int(2);
  r.recipient = st.col_text(3);
  r.phone = st.col_text(4);
  r.address = st.col_text(5);
  r.status = st.col_text(6);
  r.created_at = st.col_text(7);
  r.handled_at = st.col_opt_text(8);
  r.handled_by = st.col_opt_text(9);
  r.courier = st.col_opt_text(10);
  r.tracking_no = st.col_opt_text(11);
  r.cancel_reason = st.col_opt_text(12);
  r.member_type = st.col_text(13);
  r.member_login = st.col_text(14);
  r.member_name = st.col_text(15);
  r.member_no = st.col_opt_text(16);
  r.cert_no = st.col_text(17);
  r.cert_year = static_cast<int>(st.col_int(18));
  return r;
}

}  // namespace

Result<int64_t> CertMailRepo::create(int64_t member_id, int64_t certificate_id,
                                     const std::string& recipient, const std::string& phone,
                                     const std::string& address) {
  auto open = db_.prepare(
      "SELECT 1 FROM cert_mail_requests WHERE member_id = ? AND status = 'pending'");
  open.bind(1, member_id);
  if (open.step())
    return make_error(ErrorKind::kConflict, "already_pending",
                      "您已有一份待寄出的邮寄申请，请等待协会寄出");
  if (!open.status().ok()) return open.status().error();
  auto r = db_.prepare(
                  "INSERT INTO cert_mail_requests(member_id, certificate_id, recipient, phone, "
                  "address, status, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)")
               .bind(1, member_id)
               .bind(2, certificate_id)
               .bind(3, recipient)
               .bind(4, phone)
               .bind(5, address)
               .bind(6, utc_now_iso())
               .exec();
  if (!r.ok()) return r.error();
  return db_.last_insert_id();
}

Result<std::optional<CertMailRequest>> CertMailRepo::find(int64_t id) {
  auto st = db_.prepare(std::string(kSelect) + "WHERE r.id = ?");
  st.bind(1, id);
  return first_row<CertMailRequest>(st, read_row);
}

Result<std::vector<CertMailRequest>> CertMailRepo::for_member(int64_t member_id, int limit) {
  auto st = db_.prepare(std::string(kSelect) + "WHERE r.member_id = ? ORDER BY r.id DESC LIMIT ?");
  st.bind(1, member_id).bind(2, limit);
  std::vector<CertMailRequest> out;
  while (st.step()) out.push_back(read_row(st));
  if (!st.status().ok()) return st.status().error();
  return out;
}

Result<CertMailPage> CertMailRepo::list(const std::string& status, int page, int page_size) {
  CertMailPage out;
  auto count = db_.prepare("SELECT COUNT(*) FROM cert_mail_requests WHERE ? = '' OR status = ?");
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

Result<bool> CertMailRepo::mark_sent(int64_t id, const std::string& by, const std::string& courier,
                                     const std::string& tracking_no) {
  auto r = db_.prepare(
                  "UPDATE cert_mail_requests SET status = 'sent', handled_at = ?, handled_by = ?, "
                  "courier = ?, tracking_no = ? WHERE id = ? AND status = 'pending'")
               .bind(1, utc_now_iso())
               .bind(2, by)
               .bind(3, courier)
               .bind(4, tracking_no)
               .bind(5, id)
               .exec();
  if (!r.ok()) return r.error();
  return *r > 0;
}

Result<bool> CertMailRepo::cancel(int64_t id, const std::string& by, const std::string& reason) {
  auto r = db_.prepare(
                  "UPDATE cert_mail_requests SET status = 'cancelled', handled_at = ?, "
                  "handled_by = ?, cancel_reason = ? WHERE id = ? AND status = 'pending'")
               .bind(1, utc_now_iso())
               .bind(2, by)
               .bind(3, reason)
               .bind(4, id)
               .exec();
  if (!r.ok()) return r.error();
  return *r > 0;
}

}  // namespace md::store
