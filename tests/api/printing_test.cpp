// 打印 through the API against a real CUPS scheduler and virtual IPP printers (the cups
// fixture): a member's job lands as a PDF with the right text and fonts; a stopped queue, a
// missing queue, a dead scheduler and a vanished printer each give their message without
// holding a request; staff see the printer, cancel, reprint and print a test page; all audited.
#include <doctest/doctest.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "certificate_support.h"
#include "harness.h"
#include "print_support.h"

using apitest::HttpClient;
using apitest::Json;
using apitest::sql_int;
using apitest::TestDaemon;
using namespace certtest;
using namespace std::chrono_literals;
using print_test::ScratchQueue;

namespace {

// The PDFs the virtual printer received.
std::vector<std::string> spooled_pdfs(const std::string& spool) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(spool, ec))
    if (e.path().extension() == ".pdf") out.push_back(e.path().string());
  return out;
}

std::string job_path(const Json& job) { return "/member/print-jobs/" + std::to_string(job["id"].get<int64_t>()); }

Json staff_job(HttpClient& staff, int64_t id) {
  auto r = staff.get("/staff/printer");
  REQUIRE(r.status == 200);
  for (const auto& j : r.body["jobs"])
    if (j["id"] == id) return j;
  FAIL("job not listed");
  return nullptr;
}

long ms_since(std::chrono::steady_clock::time_point t) {
  return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t).count());
}

}  // namespace

TEST_CASE("a member prints the certificate and it lands on the printer as a PDF") {
  ScratchQueue q("mdprint", ScratchQueue::Kind::kOwnPrinter);
  TestDaemon d(options(q.name()));
  approve(d, {"11001", "1100001", "1100002"});
  HttpClient att(d.port());
  REQUIRE(att.login_member("1100001", kPw).status == 200);
  pay_by_bank(d, att, "1100001");
  const Json c = current_certificate(att);
  const std::string id = std::to_string(c["id"].get<int64_t>());

  auto printer = att.get("/member/certificates").body["printer"];
  CHECK(printer["ready"] == true);
  auto queued = att.post("/member/certificates/" + id + "/print", Json::object());
  REQUIRE(queued.status == 202);
  CHECK(queued.body["job"]["state"] == "queued");
  CHECK(queued.body["job"]["state_label"] == "排队中");
  CHECK_FALSE(queued.body["job"].contains("detail"));  // CUPS' own words are for staff
  Json job = wait_job(att, job_path(queued.body["job"]), 30s);
  CHECK(job["state"] == "completed");
  CHECK(job["ok"] == true);
  CHECK(job["message"] == "打印完成，请在打印机处取件");
  CHECK(job["cert_no"] == c["cert_no"]);

  // What the printer got: one PDF with the member's name and number in embedded fonts.
  std::vector<std::string> pdfs;
  print_test::eventually([&] { return !(pdfs = spooled_pdfs(q.printer_spool)).empty(); }, 10s);
  REQUIRE(pdfs.size() == 1);
  const std::string text = run("pdftotext '" + pdfs[0] + "' -");
  CHECK(text.find(c["name"].get<std::string>()) != std::string::npos);
  CHECK(text.find(c["cert_no"].get<std::string>()) != std::string::npos);
  CHECK(text.find(c["member_no"].get<std::string>()) != std::string::npos);
  const std::string fonts = run("pdffonts '" + pdfs[0] + "'");
  CHECK(fonts.find("yes yes") != std::string::npos);  // embedded, subset
  CHECK(fonts.find(" no ") == std::string::npos);
  CHECK(run("pdfinfo '" + pdfs[0] + "'").find("(A4)") != std::string::npos);

  // Only the member's own jobs; a visitor none.
  HttpClient other(d.port());
  REQUIRE(other.login_member("1100002", kPw).status == 200);
  CHECK(other.get(job_path(job)).status == 404);
  HttpClient visitor(d.port());
  CHECK(visitor.get(job_path(job)).status == 401);
  CHECK(other.get("/staff/printer").status == 403);

  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'print.request' AND actor = 'member:1100001'") == 1);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'print.done' AND after_json LIKE '%completed%'") == 1);

  // Five prints a day at the kiosk; staff can print more.
  apitest::sql_exec(d, "INSERT INTO print_jobs(kind, certificate_id, member_id, requested_by, queue, state, created_at, "
                       "updated_at) SELECT kind, certificate_id, member_id, requested_by, queue, state, created_at, "
                       "updated_at FROM print_jobs, (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) "
                       "WHERE id = " + std::to_string(job["id"].get<int64_t>()));
  auto limited = att.post("/member/certificates/" + id + "/print", Json::object());
  CHECK(limited.status == 429);
  CHECK(limited.body["error"]["message"] == "24小时内最多打印5次，如需更多请联系工作人员");
}

