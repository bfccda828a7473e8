// The payment simulator (tests/paysim, Node) as a child process of an API test, and the daemon
// configuration that points WeChat Pay and Alipay at it with the fixture keys.
#pragma once

#include <sys/types.h>

#include <nlohmann/json.hpp>
#include <string>

namespace apitest {

class Paysim {
 public:
  Paysim();   // starts `node tests/paysim/paysim.mjs --port 0 --quiet`; throws if it fails
  ~Paysim();  // SIGTERM and wait
  Paysim(const Paysim&) = delete;
  Paysim& operator=(const Paysim&) = delete;

  int port() const { return port_; }
  // TOML for DaemonOptions::toml: [wechat] and [alipay] enabled against this simulator.
  std::string daemon_toml(int timeout_s = 5) const;
  // The control API (/_sim/...): JSON in and out; the HTTP status in *status when given.
  nlohmann::json post(const std::string& path, const nlohmann::json& body, long* status = nullptr) const;
  nlohmann::json get(const std::string& path) const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace apitest
