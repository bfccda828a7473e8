#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "config/config.h"
#include "notify/sms_outbox.h"
#include "notify/sms_provider.h"
#include "notify/sms_sender.h"
#include "notify/sms_templates.h"
#include "store/migrations.h"
#include "test_db.h"

using namespace md::notify;
using md::config::Config;

namespace {

// Answers with scripted results (then kSent) and remembers what it was asked to send.
class FakeProvider : public SmsProvider {
 public:
  SendResult send(const OutboxMessage& msg) override {
    std::lock_guard lock(mu);
    sent.push_back(msg);
    if (script.empty()) return {SendResult::kSent, "biz-" + std::to_string(msg.id), ""};
    SendResult r = script.front();
    script.pop_front();
    return r;
  }
  std::string_view name() const override { return "fake"; }
  size_t calls() {
    std::lock_guard lock(mu);
    return sent.size();
  }

  std::mutex mu;
  std::deque<SendResult> script;
  std::vector<OutboxMessage> sent;
};

SendResult retry(const std::string& why) {
  return {SendResult::kRetry, "", why};
}

// A migrated database in a temp folder, a config, and a sender over a FakeProvider.
struct Fixture {
  TempDir dir;
  std::string path = dir.path + "/md.db";
  std::unique_ptr<md::store::Db> db = open_db(path);
  Config cfg = Config::defaults();
  FakeProvider* fake = nullptr;

  Fixture() {
    REQUIRE(db);
    REQUIRE(md::store::migrate(*db, dir.path + "/backups").ok());
    cfg.set("sms.max_attempts", int64_t{4});
    cfg.set("sms.retry_base_s", int64_t{30});
  }
  std::unique_ptr<SmsSender> sender() {
    auto p = std::make_unique<FakeProvider>();
    fake = p.get();
    return std::make_unique<SmsSender>(path, cfg, std::move(p));
  }
  void enqueue_approved(const std::string& phone = "13800138000") {
    REQUIRE(enqueue_sms(*db, cfg, SmsEvent::kApplicationApproved, phone,
                        {{"name", "张三"}, {"member_no", "11001"}})
                .ok());
  }
  OutboxMessage only_row() {
    auto rows = list_outbox(*db, 10);
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 1);
    return rows->front();
  }
};

constexpr const char* kT0 = "2099-01-01T00:00:00Z";  // later than any enqueue in these tests

}  // namespace

TEST_CASE("sms templates render the zh-CN text of each event") {
  CHECK(*render_sms_text(SmsEvent::kApplicationSubmitted, {{"name", "李四"}}) ==
        "【中华全国专利代理师协会】李四，您的入会申请已提交成功，协会将在5个工作日内进行反馈。");
  CHECK(*render_sms_text(SmsEvent::kApplicationApproved,
                         {{"name", "张三"}, {"member_no", "11001"}}) ==
        "【中华全国专利代理师协会】张三，您的入会申请已审核通过，会员编号11001。请登录会员中心缴纳"
        "会费。");
  CHECK(*render_sms_text(SmsEvent::kApplicationRejected,
                         {{"name", "王五"}, {"reason", "执业证书照片不清晰"}}) ==
        "【中华全国专利代理师协会】王五，您的入会申请未通过审核，原因：执业证书照片不清晰。"
        "请修改后重新提交。");
  // A value is inserted as it is, never expanded again.
  CHECK(*render_sms_text(SmsEvent::kApplicationSubmitted, {{"name", "{name}"}}) ==
        "【中华全国专利代理师协会】{name}，您的入会申请已提交成功，协会将在5个工作日内进行反馈。");
}

TEST_CASE("sms templates reject missing and unknown parameters") {
  auto missing = render_sms_text(SmsEvent::kApplicationApproved, {{"name", "张三"}});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "sms_param_missing");
  auto unknown = render_sms_text(SmsEvent::kApplicationSubmitted, {{"name", "张三"}, {"x", "1"}});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == "sms_param_unknown");
}

TEST_CASE("sms event codes and template config keys round-trip") {
  for (auto e : {SmsEvent::kApplicationSubmitted, SmsEvent::kApplicationApproved,
                 SmsEvent::kApplicationRejected}) {
    CHECK(parse_event_code(event_code(e)) == e);
    CHECK(template_config_key(e) == "sms.template_" + std::string(event_code(e)));
    CHECK_FALSE(Config::defaults().str(std::string(template_config_key(e))).empty());
  }
  CHECK(event_code(SmsEvent::kApplicationRejected) == "application_rejected");
  CHECK_FALSE(parse_event_code("nope").has_value());
}

