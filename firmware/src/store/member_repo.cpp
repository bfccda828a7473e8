#include "store/member_repo.h"

namespace md::store {
namespace {

constexpr const char* kSelect =
    "SELECT id, type, login_id, name, status, member_no, valid_until, agency_id, uscc, "
    "practice_no FROM members ";

Member read_row(Statement& st) {
  Member m;
  m.id = st.col_int(0);
  m.type = st.col_text(1);
  m.login_id = st.col_text(2);
  m.name = st.col_text(3);
  m.status = st.col_text(4);
  m.member_no = st.col_opt_text(5);
  m.valid_until = st.col_opt_text(6);
  if (!st.col_null(7)) m.agency_id = st.col_int(7);
  m.uscc = st.col_opt_text(8);
  m.practice_no = st.col_opt_text(9);
  return m;
}

Statement& bind_optional_int(Statement& st, int index, const std::optional<int64_t>& v) {
  return v ? st.bind(index, *v) : st.bind(index, nullptr);
}

}  // namespace

Result<std::optional<Member>> MemberRepo::find(int64_t id) {
  auto st = db_.prepare(std::string(kSelect) + "WHERE id = ?");
  st.bind(1, id);
  return first_row<Member>(st, read_row);
}

Result<std::optional<Member>> MemberRepo::find_by_login(const std::string& login_id) {
  auto st = db_.prepare(std::string(kSelect) + "WHERE login_id = ?");
  st.bind(1, login_id);
  return first_row<Member>(st, read_row);
}

Result<int64_t> MemberRepo::insert(const Member& m) {
  const std::string now = utc_now_iso();
  auto st = db_.prepare(
      "INSERT INTO members(type, login_id, name, status, member_no, valid_until, agency_id, uscc, "
      "practice_no, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  st.bind(1, m.type).bind(2, m.login_id).bind(3, m.name).bind(4, m.status).bind(5, m.member_no);
  st.bind(6, m.valid_until);
  bind_optional_int(st, 7, m.agency_id);
  st.bind(8, m.uscc).bind(9, m.practice_no).bind(10, now).bind(11, now);
  auto r = st.exec();
  if (!r.ok()) return r.error();
  return db_.last_insert_id();
}

Result<UpsertOutcome> MemberRepo::upsert_roster(const Member& m, int64_t* id_out) {
  auto existing = find_by_login(m.login_id);
  if (!existing.ok()) return existing.error();
  if (!existing->has_value()) {
    auto id = insert(m);
    if (!id.ok()) return id.error();
    if (id_out) *id_out = *id;
    return UpsertOutcome::kCreated;
  }
  const Member& old = **existing;
  if (id_out) *id_out = old.id;
  if (old.type != m.type)
    return make_error(ErrorKind::kConflict, "type_mismatch",
                      "login id " + m.login_id + " already belongs to a member of another type");
  if (old.name == m.name && old.agency_id == m.agency_id && old.uscc == m.uscc &&
      old.practice_no == m.practice_no)
    return UpsertOutcome::kUnchanged;
  auto st = db_.prepare(
      "UPDATE members SET name = ?, agency_id = ?, uscc = ?, practice_no = ?, updated_at = ? "
      "WHERE id = ?");
  st.bind(1, m.name);
  bind_optional_int(st, 2, m.agency_id);
  st.bind(3, m.uscc).bind(4, m.practice_no).bind(5, utc_now_iso()).bind(6, old.id);
  auto r = st.exec();
  if (!r.ok()) return r.error();
  return UpsertOutcome::kUpdated;
}

Status MemberRepo::for_each_listed(
    const std::function<void(const std::string&, const std::string&, const std::string&,
                             const std::string&)>& row) {
  auto st = db_.prepare(
      "SELECT name, member_no, type, valid_until FROM members "
      "WHERE status = 'active' AND member_no IS NOT NULL AND valid_until IS NOT NULL "
      "ORDER BY member_no");
  while (st.step()) row(st.col_text(0), st.col_text(1), st.col_text(2), st.col_text(3));
  return st.status();
}

Result<int64_t> MemberRepo::directory_revision() {
  auto st = db_.prepare("SELECT value FROM meta WHERE key = 'directory_rev'");
  if (st.step()) return st.col_int(0);
  if (!st.status().ok()) return st.status().error();
  return make_error(ErrorKind::kInternal, "db_error", "directory_rev missing");
}

Status MemberRepo::approve(int64_t id, const std::string& name, const std::string& member_no,
                           const std::string& profile_json, const std::optional<std::string>& uscc,
                           const std::optional<std::string>& practice_no) {
  auto r = db_.prepare(
                  "UPDATE members SET name = ?, member_no = ?, profile_json = ?, "
                  "uscc = COALESCE(?, uscc), practice_no = COALESCE(?, practice_no), "
                  "status = 'approved_unpaid', updated_at = ? WHERE id = ?")
               .bind(1, name)
               .bind(2, member_no)
               .bind(3, profile_json)
               .bind(4, uscc)
               .bind(5, practice_no)
               .bind(6, utc_now_iso())
               .bind(7, id)
               .exec();
  if (!r.ok()) return r.error();
  if (*r == 0) return make_error(ErrorKind::kNotFound, "not_found", "会员不存在");
  return Status::success();
}

Status MemberRepo::set_status(int64_t id, const std::string& status) {
  auto r = db_.prepare("UPDATE members SET status = ?, updated_at = ? WHERE id = ?")
               .bind(1, status)
               .bind(2, utc_now_iso())
               .bind(3, id)
               .exec();
  if (!r.ok()) return r.error();
  return Status::success();
}

Status MemberRepo::rename(int64_t id, const std::string& name, const std::string& login_id) {
  auto taken = db_.prepare("SELECT 1 FROM members WHERE login_id = ? AND id != ?");
  taken.bind(1, login_id).bind(2, id);
  if (taken.step()) return make_error(ErrorKind::kConflict, "login_taken", "该资格证号已被其他会员使用");
  if (!taken.status().ok()) return taken.status().error();
  auto r = db_.prepare("UPDATE members SET name = ?, login_id = ?, updated_at = ? WHERE id = ?")
               .bind(1, name)
               .bind(2, login_id)
               .bind(3, utc_now_iso())
               .bind(4, id)
               .exec();
  if (!r.ok()) return r.error();
  if (*r == 0) return make_error(ErrorKind::kNotFound, "not_found", "会员不存在");
  return Status::success();
}

Result<std::string> MemberRepo::highest_member_no(const std::string& prefix) {
  // member_no >= prefix AND < prefix + one past '9' uses the UNIQUE index as a range scan.
  auto st = db_.prepare(
      "SELECT COALESCE(MAX(member_no), '') FROM members WHERE member_no >= ? AND member_no < ?");
  st.bind(1, prefix).bind(2, prefix + ":");
  if (st.step()) return st.col_text(0);
  if (!st.status().ok()) return st.status().error();
  return std::string();
}

Result<std::optional<std::string>> MemberRepo::name_of(int64_t id) {
  auto st = db_.prepare("SELECT name FROM members WHERE id = ?");
  st.bind(1, id);
  if (st.step()) return std::optional<std::string>(st.col_text(0));
  if (!st.status().ok()) return st.status().error();
  return std::optional<std::string>();
}

}  // namespace md::store
