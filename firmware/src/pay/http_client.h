// One synchronous HTTP exchange over libcurl, for the payment gateways. The gateways sign and
// verify; this only moves bytes, bounded by a timeout.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace md::pay {

struct HttpRequest {
  std::string method = "GET";  // "GET" or "POST"
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;  // name, value
  std::string body;                                          // POST only
  long timeout_s = 10;                                       // the whole exchange
};

struct HttpResponse {
  long status = 0;
  std::map<std::string, std::string> headers;  // lower-case names, trimmed values
  std::string body;
};

// Sends req and returns whatever HTTP status came back. Transport failures (refused
// connection, DNS, TLS, timeout, an oversized answer) are kUnavailable with curl's reason in the
// message (English, for the log).
Result<HttpResponse> http_send(const HttpRequest& req);

// The part of an absolute URL the server sees: "/v3/pay/x?y=1" of "https://host:8443/v3/pay/x?y=1"
// ("/" when the URL has no path). WeChat Pay signs exactly this.
std::string url_path_and_query(const std::string& url);

}  // namespace md::pay
