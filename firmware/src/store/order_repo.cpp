#include "store/order_repo.h"

namespace md::store {
namespace {

constexpr const char* kOrderSelect =
    "SELECT o.id, o.order_no, o.payer_id, o.year, o.status, o.total_fen, o.amount_due_fen, "
    "o.contact_name, o.contact_mobile, o.contact_email, o.contact_office_phone, "
    "o.reduction_requested_fen, o.reduction_reason, o.reduction_status, o.reduction_decided_fen, "
    "o.reduction_reject_reason, o.reduction_decided_by, o.reduction_decided_at, o.created_at, "
    "o.expires_at, o.paid_at, o.paid_method, m.name, m.type, m.login_id "
    "FROM dues_orders o JOIN members m ON m.id = o.payer_id ";

std::optional<int64_t> opt_int(Statement& st, int i) {
  return st.col_null(i) ? std::nullopt : std::optional<int64_t>(st.col_int(i));
}

DuesOrder read_order(Statement& st) {
  DuesOrder o;
  o.id = st.col_int(0);
  o.order_no = st.col_text(1);
  o.payer_id = st.col_int(2);
  o.year = static_cast<int>(st.col_int(3));
  o.status = st.col_text(4);
  o.total_fen = st.col_int(5);
  o.amount_due_fen = st.col_int(6);
  o.contact_name = st.col_text(7);
  o.contact_mobile = st.col_text(8);
  o.contact_email = st.col_text(9);
  o.contact_office_phone = st.col_text(10);
  o.reduction_requested_fen = opt_int(st, 11);
  o.reduction_reason = st.col_opt_text(12);
  o.reduction_status = st.col_opt_text(13);
  o.reduction_decided_fen = opt_int(st, 14);
  o.reduction_reject_reason = st.col_opt_text(15);
  o.reduction_decided_by = st.col_opt_text(16);
  o.reduction_decided_at = st.col_opt_text(17);
  o.created_at = st.col_text(18);
  o.expires_at = st.col_opt_text(19);
  o.paid_at = st.col_opt_text(20);
  o.paid_method = st.col_opt_text(21);
  o.payer_name = st.col_text(22);
  o.payer_type = st.col_text(23);
  o.payer_login = st.col_text(24);
  return o;
}

constexpr const char* kAttemptSelect =
    "SELECT id, order_id, method, out_trade_no, amount_fen, code_url, status, created_at, "
    "expires_at, last_query_at, error FROM payment_attempts ";

PaymentAttempt read_attempt(Statement& st) {
  PaymentAttempt a;
  a.id = st.col_int(0);
  a.order_id = st.col_int(1);
  a.method = st.col_text(2);
  a.out_trade_no = st.col_text(3);
  a.amount_fen = st.col_int(4);
  a.code_url = st.col_opt_text(5);
  a.status = st.col_text(6);
  a.created_at = st.col_text(7);
  a.expires_at = st.col_text(8);
  a.last_query_at = st.col_opt_text(9);
  a.error = st.col_opt_text(10);
  return a;
}

constexpr const char* kPaymentSelect =
    "SELECT id, order_id, method, attempt_id, external_ref, amount_fen, paid_at, received_at, "
    "source, outcome, recorded_by FROM payments ";

PaymentRecord read_payment(Statement& st) {
  PaymentRecord p;
  p.id = st.col_int(0);
  p.order_id = st.col_int(1);
  p.method = st.col_text(2);
  p.attempt_id = opt_int(st, 3);
  p.external_ref = st.col_text(4);
  p.amount_fen = st.col_int(5);
  p.paid_at = st.col_opt_text(6);
  p.received_at = st.col_text(7);
  p.source = st.col_text(8);
  p.outcome = st.col_text(9);
  p.recorded_by = st.col_text(10);
  return p;
}

template <typename T, typename Read>
Result<std::vector<T>> all_rows(Statement& st, Read read) {
  std::vector<T> out;
  while (st.step()) out.push_back(read(st));
  if (!st.status().ok()) return st.status().error();
  return out;
}

Statement& bind_opt(Statement& st, int i, const std::optional<int64_t>& v) {
  return v ? st.bind(i, *v) : st.bind(i, nullptr);
}

Result<bool> changed_one(Result<int64_t> r) {
  if (!r.ok()) return r.error();
  return *r == 1;
}

}  // namespace

Result<int> OrderRepo::next_sequence(const std::string& yyyymmdd) {
  auto st = db_.prepare("SELECT COUNT(*) FROM dues_orders WHERE order_no >= ? AND order_no < ?");
  st.bind(1, "D" + yyyymmdd).bind(2, "D" + yyyymmdd + "~");
  if (st.step()) return static_cast<int>(st.col_int(0)) + 1;
  return st.status().error();
}

Result<int64_t> OrderRepo::insert(const DuesOrder& o) {
  auto st = db_.prepare(
      "INSERT INTO dues_orders(order_no, payer_id, year, status, total_fen, amount_due_fen, "
      "contact_name, contact_mobile, contact_email, contact_office_phone, reduction_requested_fen, "
      "reduction_reason, reduction_status, created_at, expires_at) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  st.bind(1, o.order_no).bind(2, o.payer_id).bind(3, o.year).bind(4, o.status);
  st.bind(5, o.total_fen).bind(6, o.amount_due_fen).bind(7, o.contact_name);
  st.bind(8, o.contact_mobile).bind(9, o.contact_email).bind(10, o.contact_office_phone);
  bind_opt(st, 11, o.reduction_requested_fen);
  st.bind(12, o.reduction_reason).bind(13, o.reduction_status).bind(14, o.created_at);
  st.bind(15, o.expires_at);
  auto r = st.exec();
  if (!r.ok()) return r.error();
  return db_.last_insert_id();
}

Status OrderRepo::insert_item(const OrderItem& item) {
  auto r = db_.prepare(
                  "INSERT INTO dues_order_items(order_id, member_id, year, fee_class, amount_fen) "
                  "VALUES (?,?,?,?,?)")
               .bind(1, item.order_id)
               .bind(2, item.member_id)
               .bind(3, item.year)
               .bind(4, item.fee_class)
               .bind(5, item.amount_fen)
               .exec();
  if (!r.ok()) return r.error();
  return Status::success();
}

Result<std::optional<DuesOrder>> OrderRepo::find(int64_t id) {
  auto st = db_.prepare(std::string(kOrderSelect) + "WHERE o.id = ?");
  st.bind(1, id);
  return first_row<DuesOrder>(st, read_order);
}

Result<std::optional<DuesOrder>> OrderRepo::find_by_no(const std::string& order_no) {
  auto st = db_.prepare(std::string(kOrderSelect) + "WHERE o.order_no = ?");
  st.bind(1, order_no);
  return first_row<DuesOrder>(st, read_order);
}

Result<std::vector<OrderItem>> OrderRepo::items(int64_t order_id) {
  auto st = db_.prepare(
      "SELECT i.order_id, i.member_id, i.year, i.fee_class, i.amount_fen, i.holds, m.name, "
      "m.login_id, m.type FROM dues_order_items i JOIN members m ON m.id = i.member_id "
      "WHERE i.order_id = ? ORDER BY (m.type = 'attorney'), m.login_id");
  st.bind(1, order_id);
  return all_rows<OrderItem>(st, [](Statement& s) {
    return OrderItem{s.col_int(0),  s.col_int(1) , static_cast<int>(s.col_int(2)), s.col_text(3),
                     s.col_int(4),  s.col_int(5) != 0, s.col_text(6), s.col_text(7), s.col_text(8)};
  });
}

Result<std::optional<DuesOrder>> OrderRepo::holder_of(int64_t member_id, int year) {
  auto st = db_.prepare(std::string(kOrderSelect) +
                        "JOIN dues_order_items i ON i.order_id = o.id "
                        "WHERE i.member_id = ? AND i.year = ? AND i.holds = 1");
  st.bind(1, member_id).bind(2, year);
  return first_row<DuesOrder>(st, read_order);
}

Result<std::vector<DuesOrder>> OrderRepo::for_member(int64_t member_id) {
  auto st = db_.prepare(std::string(kOrderSelect) +
                        "WHERE o.payer_id = ?1 OR o.id IN (SELECT order_id FROM dues_order_items "
                        "WHERE member_id = ?1) ORDER BY o.id DESC");
  st.bind(1, member_id);
  return all_rows<DuesOrder>(st, read_order);
}

Result<std::pair<int64_t, std::vector<DuesOrder>>> OrderRepo::search(const OrderQuery& q) {
  const std::string where =
      "WHERE (?1 IS NULL OR o.status = ?1) AND (?2 = '' OR instr(o.order_no, ?2) > 0 "
      "OR instr(m.name, ?2) > 0 OR instr(m.login_id, ?2) > 0) ";
  auto count = db_.prepare("SELECT COUNT(*) FROM dues_orders o JOIN members m ON m.id = o.payer_id " + where);
  count.bind(1, q.status).bind(2, q.text);
  if (!count.step()) return count.status().ok() ? make_error(ErrorKind::kInternal, "db", "count") : count.status().error();
  const int64_t total = count.col_int(0);
  auto st = db_.prepare(std::string(kOrderSelect) + where +
                        "ORDER BY (o.status = 'reduction_pending') DESC, o.id DESC LIMIT ?3 OFFSET ?4");
  st.bind(1, q.status).bind(2, q.text).bind(3, q.page_size).bind(4, (q.page - 1) * q.page_size);
  auto rows = all_rows<DuesOrder>(st, read_order);
  if (!rows.ok()) return rows.error();
  return std::make_pair(total, std::move(rows).value());
}

Result<bool> OrderRepo::set_status(int64_t id, const std::string& from, const std::string& to) {
  return changed_one(db_.prepare("UPDATE dues_orders SET status = ?, closed_at = ? WHERE id = ? AND status = ?")
                         .bind(1, to)
                         .bind(2, utc_now_iso())
                         .bind(3, id)
                         .bind(4, from)
                         .exec());
}

Result<bool> OrderRepo::mark_paid(int64_t id, const std::string& method, const std::string& paid_at) {
  return changed_one(
      db_.prepare("UPDATE dues_orders SET status = 'paid', paid_at = ?, paid_method = ? "
                  "WHERE id = ? AND status = 'awaiting_payment'")
          .bind(1, paid_at)
          .bind(2, method)
          .bind(3, id)
          .exec());
}

Status OrderRepo::decide_reduction(int64_t id, const std::string& reduction_status,
                                   domain::Fen decided_fen,
                                   const std::optional<std::string>& reject_reason,
                                   const std::string& by, domain::Fen amount_due,
                                   const std::string& new_status,
                                   const std::optional<std::string>& expires_at) {
  // A full waiver goes straight to paid: paid_at and paid_method are set in the same statement
  // (the schema ties status = 'paid' to paid_at).
  const std::string now = utc_now_iso();
  const bool paid = new_status == "paid";
  auto r = db_.prepare(
                  "UPDATE dues_orders SET reduction_status = ?, reduction_decided_fen = ?, "
                  "reduction_reject_reason = ?, reduction_decided_by = ?, reduction_decided_at = ?, "
                  "amount_due_fen = ?, status = ?, expires_at = ?, paid_at = ?, paid_method = ? "
                  "WHERE id = ? AND status = 'reduction_pending'")
               .bind(1, reduction_status)
               .bind(2, decided_fen)
               .bind(3, reject_reason)
               .bind(4, by)
               .bind(5, now)
               .bind(6, amount_due)
               .bind(7, new_status)
               .bind(8, expires_at)
               .bind(9, paid ? std::optional<std::string>(now) : std::nullopt)
               .bind(10, paid ? std::optional<std::string>("waiver") : std::nullopt)
               .bind(11, id)
               .exec();
  if (!r.ok()) return r.error();
  if (*r != 1) return make_error(ErrorKind::kConflict, "not_pending", "该订单没有待审批的减免申请");
  return Status::success();
}

Result<std::vector<DuesOrder>> OrderRepo::due_to_expire(const std::string& now_iso, int limit) {
  auto st = db_.prepare(std::string(kOrderSelect) +
                        "WHERE o.status = 'awaiting_payment' AND o.expires_at <= ? "
                        "ORDER BY o.expires_at LIMIT ?");
  st.bind(1, now_iso).bind(2, limit);
  return all_rows<DuesOrder>(st, read_order);
}

Result<int64_t> OrderRepo::insert_attempt(const PaymentAttempt& a) {
  auto r = db_.prepare(
                  "INSERT INTO payment_attempts(order_id, method, out_trade_no, amount_fen, code_url, "
                  "status, created_at, expires_at) VALUES (?,?,?,?,?,?,?,?)")
               .bind(1, a.order_id)
               .bind(2, a.method)
               .bind(3, a.out_trade_no)
               .bind(4, a.amount_fen)
               .bind(5, a.code_url)
               .bind(6, a.status)
               .bind(7, a.created_at)
               .bind(8, a.expires_at)
               .exec();
  if (!r.ok()) return r.error();
  return db_.last_insert_id();
}

Status OrderRepo::set_attempt_code(int64_t id, const std::string& code_url) {
  auto r = db_.prepare("UPDATE payment_attempts SET code_url = ? WHERE id = ?").bind(1, code_url).bind(2, id).exec();
  if (!r.ok()) return r.error();
  return Status::success();
}

Status OrderRepo::set_attempt_status(int64_t id, const std::string& status,
                                     const std::optional<std::string>& error) {
  auto r = db_.prepare("UPDATE payment_attempts SET status = ?, error = COALESCE(?, error), "
                       "closed_at = CASE WHEN ? IN ('closed','failed') THEN ? ELSE closed_at END "
                       "WHERE id = ?")
               .bind(1, status)
               .bind(2, error)
               .bind(3, status)
               .bind(4, utc_now_iso())
               .bind(5, id)
               .exec();
  if (!r.ok()) return r.error();
  return Status::success();
}

Status OrderRepo::touch_attempt_query(int64_t id, const std::string& now_iso) {
  auto r = db_.prepare("UPDATE payment_attempts SET last_query_at = ? WHERE id = ?").bind(1, now_iso).bind(2, id).exec();
  if (!r.ok()) return r.error();
  return Status::success();
}

Result<std::optional<PaymentAttempt>> OrderRepo::attempt_by_trade_no(const std::string& no) {
  auto st = db_.prepare(std::string(kAttemptSelect) + "WHERE out_trade_no = ?");
  st.bind(1, no);
  return first_row<PaymentAttempt>(st, read_attempt);
}

Result<std::vector<PaymentAttempt>> OrderRepo::attempts(int64_t order_id) {
  auto st = db_.prepare(std::string(kAttemptSelect) + "WHERE order_id = ? ORDER BY id");
  st.bind(1, order_id);
  return all_rows<PaymentAttempt>(st, read_attempt);
}

Result<std::vector<PaymentAttempt>> OrderRepo::stale_attempts(const std::string& now_iso, int limit) {
  auto st = db_.prepare(std::string(kAttemptSelect) +
                        "WHERE status = 'open' AND expires_at <= ? ORDER BY expires_at LIMIT ?");
  st.bind(1, now_iso).bind(2, limit);
  return all_rows<PaymentAttempt>(st, read_attempt);
}

Result<int64_t> OrderRepo::insert_payment(const PaymentRecord& p) {
  auto st = db_.prepare(
      "INSERT INTO payments(order_id, method, attempt_id, external_ref, amount_fen, paid_at, "
      "received_at, source, outcome, recorded_by) VALUES (?,?,?,?,?,?,?,?,?,?)");
  st.bind(1, p.order_id).bind(2, p.method);
  bind_opt(st, 3, p.attempt_id);
  st.bind(4, p.external_ref).bind(5, p.amount_fen).bind(6, p.paid_at).bind(7, p.received_at);
  st.bind(8, p.source).bind(9, p.outcome).bind(10, p.recorded_by);
  auto r = st.exec();
  if (!r.ok()) return r.error();
  return db_.last_insert_id();
}

Result<std::optional<PaymentRecord>> OrderRepo::payment_by_ref(const std::string& method,
                                                               const std::string& ref) {
  auto st = db_.prepare(std::string(kPaymentSelect) + "WHERE method = ? AND external_ref = ?");
  st.bind(1, method).bind(2, ref);
  return first_row<PaymentRecord>(st, read_payment);
}

Result<std::vector<PaymentRecord>> OrderRepo::payments(int64_t order_id) {
  auto st = db_.prepare(std::string(kPaymentSelect) + "WHERE order_id = ? ORDER BY id");
  st.bind(1, order_id);
  return all_rows<PaymentRecord>(st, read_payment);
}

}  // namespace md::store
