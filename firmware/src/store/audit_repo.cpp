#include "store/audit_repo.h"

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

}  // namespace md::store