TEST_CASE("a stopped queue tells the member and staff cancel then reprint once it is back") {
  ScratchQueue q("mdstop", ScratchQueue::Kind::kOwnPrinter);
  TestDaemon d(options(q.name()));
  approve(d, {"11001", "1100001"});
  HttpClient att(d.port()), desk(d.port());
  REQUIRE(att.login_member("1100001", kPw).status == 200);
  REQUIRE(desk.login_staff("desk1", "Desk12345x").status == 200);
  pay_by_bank(d, att, "1100001");
  const std::string id = std::to_string(current_certificate(att)["id"].get<int64_t>());

  REQUIRE(print_test::sh("cupsdisable -h \"$CUPS_SERVER\" " + q.name()) == 0);
  auto queued = att.post("/member/certificates/" + id + "/print", Json::object());
  REQUIRE(queued.status == 202);
  Json job = wait_job(att, job_path(queued.body["job"]), 15s,
                      [](const Json& j) { return j["message"] == "打印机已暂停，请联系工作人员"; });
  CHECK(job["state"] == "pending");
  CHECK(job["done"] == false);
  CHECK(job["message"] == "打印机已暂停，请联系工作人员");
  auto busy = att.post("/member/certificates/" + id + "/print", Json::object());
  CHECK(busy.status == 409);
  CHECK(busy.body["error"]["code"] == "print_in_progress");

  auto state = desk.get("/staff/printer");
  REQUIRE(state.status == 200);
  CHECK(state.body["printer"]["state"] == "stopped");
  CHECK(state.body["printer"]["state_label"] == "已暂停");
  CHECK(state.body["printer"]["ready"] == false);
  CHECK(att.get("/member/certificates").body["printer"]["message"] == "打印机已暂停，请联系工作人员");

  const int64_t job_id = job["id"];
  // Reprinting the held job would print it twice once the queue runs again.
  auto twice = desk.post("/staff/print-jobs/" + std::to_string(job_id) + "/reprint", Json::object());
  CHECK(twice.status == 409);
  CHECK(twice.error_code() == "job_open");
  auto cancel = desk.post("/staff/print-jobs/" + std::to_string(job_id) + "/cancel", Json::object());
  REQUIRE(cancel.status == 200);
  CHECK(cancel.body["job"]["cancel_requested"] == true);
  job = wait_job(att, job_path(job), 15s);
  CHECK(job["state"] == "canceled");
  CHECK(job["message"] == "打印任务已取消");
  CHECK(desk.post("/staff/print-jobs/" + std::to_string(job_id) + "/cancel", Json::object()).status == 409);

  REQUIRE(print_test::sh("cupsenable -h \"$CUPS_SERVER\" " + q.name()) == 0);
  auto again = desk.post("/staff/print-jobs/" + std::to_string(job_id) + "/reprint", Json::object());
  REQUIRE(again.status == 202);
  CHECK(again.body["job"]["reprint_of"] == job_id);
  const int64_t again_id = again.body["job"]["id"];
  CHECK(print_test::eventually([&] { return staff_job(desk, again_id)["state"] == "completed"; }, 30s));
  CHECK(print_test::eventually([&] { return spooled_pdfs(q.printer_spool).size() == 1; }, 10s));
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'print.cancel' AND actor = 'staff:desk1'") == 1);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'print.reprint' AND actor = 'staff:desk1'") == 1);
}

