// What CUPS reports when the printer vanishes or runs out of paper, and that a dead or silent
// scheduler costs no more than the timeout.
#include <doctest/doctest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "domain/print_status.h"
#include "memberdesk/printer/cups.h"
#include "print_support.h"

using namespace std::chrono_literals;
using md::printer::JobState;
using md::printer::PrinterState;
using print_test::ScratchQueue;
using Clock = std::chrono::steady_clock;

namespace {

long ms_since(Clock::time_point start) {
  return static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count());
}

}  // namespace

TEST_CASE("a vanished printer leaves the job unfinished and reads as offline") {
  ScratchQueue q("vanished", ScratchQueue::Kind::kOwnPrinter);
  auto t = q.target();
  REQUIRE(kill(q.printer_pid, SIGTERM) == 0);
  CHECK(print_test::eventually([&] { return kill(q.printer_pid, 0) != 0; }, 5s));

  auto job = md::printer::submit_pdf(t, print_test::unique_title("vanished"),
                                     print_test::test_pdf(), "kiosk");
  REQUIRE_MESSAGE(job.ok(), job.error().message);

  md::printer::PrinterStatus ps;
  bool offline = print_test::eventually(
      [&] {
        auto r = md::printer::printer_status(t);
        REQUIRE(r.ok());
        ps = *r;
        return print_test::contains_prefix(ps.reasons, "offline");
      },
      10s);
  MESSAGE("vanished printer: printer-state "
          << std::string(md::printer::printer_state_code(ps.state)) << ", reasons "
          << print_test::join(ps.reasons) << ", message '" << ps.message << "'");
  CHECK(offline);
  CHECK(ps.state == PrinterState::kProcessing);

  auto st = md::printer::job_status(t, *job);
  REQUIRE(st.ok());
  MESSAGE("job on a vanished printer: " << std::string(md::printer::job_state_code(st->state))
                                        << ", reasons " << print_test::join(st->reasons)
                                        << ", message '" << st->printer_message << "'");
  CHECK(st->state == JobState::kProcessing);
  CHECK_FALSE(st->printer_message.empty());

  auto said =
      md::domain::describe_job(md::printer::job_state_code(st->state), st->reasons, ps.reasons);
  CHECK(said.message.find("打印机离线或未连接") == 0);
  CHECK_FALSE(said.done);
  CHECK_FALSE(md::domain::describe_printer("processing", ps.accepting, ps.reasons).ready);

  CHECK(md::printer::cancel_job(t, *job).ok());
}

TEST_CASE("a printer out of paper holds the job and names the problem") {
  ScratchQueue q("paper", ScratchQueue::Kind::kOwnPrinter);
  auto t = q.target();
  const std::string port = std::to_string(q.printer_port);
  REQUIRE(print_test::sh("bash \"$MD_CUPS_FIXTURE\" media \"$MD_CUPS_DIR\" " + port + " empty") ==
          0);

  auto job = md::printer::submit_pdf(t, print_test::unique_title("paper"), print_test::test_pdf(),
                                     "kiosk");
  REQUIRE_MESSAGE(job.ok(), job.error().message);
  md::printer::PrinterStatus ps;
  bool named = print_test::eventually(
      [&] {
        auto r = md::printer::printer_status(t);
        REQUIRE(r.ok());
        ps = *r;
        return print_test::contains_prefix(ps.reasons, "media-empty") ||
               print_test::contains_prefix(ps.reasons, "media-needed");
      },
      10s);
  MESSAGE("printer without paper: reasons " << print_test::join(ps.reasons));
  CHECK(named);
  auto st = md::printer::job_status(t, *job);
  REQUIRE(st.ok());
  CHECK(st->state == JobState::kProcessing);
  auto said =
      md::domain::describe_job(md::printer::job_state_code(st->state), st->reasons, ps.reasons);
  CHECK(said.message == "打印机缺纸，请联系工作人员添加纸张");

  REQUIRE(print_test::sh("bash \"$MD_CUPS_FIXTURE\" media \"$MD_CUPS_DIR\" " + port + " loaded") ==
          0);
  CHECK(print_test::wait_for_job(t, *job, JobState::kCompleted, 20s).state == JobState::kCompleted);
}

TEST_CASE("a closed scheduler port answers cups_unreachable at once") {
  md::printer::CupsTarget t{print_test::closed_port_server(), "kiosk", 3000};
  auto start = Clock::now();
  auto ps = md::printer::printer_status(t);
  REQUIRE_FALSE(ps.ok());
  CHECK(ps.error().code == "cups_unreachable");
  CHECK(ps.error().kind == md::ErrorKind::kUnavailable);
  auto job = md::printer::submit_pdf(t, "x", print_test::test_pdf(), "kiosk");
  REQUIRE_FALSE(job.ok());
  CHECK(job.error().code == "cups_unreachable");
  CHECK(md::printer::job_status(t, 1).error().code == "cups_unreachable");
  CHECK(md::printer::cancel_job(t, 1).error().code == "cups_unreachable");
  CHECK(ms_since(start) < 2000);
}

TEST_CASE("a scheduler that never answers costs the timeout and no more") {
  print_test::BlackHole hole;
  md::printer::CupsTarget t{hole.server(), "kiosk", 1000};
  const long kSlack = 1500;

  auto start = Clock::now();
  auto ps = md::printer::printer_status(t);
  long spent = ms_since(start);
  REQUIRE_FALSE(ps.ok());
  CHECK(ps.error().code == "cups_unreachable");
  MESSAGE("Get-Printer-Attributes gave up after " << spent << " ms: " << ps.error().message);
  CHECK(spent >= 900);
  CHECK(spent < t.timeout_ms + kSlack);

  start = Clock::now();
  CHECK(md::printer::job_status(t, 1).error().code == "cups_unreachable");
  CHECK(ms_since(start) < t.timeout_ms + kSlack);

  // A document larger than the socket buffers: the writes themselves must give up too.
  std::string big = print_test::test_pdf();
  big.resize(32u << 20, ' ');
  start = Clock::now();
  auto job = md::printer::submit_pdf(t, "big", big, "kiosk");
  spent = ms_since(start);
  REQUIRE_FALSE(job.ok());
  CHECK(job.error().code == "cups_unreachable");
  MESSAGE("Print-Job of 32 MB gave up after " << spent << " ms: " << job.error().message);
  CHECK(spent < t.timeout_ms + kSlack);
}

TEST_CASE("calls from several threads at once") {
  auto t = print_test::shared_target();
  auto job = md::printer::submit_pdf(t, print_test::unique_title("threads"), print_test::test_pdf(),
                                     "kiosk");
  REQUIRE(job.ok());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      md::printer::CupsTarget dead{print_test::closed_port_server(), "kiosk", 500};
      for (int k = 0; k < 10; ++k) {
        if (!md::printer::printer_status(t).ok()) ++failures;
        if (!md::printer::job_status(t, *job).ok()) ++failures;
        // Errors on one thread must not leak into another's answers.
        if (i % 2 && md::printer::printer_status(dead).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == 0);
  CHECK(print_test::wait_for_job(t, *job, JobState::kCompleted, 20s).state == JobState::kCompleted);
}
