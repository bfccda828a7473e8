// The audit log: who did what to which object, with before/after snapshots (JSON text).
#pragma once

#include <string>

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

}  // namespace md::store
