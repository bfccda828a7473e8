#include "dues/settlement.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "notify/sms_outbox.h"
#include "store/audit_repo.h"
#include "store/message_repo.h"

namespace md::dues {

const char* to_code(CreditOutcome o) {
  switch (o) {
    case CreditOutcome::kCredited: return "credited";
    case CreditOutcome::kDuplicate: return "duplicate";
    case CreditOutcome::kSurplus: return "surplus";
    case CreditOutcome::kWrongAmount: return "wrong_amount";
  }
  return "";
}

domain::OrderFacts facts_of(const store::DuesOrder& o) {
  domain::OrderFacts f;
  f.status = domain::order_status_from_code(o.status).value_or(domain::OrderStatus::kCancelled);
  f.total = o.total_fen;
  f.amount_due = o.amount_due_fen;
  if (o.expires_at) f.expires_at = core::iso_to_unix(*o.expires_at);
  return f;
}

Status after_paid(store::Db& db, const DuesContext& ctx, const store::DuesOrder& order,
                  domain::PayMethod method, const std::string& actor) {
  store::OrderRepo orders(db);
  auto items = orders.items(order.id);
  if (!items.ok()) return items.error();
  const std::string year_end = std::to_string(order.year) + "-12-31";
  store::MessageRepo messages(db);
  const std::string amount = domain::format_yuan_grouped(order.amount_due_fen);
  for (const auto& item : *items) {
    // Membership runs to the end of the paid year; paying an earlier year never shortens it.
    auto r = db.prepare("UPDATE members SET status = 'active', valid_until = CASE WHEN valid_until "
                        "IS NULL OR valid_until < ? THEN ? ELSE valid_until END, updated_at = ? "
                        "WHERE id = ? AND status IN ('approved_unpaid','active')")
                 .bind(1, year_end)
                 .bind(2, year_end)
                 .bind(3, store::utc_now_iso())
                 .bind(4, item.member_id)
                 .exec();
    if (!r.ok()) return r.error();
    const bool by_other = item.member_id != order.payer_id;
    auto msg = messages.add_personal(
        item.member_id, "会费缴纳成功",
        std::to_string(order.year) + "年度会费已缴纳" +
            (by_other ? "（由" + order.payer_name + "统一缴纳）" : std::string()) +
            "，申报系统单号：" + order.order_no + "，会员有效期至" + year_end +
            "。支付成功后，用户即可使用系统全部功能。",
        "system");
    if (!msg.ok()) return msg.error();
    if (ctx.on_item_paid) MD_TRY(ctx.on_item_paid(db, {item.member_id, order.year, order.order_no}));
  }
  MD_TRY(notify::enqueue_sms(db, ctx.cfg, notify::SmsEvent::kDuesPaid, order.contact_mobile,
                             {{"name", order.contact_name},
                              {"year", std::to_string(order.year)},
                              {"amount", amount},
                              {"order_no", order.order_no}}));
  nlohmann::json after = {{"status", "paid"},
                          {"method", domain::to_code(method)},
                          {"amount_fen", order.amount_due_fen},
                          {"items", items->size()}};
  return store::append_audit(db, {actor, "dues.order_paid", "dues_order:" + order.order_no,
                                  nlohmann::json{{"status", order.status}}.dump(), after.dump()});
}

Result<CreditOutcome> credit_payment(store::Db& db, const DuesContext& ctx, const IncomingPayment& p) {
  store::OrderRepo orders(db);
  const std::string method = std::string(domain::to_code(p.method));
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto seen = orders.payment_by_ref(method, p.external_ref);
  if (!seen.ok()) return seen.error();
  if (seen->has_value()) return CreditOutcome::kDuplicate;
  auto found = orders.find(p.order_id);
  if (!found.ok()) return found.error();
  if (!found->has_value()) return make_error(ErrorKind::kNotFound, "not_found", "订单不存在");
  const store::DuesOrder order = **found;
  const auto verdict = domain::judge_payment(facts_of(order), p.amount_fen);
  const std::string order_obj = "dues_order:" + order.order_no;
  nlohmann::json detail = {{"method", method},         {"external_ref", p.external_ref},
                           {"amount_fen", p.amount_fen}, {"amount_due_fen", order.amount_due_fen},
                           {"source", p.source},         {"order_status", order.status}};
  if (verdict == domain::PaymentVerdict::kWrongAmount) {
    MD_TRY(store::append_audit(db, {p.recorded_by, "pay.wrong_amount_refused", order_obj, "", detail.dump()}));
    MD_TRY(tx.commit());
    std::fprintf(stderr, "memberdesk: dues: refused %s payment %s for %s: %lld fen, %lld due\n",
                 method.c_str(), p.external_ref.c_str(), order.order_no.c_str(),
                 static_cast<long long>(p.amount_fen), static_cast<long long>(order.amount_due_fen));
    return CreditOutcome::kWrongAmount;
  }
  const bool credit = verdict == domain::PaymentVerdict::kCredit;
  store::PaymentRecord rec;
  rec.order_id = order.id;
  rec.method = method;
  rec.attempt_id = p.attempt_id;
  rec.external_ref = p.external_ref;
  rec.amount_fen = p.amount_fen;
  if (!p.paid_at.empty()) rec.paid_at = p.paid_at;
  rec.received_at = store::utc_now_iso();
  rec.source = p.source;
  rec.outcome = credit ? "credited" : "surplus";
  rec.recorded_by = p.recorded_by;
  auto id = orders.insert_payment(rec);
  if (!id.ok()) return id.error();
  if (p.attempt_id) MD_TRY(orders.set_attempt_status(*p.attempt_id, "paid", std::nullopt));
  if (credit) {
    auto marked = orders.mark_paid(order.id, method, rec.received_at);
    if (!marked.ok()) return marked.error();
    if (!*marked) return make_error(ErrorKind::kConflict, "not_payable", "订单状态已变化，请刷新");
    auto paid = orders.find(order.id);
    if (!paid.ok()) return paid.error();
    MD_TRY(after_paid(db, ctx, **paid, p.method, p.recorded_by));
  } else {
    MD_TRY(store::append_audit(db, {p.recorded_by, "pay.surplus_recorded", order_obj, "", detail.dump()}));
    std::fprintf(stderr, "memberdesk: dues: surplus %s payment %s for %s (%s): refund by hand\n",
                 method.c_str(), p.external_ref.c_str(), order.order_no.c_str(), order.status.c_str());
  }
  MD_TRY(tx.commit());
  if (ctx.sms_enqueued && credit) ctx.sms_enqueued();
  return credit ? CreditOutcome::kCredited : CreditOutcome::kSurplus;
}

}  // namespace md::dues
