// 招聘信息 as use cases. An agency writes, edits and closes its own postings (another agency's
// id is not found); an edit of any open posting goes back to review. A reviewer approves one, or
// rejects it with a reason the agency sees. Every write is audited; the agency gets a 会员消息
// for each decision.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/result.h"
#include "domain/job_posting.h"
#include "store/db.h"
#include "store/job_posting_repo.h"
#include "store/member_repo.h"

namespace md::membership {

struct JobOutcome {
  std::map<std::string, std::string> errors;  // field -> message; nothing was saved
  std::optional<store::JobPosting> posting;
};

// REQUIRES: `agency` is an agency. kNotFound for a posting of another agency.
Result<store::JobPosting> own_job(store::Db& db, const store::Member& agency, int64_t id);
// Why the agency may not post now (kConflict not_member before approval, withdrawn), if so.
std::optional<Error> posting_blocked(const store::Member& agency);
// kConflict not_member, withdrawn.
Result<JobOutcome> create_job(store::Db& db, const store::Member& agency, const domain::JobForm& form,
                              const std::string& today);
// kNotFound (not the agency's), kConflict closed.
Result<JobOutcome> edit_job(store::Db& db, const store::Member& agency, int64_t id,
                            const domain::JobForm& form, const std::string& today);
// kNotFound, kConflict closed.
Result<store::JobPosting> close_job(store::Db& db, const store::Member& agency, int64_t id);

// Staff. kNotFound, kConflict already_decided (not pending).
Result<store::JobPosting> approve_job(store::Db& db, int64_t id, const std::string& staff_login);
// Also kInvalidArgument validation_failed without a reason.
Result<store::JobPosting> reject_job(store::Db& db, int64_t id, const std::string& staff_login,
                                     const std::string& raw_reason);

}  // namespace md::membership
