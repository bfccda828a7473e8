// Checks every request passes before CivetWeb serves it, API and static files alike: framing a
// proxy could read differently from us, paths CivetWeb would cut short, methods other than
// reading on static files (no WebDAV), and the origin of state-changing requests (CORS only for
// configured origins). Pure functions of the request head, so unit tests need no server.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace md::http {

// What the guard sees of a request.
struct RequestHead {
  std::string method;
  std::string raw_uri;  // as sent, still percent-encoded (query included or not)
  std::string path;     // decoded, e.g. "/api/v1/health" or "/kiosk/index.html"
  std::vector<std::pair<std::string, std::string>> headers;  // as sent; repeated names kept

  // The first header of this name (any case), or nullopt.
  std::optional<std::string> header(const std::string& name) const;
  int count(const std::string& name) const;
};

// Which origins, besides the daemon's own, may call the API from a browser (http.allowed_origins).
//
// "Own" is decided without trusting DNS: a request's Origin is its own when it is exactly
// http://<Host header> and that host is an IPv4 address or localhost (the kiosk's
// http://127.0.0.1:8080, an office browser's http://192.168.1.20:8080). A host *name* is own only
// when configured: otherwise a page on a rebinding domain (evil.example resolving to us) would
// send a matching Host and Origin.
class OriginPolicy {
 public:
  OriginPolicy() = default;
  // Space- or comma-separated "scheme://host[:port]" entries; an error names the bad one.
  static Result<OriginPolicy> parse(const std::string& list);

  bool is_configured(const std::string& origin) const;
  // Whether a state-changing request carrying this Origin (non-empty) may be served.
  bool may_change_state(const std::string& origin, const std::string& host) const;
  bool cors_enabled() const { return !allowed_.empty(); }

 private:
  std::vector<std::string> allowed_;
};

// How to refuse a request: status, error code and zh-CN message (JSON error body), and for a
// 405 the methods allowed. Framing errors also close the connection.
struct Refusal {
  int status = 400;
  std::string code;
  std::string message;
  std::string allow;  // Allow header value, when set
  bool close = false;
};

bool is_api_path(const std::string& path);
bool is_safe_method(const std::string& method);  // GET, HEAD, OPTIONS

// Why this request must not be served, or nullopt when it may go on.
std::optional<Refusal> check_request(const RequestHead& head, const OriginPolicy& origins);

// Header lines (each ending "\r\n") to add to an API response for this request: the CORS grant
// for a configured Origin, nothing otherwise. `preflight` adds the methods, headers and max age.
std::string cors_headers(const RequestHead& head, const OriginPolicy& origins, bool preflight);

}  // namespace md::http
