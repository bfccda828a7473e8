#include "http/server.h"

#include <civetweb.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <strings.h>
#include <semaphore>
#include <vector>

#include "http/guard.h"

namespace md::http {
namespace {

constexpr size_t kMaxBody = 1 << 20;  // JSON forms are small; refuse anything larger

// A connection must deliver its request head within this time (a client trickling a header
// line every few seconds is cut off) and its body within kBodyTimeout; an idle keep-alive
// connection is closed after kKeepAliveIdle. The kiosk and office browsers reconnect at once.
constexpr const char* kHeadTimeoutMs = "5000";
constexpr const char* kKeepAliveIdleMs = "3000";
constexpr auto kBodyTimeout = std::chrono::seconds(10);

// Headers every answer carries, API and static files alike: no sniffing, no framing, no
// referrer, and a strict content policy (the UI needs nothing outside its own origin).
constexpr const char* kSecurityHeaders =
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: no-referrer\r\n"
    "Content-Security-Policy: default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

// The whole response in one write: with tcp_nodelay, header-by-header writes would each leave
// as their own TCP segment. `extra` holds further header lines, each ending "\r\n".
void send(mg_connection* conn, const Response& r, const std::string& extra = {}) {
  const bool no_body = r.status == 204 || r.status == 304;
  const std::string body =
      no_body ? std::string()
      : r.raw_body ? *r.raw_body
                   : r.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(body.size() + 512);
  out += "HTTP/1.1 " + std::to_string(r.status) + " " + mg_get_response_code_text(conn, r.status) +
         "\r\n";
  if (no_body) {
  } else if (!r.raw_body) {
    out += "Content-Type: application/json; charset=utf-8\r\n";
  } else if (!r.raw_content_type.empty()) {
    out += "Content-Type: " + r.raw_content_type + "\r\n";
  }
  out += "Cache-Control: no-store\r\n";
  if (!no_body) out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += kSecurityHeaders;
  out += "\r\n";
  for (const auto& [name, value] : r.headers) out += name + ": " + value + "\r\n";
  out += extra;
  out += "\r\n";
  out += body;
  mg_write(conn, out.data(), out.size());
}

// CivetWeb has no call to end a server connection after the reply; it keeps it alive unless
// the request said "Connection: close". So the request is made to say so: its header array
// is the connection's own, and CivetWeb reads it again only to decide on keep-alive.
void close_after_reply(mg_connection* conn) {
  auto* info = const_cast<mg_request_info*>(mg_get_request_info(conn));
  for (int i = 0; i < info->num_headers; ++i) {
    if (strcasecmp(info->http_headers[i].name, "Connection") == 0) {
      info->http_headers[i].value = "close";
      return;
    }
  }
  // With all header slots taken, the last one gives way (the request is refused anyway).
  if (info->num_headers < MG_MAX_HEADERS) ++info->num_headers;
  info->http_headers[info->num_headers - 1] = {"Connection", "close"};
}

// The request path percent-decoded. CivetWeb is told not to decode (decode_url = no): its
// decoding ends the path at a %00, so "/index.html%00.js" would serve /index.html. The guard
// sees the raw path and refuses %00; the API routes the decoded one.
std::string decoded_path(const mg_request_info* info) {
  const char* raw = info->local_uri ? info->local_uri : "";
  const size_t len = std::strlen(raw);
  std::string out(len + 1, '\0');
  int n = mg_url_decode(raw, static_cast<int>(len), out.data(), static_cast<int>(out.size()), 0);
  out.resize(n > 0 ? static_cast<size_t>(n) : 0);
  return out;
}

RequestHead head_of(const mg_request_info* info) {
  RequestHead head;
  head.method = info->request_method ? info->request_method : "";
  head.raw_uri = info->request_uri ? info->request_uri : "";
  head.path = decoded_path(info);
  for (int i = 0; i < info->num_headers; ++i)
    head.headers.emplace_back(info->http_headers[i].name, info->http_headers[i].value);
  return head;
}

Result<std::string> read_body(mg_connection* conn, const mg_request_info* info) {
  std::string body;
  if (info->content_length > static_cast<long long>(kMaxBody))
    return make_error(ErrorKind::kInvalidArgument, "too_large", "请求内容过大");
  // mg_read's timeout holds per call: a body sent a byte at a time needs a deadline of its own.
  const auto deadline = std::chrono::steady_clock::now() + kBodyTimeout;
  char buf[8192];
  int n;
  while ((n = mg_read(conn, buf, sizeof buf)) > 0) {
    body.append(buf, static_cast<size_t>(n));
    if (body.size() > kMaxBody)
      return make_error(ErrorKind::kInvalidArgument, "too_large", "请求内容过大");
    if (std::chrono::steady_clock::now() > deadline)
      return make_error(ErrorKind::kUnavailable, "body_timeout", "请求内容发送超时");
  }
  if (n < 0) return make_error(ErrorKind::kUnavailable, "body_timeout", "请求内容未能完整接收");
  return body;
}

// CivetWeb's own errors (a missing static file, a request it cannot parse) in our form: a JSON
// error with the security headers, like every other answer.
int civetweb_error(mg_connection* conn, int status, const char*) {
  const char* message = "请求无法处理";
  switch (status) {
    case 400: message = "请求格式无效"; break;
    case 403: message = "无权访问该页面"; break;
    case 404: message = "请求的页面不存在"; break;
    case 405: message = "不支持该请求方法"; break;
    case 413: message = "请求内容过大"; break;
    case 414: message = "请求地址过长"; break;
    case 431: message = "请求头过大"; break;
    default: break;
  }
  send(conn, error_response(status, status == 404 ? "not_found" : "bad_request", message));
  return 0;
}

}  // namespace

struct Server::State {
  State(int threads, OriginPolicy o) : slots(threads), origins(std::move(o)) {}
  std::counting_semaphore<4096> slots;  // API handlers running at once
  OriginPolicy origins;
};

Server::Server(const Router& router) : router_(router) {}

// Every request, static files included, before CivetWeb serves it.
int Server::begin_request(mg_connection* conn) {
  const mg_request_info* info = mg_get_request_info(conn);
  auto* self = static_cast<Server*>(info->user_data);
  const RequestHead head = head_of(info);
  if (auto refusal = check_request(head, self->state_->origins)) {
    Response r = error_response(refusal->status, refusal->code, refusal->message);
    if (!refusal->allow.empty()) r.headers.emplace_back("Allow", refusal->allow);
    // A refused framing leaves the body unread: closing is the only safe way on.
    if (refusal->close) r.headers.emplace_back("Connection", "close");
    send(conn, r, cors_headers(head, self->state_->origins, false));
    if (refusal->close) close_after_reply(conn);
    return refusal->status;
  }
  if (head.method == "OPTIONS") {
    // Answered here, not by CivetWeb (whose default grants every origin every method).
    const bool api = is_api_path(head.path);
    Response r{204, nullptr, {}, std::nullopt, ""};
    r.headers.emplace_back("Allow", api ? "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"
                                        : "GET, HEAD, OPTIONS");
    send(conn, r, api ? cors_headers(head, self->state_->origins, true) : std::string());
    return 204;
  }
  return 0;
}

int Server::handle_api(mg_connection* conn, void* self_ptr) {
  auto* self = static_cast<Server*>(self_ptr);
  const mg_request_info* info = mg_get_request_info(conn);
  Request req;
  req.method = info->request_method;
  const std::string uri = decoded_path(info);
  constexpr std::string_view kPrefix = "/api/v1";
  // CivetWeb matches "/api/v1" as a plain prefix: "/api/v1health" is not ours.
  if (uri.size() > kPrefix.size() && uri[kPrefix.size()] != '/') {
    send(conn, error_response(404, "not_found", "请求的接口不存在"));
    return 404;
  }
  req.path = uri.size() > kPrefix.size() ? uri.substr(kPrefix.size()) : "/";
  if (info->query_string) req.query = info->query_string;
  req.remote_addr = info->remote_addr;
  for (int i = 0; i < info->num_headers; ++i) {
    std::string name = info->http_headers[i].name;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    req.headers[name] = info->http_headers[i].value;
  }
  const std::string cors = cors_headers(head_of(info), self->state_->origins, false);
  auto body = read_body(conn, info);
  if (!body.ok()) {
    const int status = body.error().code == "too_large" ? 413 : 408;
    Response r = error_response(status, body.error().code, body.error().message);
    r.headers.emplace_back("Connection", "close");
    send(conn, r, cors);
    close_after_reply(conn);
    return status;
  }
  req.body = std::move(body).value();

  Response resp;
  {
    // Reading the body above holds no slot: a slow client keeps its thread, not a handler's.
    self->state_->slots.acquire();
    struct Release {
      std::counting_semaphore<4096>& s;
      ~Release() { s.release(); }
    } release{self->state_->slots};
    try {
      resp = self->router_.dispatch(req, Clock::now());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "error: %s %s: %s\n", req.method.c_str(), uri.c_str(), e.what());
      resp = error_response(500, "internal", "系统内部错误，请稍后再试或联系工作人员");
    }
  }
  send(conn, resp, cors);
  return resp.status;
}

