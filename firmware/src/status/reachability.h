// Whether the services the appliance talks to answer: the payment gateways (WeChat Pay,
// Alipay) and the SMS provider. A probe is one TCP connect to the host and port of the configured
// URL, bounded by a short timeout; nothing is sent. The daemon probes on its own thread
// (ReachabilityMonitor) so a status request only reads the last results.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "config/config.h"
#include "core/result.h"

namespace md::status {

// A service the appliance may talk to. `url` is empty when it is not used over the network
// (disabled gateway, SMS provider "log").
struct Endpoint {
  std::string key;    // wechat / alipay / sms
  std::string label;  // 微信支付 / 支付宝 / 短信服务
  std::string url;
  std::string unused_label;  // shown when url is empty: 未启用, 日志模式（不发送短信）
};

// The endpoints as the configuration sets them, in a fixed order.
std::vector<Endpoint> configured_endpoints(const config::Config& cfg);

struct HostPort {
  std::string host;
  int port = 0;
};
// "https://api.mch.weixin.qq.com/v3" → {api.mch.weixin.qq.com, 443}; http → 80; an explicit
// port wins. kInvalidArgument for anything else.
Result<HostPort> host_port(const std::string& url);

struct ProbeResult {
  std::string key;
  std::string label;
  std::string state = "checking";  // ok | unreachable | unused | checking
  std::string detail;              // zh-CN: why unreachable, or the unused label
  std::string url;
  std::string checked_at;          // UTC ISO, empty while checking
  long elapsed_ms = 0;
};

// One TCP connect (name lookup included), at most `timeout` for the connect itself.
ProbeResult probe(const Endpoint& e, std::chrono::milliseconds timeout);

// Probes every endpoint now and then every `every`, on its own thread.
class ReachabilityMonitor {
 public:
  ReachabilityMonitor(std::vector<Endpoint> endpoints, std::chrono::seconds every,
                      std::chrono::milliseconds timeout);
  ~ReachabilityMonitor() { stop(); }
  ReachabilityMonitor(const ReachabilityMonitor&) = delete;
  ReachabilityMonitor& operator=(const ReachabilityMonitor&) = delete;

  void start();
  void stop();
  // The last results (state "checking" until the first probe of an endpoint answered).
  std::vector<ProbeResult> snapshot() const;

 private:
  void run();
  std::vector<Endpoint> endpoints_;
  std::chrono::seconds every_;
  std::chrono::milliseconds timeout_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::vector<ProbeResult> results_;
  std::thread thread_;
};

}  // namespace md::status
