#include "status/reachability.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "store/db.h"

namespace md::status {
namespace {

// Connects one socket to one address within `timeout_ms`; "" on success, else why not.
std::string connect_within(const addrinfo* ai, int timeout_ms) {
  int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
  if (fd < 0) return std::strerror(errno);
  std::string err;
  if (::connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
    if (errno != EINPROGRESS) {
      err = std::strerror(errno);
    } else {
      pollfd p{fd, POLLOUT, 0};
      int n = ::poll(&p, 1, timeout_ms);
      if (n == 0) {
        err = "timeout";
      } else if (n < 0) {
        err = std::strerror(errno);
      } else {
        int so = 0;
        socklen_t len = sizeof so;
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &so, &len);
        if (so != 0) err = std::strerror(so);
      }
    }
  }
  ::close(fd);
  return err;
}

}  // namespace

std::vector<Endpoint> configured_endpoints(const config::Config& cfg) {
  std::vector<Endpoint> out;
  out.push_back({"wechat", "微信支付",
                 cfg.boolean("wechat.enabled") ? cfg.str("wechat.api_base") : "", "未启用"});
  out.push_back({"alipay", "支付宝",
                 cfg.boolean("alipay.enabled") ? cfg.str("alipay.gateway_url") : "", "未启用"});
  const bool aliyun = cfg.str("sms.provider") == "aliyun";
  out.push_back({"sms", "短信服务", aliyun ? cfg.str("sms.aliyun_endpoint") : "",
                 "日志模式（短信只写入日志，不发送）"});
  return out;
}

Result<HostPort> host_port(const std::string& url) {
  HostPort hp;
  std::string rest;
  if (url.rfind("https://", 0) == 0) {
    hp.port = 443;
    rest = url.substr(8);
  } else if (url.rfind("http://", 0) == 0) {
    hp.port = 80;
    rest = url.substr(7);
  } else {
    return make_error(ErrorKind::kInvalidArgument, "bad_url", "not an http(s) URL: " + url);
  }
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = rest.rfind('@'); at != std::string::npos) rest = rest.substr(at + 1);
  if (auto colon = rest.rfind(':'); colon != std::string::npos) {
    const std::string digits = rest.substr(colon + 1);
    int port = 0;
    for (char c : digits) {
      if (c < '0' || c > '9' || port > 65535)
        return make_error(ErrorKind::kInvalidArgument, "bad_url", "bad port in " + url);
      port = port * 10 + (c - '0');
    }
    if (digits.empty() || port < 1 || port > 65535)
      return make_error(ErrorKind::kInvalidArgument, "bad_url", "bad port in " + url);
    hp.port = port;
    rest = rest.substr(0, colon);
  }
  if (rest.empty()) return make_error(ErrorKind::kInvalidArgument, "bad_url", "no host in " + url);
  hp.host = rest;
  return hp;
}

ProbeResult probe(const Endpoint& e, std::chrono::milliseconds timeout) {
  ProbeResult r{e.key, e.label, "unused", e.unused_label, e.url, store::utc_now_iso(), 0};
  if (e.url.empty()) return r;
  const auto start = std::chrono::steady_clock::now();
  auto finish = [&](const std::string& state, const std::string& detail) {
    r.state = state;
    r.detail = detail;
    r.elapsed_ms = static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::steady_clock::now() - start)
                                         .count());
    r.checked_at = store::utc_now_iso();
    return r;
  };
  auto hp = host_port(e.url);
  if (!hp.ok()) return finish("unreachable", "地址配置有误：" + e.url);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  const std::string port = std::to_string(hp->port);
  if (int rc = ::getaddrinfo(hp->host.c_str(), port.c_str(), &hints, &res); rc != 0)
    return finish("unreachable", "无法解析域名 " + hp->host + "（" + gai_strerror(rc) + "）");
  std::string err = "no address";
  for (addrinfo* ai = res; ai; ai = ai->ai_next) {
    err = connect_within(ai, static_cast<int>(timeout.count()));
    if (err.empty()) break;
  }
  ::freeaddrinfo(res);
  if (err.empty()) return finish("ok", "可以连接");
  if (err == "timeout") return finish("unreachable", "连接超时（" + hp->host + ":" + port + "）");
  return finish("unreachable", "无法连接 " + hp->host + ":" + port + "（" + err + "）");
}

ReachabilityMonitor::ReachabilityMonitor(std::vector<Endpoint> endpoints,
                                         std::chrono::seconds every,
                                         std::chrono::milliseconds timeout)
    : endpoints_(std::move(endpoints)), every_(every), timeout_(timeout) {
  for (const auto& e : endpoints_) {
    ProbeResult r{e.key,
                  e.label,
                  e.url.empty() ? "unused" : "checking",
                  e.url.empty() ? e.unused_label : "正在检查",
                  e.url,
                  "",
                  0};
    results_.push_back(r);
  }
}

void ReachabilityMonitor::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void ReachabilityMonitor::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::vector<ProbeResult> ReachabilityMonitor::snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  return results_;
}

void ReachabilityMonitor::run() {
  for (;;) {
    for (size_t i = 0; i < endpoints_.size(); ++i) {
      if (endpoints_[i].url.empty()) continue;
      ProbeResult r = probe(endpoints_[i], timeout_);
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) return;
      results_[i] = std::move(r);
    }
    std::unique_lock<std::mutex> lock(mu_);
    if (cv_.wait_for(lock, every_, [this] { return stopping_; })) return;
  }
}

}  // namespace md::status
