// 会员证信息修改申请 as use cases. A member asks to change the name (every type) or the 资格证号
// (attorneys and non-practising members); one pending request at a time, which the member may
// withdraw. A reviewer approves or rejects it with a reason. Approval, in one transaction,
// updates the member's name and 资格证号 (an attorney's login id with it), the profile's matching
// fields, re-issues the member's valid certificates (the old versions become void), writes the
// audit rows and a 会员消息. The caller ends the account's sessions when the login id changed.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "certs/signing_key.h"
#include "core/result.h"
#include "store/cert_change_repo.h"
#include "store/db.h"
#include "store/member_repo.h"

namespace md::membership {

// The values the member's certificate carries today and may change: "name" and, for attorneys and
// non-practising members, "qualification_no".
Result<std::map<std::string, std::string>> change_current(store::Db& db, const store::Member& m);

struct ChangeRequestOutcome {
  std::map<std::string, std::string> errors;  // field -> message; nothing was saved
  std::optional<store::CertChangeRequest> request;
};

// kConflict not_member (roster / applied), withdrawn, already_pending.
Result<ChangeRequestOutcome> request_change(store::Db& db, const store::Member& m,
                                            const std::map<std::string, std::string>& input,
                                            const std::string& note, const std::string& today);
// The member's own pending request; kNotFound for another member's, kConflict already_decided.
Result<store::CertChangeRequest> cancel_change(store::Db& db, const store::Member& m, int64_t id);

struct ChangeApproval {
  store::CertChangeRequest request;
  int reissued = 0;
  std::optional<int64_t> relogin_account;  // the account whose login id changed
};

// kConflict already_decided; kConflict qualification_taken when another member took the
// 资格证号 since the request was filed.
Result<ChangeApproval> approve_change(store::Db& db, const certs::SigningKey& key, int64_t id,
                                      const std::string& staff_login, const std::string& today);
// kInvalidArgument validation_failed without a reason.
Result<store::CertChangeRequest> reject_change(store::Db& db, int64_t id,
                                               const std::string& staff_login,
                                               const std::string& raw_reason);

}  // namespace md::membership
