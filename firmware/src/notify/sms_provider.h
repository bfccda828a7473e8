// Where SMS messages go: an interface at the I/O edge (tests fake it) with two providers:
// LogProvider (the default: one line per message in the journal) and AliyunSmsProvider
// (Alibaba Cloud SMS SendSms over HTTPS, RPC v1 signing).
#pragma once

#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "config/config.h"
#include "core/result.h"
#include "notify/sms_outbox.h"

namespace md::notify {

struct SendResult {
  enum Kind { kSent, kRetry, kPermanentFailure } kind = kRetry;
  std::string provider_id;  // kSent: the provider's message id (Aliyun BizId)
  std::string error;        // otherwise: what went wrong, for last_error and the journal
};

class SmsProvider {
 public:
  virtual ~SmsProvider() = default;
  // One attempt at delivering msg. Never throws; blocks for at most the provider's timeout.
  virtual SendResult send(const OutboxMessage& msg) = 0;
  virtual std::string_view name() const = 0;
};

// Writes `sms[log] to=PHONE event=EVENT text=TEXT` (one line) and reports it sent.
class LogProvider : public SmsProvider {
 public:
  explicit LogProvider(std::FILE* out = stderr) : out_(out) {}
  SendResult send(const OutboxMessage& msg) override;
  std::string_view name() const override { return "log"; }

 private:
  std::FILE* out_;
};

struct AliyunOptions {
  std::string endpoint;  // e.g. "https://dysmsapi.aliyuncs.com/"
  std::string access_key_id;
  std::string access_key_secret;
  std::string sign_name;
  long timeout_ms = 10000;
};

class AliyunSmsProvider : public SmsProvider {
 public:
  explicit AliyunSmsProvider(AliyunOptions opts);
  ~AliyunSmsProvider() override;
  AliyunSmsProvider(const AliyunSmsProvider&) = delete;
  AliyunSmsProvider& operator=(const AliyunSmsProvider&) = delete;

  // GET endpoint?<signed SendSms query>; OutId is the outbox id.
  SendResult send(const OutboxMessage& msg) override;
  std::string_view name() const override { return "aliyun"; }

  // The SendSms parameters before signing (Timestamp and SignatureNonce given).
  std::map<std::string, std::string> request_params(const OutboxMessage& msg,
                                                    const std::string& timestamp,
                                                    const std::string& nonce) const;
  // Maps a response to a SendResult: Code "OK" → sent; the codes no retry can fix (bad number,
  // template or parameters, signature, unknown key) → permanent; anything else → retry.
  static SendResult classify_response(long http_status, const std::string& body);

 private:
  AliyunOptions opts_;
};

// The first line of a secret file, without surrounding whitespace; an error when unreadable or
// empty.
Result<std::string> read_secret_file(const std::string& path);

// The provider chosen by sms.provider ("log" or "aliyun"). For "aliyun" the AccessKeyId must be
// set and the secret file readable, so a misconfiguration stops the daemon at start.
Result<std::unique_ptr<SmsProvider>> make_provider(const config::Config& cfg);

}  // namespace md::notify
