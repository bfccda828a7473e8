#include "store/application_repo.h"

namespace md::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, member_type, applicant_key, member_id, status, form_json, mobile, submitted_at, "
    "due_date, decided_at, decided_by, reject_reason, previous_id, "
    "COALESCE(json_extract(form_json, '$.org_name'), json_extract(form_json, '$.name'), '') "
    "FROM applications ";

Application read_row(Statement& st) {
  Application a;
  a.id = st.col_int(0);
  a.member_type = st.col_text(1);
  a.applicant_key = st.col_text(2);
  if (!st.col_null(3)) a.member_id = st.col_int(3);
  a.status = st.col_text(4);
  a.form_json = st.col_text(5);
  a.mobile = st.col_text(6);
  a.submitted_at = st.col_text(7);
  a.due_date = st.col_text(8);
  a.decided_at = st.col_opt_text(9);
  a.decided_by = st.col_opt_text(10);
  a.reject_reason = st.col_opt_text(11);
  if (!st.col_null(12)) a.previous_id = st.col_int(12);
  a.name = st.col_text(13);
  return a;
}

}  // namespace

Result<int64_t> ApplicationRepo::insert(const Application& a) {
  auto st = db_.prepare(
      "INSERT INTO applications(member_type, applicant_key, member_id, status, form_json, mobile, "
      "submitted_at, due_date, previous_id) VALUES (?,?,?,?,?,?,?,?,?)");
  st.bind(1, a.member_type).bind(2, a.applicant_key);
  a.member_id ? st.bind(3, *a.member_id) : st.bind(3, nullptr);
  st.bind(4, a.status).bind(5, a.form_json).bind(6, a.mobile).bind(7, a.submitted_at);
  st.bind(8, a.due_date);
  a.previous_id ? st.bind(9, *a.previous_id) : st.bind(9, nullptr);
  auto r = st.exec();
  if (!r.ok()) return r.error();
  return db_.last_insert_id();
}

Result<std::optional<Application>> ApplicationRepo::find(int64_t id) {
  auto st = db_.prepare(std::string(kColumns) + "WHERE id = ?");
  st.bind(1, id);
  return first_row<Application>(st, read_row);
}

Result<std::optional<Application>> ApplicationRepo::open_for(const std::string& key) {
  auto st = db_.prepare(std::string(kColumns) + "WHERE applicant_key = ? AND status = 'submitted'");
  st.bind(1, key);
  return first_row<Application>(st, read_row);
}

Result<std::optional<Application>> ApplicationRepo::latest_for(const std::string& key) {
  auto st = db_.prepare(std::string(kColumns) + "WHERE applicant_key = ? ORDER BY id DESC LIMIT 1");
  st.bind(1, key);
  return first_row<Application>(st, read_row);
}

Result<std::optional<Application>> ApplicationRepo::latest_for_member(int64_t member_id) {
  auto st = db_.prepare(std::string(kColumns) + "WHERE member_id = ? ORDER BY id DESC LIMIT 1");
  st.bind(1, member_id);
  return first_row<Application>(st, read_row);
}

Result<std::vector<Application>> ApplicationRepo::history(const std::string& key) {
  auto st = db_.prepare(std::string(kColumns) + "WHERE applicant_key = ? ORDER BY id DESC");
  st.bind(1, key);
  std::vector<Application> out;
  while (st.step()) out.push_back(read_row(st));
  if (!st.status().ok()) return st.status().error();
  return out;
}

Result<std::vector<Application>> ApplicationRepo::submitted() {
  auto st = db_.prepare(std::string(kColumns) + "WHERE status = 'submitted' ORDER BY id");
  std::vector<Application> out;
  while (st.step()) out.push_back(read_row(st));
  if (!st.status().ok()) return st.status().error();
  return out;
}

Status ApplicationRepo::set_due_date(int64_t id, const std::string& due_date) {
  auto r = db_.prepare("UPDATE applications SET due_date = ? WHERE id = ?").bind(1, due_date).bind(2, id).exec();
  if (!r.ok()) return r.error();
  return Status::success();
}

Result<QueuePage> ApplicationRepo::queue(const QueueFilter& f) {
  // Optional filters as "? IS NULL OR column = ?" keep one prepared statement for every combination.
  const char* where =
      "WHERE (?1 IS NULL OR member_type = ?1) AND (?2 IS NULL OR status = ?2) "
      "AND (?3 IS NULL OR (status = 'submitted' AND due_date < ?3)) ";
  auto bind_filters = [&](Statement& st) {
    st.bind(1, f.member_type).bind(2, f.status).bind(3, f.overdue_today);
  };
  QueuePage page;
  auto count = db_.prepare(std::string("SELECT COUNT(*) FROM applications ") + where);
  bind_filters(count);
  if (count.step()) page.total = count.col_int(0);
  if (!count.status().ok()) return count.status().error();
  auto st = db_.prepare(std::string(kColumns) + where +
                        "ORDER BY status = 'submitted' DESC, due_date, id LIMIT ?4 OFFSET ?5");
  bind_filters(st);
  st.bind(4, f.page_size).bind(5, static_cast<int64_t>(f.page - 1) * f.page_size);
  while (st.step()) page.items.push_back(read_row(st));
  if (!st.status().ok()) return st.status().error();
  return page;
}

Status ApplicationRepo::decide(int64_t id, const std::string& status, const std::string& by,
                               const std::optional<std::string>& reason,
                               std::optional<int64_t> member_id) {
  auto st = db_.prepare(
      "UPDATE applications SET status = ?, decided_at = ?, decided_by = ?, reject_reason = ?, "
      "member_id = COALESCE(?, member_id) WHERE id = ? AND status = 'submitted'");
  st.bind(1, status).bind(2, utc_now_iso()).bind(3, by).bind(4, reason);
  member_id ? st.bind(5, *member_id) : st.bind(5, nullptr);
  st.bind(6, id);
  auto r = st.exec();
  if (!r.ok()) return r.error();
  if (*r == 0) return make_error(ErrorKind::kConflict, "already_decided", "该申请已处理，请刷新");
  return Status::success();
}

}  // namespace md::store
