// The SMS outbox (table sms_outbox): business code enqueues a message in the same transaction
// as the change it reports; SmsSender delivers it later, with retries. One repository for the
// aggregate: enqueue, the sender's due/sent/retry/failed transitions, and a listing for staff.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/result.h"
#include "notify/sms_templates.h"
#include "store/db.h"

namespace md::notify {

// One sms_outbox row.
struct OutboxMessage {
  int64_t id = 0;
  std::string phone;
  std::string event;          // event_code(), e.g. "application_approved"
  std::string template_code;  // the provider's TemplateCode, from config at enqueue time
  std::string params_json;    // TemplateParam, e.g. {"name":"张三"}
  std::string text;           // the rendered zh-CN message
  std::string status;         // "pending", "sent", "failed"
  int attempts = 0;
  std::string next_attempt_at;
  std::optional<std::string> last_error;
  std::optional<std::string> provider_id;  // BizId once sent
  std::string created_at;
  std::optional<std::string> sent_at;
};

// Inserts a pending message due now. Renders the text and TemplateParam from params (see
// render_sms_text) and takes the TemplateCode from cfg. The phone must be digits with an optional
// leading '+' (PhoneNumbers is a comma list at the provider, so nothing else may slip in).
// REQUIRES: the caller's transaction around this and the business change it reports; this
// function opens none. After the commit, call SmsSender::wake() so it goes out at once.
Status enqueue_sms(store::Db& db, const config::Config& cfg, SmsEvent event,
                   const std::string& phone, const std::map<std::string, std::string>& params);

// Pending messages with next_attempt_at <= now_iso, oldest due first, at most `limit`.
// No row is locked or reserved: REQUIRES one sender per database (the daemon's SmsSender).
Result<std::vector<OutboxMessage>> due_sms(store::Db& db, const std::string& now_iso, int limit);

// The earliest next_attempt_at of any pending message; nullopt when none is pending.
Result<std::optional<std::string>> next_sms_due_at(store::Db& db);

// Transitions of a pending message after one attempt (`attempts` is the new total). Each changes
// only a row that is still pending; kNotFound otherwise.
Status mark_sms_sent(store::Db& db, int64_t id, int attempts, const std::string& provider_id,
                     const std::string& now_iso);
Status mark_sms_retry(store::Db& db, int64_t id, int attempts, const std::string& next_attempt_at,
                      const std::string& error);
Status mark_sms_failed(store::Db& db, int64_t id, int attempts, const std::string& error);

// How many messages to `phone` were sent at or after since_iso (the sender's daily cap).
Result<int64_t> sms_sent_to_since(store::Db& db, const std::string& phone,
                                  const std::string& since_iso);

// The newest `limit` messages, newest first (for the staff view).
Result<std::vector<OutboxMessage>> list_outbox(store::Db& db, int limit);

}  // namespace md::notify
