// md::printer — print jobs on a CUPS queue through libcups: submit a PDF, follow the job, read
// the printer's state and reasons, cancel. Every call opens its own HTTP connection to the
// scheduler with a timeout, so a dead scheduler or printer costs at most `timeout_ms` and
// never hangs; calls are safe from any thread (no libcups per-process state is changed).
//
//   md::printer::CupsTarget t{"localhost:8631", "kiosk", 3000};
//   auto job = md::printer::submit_pdf(t, "会员证 2026000001", pdf_bytes, "member:1100001");
//   auto st = md::printer::job_status(t, *job);          // state + job-state-reasons
//   auto ps = md::printer::printer_status(t);            // printer-state + printer-state-reasons
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace md::printer {

struct CupsTarget {
  std::string server;  // "host:port" of the scheduler; "" = libcups' default (CUPS_SERVER, client.conf, localhost:631)
  std::string queue;   // destination name, e.g. "kiosk"
  int timeout_ms = 5000;
};

// IPP job-state (RFC 8011 5.3.7) by name.
enum class JobState { kPending, kHeld, kProcessing, kStopped, kCanceled, kAborted, kCompleted };
const char* job_state_code(JobState s);  // "pending", "held", "processing", "stopped", "canceled", "aborted", "completed"

struct JobStatus {
  int job_id = 0;
  JobState state = JobState::kPending;
  std::vector<std::string> reasons;  // job-state-reasons, e.g. "job-printing", "job-completed-successfully"
  std::string printer_message;       // the job's job-printer-state-message, if any
};

// IPP printer-state.
enum class PrinterState { kIdle, kProcessing, kStopped };
const char* printer_state_code(PrinterState s);  // "idle", "processing", "stopped"

struct PrinterStatus {
  PrinterState state = PrinterState::kIdle;
  bool accepting = true;             // printer-is-accepting-jobs
  std::vector<std::string> reasons;  // printer-state-reasons without "none", suffixes kept (media-empty-error)
  std::string message;               // printer-state-message
};

// Errors (ErrorKind, code):
//   kUnavailable "cups_unreachable"  — the scheduler does not answer within the timeout
//   kNotFound    "printer_missing"   — the queue does not exist
//   kUnavailable "printer_not_accepting" — the queue refuses jobs (cupsreject)
//   kInternal    "cups_error"        — any other IPP failure (message: cupsLastErrorString)
// Messages are English for the log; people see the zh-CN text from domain/print_status.

// Creates a job on the queue and sends `pdf` (application/pdf) as its one document. Returns the
// CUPS job id.
Result<int> submit_pdf(const CupsTarget& t, std::string_view title, std::string_view pdf,
                       std::string_view requesting_user);
Result<JobStatus> job_status(const CupsTarget& t, int job_id);
Result<PrinterStatus> printer_status(const CupsTarget& t);
Status cancel_job(const CupsTarget& t, int job_id);

}  // namespace md::printer
