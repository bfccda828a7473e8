// What people are told about a print job and the printer, in zh-CN, from the IPP states and
// reasons that CUPS reports. Pure rules: no libcups here (state and reason codes are strings).
//
//   describe_job("processing", {"job-printing"}, {"media-empty-error"})
//     → {label "正在打印", message "打印机缺纸，请联系工作人员添加纸张", done false, ok false}
#pragma once

#include <string>
#include <vector>

namespace md::domain {

struct PrintDescription {
  // short state label: 排队中, 等待打印, 已挂起, 正在打印, 打印机已暂停, 打印完成, 已取消, 打印失败
  std::string label;
  std::string message;  // one sentence for the person at the kiosk; names the printer's problem
  bool done = false;    // completed, canceled, aborted, failed
  bool ok = false;      // completed
};

// job_state: "queued" (not yet handed to CUPS), "pending", "held", "processing", "stopped",
// "canceled", "aborted", "completed", "failed" (CUPS refused it or was unreachable).
// job_reasons: IPP job-state-reasons. printer_reasons: printer-state-reasons of the queue at the
// time (with or without -error/-warning/-report suffixes; "none" ignored). While the job is not
// finished (and when it aborted) the message names the printer's problem if one is reported:
// offline > media-jam > cover/door-open > media-empty > toner > paused > any other *-error;
// job reason printer-stopped counts as paused. A failed job names the daemon's reason for it
// (job reasons printer-missing, cups-unreachable, printer-not-accepting, document-unavailable).
// Unknown states get label 状态未知.
PrintDescription describe_job(const std::string& job_state,
                              const std::vector<std::string>& job_reasons,
                              const std::vector<std::string>& printer_reasons);

// printer_state: "idle", "processing", "stopped", "missing" (no such queue), "unreachable"
// (the scheduler does not answer). `ready` is false when a job could not print now: a problem
// reason, not accepting jobs, stopped, missing or unreachable.
struct PrinterDescription {
  std::string label;  // 就绪, 正在打印, 已暂停, 未找到打印机, 打印服务未响应
  std::string message;  // e.g. 打印机缺纸，请联系工作人员添加纸张
  bool ready = false;
};
PrinterDescription describe_printer(const std::string& printer_state, bool accepting,
                                    const std::vector<std::string>& printer_reasons);

// zh-CN text of one printer-state-reason keyword (suffix stripped), "" for unknown keywords.
// media-empty → 打印机缺纸, media-jam → 打印机卡纸, offline-report / connecting-to-device →
// 打印机离线, toner-empty → 墨粉已用完, door-open / cover-open → 打印机盖板未关闭, paused →
// 打印机已暂停 …
std::string printer_reason_zh(const std::string& keyword);

}  // namespace md::domain
