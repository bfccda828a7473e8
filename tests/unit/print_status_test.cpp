#include <doctest/doctest.h>

#include "domain/print_status.h"

using md::domain::describe_job;
using md::domain::describe_printer;
using md::domain::printer_reason_zh;

TEST_CASE("print status: job state labels and outcome flags") {
  struct Row {
    const char* state;
    const char* label;
    bool done, ok;
  };
  const Row rows[] = {
      {"queued", "排队中", false, false},        {"pending", "等待打印", false, false},
      {"held", "已挂起", false, false},          {"processing", "正在打印", false, false},
      {"stopped", "打印机已暂停", false, false}, {"completed", "打印完成", true, true},
      {"canceled", "已取消", true, false},       {"aborted", "打印失败", true, false},
      {"failed", "打印失败", true, false}};
  for (const Row& r : rows) {
    CAPTURE(r.state);
    auto d = describe_job(r.state, {}, {});
    CHECK(d.label == r.label);
    CHECK(d.done == r.done);
    CHECK(d.ok == r.ok);
    CHECK_FALSE(d.message.empty());
  }
  auto unknown = describe_job("sideways", {}, {});
  CHECK(unknown.label == "状态未知");
  CHECK_FALSE(unknown.done);
}

TEST_CASE("print status: reason keywords lose their suffixes") {
  CHECK(printer_reason_zh("media-empty") == "打印机缺纸");
  CHECK(printer_reason_zh("media-empty-error") == "打印机缺纸");
  CHECK(printer_reason_zh("media-needed-warning") == "打印机缺纸");
  CHECK(printer_reason_zh("media-jam-error") == "打印机卡纸");
  CHECK(printer_reason_zh("offline-report") == "打印机离线");
  CHECK(printer_reason_zh("connecting-to-device") == "打印机离线");
  CHECK(printer_reason_zh("timed-out") == "打印机离线");
  CHECK(printer_reason_zh("printer-offline") == "打印机离线");
  CHECK(printer_reason_zh("toner-empty-error") == "墨粉已用完");
  CHECK(printer_reason_zh("marker-supply-empty-error") == "墨粉/墨水已用完");
  CHECK(printer_reason_zh("door-open-error") == "打印机盖板未关闭");
  CHECK(printer_reason_zh("cover-open") == "打印机盖板未关闭");
  CHECK(printer_reason_zh("paused") == "打印机已暂停");
  CHECK(printer_reason_zh("media-low-report") == "");
  CHECK(printer_reason_zh("none") == "");
  CHECK(printer_reason_zh("cups-waiting-for-job-completed") == "");
}

TEST_CASE("print status: a waiting job names the printer problem") {
  auto d = describe_job("processing", {"job-printing"}, {"media-empty-error"});
  CHECK(d.label == "正在打印");
  CHECK(d.message == "打印机缺纸，请联系工作人员添加纸张");
  CHECK_FALSE(d.done);
  CHECK_FALSE(d.ok);

  CHECK(describe_job("pending", {}, {"media-needed"}).message ==
        "打印机缺纸，请联系工作人员添加纸张");
  CHECK(describe_job("pending", {}, {"media-jam-error"}).message.find("打印机卡纸") == 0);
  CHECK(describe_job("pending", {}, {"toner-empty-error"}).message.find("墨粉或墨水已用完") !=
        std::string::npos);
  CHECK(describe_job("pending", {}, {"cover-open-report"}).message.find("盖板未关闭") !=
        std::string::npos);
  CHECK(describe_job("pending", {"printer-stopped"}, {"paused"}).message ==
        "打印机已暂停，请联系工作人员");
  CHECK(describe_job("pending", {"printer-stopped"}, {}).message == "打印机已暂停，请联系工作人员");
  CHECK(describe_job("held", {}, {"media-empty-error"}).message.find("缺纸") != std::string::npos);
}

TEST_CASE("print status: an unreachable device reads as offline") {
  // What printer_status reports for a vanished IPP printer: state processing with the
  // offline-report reason it adds from CUPS' message (CUPS itself says "none").
  for (const char* reason :
       {"offline-report", "connecting-to-device", "timed-out-error", "offline"}) {
    CAPTURE(reason);
    auto d = describe_job("processing", {"job-printing"}, {reason});
    CHECK(d.message.find("打印机离线或未连接") == 0);
    auto p = describe_printer("processing", true, {reason});
    CHECK(p.message.find("打印机离线或未连接") == 0);
    CHECK_FALSE(p.ready);
  }
  // Offline wins over the stale reasons it leaves behind.
  CHECK(describe_job("processing", {}, {"media-empty-error", "offline-report"})
            .message.find("离线") != std::string::npos);
}

TEST_CASE("print status: problems are ranked and unknown reasons ignored") {
  CHECK(describe_job("pending", {}, {"paused", "media-empty-error"}).message.find("缺纸") !=
        std::string::npos);
  CHECK(describe_job("pending", {}, {"media-low-report", "none"}).message ==
        "正在等待打印机，请稍候");
  CHECK(describe_job("pending", {}, {"spool-area-full-error"}).message ==
        "打印机出现故障，请联系工作人员");
}

TEST_CASE("print status: finished jobs keep their outcome") {
  auto done = describe_job("completed", {"job-completed-successfully"}, {"media-empty-error"});
  CHECK(done.message == "打印完成，请在打印机处取件");
  CHECK(done.ok);
  CHECK(describe_job("canceled", {}, {"offline-report"}).message == "打印任务已取消");
  auto aborted = describe_job("aborted", {}, {"media-jam-error"});
  CHECK(aborted.message.find("打印失败") == 0);
  CHECK(aborted.message.find("卡纸") != std::string::npos);
}

TEST_CASE("print status: printer descriptions") {
  auto idle = describe_printer("idle", true, {});
  CHECK(idle.label == "就绪");
  CHECK(idle.ready);
  auto busy = describe_printer("processing", true, {});
  CHECK(busy.label == "正在打印");
  CHECK(busy.ready);
  auto stopped = describe_printer("stopped", true, {"paused"});
  CHECK(stopped.label == "已暂停");
  CHECK(stopped.message == "打印机已暂停，请联系工作人员");
  CHECK_FALSE(stopped.ready);
  CHECK(describe_printer("stopped", true, {"paused", "media-empty-error"}).message ==
        "打印机缺纸，请联系工作人员添加纸张");
  auto missing = describe_printer("missing", false, {});
  CHECK(missing.label == "未找到打印机");
  CHECK_FALSE(missing.ready);
  auto unreachable = describe_printer("unreachable", false, {});
  CHECK(unreachable.label == "打印服务未响应");
  CHECK_FALSE(unreachable.ready);
  auto rejecting = describe_printer("idle", false, {});
  CHECK_FALSE(rejecting.ready);
  CHECK(rejecting.message.find("不接收") != std::string::npos);
  auto empty = describe_printer("idle", true, {"media-empty-error"});
  CHECK(empty.message == "打印机缺纸，请联系工作人员添加纸张");
  CHECK_FALSE(empty.ready);
}
