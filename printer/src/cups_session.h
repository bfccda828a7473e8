// One connection to a CUPS scheduler with a deadline: the private half of cups.cpp.
#pragma once

#include <cups/cups.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "memberdesk/printer/cups.h"

namespace md::printer::detail {

struct IppDeleter {
  void operator()(ipp_t* p) const { ippDelete(p); }
};
using Ipp = std::unique_ptr<ipp_t, IppDeleter>;

// "host:port", "[v6]:port", "host" (port 631) or "" (cupsServer()/ippPort()).
struct Endpoint {
  std::string host;
  int port = 631;
};
Endpoint resolve_endpoint(const std::string& server);

class CupsSession {
 public:
  using Clock = std::chrono::steady_clock;

  // Connects within t.timeout_ms; every later wait for the scheduler ends at that deadline
  // (give or take one 250 ms slice). Errors: cups_unreachable.
  static Result<CupsSession> open(const CupsTarget& t);

  // A new request carrying printer-uri ipp://host:port/printers/QUEUE, requesting-user-name
  // and (if job_id > 0) job-id.
  ipp_t* new_request(ipp_op_t op, std::string_view user, int job_id = 0) const;

  // Sends `request` (consumed) to `resource` with `document` (may be empty) and maps a failed
  // answer to the codes listed in cups.h (client-error-not-found → `not_found_code`). `what`
  // names the operation in error messages.
  Result<Ipp> send(ipp_t* request, const char* resource, std::string_view document,
                   const char* what, const char* not_found_code = "printer_missing");

  const std::string& printer_uri() const { return printer_uri_; }

 private:
  struct HttpCloser {
    void operator()(http_t* h) const { httpClose(h); }
  };
  CupsSession() = default;
  std::unique_ptr<Clock::time_point> deadline_;  // on the heap: libcups keeps its address
  std::unique_ptr<http_t, HttpCloser> http_;
  std::string where_;  // "host:port" for messages
  std::string printer_uri_;
};

}  // namespace md::printer::detail
