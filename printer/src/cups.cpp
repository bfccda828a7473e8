// md::printer CUPS jobs: Print-Job, Get-Job-Attributes, Get-Printer-Attributes, Cancel-Job,
// each on its own CupsSession (cups_session.cpp).
#include "memberdesk/printer/cups.h"

#include <algorithm>
#include <array>

#include "cups_session.h"

namespace md::printer {

using detail::CupsSession;
using detail::Ipp;

namespace {

std::vector<std::string> keywords(ipp_t* response, const char* name) {
  std::vector<std::string> out;
  ipp_attribute_t* a = ippFindAttribute(response, name, IPP_TAG_KEYWORD);
  for (int i = 0, n = a ? ippGetCount(a) : 0; i < n; ++i) {
    const char* v = ippGetString(a, i, nullptr);
    if (v && std::string_view(v) != "none") out.emplace_back(v);
  }
  return out;
}

std::string text(ipp_t* response, const char* name) {
  ipp_attribute_t* a = ippFindAttribute(response, name, IPP_TAG_ZERO);
  const char* v = a ? ippGetString(a, 0, nullptr) : nullptr;
  return v ? v : "";
}

JobState job_state_from_ipp(int v) {
  switch (v) {
    case IPP_JSTATE_HELD:
      return JobState::kHeld;
    case IPP_JSTATE_PROCESSING:
      return JobState::kProcessing;
    case IPP_JSTATE_STOPPED:
      return JobState::kStopped;
    case IPP_JSTATE_CANCELED:
      return JobState::kCanceled;
    case IPP_JSTATE_ABORTED:
      return JobState::kAborted;
    case IPP_JSTATE_COMPLETED:
      return JobState::kCompleted;
    default:
      return JobState::kPending;
  }
}

// CUPS' ipp backend says that it cannot reach the device only in printer-state-message (while
// printer-state-reasons stay "none", apart from a moment of connecting-to-device). These are
// its messages for that (cups 2.4 backends, as the scheduler's C locale writes them; a cupsd
// running in another language would translate them and this would not match).
bool says_device_unreachable(const std::string& message) {
  static constexpr std::array<std::string_view, 5> kPhrases = {
      "may not exist or is unavailable", "is unreachable", "is not responding",
      "Unable to connect to printer", "Unable to locate printer"};
  return std::any_of(kPhrases.begin(), kPhrases.end(),
                     [&](std::string_view p) { return message.find(p) != std::string::npos; });
}

bool has_offline_reason(const std::vector<std::string>& reasons) {
  return std::any_of(reasons.begin(), reasons.end(), [](const std::string& r) {
    return r.rfind("offline", 0) == 0 || r.rfind("connecting-to-device", 0) == 0 ||
           r.rfind("timed-out", 0) == 0;
  });
}

}  // namespace

const char* job_state_code(JobState s) {
  switch (s) {
    case JobState::kPending:
      return "pending";
    case JobState::kHeld:
      return "held";
    case JobState::kProcessing:
      return "processing";
    case JobState::kStopped:
      return "stopped";
    case JobState::kCanceled:
      return "canceled";
    case JobState::kAborted:
      return "aborted";
    case JobState::kCompleted:
      return "completed";
  }
  return "pending";
}

const char* printer_state_code(PrinterState s) {
  switch (s) {
    case PrinterState::kIdle:
      return "idle";
    case PrinterState::kProcessing:
      return "processing";
    case PrinterState::kStopped:
      return "stopped";
  }
  return "idle";
}

Result<int> submit_pdf(const CupsTarget& t, std::string_view title, std::string_view pdf,
                       std::string_view requesting_user) {
  if (pdf.empty())
    return make_error(ErrorKind::kInvalidArgument, "cups_error", "submit_pdf: empty document");
  auto s = CupsSession::open(t);
  if (!s.ok()) return s.error();
  ipp_t* request = s->new_request(IPP_OP_PRINT_JOB, requesting_user);
  std::string name(title.empty() ? std::string_view("memberdesk") : title);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, name.c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
               "application/pdf");
  const std::string resource = "/printers/" + t.queue;
  auto response = s->send(request, resource.c_str(), pdf, "Print-Job");
  if (!response.ok()) return response.error();
  ipp_attribute_t* id = ippFindAttribute(response->get(), "job-id", IPP_TAG_INTEGER);
  if (!id)
    return make_error(ErrorKind::kInternal, "cups_error", "Print-Job: no job-id in the answer");
  return ippGetInteger(id, 0);
}

