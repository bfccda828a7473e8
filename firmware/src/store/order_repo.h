// Dues orders (会费缴纳申报) with their items, the QR payment attempts opened at the gateways, and
// the payments received. The schema enforces that an item is held by one open-or-paid order
// and that an order is credited once (see migration v4); this repository reports those refusals
// as kConflict errors.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/money.h"
#include "store/db.h"

namespace md::store {

struct DuesOrder {
  int64_t id = 0;
  std::string order_no;
  int64_t payer_id = 0;
  int year = 0;
  std::string status;  // domain::OrderStatus code
  domain::Fen total_fen = 0;
  domain::Fen amount_due_fen = 0;
  std::string contact_name, contact_mobile, contact_email, contact_office_phone;
  std::optional<domain::Fen> reduction_requested_fen;
  std::optional<std::string> reduction_reason;
  std::optional<std::string> reduction_status;  // pending / approved / rejected
  std::optional<domain::Fen> reduction_decided_fen;
  std::optional<std::string> reduction_reject_reason;
  std::optional<std::string> reduction_decided_by;
  std::optional<std::string> reduction_decided_at;
  std::string created_at;
  std::optional<std::string> expires_at;
  std::optional<std::string> paid_at;
  std::optional<std::string> paid_method;
  // Joined from members for display.
  std::string payer_name, payer_type, payer_login;
};

struct OrderItem {
  int64_t order_id = 0;
  int64_t member_id = 0;
  int year = 0;
  std::string fee_class;
  domain::Fen amount_fen = 0;
  bool holds = true;
  std::string name, login_id, member_type;  // joined from members
};

struct PaymentAttempt {
  int64_t id = 0;
  int64_t order_id = 0;
  std::string method;  // wechat / alipay
  std::string out_trade_no;
  domain::Fen amount_fen = 0;
  std::optional<std::string> code_url;
  std::string status;  // open / paid / closed / failed
  std::string created_at;
  std::string expires_at;
  std::optional<std::string> last_query_at;
  std::optional<std::string> error;
};

struct PaymentRecord {
  int64_t id = 0;
  int64_t order_id = 0;
  std::string method;
  std::optional<int64_t> attempt_id;
  std::string external_ref;
  domain::Fen amount_fen = 0;
  std::optional<std::string> paid_at;
  std::string received_at;
  std::string source;   // notify / query / staff / statement / waiver
  std::string outcome;  // credited / surplus
  std::string recorded_by;
};

struct OrderQuery {
  std::optional<std::string> status;
  std::string text;  // 申报系统单号, payer name or login id (substring)
  int page = 1;
  int page_size = 20;
};

class OrderRepo {
 public:
  explicit OrderRepo(Db& db) : db_(db) {}

  // The next 申报系统单号 sequence for a Shanghai date (call inside the creating transaction).
  Result<int> next_sequence(const std::string& yyyymmdd);
  Result<int64_t> insert(const DuesOrder& o);
  // kConflict (db_constraint) when the member's item of that year is already held.
  Status insert_item(const OrderItem& item);
  Result<std::optional<DuesOrder>> find(int64_t id);
  Result<std::optional<DuesOrder>> find_by_no(const std::string& order_no);
  Result<std::vector<OrderItem>> items(int64_t order_id);
  // The order holding the member's item of that year (open or paid), if any.
  Result<std::optional<DuesOrder>> holder_of(int64_t member_id, int year);
  // Orders placed by the member or holding one of its items, newest first.
  Result<std::vector<DuesOrder>> for_member(int64_t member_id);
  Result<std::pair<int64_t, std::vector<DuesOrder>>> search(const OrderQuery& q);

  // Status changes; each changes only a row still in `from` (false: it was not).
  Result<bool> set_status(int64_t id, const std::string& from, const std::string& to);
  Result<bool> mark_paid(int64_t id, const std::string& method, const std::string& paid_at);
  Status decide_reduction(int64_t id, const std::string& reduction_status, domain::Fen decided_fen,
                          const std::optional<std::string>& reject_reason, const std::string& by,
                          domain::Fen amount_due, const std::string& new_status,
                          const std::optional<std::string>& expires_at);
  // awaiting_payment orders whose expires_at is at or before now, oldest first.
  Result<std::vector<DuesOrder>> due_to_expire(const std::string& now_iso, int limit);

  Result<int64_t> insert_attempt(const PaymentAttempt& a);
  Status set_attempt_code(int64_t id, const std::string& code_url);
  Status set_attempt_status(int64_t id, const std::string& status, const std::optional<std::string>& error);
  Status touch_attempt_query(int64_t id, const std::string& now_iso);
  Result<std::optional<PaymentAttempt>> attempt_by_trade_no(const std::string& out_trade_no);
  Result<std::vector<PaymentAttempt>> attempts(int64_t order_id);
  // Open attempts whose QR expired (at or before now) — to close at the gateway.
  Result<std::vector<PaymentAttempt>> stale_attempts(const std::string& now_iso, int limit);

  // kConflict (db_constraint) when the (method, external_ref) was recorded before, or when a
  // second 'credited' payment is offered for the order.
  Result<int64_t> insert_payment(const PaymentRecord& p);
  Result<std::optional<PaymentRecord>> payment_by_ref(const std::string& method, const std::string& ref);
  Result<std::vector<PaymentRecord>> payments(int64_t order_id);

 private:
  Db& db_;
};

}  // namespace md::store
