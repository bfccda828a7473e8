#include "store/job_posting_repo.h"

namespace md::store {
namespace {

constexpr const char* kSelect =
    "SELECT j.id, j.agency_id, j.title, j.positions, j.headcount, j.requirements, j.place, "
    "j.pay_negotiable, j.pay_min_yuan, j.pay_max_yuan, j.contact_name, j.contact_phone, "
    "j.valid_until, j.status, j.reject_reason, j.reviewed_by, j.reviewed_at, j.created_at, "
    "j.updated_at, m.login_id, m.name, m.member_no "
    "FROM job_postings j JOIN members m ON m.id = j.agency_id ";

JobPosting read_row(Statement& st) {
  JobPosting j;
  j.id = st.col_int(0);
  j.agency_id = st.col_int(1);
  j.fields.title = st.col_text(2);
  j.fields.positions = st.col_text(3);
  j.fields.headcount = static_cast<int>(st.col_int(4));
  j.fields.requirements = st.col_text(5);
  j.fields.place = st.col_text(6);
  j.fields.pay_negotiable = st.col_int(7) != 0;
  j.fields.pay_min_yuan = st.col_null(8) ? 0 : st.col_int(8);
  j.fields.pay_max_yuan = st.col_null(9) ? 0 : st.col_int(9);
  j.fields.contact_name = st.col_text(10);
  j.fields.contact_phone = st.col_text(11);
  j.fields.valid_until = st.col_text(12);
  j.status = st.col_text(13);
  j.reject_reason = st.col_opt_text(14);
  j.reviewed_by = st.col_opt_text(15);
  j.reviewed_at = st.col_opt_text(16);
  j.created_at = st.col_text(17);
  j.updated_at = st.col_text(18);
  j.agency_login = st.col_text(19);
  j.agency_name = st.col_text(20);
  j.agency_member_no = st.col_opt_text(21);
  return j;
}

// Binds the fields at 1..11 (title … valid_until).
void bind_fields(Statement& st, const domain::JobFields& f) {
  st.bind(1, f.title).bind(2, f.positions).bind(3, f.headcount).bind(4, f.requirements);
  st.bind(5, f.place).bind(6, f.pay_negotiable ? 1 : 0);
  if (f.pay_negotiable)
    st.bind(7, nullptr).bind(8, nullptr);
  else
    st.bind(7, f.pay_min_yuan).bind(8, f.pay_max_yuan);
  st.bind(9, f.contact_name).bind(10, f.contact_phone).bind(11, f.valid_until);
}

// One page of `where` (its ? bound to `args` in order) and its total.
Result<JobPostingPage> page_of(Db& db, const std::string& where, const std::string& order,
                               const std::vector<std::string>& args, int page, int page_size) {
  JobPostingPage out;
  auto count = db.prepare("SELECT COUNT(*) FROM job_postings j " + where);
  for (size_t i = 0; i < args.size(); ++i) count.bind(static_cast<int>(i + 1), args[i]);
  if (count.step()) out.total = count.col_int(0);
  if (!count.status().ok()) return count.status().error();
  auto st = db.prepare(std::string(kSelect) + where + order + "LIMIT ? OFFSET ?");
  const int n = static_cast<int>(args.size());
  for (int i = 0; i < n; ++i) st.bind(i + 1, args[i]);
  st.bind(n + 1, page_size).bind(n + 2, (page - 1) * page_size);
  while (st.step()) out.items.push_back(read_row(st));
  if (!st.status().ok()) return st.status().error();
  return out;
}

}  // namespace

Result<int64_t> JobPostingRepo::create(int64_t agency_id, const domain::JobFields& f) {
  const std::string now = utc_now_iso();
  auto st = db_.prepare(
      "INSERT INTO job_postings(title, positions, headcount, requirements, place, pay_negotiable, "
      "pay_min_yuan, pay_max_yuan, contact_name, contact_phone, valid_until, agency_id, status, "
      "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'pending',?,?)");
  bind_fields(st, f);
  st.bind(12, agency_id).bind(13, now).bind(14, now);
  auto r = st.exec();
  if (!r.ok()) return r.error();
  return db_.last_insert_id();
}

Result<std::optional<JobPosting>> JobPostingRepo::find(int64_t id) {
  auto st = db_.prepare(std::string(kSelect) + "WHERE j.id = ?");
  st.bind(1, id);
  return first_row<JobPosting>(st, read_row);
}

Result<std::vector<JobPosting>> JobPostingRepo::for_agency(int64_t agency_id, int limit) {
  auto st = db_.prepare(std::string(kSelect) + "WHERE j.agency_id = ? ORDER BY j.id DESC LIMIT ?");
  st.bind(1, agency_id).bind(2, limit);
  std::vector<JobPosting> out;
  while (st.step()) out.push_back(read_row(st));
  if (!st.status().ok()) return st.status().error();
  return out;
}

Result<JobPostingPage> JobPostingRepo::list_public(const std::string& today, int page, int page_size) {
  return page_of(db_, "WHERE j.status = 'approved' AND j.valid_until >= ? ",
                 "ORDER BY j.reviewed_at DESC, j.id DESC ", {today}, page, page_size);
}

Result<JobPostingPage> JobPostingRepo::list(const std::string& status, int page, int page_size) {
  return page_of(db_, "WHERE ? = '' OR j.status = ? ",
                 status == "pending" ? "ORDER BY j.updated_at, j.id " : "ORDER BY j.updated_at DESC, j.id DESC ",
                 {status, status}, page, page_size);
}

Result<bool> JobPostingRepo::update(int64_t id, const domain::JobFields& f) {
  auto st = db_.prepare(
      "UPDATE job_postings SET title = ?, positions = ?, headcount = ?, requirements = ?, "
      "place = ?, pay_negotiable = ?, pay_min_yuan = ?, pay_max_yuan = ?, contact_name = ?, "
      "contact_phone = ?, valid_until = ?, status = 'pending', reject_reason = NULL, "
      "updated_at = ? WHERE id = ? AND status != 'closed'");
  bind_fields(st, f);
  st.bind(12, utc_now_iso()).bind(13, id);
  auto r = st.exec();
  if (!r.ok()) return r.error();
  return *r > 0;
}

Result<bool> JobPostingRepo::move(int64_t id, const std::vector<std::string>& from,
                                  const std::string& to, const std::string& by,
                                  const std::optional<std::string>& reason) {
  auto cur = db_.prepare("SELECT status FROM job_postings WHERE id = ?");
  cur.bind(1, id);
  if (!cur.step()) {
    if (!cur.status().ok()) return cur.status().error();
    return false;
  }
  const std::string status = cur.col_text(0);
  bool known = false;
  for (const auto& f : from) known = known || f == status;
  if (!known) return false;
  const std::string now = utc_now_iso();
  const bool review = !by.empty();
  auto st = db_.prepare(
      "UPDATE job_postings SET status = ?, reject_reason = ?, "
      "reviewed_by = CASE WHEN ? THEN ? ELSE reviewed_by END, "
      "reviewed_at = CASE WHEN ? THEN ? ELSE reviewed_at END, updated_at = ? "
      "WHERE id = ? AND status = ?");
  st.bind(1, to).bind(2, reason).bind(3, review ? 1 : 0).bind(4, by).bind(5, review ? 1 : 0);
  st.bind(6, now).bind(7, now).bind(8, id).bind(9, status);
  auto r = st.exec();
  if (!r.ok()) return r.error();
  return *r > 0;
}

}  // namespace md::store
