// SMS delivery against a real HTTP endpoint: a CivetWeb server in this process plays Alibaba
// Cloud's SendSms API. It checks each request's signature with the known test secret, answers as
// the service does, and can be told to fail the first requests. AliyunSmsProvider and
// SmsSender::run_once (with explicit times, so nothing sleeps) are driven against it.
#include <civetweb.h>
#include <doctest/doctest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "config/config.h"
#include "notify/aliyun_signature.h"
#include "notify/sms_outbox.h"
#include "notify/sms_provider.h"
#include "notify/sms_sender.h"
#include "store/db.h"
#include "store/migrations.h"

using namespace md::notify;
using Params = std::map<std::string, std::string>;

namespace {

constexpr const char* kSecret = "memberdeskTestSecret";
constexpr const char* kKeyId = "LTAItestKeyId";

// The simulated SendSms endpoint.
class FakeAliyunSms {
 public:
  enum class Failure { kHttp500, kBusinessLimit, kSlow };

  FakeAliyunSms() {
    mg_init_library(0);
    const char* options[] = {"listening_ports", "127.0.0.1:0", "num_threads", "4", nullptr};
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
    mg_set_request_handler(ctx_, "/", &FakeAliyunSms::handle, this);
    mg_server_port ports[4];
    REQUIRE(mg_get_server_ports(ctx_, 4, ports) >= 1);
    port_ = ports[0].port;
  }
  ~FakeAliyunSms() {
    mg_stop(ctx_);
    mg_exit_library();
  }

  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

  // The next n requests fail this way (before the signature is even looked at).
  void fail_next(int n, Failure how) {
    std::lock_guard lock(mu_);
    fail_next_ = n;
    failure_ = how;
  }
  // Every request received so far, decoded.
  std::vector<Params> requests() {
    std::lock_guard lock(mu_);
    return requests_;
  }
  int signature_mismatches() {
    std::lock_guard lock(mu_);
    return signature_mismatches_;
  }

 private:
  static Params parse_query(const char* query) {
    Params out;
    std::string q = query ? query : "";
    size_t pos = 0;
    while (pos <= q.size() && !q.empty()) {
      size_t amp = q.find('&', pos);
      if (amp == std::string::npos) amp = q.size();
      const std::string pair = q.substr(pos, amp - pos);
      const size_t eq = pair.find('=');
      auto decode = [](const std::string& s) {
        std::vector<char> buf(s.size() + 1);
        int n = mg_url_decode(s.data(), static_cast<int>(s.size()), buf.data(),
                              static_cast<int>(buf.size()), /*is_form_url_encoded=*/0);
        return std::string(buf.data(), n < 0 ? 0 : static_cast<size_t>(n));
      };
      if (eq != std::string::npos) out[decode(pair.substr(0, eq))] = decode(pair.substr(eq + 1));
      pos = amp + 1;
    }
    return out;
  }

  static void reply(mg_connection* conn, int status, const std::string& body) {
    mg_printf(conn,
              "HTTP/1.1 %d %s\r\nContent-Type: application/json;charset=utf-8\r\n"
              "Content-Length: %zu\r\nConnection: close\r\n\r\n",
              status, status == 200 ? "OK" : "Error", body.size());
    mg_write(conn, body.data(), body.size());
  }

  static int handle(mg_connection* conn, void* data) {
    auto* self = static_cast<FakeAliyunSms*>(data);
    const mg_request_info* info = mg_get_request_info(conn);
    Params params = parse_query(info->query_string);
    bool fail = false;
    Failure how = Failure::kHttp500;
    int n = 0;
    {
      std::lock_guard lock(self->mu_);
      self->requests_.push_back(params);
      n = static_cast<int>(self->requests_.size());
      if (self->fail_next_ > 0) {
        --self->fail_next_;
        fail = true;
        how = self->failure_;
      }
    }
    const std::string request_id = "\"RequestId\":\"req-" + std::to_string(n) + "\"";
    if (fail && how == Failure::kHttp500) {
      reply(conn, 500,
            "{\"Code\":\"InternalError\",\"Message\":\"服务内部错误\"," + request_id + "}");
      return 500;
    }
    if (fail && how == Failure::kBusinessLimit) {
      reply(conn, 200,
            "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"Message\":\"触发分钟级流控Permits:1\"," +
                request_id + "}");
      return 200;
    }
    if (fail && how == Failure::kSlow) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    }
    const std::string received = params["Signature"];
    params.erase("Signature");
    const std::string expected =
        aliyun_signature(kSecret, aliyun_string_to_sign(info->request_method, params));
    if (std::string(info->request_method) != "GET" || received != expected) {
      std::lock_guard lock(self->mu_);
      ++self->signature_mismatches_;
      reply(conn, 400,
            "{\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"Specified signature is not "
            "matched with our calculation.\"," +
                request_id + "}");
      return 400;
    }
    reply(conn, 200,
          "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"biz" + std::to_string(n) + "^0\"," +
              request_id + "}");
    return 200;
  }

