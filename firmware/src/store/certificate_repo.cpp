#include "store/certificate_repo.h"

namespace md::store {
namespace {

constexpr const char* kSelect =
    "SELECT id, cert_no, member_id, year, version, member_no, member_type, name, valid_until, "
    "issued_on, payload, signature, status, issue_reason, issued_by, note, replaces_id, "
    "void_reason, voided_at, voided_by, created_at FROM certificates ";

CertificateRow read_row(Statement& st) {
  CertificateRow r;
  r.id = st.col_int(0);
  r.cert_no = st.col_text(1);
  r.member_id = st.col_int(2);
  r.year = static_cast<int>(st.col_int(3));
  r.version = static_cast<int>(st.col_int(4));
  r.member_no = st.col_text(5);
  r.member_type = st.col_text(6);
  r.name = st.col_text(7);
  r.valid_until = st.col_text(8);
  r.issued_on = st.col_text(9);
  r.payload = st.col_text(10);
  r.signature = st.col_text(11);
  r.status = st.col_text(12);
  r.issue_reason = st.col_text(13);
  r.issued_by = st.col_text(14);
  r.note = st.col_opt_text(15);
  if (!st.col_null(16)) r.replaces_id = st.col_int(16);
  r.void_reason = st.col_opt_text(17);
  r.voided_at = st.col_opt_text(18);
  r.voided_by = st.col_opt_text(19);
  r.created_at = st.col_text(20);
  return r;
}

Result<std::vector<CertificateRow>> all_rows(Statement& st) {
  std::vector<CertificateRow> out;
  while (st.step()) out.push_back(read_row(st));
  if (!st.status().ok()) return st.status().error();
  return out;
}

// LIKE pattern for a substring, with the user's % and _ taken literally.
std::string like_pattern(const std::string& q) {
  std::string p = "%";
  for (char c : q) {
    if (c == '%' || c == '_' || c == '\\') p += '\\';
    p += c;
  }
  return p + "%";
}

}  // namespace

Result<std::optional<CertificateRow>> CertificateRepo::find(int64_t id) {
  auto st = db_.prepare(std::string(kSelect) + "WHERE id = ?");
  st.bind(1, id);
  return first_row<CertificateRow>(st, read_row);
}

Result<std::optional<CertificateRow>> CertificateRepo::find_by_no(const std::string& cert_no) {
  auto st = db_.prepare(std::string(kSelect) + "WHERE cert_no = ?");
  st.bind(1, cert_no);
  return first_row<CertificateRow>(st, read_row);
}

Result<std::optional<CertificateRow>> CertificateRepo::valid_for(int64_t member_id, int year) {
  auto st = db_.prepare(std::string(kSelect) + "WHERE member_id = ? AND year = ? AND status = 'valid'");
  st.bind(1, member_id).bind(2, year);
  return first_row<CertificateRow>(st, read_row);
}

Result<std::vector<CertificateRow>> CertificateRepo::for_member(int64_t member_id) {
  auto st = db_.prepare(std::string(kSelect) + "WHERE member_id = ? ORDER BY year DESC, version DESC, id DESC");
  st.bind(1, member_id);
  return all_rows(st);
}

Result<int> CertificateRepo::next_sequence(int year) {
  auto st = db_.prepare("SELECT MAX(cert_no) FROM certificates WHERE year = ?");
  st.bind(1, year);
  if (!st.step()) {
    if (!st.status().ok()) return st.status().error();
    return 1;
  }
  if (st.col_null(0)) return 1;
  const std::string last = st.col_text(0);
  const int seq = last.size() == 10 ? std::stoi(last.substr(4)) + 1 : 1;
  if (seq > 999999)
    return make_error(ErrorKind::kConflict, "numbers_exhausted", "该年度证书编号已用完");
  return seq;
}

Result<int> CertificateRepo::last_version(int64_t member_id, int year) {
  auto st = db_.prepare("SELECT COALESCE(MAX(version), 0) FROM certificates WHERE member_id = ? AND year = ?");
  st.bind(1, member_id).bind(2, year);
  if (!st.step()) return st.status().ok() ? Result<int>(0) : Result<int>(st.status().error());
  return static_cast<int>(st.col_int(0));
}

Result<int64_t> CertificateRepo::insert(const CertificateRow& r) {
  auto st = db_.prepare(
      "INSERT INTO certificates(cert_no, member_id, year, version, member_no, member_type, name, "
      "valid_until, issued_on, payload, signature, status, issue_reason, issued_by, note, "
      "replaces_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,'valid',?,?,?,?,?)");
  st.bind(1, r.cert_no).bind(2, r.member_id).bind(3, r.year).bind(4, r.version).bind(5, r.member_no);
  st.bind(6, r.member_type).bind(7, r.name).bind(8, r.valid_until).bind(9, r.issued_on);
  st.bind(10, r.payload).bind(11, r.signature).bind(12, r.issue_reason).bind(13, r.issued_by);
  st.bind(14, r.note);
  if (r.replaces_id) st.bind(15, *r.replaces_id);
  else st.bind(15, nullptr);
  st.bind(16, utc_now_iso());
  auto n = st.exec();
  if (!n.ok()) return n.error();
  return db_.last_insert_id();
}

Status CertificateRepo::set_void(int64_t id, const std::string& reason, const std::string& by) {
  auto st = db_.prepare(
      "UPDATE certificates SET status = 'void', void_reason = ?, voided_at = ?, voided_by = ? "
      "WHERE id = ? AND status = 'valid'");
  st.bind(1, reason).bind(2, utc_now_iso()).bind(3, by).bind(4, id);
  auto n = st.exec();
  if (!n.ok()) return n.error();
  if (*n == 0) return make_error(ErrorKind::kConflict, "already_void", "该会员证已作废");
  return Status::success();
}

Result<std::vector<int64_t>> CertificateRepo::paid_without_certificate(int year) {
  auto st = db_.prepare(
      "SELECT id FROM members WHERE status = 'active' AND member_no IS NOT NULL AND valid_until >= ? "
      "AND id NOT IN (SELECT member_id FROM certificates WHERE year = ? AND status = 'valid') ORDER BY id");
  st.bind(1, std::to_string(year) + "-12-31").bind(2, year);
  std::vector<int64_t> out;
  while (st.step()) out.push_back(st.col_int(0));
  if (!st.status().ok()) return st.status().error();
  return out;
}

Result<std::vector<int64_t>> CertificateRepo::stale_valid() {
  auto st = db_.prepare(
      "SELECT c.id FROM certificates c JOIN members m ON m.id = c.member_id WHERE c.status = 'valid' AND "
      "(replace(replace(replace(replace(m.name, '|', '｜'), char(10), ' '), char(13), ' '), char(9), ' ') <> c.name OR m.member_no IS NULL OR m.member_no <> c.member_no) "
      "ORDER BY c.id");
  std::vector<int64_t> out;
  while (st.step()) out.push_back(st.col_int(0));
  if (!st.status().ok()) return st.status().error();
  return out;
}

Result<CertificatePage> CertificateRepo::search(const std::string& q, const std::string& status, int page,
                                                int page_size) {
  const std::string where =
      "WHERE (?1 = '' OR name LIKE ?2 ESCAPE '\\' OR cert_no LIKE ?2 ESCAPE '\\' OR member_no LIKE ?2 "
      "ESCAPE '\\') AND (?3 = '' OR status = ?3) ";
  CertificatePage out;
  {
    auto st = db_.prepare("SELECT COUNT(*) FROM certificates " + where);
    st.bind(1, q).bind(2, like_pattern(q)).bind(3, status);
    if (!st.step()) return st.status().error();
    out.total = st.col_int(0);
  }
  auto st = db_.prepare(std::string(kSelect) + where + "ORDER BY id DESC LIMIT ?4 OFFSET ?5");
  st.bind(1, q).bind(2, like_pattern(q)).bind(3, status).bind(4, page_size);
  st.bind(5, static_cast<int64_t>(page - 1) * page_size);
  auto rows = all_rows(st);
  if (!rows.ok()) return rows.error();
  out.items = std::move(rows).value();
  return out;
}

}  // namespace md::store
