// Print jobs: what was sent (or is about to be sent) to the kiosk's CUPS queue, and what CUPS
// last said about it. Request threads insert jobs in state queued; the print worker
// (certs/print_worker.h) hands them to CUPS and updates them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/db.h"

namespace md::store {

struct PrintJobRow {
  int64_t id = 0;
  std::string kind;  // certificate | test_page
  std::optional<int64_t> certificate_id;
  std::optional<std::string> cert_no;  // joined from certificates
  std::optional<int64_t> member_id;
  std::string requested_by;
  std::string queue;
  std::string state = "queued";
  std::string job_reasons;      // space-separated
  std::string printer_reasons;  // space-separated
  std::string detail;
  std::optional<int64_t> cups_job_id;
  bool cancel_requested = false;
  std::optional<int64_t> reprint_of;
  std::string created_at;
  std::string updated_at;
};

// What the worker learned about a job.
struct PrintJobUpdate {
  std::string state;
  std::string job_reasons;
  std::string printer_reasons;
  std::string detail;
  std::optional<int64_t> cups_job_id;
};

class PrintJobRepo {
 public:
  explicit PrintJobRepo(Db& db) : db_(db) {}

  Result<int64_t> insert(const PrintJobRow& row);
  Result<std::optional<PrintJobRow>> find(int64_t id);
  // Newest first.
  Result<std::vector<PrintJobRow>> recent(int limit);
  // Jobs the worker still has to hand over or follow (not completed/canceled/aborted/failed),
  // oldest first.
  Result<std::vector<PrintJobRow>> open_jobs();
  Status update(int64_t id, const PrintJobUpdate& u);
  // Marks a job for cancelling; the worker cancels it in CUPS. kConflict "job_done" when it has
  // finished already.
  Status request_cancel(int64_t id);

 private:
  Db& db_;
};

// Whether a job state is final (completed, canceled, aborted, failed).
bool print_state_done(const std::string& state);

}  // namespace md::store
