#include "http/server.h"

#include <civetweb.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <vector>

namespace md::http {
namespace {

constexpr size_t kMaxBody = 1 << 20;  // JSON forms are small; refuse anything larger

// Headers every answer carries, API and static files alike: no sniffing, no framing, no
// referrer, and a strict content policy (the UI needs nothing outside its own origin).
constexpr const char* kSecurityHeaders =
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: no-referrer\r\n"
    "Content-Security-Policy: default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

// The whole response in one write: with tcp_nodelay, header-by-header writes would each leave
// as their own TCP segment.
void send(mg_connection* conn, const Response& r) {
  const std::string body = r.raw_body ? *r.raw_body
                                       : r.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(body.size() + 512);
  out += "HTTP/1.1 " + std::to_string(r.status) + " " + mg_get_response_code_text(conn, r.status) +
         "\r\n";
  if (!r.raw_body) out += "Content-Type: application/json; charset=utf-8\r\n";
  else if (!r.raw_content_type.empty()) out += "Content-Type: " + r.raw_content_type + "\r\n";
  out += "Cache-Control: no-store\r\n";
  out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += kSecurityHeaders;
  out += "\r\n";
  for (const auto& [name, value] : r.headers) out += name + ": " + value + "\r\n";
  out += "\r\n";
  out += body;
  mg_write(conn, out.data(), out.size());
}

Result<std::string> read_body(mg_connection* conn, const mg_request_info* info) {
  std::string body;
  if (info->content_length > static_cast<long long>(kMaxBody))
    return make_error(ErrorKind::kInvalidArgument, "too_large", "请求内容过大");
  char buf[8192];
  int n;
  while ((n = mg_read(conn, buf, sizeof buf)) > 0) {
    body.append(buf, static_cast<size_t>(n));
    if (body.size() > kMaxBody)
      return make_error(ErrorKind::kInvalidArgument, "too_large", "请求内容过大");
  }
  return body;
}

}  // namespace

int Server::handle_api(mg_connection* conn, void* self_ptr) {
  auto* self = static_cast<Server*>(self_ptr);
  const mg_request_info* info = mg_get_request_info(conn);
  Request req;
  req.method = info->request_method;
  const std::string uri = info->local_uri ? info->local_uri : "";
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
  auto body = read_body(conn, info);
  if (!body.ok()) {
    send(conn, error_response(413, "too_large", body.error().message));
    return 413;
  }
  req.body = std::move(body).value();

  Response resp;
  try {
    resp = self->router_.dispatch(req, Clock::now());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s %s: %s\n", req.method.c_str(), uri.c_str(), e.what());
    resp = error_response(500, "internal", "系统内部错误，请稍后再试或联系工作人员");
  }
  send(conn, resp);
  return resp.status;
}

Result<std::unique_ptr<Server>> Server::start(const ServerOptions& opts, const Router& router) {
  // Once per process, before the first server (CivetWeb's own global set-up).
  static const unsigned library_features = mg_init_library(0);
  (void)library_features;
  std::unique_ptr<Server> server(new Server(router));
  const std::string threads = std::to_string(opts.threads);
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
      "5000",
      "request_timeout_ms",
      "30000",
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