TEST_CASE("a missing queue or a dead scheduler answers 503 at once with the reason") {
  SUBCASE("missing queue") {
    TestDaemon d(options("no-such-queue"));
    approve(d, {"11001", "1100001"});
    HttpClient att(d.port()), desk(d.port());
    REQUIRE(att.login_member("1100001", kPw).status == 200);
    REQUIRE(desk.login_staff("desk1", "Desk12345x").status == 200);
    pay_by_bank(d, att, "1100001");
    CHECK(print_test::eventually([&] { return desk.get("/staff/printer").body["printer"]["state"] == "missing"; }, 10s));
    CHECK(desk.get("/staff/printer").body["printer"]["message"] == "未找到打印机，请联系工作人员");
    const auto t0 = std::chrono::steady_clock::now();
    auto r = att.post("/member/certificates/" + std::to_string(current_certificate(att)["id"].get<int64_t>()) + "/print",
                      Json::object());
    CHECK(ms_since(t0) < 1000);
    CHECK(r.status == 503);
    CHECK(r.body["error"]["code"] == "printer_unavailable");
    CHECK(r.body["error"]["message"] == "未找到打印机，请联系工作人员");
    CHECK(desk.post("/staff/printer/test-page", Json::object()).status == 503);
  }
  SUBCASE("a scheduler that never answers") {
    print_test::BlackHole hole;
    auto o = options();
    o.toml = "[printer]\ncups_server = \"" + hole.server() + "\"\nqueue = \"kiosk\"\ntimeout_ms = 1000\n";
    TestDaemon d(o);
    approve(d, {"11001", "1100001"});
    HttpClient att(d.port()), desk(d.port());
    REQUIRE(att.login_member("1100001", kPw).status == 200);
    REQUIRE(desk.login_staff("desk1", "Desk12345x").status == 200);
    pay_by_bank(d, att, "1100001");
    // Requests answer from the worker's last look and never wait for CUPS themselves.
    for (int i = 0; i < 5; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      CHECK(desk.get("/staff/printer").status == 200);
      CHECK(ms_since(t0) < 500);
    }
    CHECK(print_test::eventually([&] { return desk.get("/staff/printer").body["printer"]["state"] == "unreachable"; }, 10s));
    auto r = att.post("/member/certificates/" + std::to_string(current_certificate(att)["id"].get<int64_t>()) + "/print",
                      Json::object());
    CHECK(r.status == 503);
    CHECK(r.body["error"]["message"] == "打印服务未响应，请稍后再试或联系工作人员");
  }
}

TEST_CASE("a printer that vanishes mid-job shows offline and staff can take the job off the queue") {
  ScratchQueue q("mdgone", ScratchQueue::Kind::kOwnPrinter);
  TestDaemon d(options(q.name()));
  approve(d, {"11001", "1100001"});
  HttpClient att(d.port()), desk(d.port());
  REQUIRE(att.login_member("1100001", kPw).status == 200);
  REQUIRE(desk.login_staff("desk1", "Desk12345x").status == 200);
  pay_by_bank(d, att, "1100001");
  REQUIRE(kill(q.printer_pid, SIGTERM) == 0);
  CHECK(print_test::eventually([&] { return kill(q.printer_pid, 0) != 0; }, 5s));
  auto queued = att.post("/member/certificates/" + std::to_string(current_certificate(att)["id"].get<int64_t>()) + "/print",
                         Json::object());
  REQUIRE(queued.status == 202);
  Json job = wait_job(att, job_path(queued.body["job"]), 25s, [](const Json& j) {
    return j["message"] == "打印机离线或未连接，请联系工作人员检查打印机电源和连接";
  });
  CHECK(job["message"] == "打印机离线或未连接，请联系工作人员检查打印机电源和连接");
  CHECK(job["done"] == false);
  auto state = desk.get("/staff/printer").body["printer"];
  CHECK(state["ready"] == false);
  CHECK(state["message"] == "打印机离线或未连接，请联系工作人员检查打印机电源和连接");
  // Staff take it off the queue; the member may then print again.
  REQUIRE(desk.post("/staff/print-jobs/" + std::to_string(job["id"].get<int64_t>()) + "/cancel", Json::object()).status == 200);
  job = wait_job(att, job_path(job), 20s);
  CHECK(job["state"] == "canceled");
}