TEST_CASE("sms enqueue stores a pending message due now with its text and TemplateParam") {
  Fixture f;
  f.cfg.set("sms.template_application_approved", std::string("SMS_123456"));
  const std::string before = md::store::utc_now_iso();
  f.enqueue_approved();
  const OutboxMessage m = f.only_row();
  CHECK(m.phone == "13800138000");
  CHECK(m.event == "application_approved");
  CHECK(m.template_code == "SMS_123456");
  CHECK(nlohmann::json::parse(m.params_json) ==
        nlohmann::json({{"name", "张三"}, {"member_no", "11001"}}));
  CHECK(m.params_json.find("张三") != std::string::npos);  // UTF-8, not \u escapes
  CHECK(m.text ==
        "【中华全国专利代理师协会】张三，您的入会申请已审核通过，会员编号11001。请登录会员中心缴纳"
        "会费。");
  CHECK(m.status == "pending");
  CHECK(m.attempts == 0);
  CHECK(m.next_attempt_at >= before);
  CHECK(m.next_attempt_at <= md::store::utc_now_iso());
  CHECK(m.created_at == m.next_attempt_at);
  CHECK_FALSE(m.sent_at.has_value());
}

TEST_CASE("sms enqueue rejects bad phones and parameters and leaves no row") {
  Fixture f;
  for (const char* phone : {"", "138 0013 8000", "13800138000,13900139000", "abc", "+"}) {
    CAPTURE(phone);
    CHECK(enqueue_sms(*f.db, f.cfg, SmsEvent::kApplicationSubmitted, phone, {{"name", "张三"}})
              .error()
              .code == "sms_phone_invalid");
  }
  CHECK_FALSE(enqueue_sms(*f.db, f.cfg, SmsEvent::kApplicationSubmitted, "13800138000", {}).ok());
  CHECK(enqueue_sms(*f.db, f.cfg, SmsEvent::kApplicationSubmitted, "+85261234567",
                    {{"name", "陈大文"}})
            .ok());
  CHECK(list_outbox(*f.db, 10)->size() == 1);
}

TEST_CASE("sms enqueue joins the transaction of the caller") {
  Fixture f;
  {
    md::store::Transaction tx(*f.db);
    REQUIRE(tx.begun().ok());
    f.enqueue_approved();
    // no commit: the business change failed, so the SMS must vanish with it
  }
  CHECK(list_outbox(*f.db, 10)->empty());
  {
    md::store::Transaction tx(*f.db);
    f.enqueue_approved();
    REQUIRE(tx.commit().ok());
  }
  CHECK(list_outbox(*f.db, 10)->size() == 1);
}

TEST_CASE("sms run_once sends a due message and records the provider id") {
  Fixture f;
  auto sender = f.sender();
  f.enqueue_approved();
  CHECK(sender->run_once(kT0) == 1);
  REQUIRE(f.fake->sent.size() == 1);
  CHECK(f.fake->sent[0].phone == "13800138000");
  CHECK(f.fake->sent[0].template_code == "SMS_APPLICATION_APPROVED");
  const OutboxMessage m = f.only_row();
  CHECK(m.status == "sent");
  CHECK(m.attempts == 1);
  CHECK(m.provider_id == "biz-" + std::to_string(m.id));
  CHECK(m.sent_at == kT0);
  // Sent messages are not sent again.
  CHECK(sender->run_once("2099-01-02T00:00:00Z") == 0);
  CHECK(f.fake->sent.size() == 1);
}

TEST_CASE("sms retries back off by doubling and fail after max attempts") {
  Fixture f;  // max_attempts 4, retry_base_s 30
  auto sender = f.sender();
  f.enqueue_approved();
  for (int i = 0; i < 4; ++i) f.fake->script.push_back(retry("HTTP 500"));

  CHECK(sender->run_once("2099-01-01T00:00:00Z") == 1);
  CHECK(f.only_row().attempts == 1);
  CHECK(f.only_row().next_attempt_at == "2099-01-01T00:00:30Z");
  CHECK(f.only_row().last_error == "HTTP 500");

  CHECK(sender->run_once("2099-01-01T00:00:29Z") == 0);  // not yet due
  CHECK(sender->run_once("2099-01-01T00:00:30Z") == 1);
  CHECK(f.only_row().attempts == 2);
  CHECK(f.only_row().next_attempt_at == "2099-01-01T00:01:30Z");  // +60

  CHECK(sender->run_once("2099-01-01T00:01:30Z") == 1);
  CHECK(f.only_row().attempts == 3);
  CHECK(f.only_row().next_attempt_at == "2099-01-01T00:03:30Z");  // +120
  CHECK(f.only_row().status == "pending");

  CHECK(sender->run_once("2099-01-01T00:03:30Z") == 1);  // the 4th and last attempt
  const OutboxMessage m = f.only_row();
  CHECK(m.status == "failed");
  CHECK(m.attempts == 4);
  CHECK(m.last_error == "HTTP 500");
  CHECK(sender->run_once("2099-02-01T00:00:00Z") == 0);
  CHECK(f.fake->sent.size() == 4);
}

TEST_CASE("sms retry then success marks the message sent") {
  Fixture f;
  auto sender = f.sender();
  f.enqueue_approved();
  f.fake->script.push_back(retry("curl: Timeout was reached"));
  CHECK(sender->run_once(kT0) == 1);
  CHECK(sender->run_once("2099-01-01T00:00:30Z") == 1);
  const OutboxMessage m = f.only_row();
  CHECK(m.status == "sent");
  CHECK(m.attempts == 2);
  CHECK_FALSE(m.last_error.has_value());
  CHECK(m.sent_at == "2099-01-01T00:00:30Z");
}

