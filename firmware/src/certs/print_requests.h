// Asking for a print: a print_jobs row in state queued and its audit entry, in one transaction.
// The print worker (print_worker.h) takes it from there.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "store/db.h"
#include "store/print_job_repo.h"

namespace md::certs {

struct PrintRequest {
  std::string kind;  // certificate | test_page
  std::optional<int64_t> certificate_id;
  std::optional<int64_t> member_id;  // set when a member asked (their own jobs only)
  std::string actor;                 // audit actor
  std::string queue;
  std::optional<int64_t> reprint_of;
};

// How many prints one member may ask for per day at the kiosk (staff are not limited).
inline constexpr int kMemberPrintsPerDay = 5;

// Inserts and audits (print.request, print.reprint or print.test_page). A member with an open
// job gets kConflict print_in_progress; past kMemberPrintsPerDay, kRateLimited print_limit.
Result<store::PrintJobRow> request_print(store::Db& db, const PrintRequest& r);
// Marks an open job for cancelling and audits print.cancel; kConflict job_done when finished.
Result<store::PrintJobRow> request_cancel(store::Db& db, int64_t job_id, const std::string& actor);

}  // namespace md::certs
