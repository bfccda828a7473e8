// CivetWeb (C API) as an RAII server: /api/v1/* goes to the Router, everything else is a
// static file from the web UI folder. Every request first passes the guard (http/guard.h).
//
// CivetWeb gives each connection a thread of its own for as long as it lasts, so idle and slow
// clients are bounded twice: every connection is dropped after a few seconds without a complete
// request, and there are many more connection threads (max_connections, cheap: they mostly
// wait) than request slots (threads: the handlers that run at once, one database connection
// each). A few hundred idle or trickling connections then leave threads free for real requests.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "http/router.h"

struct mg_context;
struct mg_connection;

namespace md::http {

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";
  std::string webui_dir;
  int threads = 8;            // API handlers running at once
  int max_connections = 512;  // connections served at once (one CivetWeb thread each)
  std::string allowed_origins;  // http.allowed_origins: CORS and cross-origin state changes
};

class Server {
 public:
  // Starts listening at once. The router must outlive the server.
  static Result<std::unique_ptr<Server>> start(const ServerOptions& opts, const Router& router);
  ~Server();  // stops and joins the worker threads
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  int port() const { return port_; }

 private:
  explicit Server(const Router& router);
  struct State;
  static int handle_api(struct mg_connection* conn, void* self);
  static int begin_request(struct mg_connection* conn);
  const Router& router_;
  std::unique_ptr<State> state_;
  mg_context* ctx_ = nullptr;
  int port_ = 0;
};

}  // namespace md::http
