#include "notify/sms_outbox.h"

#include <nlohmann/json.hpp>

namespace md::notify {
namespace {

constexpr const char* kColumns =
    "id, phone, event, template_code, params_json, text, status, attempts, next_attempt_at, "
    "last_error, provider_id, created_at, sent_at";

OutboxMessage read_row(const store::Statement& st) {
  OutboxMessage m;
  m.id = st.col_int(0);
  m.phone = st.col_text(1);
  m.event = st.col_text(2);
  m.template_code = st.col_text(3);
  m.params_json = st.col_text(4);
  m.text = st.col_text(5);
  m.status = st.col_text(6);
  m.attempts = static_cast<int>(st.col_int(7));
  m.next_attempt_at = st.col_text(8);
  m.last_error = st.col_opt_text(9);
  m.provider_id = st.col_opt_text(10);
  m.created_at = st.col_text(11);
  m.sent_at = st.col_opt_text(12);
  return m;
}

Result<std::vector<OutboxMessage>> read_all(store::Statement& st) {
  std::vector<OutboxMessage> out;
  while (st.step()) out.push_back(read_row(st));
  if (!st.status().ok()) return st.status().error();
  return out;
}

bool valid_phone(const std::string& phone) {
  size_t i = phone.size() > 0 && phone[0] == '+' ? 1 : 0;
  const size_t digits = phone.size() - i;
  if (digits < 5 || digits > 20) return false;
  for (; i < phone.size(); ++i) {
    if (phone[i] < '0' || phone[i] > '9') return false;
  }
  return true;
}

Status changed_one(const Result<int64_t>& r, int64_t id) {
  if (!r.ok()) return r.error();
  if (*r != 1) {
    return make_error(ErrorKind::kNotFound, "sms_not_pending",
                      "SMS outbox row " + std::to_string(id) + " is not pending");
  }
  return Status::success();
}

}  // namespace

Status enqueue_sms(store::Db& db, const config::Config& cfg, SmsEvent event,
                   const std::string& phone, const std::map<std::string, std::string>& params) {
  if (!valid_phone(phone)) {
    return make_error(ErrorKind::kInvalidArgument, "sms_phone_invalid",
                      "not a phone number for SMS: " + phone);
  }
  auto text = render_sms_text(event, params);
  if (!text.ok()) return text.error();
  // Invalid UTF-8 becomes U+FFFD rather than an exception.
  const std::string params_json =
      nlohmann::json(params).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const std::string now = store::utc_now_iso();
  auto r = db.prepare(
                 "INSERT INTO sms_outbox(phone, event, template_code, params_json, text, status, "
                 "attempts, next_attempt_at, created_at) VALUES (?,?,?,?,?,'pending',0,?,?)")
               .bind(1, phone)
               .bind(2, event_code(event))
               .bind(3, cfg.str(std::string(template_config_key(event))))
               .bind(4, params_json)
               .bind(5, *text)
               .bind(6, now)
               .bind(7, now)
               .exec();
  if (!r.ok()) return r.error();
  return Status::success();
}

Result<std::vector<OutboxMessage>> due_sms(store::Db& db, const std::string& now_iso, int limit) {
  auto st = db.prepare(std::string("SELECT ") + kColumns +
                       " FROM sms_outbox WHERE status = 'pending' AND next_attempt_at <= ? "
                       "ORDER BY next_attempt_at, id LIMIT ?");
  st.bind(1, now_iso).bind(2, limit);
  return read_all(st);
}

Result<std::optional<std::string>> next_sms_due_at(store::Db& db) {
  auto st = db.prepare("SELECT MIN(next_attempt_at) FROM sms_outbox WHERE status = 'pending'");
  std::optional<std::string> at;
  if (st.step()) at = st.col_opt_text(0);
  if (!st.status().ok()) return st.status().error();
  return at;
}

Status mark_sms_sent(store::Db& db, int64_t id, int attempts, const std::string& provider_id,
                     const std::string& now_iso) {
  return changed_one(db.prepare("UPDATE sms_outbox SET status = 'sent', attempts = ?, "
                                "provider_id = ?, sent_at = ?, last_error = NULL "
                                "WHERE id = ? AND status = 'pending'")
                         .bind(1, attempts)
                         .bind(2, provider_id)
                         .bind(3, now_iso)
                         .bind(4, id)
                         .exec(),
                     id);
}

Status mark_sms_retry(store::Db& db, int64_t id, int attempts, const std::string& next_attempt_at,
                      const std::string& error) {
  return changed_one(db.prepare("UPDATE sms_outbox SET attempts = ?, next_attempt_at = ?, "
                                "last_error = ? WHERE id = ? AND status = 'pending'")
                         .bind(1, attempts)
                         .bind(2, next_attempt_at)
                         .bind(3, error)
                         .bind(4, id)
                         .exec(),
                     id);
}

Status mark_sms_failed(store::Db& db, int64_t id, int attempts, const std::string& error) {
  return changed_one(db.prepare("UPDATE sms_outbox SET status = 'failed', attempts = ?, "
                                "last_error = ? WHERE id = ? AND status = 'pending'")
                         .bind(1, attempts)
                         .bind(2, error)
                         .bind(3, id)
                         .exec(),
                     id);
}

Result<int64_t> sms_sent_to_since(store::Db& db, const std::string& phone,
                                  const std::string& since_iso) {
  auto st = db.prepare(
      "SELECT COUNT(*) FROM sms_outbox WHERE phone = ? AND status = 'sent' AND sent_at >= ?");
  st.bind(1, phone).bind(2, since_iso);
  int64_t n = 0;
  if (st.step()) n = st.col_int(0);
  if (!st.status().ok()) return st.status().error();
  return n;
}

Result<std::vector<OutboxMessage>> list_outbox(store::Db& db, int limit) {
  auto st =
      db.prepare(std::string("SELECT ") + kColumns + " FROM sms_outbox ORDER BY id DESC LIMIT ?");
  st.bind(1, limit);
  return read_all(st);
}

}  // namespace md::notify
