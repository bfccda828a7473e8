// Jobs on healthy, stopped, rejecting and unknown queues of the fixture's real CUPS.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "domain/print_status.h"
#include "memberdesk/printer/cups.h"
#include "print_support.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using md::printer::JobState;
using md::printer::PrinterState;
using print_test::ScratchQueue;

namespace {

// The file ippeveprinter kept (-k) for a job named `title`: SPOOL/<its job id>-<title>.pdf.
fs::path kept_file(const std::string& spool, const std::string& title) {
  for (const auto& e : fs::directory_iterator(spool)) {
    std::string name = e.path().filename().string();
    if (name.find(title) != std::string::npos && e.path().extension() == ".pdf") return e.path();
  }
  return {};
}

std::string file_prefix(const fs::path& p, size_t n) {
  std::ifstream in(p, std::ios::binary);
  std::string s(n, '\0');
  in.read(s.data(), static_cast<std::streamsize>(n));
  s.resize(static_cast<size_t>(in.gcount()));
  return s;
}

}  // namespace

TEST_CASE("a PDF job completes and reaches the printer as a PDF") {
  auto t = print_test::shared_target();
  const std::string title = print_test::unique_title("arrives");
  auto job = md::printer::submit_pdf(t, title, print_test::test_pdf(), "member:1100001");
  REQUIRE_MESSAGE(job.ok(), job.error().code << ": " << job.error().message);
  CHECK(*job > 0);

  auto st = print_test::wait_for_job(t, *job, JobState::kCompleted, 20s);
  CHECK(st.state == JobState::kCompleted);
  CHECK(st.job_id == *job);
  MESSAGE("completed job: job-state-reasons " << print_test::join(st.reasons));
  auto said = md::domain::describe_job(md::printer::job_state_code(st.state), st.reasons, {});
  CHECK(said.ok);
  CHECK(said.label == "打印完成");

  fs::path kept;
  CHECK(print_test::eventually(
      [&] { return !(kept = kept_file(print_test::env("MD_IPP_SPOOL"), title)).empty(); }, 5s));
  REQUIRE_FALSE(kept.empty());
  CHECK(file_prefix(kept, 4) == "%PDF");
  CHECK(fs::file_size(kept) > 1000);
}

TEST_CASE("a healthy queue is idle and accepting") {
  auto ps = md::printer::printer_status(print_test::shared_target());
  REQUIRE_MESSAGE(ps.ok(), ps.error().code << ": " << ps.error().message);
  CHECK(ps->state != PrinterState::kStopped);
  CHECK(ps->accepting);
  CHECK_MESSAGE(ps->reasons.empty(), print_test::join(ps->reasons));
  auto said = md::domain::describe_printer(md::printer::printer_state_code(ps->state),
                                           ps->accepting, ps->reasons);
  CHECK(said.ready);
}

TEST_CASE("the default server comes from CUPS_SERVER") {
  setenv("CUPS_SERVER", print_test::env("CUPS_SERVER").c_str(), 1);
  md::printer::CupsTarget t{"", print_test::env("MD_CUPS_QUEUE"), 3000};
  // libcups reads its defaults once per thread: a new thread sees the CUPS_SERVER set above.
  md::Result<md::printer::PrinterStatus> ps = md::make_error(md::ErrorKind::kInternal, "", "");
  std::thread([&] { ps = md::printer::printer_status(t); }).join();
  REQUIRE_MESSAGE(ps.ok(), ps.error().code << ": " << ps.error().message);
  CHECK(ps->accepting);
}