TEST_CASE("staff print a test page and see the printer and its recent jobs") {
  ScratchQueue q("mdtest", ScratchQueue::Kind::kOwnPrinter);
  TestDaemon d(options(q.name()));
  HttpClient desk(d.port()), rev(d.port());
  REQUIRE(desk.login_staff("desk1", "Desk12345x").status == 200);
  REQUIRE(rev.login_staff("rev1", "Review12345x").status == 200);
  CHECK(rev.get("/staff/printer").status == 403);
  CHECK(rev.post("/staff/printer/test-page", Json::object()).status == 403);
  CHECK(print_test::eventually([&] { return desk.get("/staff/printer").body["printer"]["ready"] == true; }, 10s));
  auto state = desk.get("/staff/printer").body;
  CHECK(state["printer"]["queue"] == q.name());
  CHECK(state["printer"]["state_label"] == "就绪");
  CHECK(state["printer"]["message"] == "打印机就绪");

  auto queued = desk.post("/staff/printer/test-page", Json::object());
  REQUIRE(queued.status == 202);
  CHECK(queued.body["job"]["kind"] == "test_page");
  const int64_t id = queued.body["job"]["id"];
  CHECK(print_test::eventually([&] { return staff_job(desk, id)["state"] == "completed"; }, 30s));
  std::vector<std::string> pdfs;
  CHECK(print_test::eventually([&] { return (pdfs = spooled_pdfs(q.printer_spool)).size() == 1; }, 10s));
  REQUIRE(pdfs.size() == 1);
  CHECK(run("pdftotext '" + pdfs[0] + "' -").find("打印测试页") != std::string::npos);
  CHECK(staff_job(desk, id)["cups_job_id"].is_number_integer());
  CHECK(desk.post("/staff/print-jobs/99999/reprint", Json::object()).status == 404);
  CHECK(desk.post("/staff/print-jobs/" + std::to_string(id) + "/cancel", Json::object()).body["error"]["code"] == "job_done");
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'print.test_page' AND actor = 'staff:desk1'") == 1);
}

TEST_CASE("a printer out of paper tells the member and prints once paper is loaded") {
  ScratchQueue q("mdpaper", ScratchQueue::Kind::kOwnPrinter);
  TestDaemon d(options(q.name()));
  approve(d, {"11001", "1100001"});
  HttpClient att(d.port());
  REQUIRE(att.login_member("1100001", kPw).status == 200);
  pay_by_bank(d, att, "1100001");
  REQUIRE(print_test::sh("bash \"$MD_CUPS_FIXTURE\" media \"$MD_CUPS_DIR\" " + std::to_string(q.printer_port) + " empty") == 0);
  auto queued = att.post("/member/certificates/" + std::to_string(current_certificate(att)["id"].get<int64_t>()) + "/print",
                         Json::object());
  REQUIRE(queued.status == 202);
  Json job = wait_job(att, job_path(queued.body["job"]), 25s,
                      [](const Json& j) { return j["message"] == "打印机缺纸，请联系工作人员添加纸张"; });
  CHECK(job["message"] == "打印机缺纸，请联系工作人员添加纸张");
  CHECK(job["done"] == false);
  REQUIRE(print_test::sh("bash \"$MD_CUPS_FIXTURE\" media \"$MD_CUPS_DIR\" " + std::to_string(q.printer_port) + " loaded") == 0);
  job = wait_job(att, job_path(job), 40s);
  CHECK(job["state"] == "completed");
  CHECK(print_test::eventually([&] { return spooled_pdfs(q.printer_spool).size() == 1; }, 10s));
}
