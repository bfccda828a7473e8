// Shared by the pay_*_test.cpp files: fixture paths, and a CivetWeb server inside the test
// process that plays a payment gateway: each test sets a
// handler that sees the request and returns the answer (the gateway tests sign it with the
// fixture gateway keys). One server serves the whole binary, because stopping a CivetWeb server
// that has served requests takes about two seconds.
#pragma once

#include <civetweb.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "pay/rsa.h"

namespace pay_test {

// tests/fixtures/pay/<rel>.
inline std::string fixture(const std::string& rel) {
  return std::string(MEMBERDESK_FIXTURES_DIR) + "/pay/" + rel;
}
inline std::string read_fixture(const std::string& rel) {
  auto text = md::pay::read_file(fixture(rel));
  REQUIRE_MESSAGE(text.ok(), fixture(rel));
  return *text;
}
inline md::pay::RsaKey private_key(const std::string& rel) {
  auto k = md::pay::RsaKey::private_from_pem(read_fixture(rel));
  REQUIRE_MESSAGE(k.ok(), k.error().message);
  return *k;
}
inline md::pay::RsaKey public_key(const std::string& rel) {
  auto k = md::pay::RsaKey::public_from_pem(read_fixture(rel));
  REQUIRE_MESSAGE(k.ok(), k.error().message);
  return *k;
}

struct Request {
  std::string method;
  std::string path;                            // without the query
  std::string query;                           // without '?'
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

struct Reply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int delay_ms = 0;  // sleep before answering (timeout tests)
};

class Server {
 public:
  using Handler = std::function<Reply(const Request&)>;

  static Server& instance() {
    static Server server;
    return server;
  }

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Replaces the handler and forgets the requests seen so far.
  void set_handler(Handler h) {
    std::lock_guard lock(mu_);
    handler_ = std::move(h);
    requests_.clear();
  }
  std::vector<Request> requests() {
    std::lock_guard lock(mu_);
    return requests_;
  }

 private:
  Server() {
    mg_init_library(0);
    const char* options[] = {"listening_ports", "127.0.0.1:0", "num_threads", "4",
                             "tcp_nodelay",     "1",           nullptr};
    mg_callbacks callbacks{};
    mg_init_data init{};
    init.callbacks = &callbacks;
    init.configuration_options = options;
    char errtext[256] = {0};
    mg_error_data err{};
    err.text = errtext;
    err.text_buffer_size = sizeof errtext;
    ctx_ = mg_start2(&init, &err);
    REQUIRE_MESSAGE(ctx_, errtext);
    mg_set_request_handler(ctx_, "/", &Server::handle, this);
    mg_server_port ports[4];
    REQUIRE(mg_get_server_ports(ctx_, 4, ports) >= 1);
    port_ = ports[0].port;
  }
  ~Server() {
    mg_stop(ctx_);
    mg_exit_library();
  }

  static int handle(mg_connection* conn, void* data) {
    auto* self = static_cast<Server*>(data);
    const mg_request_info* info = mg_get_request_info(conn);
    Request req;
    req.method = info->request_method;
    req.path = info->local_uri ? info->local_uri : "";
    req.query = info->query_string ? info->query_string : "";
    for (int i = 0; i < info->num_headers; ++i) {
      std::string name = info->http_headers[i].name;
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      req.headers[name] = info->http_headers[i].value;
    }
    char buf[4096];
    for (int n; (n = mg_read(conn, buf, sizeof buf)) > 0;)
      req.body.append(buf, static_cast<size_t>(n));

    Handler h;
    {
      std::lock_guard lock(self->mu_);
      self->requests_.push_back(req);
      h = self->handler_;
    }
    Reply r = h ? h(req) : Reply{404, {}, "no handler", 0};
    if (r.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(r.delay_ms));
    std::string head = "HTTP/1.1 " + std::to_string(r.status) + " X\r\n";
    for (const auto& [k, v] : r.headers) head += k + ": " + v + "\r\n";
    head += "Content-Length: " + std::to_string(r.body.size()) + "\r\nConnection: close\r\n\r\n";
    mg_write(conn, head.data(), head.size());
    mg_write(conn, r.body.data(), r.body.size());
    return r.status;
  }

  mg_context* ctx_ = nullptr;
  int port_ = 0;
  std::mutex mu_;
  Handler handler_;
  std::vector<Request> requests_;
};

}  // namespace pay_test
