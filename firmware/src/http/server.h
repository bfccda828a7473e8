// CivetWeb (C API) as an RAII server: /api/v1/* goes to the Router, everything else is a
// static file from the web UI folder.
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
  int threads = 8;
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
  Server(const Router& router) : router_(router) {}
  static int handle_api(struct mg_connection* conn, void* self);
  const Router& router_;
  mg_context* ctx_ = nullptr;
  int port_ = 0;
};

}  // namespace md::http
