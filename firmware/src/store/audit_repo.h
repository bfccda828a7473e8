// The audit log: who did what to which object, with before/after snapshots (JSON text).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "store/db.h"

namespace md::store {

struct AuditEntry {
  std::string actor;   // "staff:LOGIN", "member:LOGIN", "ctl", "system"
  std::string action;  // e.g. "staff.create", "account.password_change"
  std::string object;  // e.g. "account:12"
  std::string before_json;
  std::string after_json;
};

Status append_audit(Db& db, const AuditEntry& e);

struct AuditRow {
  int64_t id = 0;
  std::string at;  // UTC
  AuditEntry entry;
};

// Rows whose object is one of `objects` or whose actor is `actor` ("" = none), newest first, at
// most `limit`. (A scan of audit_log: for one member's record, not for lists.)
Result<std::vector<AuditRow>> audit_rows_about(Db& db, const std::vector<std::string>& objects,
                                               const std::string& actor, int limit);

}  // namespace md::store