  mg_context* ctx_ = nullptr;
  int port_ = 0;
  std::mutex mu_;
  int fail_next_ = 0;
  Failure failure_ = Failure::kHttp500;
  int signature_mismatches_ = 0;
  std::vector<Params> requests_;
};

// A migrated database and an "aliyun" configuration pointing at the fake endpoint.
struct SmsWorld {
  std::string dir;
  std::string db_path;
  std::unique_ptr<md::store::Db> db;
  md::config::Config cfg = md::config::Config::defaults();

  explicit SmsWorld(const std::string& endpoint, const std::string& secret = kSecret) {
    char tmpl[] = "/tmp/md-sms-XXXXXX";
    dir = mkdtemp(tmpl);
    db_path = dir + "/md.db";
    auto opened = md::store::Db::open(db_path);
    REQUIRE(opened.ok());
    db = std::move(opened).value();
    REQUIRE(md::store::migrate(*db, dir + "/backups").ok());
    std::ofstream(dir + "/aliyun.secret") << secret << "\n";
    cfg.set("sms.provider", std::string("aliyun"));
    cfg.set("sms.aliyun_endpoint", endpoint);
    cfg.set("sms.aliyun_access_key_id", std::string(kKeyId));
    cfg.set("sms.aliyun_access_key_secret_file", dir + "/aliyun.secret");
    cfg.set("sms.template_application_approved", std::string("SMS_465870123"));
    cfg.set("sms.max_attempts", int64_t{6});
    cfg.set("sms.retry_base_s", int64_t{30});
  }
  ~SmsWorld() {
    db.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }

  std::unique_ptr<SmsSender> sender() {
    auto provider = make_provider(cfg);
    REQUIRE(provider.ok());
    return std::make_unique<SmsSender>(db_path, cfg, std::move(provider).value());
  }
  void enqueue_approved() {
    REQUIRE(enqueue_sms(*db, cfg, SmsEvent::kApplicationApproved, "13800138000",
                        {{"name", "张三"}, {"member_no", "11001"}})
                .ok());
  }
  OutboxMessage row() {
    auto rows = list_outbox(*db, 10);
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 1);
    return rows->front();
  }
};

constexpr const char* kT0 = "2099-01-01T00:00:00Z";

}  // namespace

TEST_CASE("sms aliyun provider sends a signed SendSms request to the endpoint") {
  FakeAliyunSms server;
  SmsWorld world(server.endpoint());
  auto sender = world.sender();
  world.enqueue_approved();

  CHECK(sender->run_once(kT0) == 1);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  const Params& p = requests[0];
  CHECK(server.signature_mismatches() == 0);
  CHECK(p.at("Action") == "SendSms");
  CHECK(p.at("Version") == "2017-05-25");
  CHECK(p.at("Format") == "JSON");
  CHECK(p.at("RegionId") == "cn-hangzhou");
  CHECK(p.at("SignatureMethod") == "HMAC-SHA1");
  CHECK(p.at("SignatureVersion") == "1.0");
  CHECK(p.at("AccessKeyId") == kKeyId);
  CHECK(p.at("PhoneNumbers") == "13800138000");
  CHECK(p.at("SignName") == "中华全国专利代理师协会");
  CHECK(p.at("TemplateCode") == "SMS_465870123");
  CHECK(nlohmann::json::parse(p.at("TemplateParam")) ==
        nlohmann::json({{"name", "张三"}, {"member_no", "11001"}}));
  CHECK(p.at("OutId") == std::to_string(world.row().id));
  CHECK(p.at("SignatureNonce").size() == 36);
  CHECK(p.at("Timestamp").size() == 20);
  CHECK(p.at("Timestamp").back() == 'Z');

  const OutboxMessage m = world.row();
  CHECK(m.status == "sent");
  CHECK(m.attempts == 1);
  CHECK(m.provider_id == "biz1^0");
  CHECK(m.sent_at == kT0);
}

