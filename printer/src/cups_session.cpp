// CupsSession: httpConnect2 with a timeout, then IPP requests whose every wait is bounded.
// libcups 2.4 keeps its last-error state per thread, and nothing here sets process-wide state
// (no cupsSetServer, cupsSetUser, cupsSetPasswordCB), so sessions may run on any thread.
#include "cups_session.h"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace md::printer::detail {

namespace {

// Called by libcups each time a wait for the scheduler passes one slice of time: 1 = keep
// waiting, 0 = give up (the call fails with ETIMEDOUT). `data` is the session's deadline.
int keep_waiting(http_t*, void* data) {
  return std::chrono::steady_clock::now() < *static_cast<CupsSession::Clock::time_point*>(data);
}

Error unreachable(const std::string& where, const std::string& why) {
  return make_error(ErrorKind::kUnavailable, "cups_unreachable",
                    "CUPS scheduler " + where + " does not answer: " + why);
}

std::string uri_host(const std::string& host) {
  // httpAssembleURIf brackets an IPv6 literal itself.
  return !host.empty() && host[0] == '/' ? "localhost" : host;  // a domain socket: localhost
}

}  // namespace

Endpoint resolve_endpoint(const std::string& server) {
  if (server.empty()) return Endpoint{cupsServer(), ippPort()};
  Endpoint e;
  if (server[0] == '/') {
    e.host = server;
    return e;
  }
  std::string port;
  if (server[0] == '[') {
    size_t close = server.find(']');
    e.host = server.substr(1, close == std::string::npos ? std::string::npos : close - 1);
    if (close != std::string::npos && close + 1 < server.size() && server[close + 1] == ':')
      port = server.substr(close + 2);
  } else {
    size_t colon = server.rfind(':');
    e.host = server.substr(0, colon);
    if (colon != std::string::npos) port = server.substr(colon + 1);
  }
  if (!port.empty()) e.port = std::atoi(port.c_str());
  if (e.host.empty()) e.host = "localhost";
  return e;
}

Result<CupsSession> CupsSession::open(const CupsTarget& t) {
  const int timeout_ms = std::max(t.timeout_ms, 1);
  const auto start = Clock::now();

  Endpoint ep = resolve_endpoint(t.server);
  CupsSession s;
  s.where_ = ep.host[0] == '/' ? ep.host : ep.host + ":" + std::to_string(ep.port);
  errno = 0;
  http_t* http = httpConnect2(ep.host.c_str(), ep.port, nullptr, AF_UNSPEC,
                              HTTP_ENCRYPTION_IF_REQUESTED, 1, timeout_ms, nullptr);
  if (!http) {
    int err = errno;
    const char* why = err ? std::strerror(err) : cupsLastErrorString();
    return unreachable(s.where_, why ? why : "cannot connect");
  }
  s.http_.reset(http);

  // Waits are cut into slices so that the deadline, not the number of waits inside libcups,
  // bounds the call. (One wait is fixed: cupsSendRequest gives a silent server 1 s to send
  // "100 Continue" before it goes on.)
  s.deadline_ = std::make_unique<Clock::time_point>(start + std::chrono::milliseconds(timeout_ms));
  httpSetTimeout(http, std::clamp(timeout_ms / 4, 50, 250) / 1000.0, keep_waiting,
                 s.deadline_.get());

  char uri[1024];
  httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, uri_host(ep.host).c_str(),
                   ep.host[0] == '/' ? 0 : ep.port, "/printers/%s", t.queue.c_str());
  s.printer_uri_ = uri;
  return s;
}

ipp_t* CupsSession::new_request(ipp_op_t op, std::string_view user, int job_id) const {
  ipp_t* request = ippNewRequest(op);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
               printer_uri_.c_str());
  if (job_id > 0) ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  std::string name(user.empty() ? std::string_view("memberdesk") : user);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               name.c_str());
  return request;
}

Result<Ipp> CupsSession::send(ipp_t* request, const char* resource, std::string_view document,
                              const char* what, const char* not_found_code) {
  http_t* http = http_.get();
  Ipp response;
  if (document.empty()) {
    response.reset(cupsDoRequest(http, request, resource));  // frees request
  } else {
    Ipp owned(request);
    http_status_t st =
        cupsSendRequest(http, request, resource, ippLength(request) + document.size());
    constexpr size_t kChunk = 64 * 1024;
    for (size_t off = 0; st == HTTP_STATUS_CONTINUE && off < document.size(); off += kChunk) {
      size_t n = std::min(kChunk, document.size() - off);
      st = cupsWriteRequestData(http, document.data() + off, n);
    }
    // The scheduler may answer (200) before it has read the whole document, as when it refuses
    // the job: read that answer too, as cupsDoIORequest does.
    if (st == HTTP_STATUS_CONTINUE || st == HTTP_STATUS_OK)
      response.reset(cupsGetResponse(http, resource));
  }

  ipp_status_t status = cupsLastError();
  std::string message = cupsLastErrorString() ? cupsLastErrorString() : "";
  if (!response) {
    // No IPP answer at all: the connection failed, timed out or was closed.
    int err = httpError(http);
    if (err != 0 || status == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE ||
        status == IPP_STATUS_ERROR_INTERNAL || status <= IPP_STATUS_OK_EVENTS_COMPLETE)
      return unreachable(where_, err ? std::strerror(err) : message);
  } else {
    status = ippGetStatusCode(response.get());
  }
  if (status <= IPP_STATUS_OK_EVENTS_COMPLETE) return response;

  std::string detail = std::string(what) + " on " + printer_uri_ + ": " + ippErrorString(status) +
                       (message.empty() ? "" : " (" + message + ")");
  switch (status) {
    case IPP_STATUS_ERROR_NOT_FOUND:
      return make_error(ErrorKind::kNotFound, not_found_code, detail);
    case IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS:
      return make_error(ErrorKind::kUnavailable, "printer_not_accepting", detail);
    case IPP_STATUS_ERROR_SERVICE_UNAVAILABLE:
      return make_error(ErrorKind::kUnavailable, "cups_unreachable", detail);
    default:
      return make_error(ErrorKind::kInternal, "cups_error", detail);
  }
}

}  // namespace md::printer::detail
