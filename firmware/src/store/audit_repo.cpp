#include "store/audit_repo.h"

#include <nlohmann/json.hpp>

namespace md::store {

Status append_audit(Db& db, const AuditEntry& e) {
  auto opt = [](const std::string& s) { return s.empty() ? std::optional<std::string>() : s; };
  auto r = db.prepare(
                 "INSERT INTO audit_log(at, actor, action, object, before_json, after_json) "
                 "VALUES (?,?,?,?,?,?)")
               .bind(1, utc_now_iso())
               .bind(2, e.actor)
               .bind(3, e.action)
               .bind(4, opt(e.object))
               .bind(5, opt(e.before_json))
               .bind(6, opt(e.after_json))
               .exec();
  if (!r.ok()) return r.error();
  return Status::success();
}

Result<std::vector<AuditRow>> audit_rows_about(Db& db, const std::vector<std::string>& objects,
                                               const std::string& actor, int limit) {
  auto st = db.prepare(
      "SELECT id, at, actor, action, COALESCE(object,''), COALESCE(before_json,''), "
      "COALESCE(after_json,'') FROM audit_log "
      "WHERE object IN (SELECT value FROM json_each(?1)) OR (?2 <> '' AND actor = ?2) "
      "ORDER BY id DESC LIMIT ?3");
  st.bind(1, nlohmann::json(objects).dump()).bind(2, actor).bind(3, limit);
  std::vector<AuditRow> rows;
  while (st.step())
    rows.push_back({st.col_int(0), st.col_text(1),
                    {st.col_text(2), st.col_text(3), st.col_text(4), st.col_text(5), st.col_text(6)}});
  if (!st.status().ok()) return st.status().error();
  return rows;
}

}  // namespace md::store