TEST_CASE("a stopped queue keeps the job pending until it is enabled") {
  ScratchQueue q("stopped", ScratchQueue::Kind::kSharedPrinter);
  auto t = q.target();
  REQUIRE(print_test::sh("cupsdisable " + q.name()) == 0);

  auto ps = md::printer::printer_status(t);
  REQUIRE(ps.ok());
  CHECK(ps->state == PrinterState::kStopped);
  CHECK(ps->accepting);
  MESSAGE("stopped queue: printer-state-reasons " << print_test::join(ps->reasons) << ", message '"
                                                  << ps->message << "'");
  CHECK(print_test::contains_prefix(ps->reasons, "paused"));
  CHECK(md::domain::describe_printer("stopped", ps->accepting, ps->reasons).message ==
        "打印机已暂停，请联系工作人员");

  auto job = md::printer::submit_pdf(t, print_test::unique_title("stopped"), print_test::test_pdf(),
                                     "kiosk");
  REQUIRE_MESSAGE(job.ok(), job.error().message);
  std::this_thread::sleep_for(1500ms);
  auto st = md::printer::job_status(t, *job);
  REQUIRE(st.ok());
  CHECK(st->state == JobState::kPending);
  MESSAGE("job on a stopped queue: job-state-reasons " << print_test::join(st->reasons));
  auto said = md::domain::describe_job("pending", st->reasons, ps->reasons);
  CHECK(said.message == "打印机已暂停，请联系工作人员");
  CHECK_FALSE(said.done);

  REQUIRE(print_test::sh("cupsenable " + q.name()) == 0);
  auto done = print_test::wait_for_job(t, *job, JobState::kCompleted, 20s);
  CHECK(done.state == JobState::kCompleted);
}

TEST_CASE("a queue that rejects jobs answers printer_not_accepting") {
  ScratchQueue q("reject", ScratchQueue::Kind::kSharedPrinter);
  auto t = q.target();
  REQUIRE(print_test::sh("cupsreject " + q.name()) == 0);

  auto job = md::printer::submit_pdf(t, print_test::unique_title("reject"), print_test::test_pdf(),
                                     "kiosk");
  REQUIRE_FALSE(job.ok());
  CHECK(job.error().code == "printer_not_accepting");
  CHECK(job.error().kind == md::ErrorKind::kUnavailable);

  auto ps = md::printer::printer_status(t);
  REQUIRE(ps.ok());
  CHECK_FALSE(ps->accepting);
  CHECK_FALSE(md::domain::describe_printer(md::printer::printer_state_code(ps->state),
                                           ps->accepting, ps->reasons)
                  .ready);
}

TEST_CASE("an unknown queue answers printer_missing") {
  md::printer::CupsTarget t{print_test::env("CUPS_SERVER"), print_test::unique_title("nosuchqueue"),
                            3000};
  auto job = md::printer::submit_pdf(t, "x", print_test::test_pdf(), "kiosk");
  REQUIRE_FALSE(job.ok());
  CHECK(job.error().code == "printer_missing");
  CHECK(job.error().kind == md::ErrorKind::kNotFound);
  auto ps = md::printer::printer_status(t);
  REQUIRE_FALSE(ps.ok());
  CHECK(ps.error().code == "printer_missing");
}

TEST_CASE("cancel_job cancels a pending job") {
  ScratchQueue q("cancel", ScratchQueue::Kind::kSharedPrinter);
  auto t = q.target();
  REQUIRE(print_test::sh("cupsdisable " + q.name()) == 0);
  auto job = md::printer::submit_pdf(t, print_test::unique_title("cancel"), print_test::test_pdf(),
                                     "kiosk");
  REQUIRE(job.ok());
  CHECK(md::printer::job_status(t, *job)->state == JobState::kPending);

  auto canceled = md::printer::cancel_job(t, *job);
  REQUIRE_MESSAGE(canceled.ok(), canceled.error().message);
  auto st = md::printer::job_status(t, *job);
  REQUIRE(st.ok());
  CHECK(st->state == JobState::kCanceled);
  CHECK(md::domain::describe_job("canceled", st->reasons, {}).label == "已取消");

  auto again = md::printer::cancel_job(t, *job);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == "job_finished");
  CHECK(again.error().kind == md::ErrorKind::kConflict);
}

TEST_CASE("an unknown job answers job_missing") {
  auto t = print_test::shared_target();
  auto st = md::printer::job_status(t, 987654);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == "job_missing");
  CHECK(st.error().kind == md::ErrorKind::kNotFound);
  auto c = md::printer::cancel_job(t, 987654);
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().code == "job_missing");
}