TEST_CASE("sms provider failures are retried later and eventually sent") {
  FakeAliyunSms server;
  SmsWorld world(server.endpoint());
  auto sender = world.sender();
  world.enqueue_approved();

  server.fail_next(1, FakeAliyunSms::Failure::kHttp500);
  CHECK(sender->run_once(kT0) == 1);
  CHECK(world.row().status == "pending");
  CHECK(world.row().attempts == 1);
  CHECK(world.row().next_attempt_at == "2099-01-01T00:00:30Z");
  CHECK(world.row().last_error->find("InternalError") == 0);

  CHECK(sender->run_once("2099-01-01T00:00:10Z") == 0);  // not due: nothing is sent
  CHECK(server.requests().size() == 1);

  server.fail_next(1, FakeAliyunSms::Failure::kBusinessLimit);
  CHECK(sender->run_once("2099-01-01T00:00:30Z") == 1);
  CHECK(world.row().attempts == 2);
  CHECK(world.row().next_attempt_at == "2099-01-01T00:01:30Z");
  CHECK(world.row().last_error->find("isv.BUSINESS_LIMIT_CONTROL") == 0);

  CHECK(sender->run_once("2099-01-01T00:01:30Z") == 1);
  const OutboxMessage m = world.row();
  CHECK(m.status == "sent");
  CHECK(m.attempts == 3);
  CHECK(m.provider_id == "biz3^0");

  const auto requests = server.requests();
  REQUIRE(requests.size() == 3);
  CHECK(server.signature_mismatches() == 0);
  // Each attempt is signed afresh with its own nonce; the OutId stays the message's.
  CHECK(requests[0].at("SignatureNonce") != requests[1].at("SignatureNonce"));
  CHECK(requests[1].at("SignatureNonce") != requests[2].at("SignatureNonce"));
  CHECK(requests[0].at("OutId") == requests[2].at("OutId"));
}

TEST_CASE("sms wrong secret is a permanent failure") {
  FakeAliyunSms server;
  SmsWorld world(server.endpoint(), "memberdeskTestSecreT");
  auto sender = world.sender();
  world.enqueue_approved();

  CHECK(sender->run_once(kT0) == 1);
  CHECK(server.signature_mismatches() == 1);
  const OutboxMessage m = world.row();
  CHECK(m.status == "failed");
  CHECK(m.attempts == 1);
  CHECK(m.last_error->find("SignatureDoesNotMatch") == 0);
  CHECK(sender->run_once("2099-02-01T00:00:00Z") == 0);
  CHECK(server.requests().size() == 1);
}

TEST_CASE("sms timeouts and refused connections are retried") {
  FakeAliyunSms server;
  SmsWorld world(server.endpoint());
  world.enqueue_approved();
  auto message = world.row();

  AliyunOptions opts{server.endpoint(), kKeyId, kSecret, "中华全国专利代理师协会", 300};
  AliyunSmsProvider slow_provider(opts);
  server.fail_next(1, FakeAliyunSms::Failure::kSlow);
  const SendResult timed_out = slow_provider.send(message);
  CHECK(timed_out.kind == SendResult::kRetry);
  CHECK(timed_out.error.find("curl:") == 0);

  // Nothing listens on the port of a server that was stopped.
  std::string closed_endpoint;
  {
    FakeAliyunSms gone;
    closed_endpoint = gone.endpoint();
  }
  opts.endpoint = closed_endpoint;
  AliyunSmsProvider refused_provider(opts);
  const SendResult refused = refused_provider.send(message);
  CHECK(refused.kind == SendResult::kRetry);
  CHECK(refused.error.find("curl:") == 0);
}
