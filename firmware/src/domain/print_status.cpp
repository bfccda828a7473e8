#include "domain/print_status.h"

#include <array>
#include <string_view>

namespace md::domain {

namespace {

// Printer problems, most specific first: when several reasons are reported the first one here
// is named (an offline printer's other reasons are stale; paused is often a consequence).
struct Problem {
  std::string_view keyword;
  std::string_view short_text;  // printer_reason_zh
  std::string_view sentence;    // the message shown at the kiosk
};
constexpr std::string_view kOffline = "打印机离线或未连接，请联系工作人员检查打印机电源和连接";
constexpr std::string_view kCover = "打印机盖板未关闭，请联系工作人员处理";
constexpr std::string_view kPaper = "打印机缺纸，请联系工作人员添加纸张";
constexpr std::string_view kToner = "打印机墨粉或墨水已用完，请联系工作人员更换";
constexpr std::array<Problem, 13> kProblems = {{
    {"offline", "打印机离线", kOffline},
    {"printer-offline", "打印机离线", kOffline},
    {"connecting-to-device", "打印机离线", kOffline},
    {"timed-out", "打印机离线", kOffline},
    {"media-jam", "打印机卡纸", "打印机卡纸，请联系工作人员处理"},
    {"door-open", "打印机盖板未关闭", kCover},
    {"cover-open", "打印机盖板未关闭", kCover},
    {"media-empty", "打印机缺纸", kPaper},
    {"media-needed", "打印机缺纸", kPaper},
    {"toner-empty", "墨粉已用完", kToner},
    {"marker-supply-empty", "墨粉/墨水已用完", kToner},
    {"paused", "打印机已暂停", "打印机已暂停，请联系工作人员"},
    {"shutdown", "打印机已关闭", "打印机已关闭，请联系工作人员"},
}};
constexpr std::string_view kGenericProblem = "打印机出现故障，请联系工作人员";

std::string_view strip_suffix(std::string_view r) {
  for (std::string_view suffix : {"-error", "-warning", "-report"}) {
    if (r.size() > suffix.size() && r.substr(r.size() - suffix.size()) == suffix)
      return r.substr(0, r.size() - suffix.size());
  }
  return r;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The sentence naming the printer's most important problem, "" when there is none. An unknown
// reason with the -error suffix is a problem without a name.
std::string problem_sentence(const std::vector<std::string>& reasons) {
  for (const Problem& p : kProblems) {
    for (const std::string& r : reasons)
      if (strip_suffix(r) == p.keyword) return std::string(p.sentence);
  }
  for (const std::string& r : reasons)
    if (ends_with(r, "-error")) return std::string(kGenericProblem);
  return "";
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
  for (const std::string& x : v)
    if (x == s) return true;
  return false;
}

struct JobText {
  std::string_view state, label, message;
  bool done, ok;
};
constexpr std::array<JobText, 9> kJobTexts = {{
    {"queued", "排队中", "打印任务已提交，正在排队", false, false},
    {"pending", "等待打印", "正在等待打印机，请稍候", false, false},
    {"held", "已挂起", "打印任务已挂起，请联系工作人员", false, false},
    {"processing", "正在打印", "正在打印，请稍候", false, false},
    {"stopped", "打印机已暂停", "打印机已暂停，请联系工作人员", false, false},
    {"completed", "打印完成", "打印完成，请在打印机处取件", true, true},
    {"canceled", "已取消", "打印任务已取消", true, false},
    {"aborted", "打印失败", "打印失败，请联系工作人员", true, false},
    {"failed", "打印失败", "打印失败，请联系工作人员", true, false},
}};

}  // namespace

std::string printer_reason_zh(const std::string& keyword) {
  std::string_view k = strip_suffix(keyword);
  for (const Problem& p : kProblems)
    if (k == p.keyword) return std::string(p.short_text);
  return "";
}

PrintDescription describe_job(const std::string& job_state,
                              const std::vector<std::string>& job_reasons,
                              const std::vector<std::string>& printer_reasons) {
  PrintDescription d;
  const JobText* text = nullptr;
  for (const JobText& t : kJobTexts)
    if (t.state == job_state) text = &t;
  if (!text) {
    d.label = "状态未知";
    d.message = "打印状态未知，请联系工作人员";
    return d;
  }
  d.label = std::string(text->label);
  d.message = std::string(text->message);
  d.done = text->done;
  d.ok = text->ok;
  if (job_state == "failed") {
    // Why the daemon could not hand the job over (set by the print worker).
    if (contains(job_reasons, "printer-missing")) d.message = "打印失败：未找到打印机，请联系工作人员";
    else if (contains(job_reasons, "cups-unreachable"))
      d.message = "打印失败：打印服务未响应，请稍后再试或联系工作人员";
    else if (contains(job_reasons, "printer-not-accepting"))
      d.message = "打印失败：打印机暂不接收任务，请联系工作人员";
    else if (contains(job_reasons, "document-unavailable"))
      d.message = "打印失败：无法生成打印文件，请联系工作人员";
    return d;
  }
  if (d.done && job_state != "aborted") return d;  // a finished job's outcome is what matters

  std::string problem = problem_sentence(printer_reasons);
  // IPP's job reason for a stopped printer (CUPS itself leaves the reasons of a job on a
  // stopped queue empty and reports paused on the printer).
  if (problem.empty() && contains(job_reasons, "printer-stopped"))
    problem = "打印机已暂停，请联系工作人员";
  if (!problem.empty()) d.message = job_state == "aborted" ? "打印失败：" + problem : problem;
  return d;
}

PrinterDescription describe_printer(const std::string& printer_state, bool accepting,
                                    const std::vector<std::string>& printer_reasons) {
  PrinterDescription d;
  if (printer_state == "missing") {
    d.label = "未找到打印机";
    d.message = "未找到打印机，请联系工作人员";
    return d;
  }
  if (printer_state == "unreachable") {
    d.label = "打印服务未响应";
    d.message = "打印服务未响应，请稍后再试或联系工作人员";
    return d;
  }
  std::string problem = problem_sentence(printer_reasons);
  if (printer_state == "idle") {
    d.label = "就绪";
    d.message = "打印机就绪";
    d.ready = true;
  } else if (printer_state == "processing") {
    d.label = "正在打印";
    d.message = "打印机正在打印，请稍候";
    d.ready = true;
  } else if (printer_state == "stopped") {
    d.label = "已暂停";
    d.message = problem.empty() ? "打印机已暂停，请联系工作人员" : problem;
    return d;
  } else {
    d.label = "状态未知";
    d.message = "打印机状态未知，请联系工作人员";
    return d;
  }
  if (!problem.empty()) {
    d.message = problem;
    d.ready = false;
  } else if (!accepting) {
    d.message = "打印机暂不接收任务，请联系工作人员";
    d.ready = false;
  }
  return d;
}

}  // namespace md::domain
