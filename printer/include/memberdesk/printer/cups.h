// md::printer — print jobs on a CUPS queue through libcups: submit a PDF, follow the job, read
// the printer's state and reasons, cancel. Every call opens its own HTTP connection to the
// scheduler (httpConnect2 with `timeout_ms`) and ends every later wait (reading the answer,
// writing the document) at start + `timeout_ms`: a closed port fails at once, a scheduler that
// accepts and never answers costs about max(`timeout_ms`, 1 s) + 0.25 s (libcups always gives a
// silent server 1 s to say "100 Continue"), and nothing hangs. Calls are safe from any thread (no
// libcups per-process state is changed: no cupsSetServer/cupsSetUser/cupsSetPasswordCB).
// The queue's policy must not ask for authentication (libcups would ask for a password).
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
  std::string server;  // "host:port" of the scheduler; "" = libcups' default (CUPS_SERVER,
                       // client.conf, localhost:631)
  std::string queue;   // destination name, e.g. "kiosk"
  int timeout_ms = 5000;
};

// IPP job-state (RFC 8011 5.3.7) by name.
enum class JobState { kPending, kHeld, kProcessing, kStopped, kCanceled, kAborted, kCompleted };
// "pending", "held", "processing", "stopped", "canceled", "aborted", "completed"
const char* job_state_code(JobState s);

struct JobStatus {
  int job_id = 0;
  JobState state = JobState::kPending;
  // job-state-reasons, e.g. "job-printing"; CUPS leaves "processing-to-stop-point" on a job it
  // completed and nothing on a job that waits on a stopped queue.
  std::vector<std::string> reasons;
  std::string printer_message;  // the job's job-printer-state-message, if any
};

// IPP printer-state.
enum class PrinterState { kIdle, kProcessing, kStopped };
const char* printer_state_code(PrinterState s);  // "idle", "processing", "stopped"

struct PrinterStatus {
  PrinterState state = PrinterState::kIdle;
  bool accepting = true;  // printer-is-accepting-jobs
  // printer-state-reasons without "none", suffixes kept (media-empty-error). CUPS' ipp backend
  // reports a device it cannot reach only in printer-state-message ("The printer may not exist
  // or is unavailable at this time.", reasons "none", state processing); printer_status then adds
  // "offline-report" so that domain::describe_* can name the problem.
  std::vector<std::string> reasons;
  std::string message;  // printer-state-message
};

// Errors (ErrorKind, code):
//   kUnavailable "cups_unreachable"  — the scheduler does not answer within the timeout
//   kNotFound    "printer_missing"   — the queue does not exist
//   kUnavailable "printer_not_accepting" — the queue refuses jobs (cupsreject)
//   kNotFound    "job_missing"       — job_status / cancel_job: no such job
//   kConflict    "job_finished"      — cancel_job: the job is already completed/canceled/aborted
//   kInvalidArgument "cups_error"    — submit_pdf: empty document
//   kInternal    "cups_error"        — any other IPP failure (message: IPP status, status-message)
// Messages are English for the log; people see the zh-CN text from domain/print_status.

// Print-Job on the queue with `pdf` as its one document (document-format application/pdf,
// job-name `title`, requesting-user-name `requesting_user`). Returns the CUPS job id.
Result<int> submit_pdf(const CupsTarget& t, std::string_view title, std::string_view pdf,
                       std::string_view requesting_user);
// Get-Job-Attributes: job-state, job-state-reasons, job-printer-state-message. A job on a
// vanished device stays kProcessing (reason job-printing) with printer_message "The printer may
// not exist or is unavailable at this time."; on a stopped queue it stays kPending (no job
// reasons; the printer's reason is paused).
Result<JobStatus> job_status(const CupsTarget& t, int job_id);
Result<PrinterStatus> printer_status(const CupsTarget& t);
Status cancel_job(const CupsTarget& t, int job_id);

}  // namespace md::printer
