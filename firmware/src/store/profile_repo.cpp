#include "store/profile_repo.h"

namespace md::store {

Result<std::optional<std::string>> ProfileRepo::profile_json(int64_t member_id) {
  auto st = db_.prepare("SELECT profile_json FROM members WHERE id = ?");
  st.bind(1, member_id);
  if (st.step()) return st.col_opt_text(0);
  if (!st.status().ok()) return st.status().error();
  return std::optional<std::string>();
}

Status ProfileRepo::save_profile_json(int64_t member_id, const std::string& json) {
  auto r = db_.prepare("UPDATE members SET profile_json = ?, updated_at = ? WHERE id = ?")
               .bind(1, json)
               .bind(2, utc_now_iso())
               .bind(3, member_id)
               .exec();
  if (!r.ok()) return r.error();
  if (*r == 0) return make_error(ErrorKind::kNotFound, "not_found", "会员不存在");
  return Status::success();
}

Result<std::vector<ProfileChange>> ProfileRepo::changes(int64_t member_id, int limit) {
  auto st = db_.prepare(
      "SELECT at, actor, before_json, after_json FROM audit_log WHERE action = ? AND object = ? "
      "ORDER BY id DESC LIMIT ?");
  st.bind(1, kProfileEditAction).bind(2, "member:" + std::to_string(member_id)).bind(3, limit);
  std::vector<ProfileChange> out;
  while (st.step())
    out.push_back({st.col_text(0), st.col_text(1), st.col_text(2), st.col_text(3)});
  if (!st.status().ok()) return st.status().error();
  return out;
}

}  // namespace md::store
