// What the print tests share: the cups fixture's env file, shell helpers, scratch queues,
// a test-page PDF, polling, and sockets that refuse or never answer.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <string>

#include "memberdesk/printer/cups.h"

namespace print_test {

// DIR/env of cups-fixture.sh (MD_CUPS_ENV names it); REQUIREs that it exists.
const std::map<std::string, std::string>& fixture_env();
std::string env(const std::string& key);

// The shared queue (MD_CUPS_QUEUE) with `timeout_ms`.
md::printer::CupsTarget shared_target(int timeout_ms = 5000);

// Runs a shell command with the fixture's env exported; returns its exit code, output in `out`.
int sh(const std::string& command, std::string* out = nullptr);

// A queue for one test, named PREFIX-PID, removed (with its private printer) at the end.
// Kind::kSharedPrinter puts it on the fixture's ippeveprinter; kOwnPrinter starts a new one
// (printer_port, printer_pid, printer_spool).
class ScratchQueue {
 public:
  enum class Kind { kSharedPrinter, kOwnPrinter };
  ScratchQueue(const std::string& prefix, Kind kind);
  ~ScratchQueue();
  ScratchQueue(const ScratchQueue&) = delete;
  ScratchQueue& operator=(const ScratchQueue&) = delete;

  const std::string& name() const { return name_; }
  md::printer::CupsTarget target(int timeout_ms = 5000) const;
  int printer_port = 0;
  pid_t printer_pid = 0;
  std::string printer_spool;

 private:
  std::string name_;
};

// A one-page PDF (the printer test page), rendered once per process.
const std::string& test_pdf();

// A job title unique to this process, e.g. "mdtest-12345-arrives".
std::string unique_title(const std::string& what);

// Polls `done` every 100 ms until it is true or `limit` passes; returns its last value.
bool eventually(const std::function<bool()>& done, std::chrono::milliseconds limit);

// Polls job_status until the job reaches `state` (or `limit` passes); the last status seen.
md::printer::JobStatus wait_for_job(const md::printer::CupsTarget& t, int job_id,
                                    md::printer::JobState state, std::chrono::milliseconds limit);

// "host:port" on 127.0.0.1 where nothing listens (connect is refused).
std::string closed_port_server();

// A listening socket that never accepts or reads: connect succeeds, nothing ever answers.
class BlackHole {
 public:
  BlackHole();
  ~BlackHole();
  BlackHole(const BlackHole&) = delete;
  BlackHole& operator=(const BlackHole&) = delete;
  std::string server() const;

 private:
  int fd_ = -1;
  int port_ = 0;
};

std::string join(const std::vector<std::string>& v);
bool contains_prefix(const std::vector<std::string>& v, const std::string& prefix);

}  // namespace print_test
