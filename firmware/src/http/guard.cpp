#include "http/guard.h"

#include <algorithm>
#include <cctype>

namespace md::http {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_ipv4(const std::string& host) {
  int parts = 0;
  size_t start = 0;
  while (true) {
    size_t dot = host.find('.', start);
    std::string part =
        host.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (part.size() > 3 || !all_digits(part) || std::stoi(part) > 255) return false;
    ++parts;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts == 4;
}

// "scheme://host[:port]", lower case, nothing after: what browsers send as Origin.
bool is_origin(const std::string& o) {
  size_t sep = o.find("://");
  if (sep == std::string::npos) return false;
  const std::string scheme = o.substr(0, sep);
  if (scheme != "http" && scheme != "https") return false;
  std::string rest = o.substr(sep + 3);
  size_t colon = rest.find(':');
  std::string host = rest.substr(0, colon);
  if (host.empty() || !std::all_of(host.begin(), host.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
      }))
    return false;
  if (colon == std::string::npos) return true;
  std::string port = rest.substr(colon + 1);
  return all_digits(port) && port.size() <= 5;
}

Refusal refuse(int status, std::string code, std::string message, bool close = false) {
  Refusal r;
  r.status = status;
  r.code = std::move(code);
  r.message = std::move(message);
  r.close = close;
  return r;
}

std::optional<Refusal> check_framing(const RequestHead& head) {
  const int lengths = head.count("content-length");
  const int encodings = head.count("transfer-encoding");
  // With both, a proxy may read the body by one and we by the other: what one takes for the
  // body the other serves as a second request (request smuggling).
  if (lengths > 0 && encodings > 0)
    return refuse(400, "bad_framing", "请求同时带有 Content-Length 和 Transfer-Encoding，已拒绝",
                  true);
  if (encodings > 1 ||
      (encodings == 1 && lower(trim(*head.header("transfer-encoding"))) != "chunked"))
    return refuse(400, "bad_framing", "不支持的 Transfer-Encoding，仅接受 chunked", true);
  if (lengths > 1) return refuse(400, "bad_framing", "请求带有多个 Content-Length，已拒绝", true);
  if (lengths == 1 && !all_digits(trim(*head.header("content-length"))))
    return refuse(400, "bad_framing", "Content-Length 无效", true);
  return std::nullopt;
}

std::optional<Refusal> check_path(const RequestHead& head) {
  // CivetWeb decodes %00 into a C string's end: "/index.html%00.js" would serve /index.html.
  const std::string raw = lower(head.raw_uri);
  const bool control = std::any_of(head.path.begin(), head.path.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (raw.find("%00") != std::string::npos || control)
    return refuse(400, "bad_path", "请求路径无效");
  return std::nullopt;
}

}  // namespace

std::optional<std::string> RequestHead::header(const std::string& name) const {
  for (const auto& [n, v] : headers)
    if (lower(n) == lower(name)) return v;
  return std::nullopt;
}

int RequestHead::count(const std::string& name) const {
  return static_cast<int>(std::count_if(headers.begin(), headers.end(), [&](const auto& h) {
    return lower(h.first) == lower(name);
  }));
}

Result<OriginPolicy> OriginPolicy::parse(const std::string& list) {
  OriginPolicy p;
  std::string item;
  auto flush = [&]() -> Status {
    if (item.empty()) return Status::success();
    std::string o = lower(item);
    item.clear();
    if (!is_origin(o))
      return make_error(
          ErrorKind::kInvalidArgument, "bad_config",
          "http.allowed_origins: \"" + o + "\" is not an origin (scheme://host[:port])");
    p.allowed_.push_back(std::move(o));
    return Status::success();
  };
  for (char c : list) {
    if (c == ' ' || c == ',' || c == '\t') {
      MD_TRY(flush());
    } else {
      item += c;
    }
  }
  MD_TRY(flush());
  return p;
}

bool OriginPolicy::is_configured(const std::string& origin) const {
  return std::find(allowed_.begin(), allowed_.end(), lower(origin)) != allowed_.end();
}

bool OriginPolicy::may_change_state(const std::string& origin, const std::string& host) const {
  if (is_configured(origin)) return true;
  const std::string h = lower(trim(host));
  if (h.empty() || lower(origin) != "http://" + h) return false;
  const std::string name = h.substr(0, h.find(':'));
  return name == "localhost" || is_ipv4(name);
}

bool is_api_path(const std::string& path) {
  constexpr std::string_view kPrefix = "/api/v1";
  return path.rfind(kPrefix, 0) == 0 &&
         (path.size() == kPrefix.size() || path[kPrefix.size()] == '/');
}

bool is_safe_method(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

std::optional<Refusal> check_request(const RequestHead& head, const OriginPolicy& origins) {
  if (auto r = check_framing(head)) return r;
  if (auto r = check_path(head)) return r;
  // Static files are only read: no WebDAV (PROPFIND, PUT, DELETE, MKCOL...) whatever CivetWeb
  // offers.
  if (!is_api_path(head.path) && !is_safe_method(head.method)) {
    auto r = refuse(405, "method_not_allowed", "不支持该请求方法");
    r.allow = "GET, HEAD, OPTIONS";
    return r;
  }
  if (!is_safe_method(head.method)) {
    auto origin = head.header("origin");
    if (origin && !origins.may_change_state(*origin, head.header("host").value_or("")))
      return refuse(403, "origin_refused", "跨站请求已拒绝，请在本系统的页面上操作");
  }
  return std::nullopt;
}

std::string cors_headers(const RequestHead& head, const OriginPolicy& origins, bool preflight) {
  if (!origins.cors_enabled()) return {};
  std::string out = "Vary: Origin\r\n";
  auto origin = head.header("origin");
  if (!origin || !origins.is_configured(*origin)) return out;
  out += "Access-Control-Allow-Origin: " + lower(*origin) + "\r\n";
  out += "Access-Control-Allow-Credentials: true\r\n";
  if (preflight) {
    out += "Access-Control-Allow-Methods: GET, POST, PUT, PATCH, DELETE\r\n";
    out += "Access-Control-Allow-Headers: Content-Type, X-CSRF-Token\r\n";
    out += "Access-Control-Max-Age: 600\r\n";
  }
  return out;
}

}  // namespace md::http