Result<std::unique_ptr<Server>> Server::start(const ServerOptions& opts, const Router& router) {
  // Once per process, before the first server (CivetWeb's own global set-up).
  static const unsigned library_features = mg_init_library(0);
  (void)library_features;
  auto origins = OriginPolicy::parse(opts.allowed_origins);
  if (!origins.ok()) return origins.error();
  std::unique_ptr<Server> server(new Server(router));
  server->state_ = std::make_unique<State>(std::clamp(opts.threads, 1, 4096), std::move(origins).value());
  const std::string threads = std::to_string(std::max(opts.max_connections, opts.threads));
  std::vector<const char*> options = {
      "listening_ports",
      opts.listen.c_str(),
      "num_threads",
      threads.c_str(),
      // Without tcp_nodelay every keep-alive reply waits ~40 ms for a delayed ACK.
      "tcp_nodelay",
      "1",
      "enable_keep_alive",
      "yes",
      "keep_alive_timeout_ms",
      kKeepAliveIdleMs,
      "request_timeout_ms",
      kHeadTimeoutMs,
      // CORS only as configured, and answered by begin_request: CivetWeb's default is "*".
      "access_control_allow_origin",
      "",
      "access_control_allow_methods",
      "",
      "access_control_allow_headers",
      "",
      "decode_url",
      "no",
      "enable_directory_listing",
      "no",
      "additional_header",
      kSecurityHeaders,
      "static_file_cache_control",
      "no-cache",
  };
  if (!opts.webui_dir.empty()) {
    options.push_back("document_root");
    options.push_back(opts.webui_dir.c_str());
  }
  options.push_back(nullptr);

  mg_callbacks callbacks{};
  callbacks.begin_request = &Server::begin_request;
  callbacks.http_error = &civetweb_error;
  callbacks.log_message = [](const mg_connection*, const char* message) {
    std::fprintf(stderr, "civetweb: %s\n", message);
    return 1;
  };
  mg_init_data init{};
  init.callbacks = &callbacks;
  init.user_data = server.get();
  init.configuration_options = options.data();
  char error_text[256] = "";
  unsigned error_code = 0;
  mg_error_data error{};
  error.code = &error_code;
  error.text = error_text;
  error.text_buffer_size = sizeof error_text;

  server->ctx_ = mg_start2(&init, &error);
  if (!server->ctx_)
    return make_error(ErrorKind::kUnavailable, "listen_failed",
                      "cannot start HTTP server on " + opts.listen + ": " + error_text);
  mg_set_request_handler(server->ctx_, "/api/v1", &Server::handle_api, server.get());

  mg_server_port ports[4] = {};
  int n = mg_get_server_ports(server->ctx_, 4, ports);
  if (n > 0) server->port_ = ports[0].port;
  return server;
}

Server::~Server() {
  if (ctx_) mg_stop(ctx_);
}

}  // namespace md::http
