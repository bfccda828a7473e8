#include "store/account_repo.h"

namespace md::store {
namespace {

constexpr const char* kSelect =
    "SELECT a.id, a.kind, a.login_id, a.password_hash, a.member_id, "
    "COALESCE(m.name, a.display_name, ''), COALESCE(a.role, ''), m.type, a.disabled "
    "FROM accounts a LEFT JOIN members m ON m.id = a.member_id ";

Account read_row(Statement& st) {
  Account a;
  a.id = st.col_int(0);
  a.kind = st.col_text(1) == "staff" ? AccountKind::kStaff : AccountKind::kMember;
  a.login_id = st.col_text(2);
  a.password_hash = st.col_opt_text(3);
  if (!st.col_null(4)) a.member_id = st.col_int(4);
  a.name = st.col_text(5);
  a.role = st.col_text(6);
  a.member_type = st.col_opt_text(7);
  a.disabled = st.col_int(8) != 0;
  return a;
}

}  // namespace

Result<std::optional<Account>> AccountRepo::find(AccountKind kind, const std::string& login_id) {
  auto st = db_.prepare(std::string(kSelect) + "WHERE a.kind = ? AND a.login_id = ?");
  st.bind(1, kind == AccountKind::kStaff ? "staff" : "member").bind(2, login_id);
  return first_row<Account>(st, read_row);
}

Result<std::optional<Account>> AccountRepo::find_by_id(int64_t id) {
  auto st = db_.prepare(std::string(kSelect) + "WHERE a.id = ?");
  st.bind(1, id);
  return first_row<Account>(st, read_row);
}

Result<std::optional<int64_t>> AccountRepo::set_member_login(int64_t member_id,
                                                             const std::string& login_id) {
  auto st = db_.prepare("SELECT id FROM accounts WHERE kind = 'member' AND member_id = ?");
  st.bind(1, member_id);
  if (!st.step()) {
    if (!st.status().ok()) return st.status().error();
    return std::optional<int64_t>();
  }
  const int64_t account_id = st.col_int(0);
  auto r = db_.prepare("UPDATE accounts SET login_id = ? WHERE id = ?")
               .bind(1, login_id)
               .bind(2, account_id)
               .exec();
  if (!r.ok()) return r.error();
  return std::optional<int64_t>(account_id);
}

Status AccountRepo::set_password_hash(int64_t account_id, const std::optional<std::string>& hash) {
  auto r = db_.prepare(
                  "UPDATE accounts SET password_hash = ?, password_changed_at = ? WHERE id = ?")
               .bind(1, hash)
               .bind(2, utc_now_iso())
               .bind(3, account_id)
               .exec();
  if (!r.ok()) return r.error();
  if (*r == 0) return make_error(ErrorKind::kNotFound, "not_found", "no such account");
  return Status::success();
}

Result<int64_t> AccountRepo::create_staff(const std::string& login_id, const std::string& name,
                                          const std::string& role, const std::string& hash) {
  auto r = db_.prepare(
                  "INSERT INTO accounts(kind, login_id, password_hash, display_name, role, "
                  "created_at, password_changed_at) VALUES ('staff', ?, ?, ?, ?, ?, ?)")
               .bind(1, login_id)
               .bind(2, hash)
               .bind(3, name)
               .bind(4, role)
               .bind(5, utc_now_iso())
               .bind(6, utc_now_iso())
               .exec();
  if (!r.ok()) return r.error();
  return db_.last_insert_id();
}

Status AccountRepo::ensure_member_login(int64_t member_id, const std::string& login_id) {
  auto r = db_.prepare(
                  "INSERT INTO accounts(kind, login_id, member_id, created_at) "
                  "VALUES ('member', ?, ?, ?) "
                  "ON CONFLICT(member_id) DO UPDATE SET login_id = excluded.login_id "
                  "WHERE accounts.login_id IS NOT excluded.login_id")
               .bind(1, login_id)
               .bind(2, member_id)
               .bind(3, utc_now_iso())
               .exec();
  if (!r.ok()) return r.error();
  return Status::success();
}

}  // namespace md::store
