// 【我要退会】 as use cases. A member asks (optional reason; one pending request at a time) and may
// cancel while it is pending; staff (reviewer, admin) approve or reject it with a reason.
// Approval sets the member's status to withdrawn (the 会员名录 rebuilds on the directory revision
// the status change bumps), voids the member's valid certificates (history kept), sends a member
// message and writes the audit rows, all in one transaction.
#pragma once

#include <string>

#include "core/result.h"
#include "store/db.h"
#include "store/member_repo.h"
#include "store/withdrawal_repo.h"

namespace md::membership {

// kConflict not_member (roster / applied), withdrawn, already_pending; kInvalidArgument
// validation_failed for a reason over 200 characters.
Result<store::WithdrawalRequest> request_withdrawal(store::Db& db, const store::Member& m,
                                                    const std::string& raw_reason);
// The member's own pending request; kNotFound for another member's (or no) request, kConflict
// already_decided when it is no longer pending.
Result<store::WithdrawalRequest> cancel_withdrawal(store::Db& db, const store::Member& m,
                                                   int64_t request_id);
Result<store::WithdrawalRequest> approve_withdrawal(store::Db& db, int64_t request_id,
                                                    const std::string& staff_login);
Result<store::WithdrawalRequest> reject_withdrawal(store::Db& db, int64_t request_id,
                                                   const std::string& staff_login,
                                                   const std::string& raw_reason);

}  // namespace md::membership
