#include "store/staff_member_repo.h"

namespace md::store {
namespace {

constexpr const char* kSelect =
    "SELECT m.id, m.type, m.login_id, m.name, m.status, m.member_no, m.valid_until, m.agency_id, "
    "a.name FROM members m LEFT JOIN members a ON a.id = m.agency_id ";

MemberHit read_hit(Statement& st) {
  MemberHit h;
  h.id = st.col_int(0);
  h.type = st.col_text(1);
  h.login_id = st.col_text(2);
  h.name = st.col_text(3);
  h.status = st.col_text(4);
  h.member_no = st.col_opt_text(5);
  h.valid_until = st.col_opt_text(6);
  if (!st.col_null(7)) h.agency_id = st.col_int(7);
  h.agency_name = st.col_opt_text(8);
  return h;
}

// The name pattern for LIKE … ESCAPE '\' (the user's % and _ are literal).
std::string like_pattern(const std::string& part) {
  std::string p = "%";
  for (char c : part) {
    if (c == '%' || c == '_' || c == '\\') p += '\\';
    p += c;
  }
  return p + "%";
}

// ?1 name pattern ('' = no name condition), ?2 code ('' = none), ?3 type ('' = any). The code
// columns are indexed (login_id, member_no unique); the name part is a bounded scan.
constexpr const char* kWhere =
    "WHERE ((?1 = '' AND ?2 = '') OR (?2 <> '' AND (m.login_id = ?2 OR m.member_no = ?2 OR "
    "m.uscc = ?2)) OR (?1 <> '' AND m.name LIKE ?1 ESCAPE '\\')) AND (?3 = '' OR m.type = ?3) ";

void bind_search(Statement& st, const MemberSearch& q) {
  st.bind(1, q.name_part.empty() ? std::string() : like_pattern(q.name_part))
      .bind(2, q.code)
      .bind(3, q.type.value_or(""));
}

}  // namespace

Result<MemberHits> StaffMemberRepo::search(const MemberSearch& q) {
  MemberHits out;
  {
    auto n = db_.prepare(std::string("SELECT COUNT(*) FROM members m ") + kWhere);
    bind_search(n, q);
    if (n.step()) out.total = n.col_int(0);
    if (!n.status().ok()) return n.status().error();
  }
  auto st = db_.prepare(std::string(kSelect) + kWhere +
                        "ORDER BY (?2 <> '' AND (m.login_id = ?2 OR m.member_no = ?2 OR m.uscc = "
                        "?2)) DESC, m.id LIMIT ?4 OFFSET ?5");
  bind_search(st, q);
  st.bind(4, q.page_size).bind(5, static_cast<int64_t>(q.page - 1) * q.page_size);
  while (st.step()) out.items.push_back(read_hit(st));
  if (!st.status().ok()) return st.status().error();
  return out;
}

Result<std::optional<MemberHit>> StaffMemberRepo::find(int64_t id) {
  auto st = db_.prepare(std::string(kSelect) + "WHERE m.id = ?");
  st.bind(1, id);
  return first_row<MemberHit>(st, read_hit);
}

Result<std::vector<MemberHit>> StaffMemberRepo::attorneys_of(int64_t agency_id) {
  auto st = db_.prepare(std::string(kSelect) +
                        "WHERE m.agency_id = ? AND m.type = 'attorney' ORDER BY m.login_id");
  st.bind(1, agency_id);
  std::vector<MemberHit> out;
  while (st.step()) out.push_back(read_hit(st));
  if (!st.status().ok()) return st.status().error();
  return out;
}

Result<std::optional<std::string>> StaffMemberRepo::profile_json(int64_t id) {
  auto st = db_.prepare("SELECT profile_json FROM members WHERE id = ?");
  st.bind(1, id);
  if (st.step()) return st.col_opt_text(0);
  if (!st.status().ok()) return st.status().error();
  return std::optional<std::string>();
}

Status StaffMemberRepo::set_agency(int64_t attorney_id, int64_t agency_id,
                                   const std::optional<std::string>& profile_json) {
  auto st = db_.prepare(
      "UPDATE members SET agency_id = ?2, profile_json = COALESCE(?3, profile_json), "
      "updated_at = ?4 WHERE id = ?1 AND type = 'attorney'");
  st.bind(1, attorney_id).bind(2, agency_id).bind(3, profile_json).bind(4, utc_now_iso());
  auto r = st.exec();
  if (!r.ok()) return r.error();
  return Status::success();
}

}  // namespace md::store