TEST_CASE("sms permanent failure fails the message at once") {
  Fixture f;
  auto sender = f.sender();
  f.enqueue_approved();
  f.fake->script.push_back(
      {SendResult::kPermanentFailure, "", "isv.MOBILE_NUMBER_ILLEGAL: 非法手机号 (HTTP 200)"});
  CHECK(sender->run_once(kT0) == 1);
  const OutboxMessage m = f.only_row();
  CHECK(m.status == "failed");
  CHECK(m.attempts == 1);
  CHECK(m.last_error == "isv.MOBILE_NUMBER_ILLEGAL: 非法手机号 (HTTP 200)");
  CHECK(sender->run_once("2099-02-01T00:00:00Z") == 0);
}

TEST_CASE("sms run_once leaves messages that are not yet due untouched") {
  Fixture f;
  auto sender = f.sender();
  f.enqueue_approved("13800138000");
  f.enqueue_approved("13900139000");
  // Push the second one into the future as a retry would.
  REQUIRE(f.db->prepare("UPDATE sms_outbox SET next_attempt_at = '2099-06-01T00:00:00Z' "
                        "WHERE phone = '13900139000'")
              .exec()
              .ok());
  CHECK(sender->run_once("2000-01-01T00:00:00Z") == 0);  // before both
  CHECK(f.fake->calls() == 0);
  CHECK(sender->run_once(kT0) == 1);
  REQUIRE(f.fake->sent.size() == 1);
  CHECK(f.fake->sent[0].phone == "13800138000");
  auto rows = list_outbox(*f.db, 10);
  REQUIRE(rows->size() == 2);
  CHECK((*rows)[0].phone == "13900139000");  // newest first
  CHECK((*rows)[0].status == "pending");
  CHECK((*rows)[0].attempts == 0);
  CHECK((*rows)[0].next_attempt_at == "2099-06-01T00:00:00Z");
  CHECK(*next_sms_due_at(*f.db) == std::optional<std::string>("2099-06-01T00:00:00Z"));
  CHECK(sender->run_once("bad time") == 0);
}

TEST_CASE("sms sender thread sends on wake and stops promptly") {
  Fixture f;
  auto sender = f.sender();
  REQUIRE(sender->start().ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let it reach its wait
  f.enqueue_approved();
  sender->wake();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (f.fake->calls() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(f.fake->calls() == 1);
  const auto t = std::chrono::steady_clock::now();
  sender->stop();
  CHECK(std::chrono::steady_clock::now() - t < std::chrono::milliseconds(500));
  CHECK(f.only_row().status == "sent");
  sender->stop();  // idempotent
}

TEST_CASE("sms log provider writes one line for the journal") {
  std::FILE* out = std::tmpfile();
  REQUIRE(out);
  LogProvider log(out);
  OutboxMessage m;
  m.phone = "13800138000";
  m.event = "application_rejected";
  m.text = "原因：第一行\n第二行";
  auto r = log.send(m);
  CHECK(r.kind == SendResult::kSent);
  std::rewind(out);
  char buf[512] = {0};
  REQUIRE(std::fgets(buf, sizeof buf, out));
  CHECK(std::string(buf) ==
        "sms[log] to=13800138000 event=application_rejected text=原因：第一行 第二行\n");
  std::fclose(out);
}

TEST_CASE("sms make_provider follows sms.provider and checks the aliyun secret") {
  TempDir dir;
  Config cfg = Config::defaults();
  auto log = make_provider(cfg);
  REQUIRE(log.ok());
  CHECK((*log)->name() == "log");

  cfg.set("sms.provider", std::string("aliyun"));
  cfg.set("sms.aliyun_access_key_id", std::string("LTAIexample"));
  cfg.set("sms.aliyun_access_key_secret_file", dir.path + "/missing.secret");
  auto unreadable = make_provider(cfg);
  REQUIRE_FALSE(unreadable.ok());
  CHECK(unreadable.error().code == "secret_unreadable");

  std::ofstream(dir.path + "/empty.secret") << "\n";
  cfg.set("sms.aliyun_access_key_secret_file", dir.path + "/empty.secret");
  CHECK(make_provider(cfg).error().code == "secret_empty");

  std::ofstream(dir.path + "/sms.secret") << "  s3cret \nsecond line\n";
  cfg.set("sms.aliyun_access_key_secret_file", dir.path + "/sms.secret");
  CHECK(*read_secret_file(dir.path + "/sms.secret") == "s3cret");
  auto aliyun = make_provider(cfg);
  REQUIRE(aliyun.ok());
  CHECK((*aliyun)->name() == "aliyun");

  cfg.set("sms.aliyun_access_key_id", std::string(""));
  CHECK_FALSE(make_provider(cfg).ok());
  cfg.set("sms.provider", std::string("carrier-pigeon"));
  CHECK(make_provider(cfg).error().code == "sms_provider_unknown");
}