Result<JobStatus> job_status(const CupsTarget& t, int job_id) {
  auto s = CupsSession::open(t);
  if (!s.ok()) return s.error();
  ipp_t* request = s->new_request(IPP_OP_GET_JOB_ATTRIBUTES, "memberdesk", job_id);
  static const char* const kWanted[] = {"job-id", "job-state", "job-state-reasons",
                                        "job-printer-state-message"};
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                static_cast<int>(std::size(kWanted)), nullptr, kWanted);
  auto response = s->send(request, "/", {}, "Get-Job-Attributes", "job_missing");
  if (!response.ok()) return response.error();
  JobStatus st;
  st.job_id = job_id;
  ipp_attribute_t* state = ippFindAttribute(response->get(), "job-state", IPP_TAG_ENUM);
  st.state = job_state_from_ipp(state ? ippGetInteger(state, 0) : IPP_JSTATE_PENDING);
  st.reasons = keywords(response->get(), "job-state-reasons");
  st.printer_message = text(response->get(), "job-printer-state-message");
  return st;
}

Result<PrinterStatus> printer_status(const CupsTarget& t) {
  auto s = CupsSession::open(t);
  if (!s.ok()) return s.error();
  ipp_t* request = s->new_request(IPP_OP_GET_PRINTER_ATTRIBUTES, "memberdesk");
  static const char* const kWanted[] = {"printer-state", "printer-state-reasons",
                                        "printer-state-message", "printer-is-accepting-jobs"};
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                static_cast<int>(std::size(kWanted)), nullptr, kWanted);
  auto response = s->send(request, "/", {}, "Get-Printer-Attributes");
  if (!response.ok()) return response.error();
  PrinterStatus st;
  ipp_attribute_t* state = ippFindAttribute(response->get(), "printer-state", IPP_TAG_ENUM);
  switch (state ? ippGetInteger(state, 0) : IPP_PSTATE_IDLE) {
    case IPP_PSTATE_PROCESSING:
      st.state = PrinterState::kProcessing;
      break;
    case IPP_PSTATE_STOPPED:
      st.state = PrinterState::kStopped;
      break;
    default:
      st.state = PrinterState::kIdle;
      break;
  }
  ipp_attribute_t* accepting =
      ippFindAttribute(response->get(), "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
  st.accepting = accepting ? ippGetBoolean(accepting, 0) != 0 : true;
  st.reasons = keywords(response->get(), "printer-state-reasons");
  st.message = text(response->get(), "printer-state-message");
  if (st.state == PrinterState::kProcessing && !has_offline_reason(st.reasons) &&
      says_device_unreachable(st.message))
    st.reasons.emplace_back("offline-report");
  return st;
}

Status cancel_job(const CupsTarget& t, int job_id) {
  auto s = CupsSession::open(t);
  if (!s.ok()) return s.error();
  ipp_t* request = s->new_request(IPP_OP_CANCEL_JOB, "memberdesk", job_id);
  auto response = s->send(request, "/jobs/", {}, "Cancel-Job", "job_missing");
  if (!response.ok()) {
    const Error& e = response.error();
    if (e.code == "cups_error" && e.message.find("client-error-not-possible") != std::string::npos)
      return make_error(ErrorKind::kConflict, "job_finished", e.message);
    return e;
  }
  return Status::success();
}

}  // namespace md::printer
