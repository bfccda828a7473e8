// The print worker: one background thread, on its own database connection, that hands queued
// print jobs to the kiosk's CUPS queue (libcups), follows them until they finish, cancels those
// staff asked to cancel, and keeps a snapshot of the printer's state. Request threads only insert
// rows and read the snapshot, so a missing, stopped or unreachable printer never holds a request:
// every CUPS call is bounded by printer.timeout_ms and happens here.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "certs/documents.h"
#include "core/result.h"
#include "memberdesk/printer/cups.h"
#include "store/db.h"
#include "store/print_job_repo.h"

namespace md::certs {

// What the worker last learned about the queue.
struct PrinterSnapshot {
  bool checked = false;       // false until the first check has answered
  std::string state = "unknown";  // idle | processing | stopped | missing | unreachable
  bool accepting = false;
  std::vector<std::string> reasons;
  std::string detail;  // CUPS' printer-state-message or the error, for staff
  std::string checked_at;
};

struct PrintSettings {
  printer::CupsTarget target;
  std::chrono::milliseconds poll{1000};     // while jobs are open
  std::chrono::seconds status_every{10};    // printer check when nothing is printing
};

Result<PrintSettings> print_settings(const config::Config& cfg);

// Asks CUPS for the queue's state now (bounded by the target's timeout).
PrinterSnapshot check_printer(const printer::CupsTarget& target);

class PrintWorker {
 public:
  PrintWorker(std::string db_path, PrintSettings settings, DocumentSettings docs)
      : db_path_(std::move(db_path)), settings_(std::move(settings)), docs_(std::move(docs)) {}
  ~PrintWorker() { stop(); }
  PrintWorker(const PrintWorker&) = delete;
  PrintWorker& operator=(const PrintWorker&) = delete;

  Status start();
  void stop();
  // A job was queued or marked for cancelling, or somebody looks at the printer: work now.
  void wake();
  PrinterSnapshot printer() const;
  const std::string& queue() const { return settings_.target.queue; }

 private:
  void run();
  void refresh_printer();
  void follow(store::PrintJobRow& job);
  void hand_over(store::PrintJobRow& job);
  void cancel(store::PrintJobRow& job);
  void record(store::PrintJobRow& job, store::PrintJobUpdate u);

  std::string db_path_;
  PrintSettings settings_;
  DocumentSettings docs_;
  std::unique_ptr<store::Db> db_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  PrinterSnapshot snapshot_;
  std::thread thread_;
};

}  // namespace md::certs
