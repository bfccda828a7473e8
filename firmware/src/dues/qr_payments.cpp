#include "dues/qr_payments.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "dues/orders.h"
#include "dues/settlement.h"
#include "store/audit_repo.h"

namespace md::dues {
namespace {

domain::PayMethod to_domain(pay::Method m) {
  return m == pay::Method::kWechat ? domain::PayMethod::kWechat : domain::PayMethod::kAlipay;
}

void log_line(const std::string& text) { std::fprintf(stderr, "memberdesk: dues: %s\n", text.c_str()); }

// Credits what the gateway reports as paid for the attempt (query or notification).
Result<CreditOutcome> credit_trade(store::Db& db, const DuesContext& ctx,
                                   const store::PaymentAttempt& a, const pay::TradeStatus& t,
                                   const std::string& source) {
  IncomingPayment p;
  p.order_id = a.order_id;
  p.method = a.method == "wechat" ? domain::PayMethod::kWechat : domain::PayMethod::kAlipay;
  p.attempt_id = a.id;
  p.external_ref = t.transaction_id.empty() ? a.out_trade_no : t.transaction_id;
  p.amount_fen = t.amount_fen;
  p.paid_at = t.paid_at;
  p.source = source;
  p.recorded_by = "system";
  return credit_payment(db, ctx, p);
}

void close_at_gateway(const DuesContext& ctx, const std::string& method, const std::string& no) {
  auto m = pay::method_from_code(method);
  pay::Gateway* g = m ? ctx.gateways.get(*m) : nullptr;
  if (!g) return;
  if (auto st = g->close(no); !st.ok()) log_line("close " + no + " failed: " + st.error().message);
}

// Closes a QR we no longer show. A close the gateway refuses may mean the member paid it a
// moment ago: then the payment is looked up and credited rather than left to a notification
// that may never come.
void close_or_credit(store::Db& db, const DuesContext& ctx, const store::PaymentAttempt& a) {
  auto m = pay::method_from_code(a.method);
  pay::Gateway* g = m ? ctx.gateways.get(*m) : nullptr;
  if (!g) return;
  auto st = g->close(a.out_trade_no);
  if (st.ok()) return;
  log_line("close " + a.out_trade_no + " failed: " + st.error().message + "; asking the gateway");
  auto t = g->query(a.out_trade_no);
  if (t.ok() && t->state == pay::TradeState::kPaid) {
    auto c = credit_trade(db, ctx, a, *t, "query");
    if (!c.ok()) log_line("credit " + a.out_trade_no + " failed: " + c.error().message);
  }
}

}  // namespace

std::string notify_url(const DuesContext& ctx, pay::Method method) {
  const std::string& configured =
      ctx.cfg.str(method == pay::Method::kWechat ? "wechat.notify_url" : "alipay.notify_url");
  if (!configured.empty()) return configured;
  return ctx.own_base_url + "/api/v1/pay/" + pay::method_code(method) + "/notify";
}

Result<store::PaymentAttempt> open_qr(store::Db& db, const DuesContext& ctx, int64_t order_id,
                                      pay::Method method) {
  pay::Gateway* gateway = ctx.gateways.get(method);
  if (!gateway)
    return make_error(ErrorKind::kInvalidArgument, "method_unavailable",
                      std::string(pay::method_label(method)) + "暂未开通，请选择其他支付方式");
  store::OrderRepo orders(db);
  const int64_t now = core::now_unix();
  store::PaymentAttempt attempt;
  std::vector<store::PaymentAttempt> superseded;
  std::string description;
  {
    store::Transaction tx(db);
    MD_TRY(tx.begun());
    auto found = orders.find(order_id);
    if (!found.ok()) return found.error();
    if (!found->has_value()) return make_error(ErrorKind::kNotFound, "not_found", "订单不存在");
    const auto& o = **found;
    const auto facts = facts_of(o);
    if (!domain::is_payable(facts, now) || o.amount_due_fen <= 0)
      return make_error(ErrorKind::kConflict, "not_payable",
                        "该订单当前不能支付（" + std::string(domain::label(facts.status)) + "）");
    auto existing = orders.attempts(o.id);
    if (!existing.ok()) return existing.error();
    for (const auto& a : *existing) {
      if (a.status != "open") continue;
      const int64_t left = core::iso_to_unix(a.expires_at).value_or(0) - now;
      if (a.method == pay::method_code(method) && a.code_url && left >= 60 && a.amount_fen == o.amount_due_fen)
        return a;
      superseded.push_back(a);
      MD_TRY(orders.set_attempt_status(a.id, "closed", std::string("superseded")));
    }
    int64_t expires = now + ctx.cfg.integer("dues.qr_expiry_s");
    if (facts.expires_at) expires = std::min(expires, *facts.expires_at);
    attempt.order_id = o.id;
    attempt.method = pay::method_code(method);
    attempt.out_trade_no = domain::format_out_trade_no(o.order_no, to_domain(method),
                                                       static_cast<int>(existing->size()) + 1);
    attempt.amount_fen = o.amount_due_fen;
    attempt.status = "open";
    attempt.created_at = core::unix_to_iso(now);
    attempt.expires_at = core::unix_to_iso(expires);
    auto id = orders.insert_attempt(attempt);
    if (!id.ok()) return id.error();
    attempt.id = *id;
    description = "中华全国专利代理师协会" + std::to_string(o.year) + "年度会费";
    MD_TRY(tx.commit());
  }
  for (const auto& a : superseded) close_or_credit(db, ctx, a);

  pay::QrRequest req{attempt.out_trade_no, attempt.amount_fen, description, attempt.expires_at,
                     notify_url(ctx, method)};
  auto qr = gateway->create_qr(req);
  if (!qr.ok()) {
    (void)orders.set_attempt_status(attempt.id, "failed", qr.error().message);
    log_line("create " + attempt.out_trade_no + " failed: " + qr.error().code + ": " + qr.error().message);
    if (qr.error().kind == ErrorKind::kUnavailable) return qr.error();
    return make_error(ErrorKind::kUnavailable, "gateway_unavailable",
                      std::string(pay::method_label(method)) + "暂时无法使用，请稍后再试，或选择转账汇款");
  }
  MD_TRY(orders.set_attempt_code(attempt.id, qr->code_url));
  attempt.code_url = qr->code_url;
  return attempt;
}

Result<std::optional<store::PaymentAttempt>> refresh_payment(store::Db& db, const DuesContext& ctx,
                                                             int64_t order_id) {
  store::OrderRepo orders(db);
  auto attempts = orders.attempts(order_id);
  if (!attempts.ok()) return attempts.error();
  if (attempts->empty()) return std::optional<store::PaymentAttempt>();
  store::PaymentAttempt newest = attempts->back();
  if (newest.status != "open" || !newest.code_url) return std::optional<store::PaymentAttempt>(newest);
  const int64_t now = core::now_unix();
  const int64_t last = newest.last_query_at ? core::iso_to_unix(*newest.last_query_at).value_or(0) : 0;
  if (now - last < ctx.cfg.integer("dues.query_interval_s")) return std::optional<store::PaymentAttempt>(newest);
  auto m = pay::method_from_code(newest.method);
  pay::Gateway* g = m ? ctx.gateways.get(*m) : nullptr;
  if (!g) return std::optional<store::PaymentAttempt>(newest);
  MD_TRY(orders.touch_attempt_query(newest.id, core::unix_to_iso(now)));
  auto t = g->query(newest.out_trade_no);
  if (!t.ok()) {
    log_line("query " + newest.out_trade_no + " failed: " + t.error().message);
  } else if (t->state == pay::TradeState::kPaid) {
    auto credited = credit_trade(db, ctx, newest, *t, "query");
    if (!credited.ok()) log_line("credit " + newest.out_trade_no + " failed: " + credited.error().message);
  }
  auto again = orders.attempt_by_trade_no(newest.out_trade_no);
  if (!again.ok()) return again.error();
  return *again;
}

pay::NotifyAnswer handle_notification(store::Db& db, const DuesContext& ctx, pay::Method method,
                                      const pay::NotifyRequest& req) {
  pay::Gateway* g = ctx.gateways.get(method);
  if (!g) return pay::NotifyAnswer{404, "text/plain", "not enabled"};
  auto t = g->verify_notification(req, core::now_unix());
  auto audit_refusal = [&](const std::string& reason) {
    (void)store::append_audit(db, {"gateway:" + std::string(pay::method_code(method)),
                                   "pay.notify_refused", "", "",
                                   nlohmann::json{{"reason", reason}}.dump()});
    log_line(std::string(pay::method_code(method)) + " notification refused: " + reason);
  };
  if (!t.ok()) {
    audit_refusal(t.error().code + ": " + t.error().message);
    return g->notify_refused(401, "签名验证失败");
  }
  store::OrderRepo orders(db);
  auto a = orders.attempt_by_trade_no(t->out_trade_no);
  if (!a.ok()) return g->notify_refused(500, "系统繁忙");
  if (!a->has_value() || (*a)->method != pay::method_code(method)) {
    audit_refusal("unknown out_trade_no " + t->out_trade_no);
    return g->notify_refused(400, "订单不存在");
  }
  if (t->state != pay::TradeState::kPaid) return g->notify_accepted();  // nothing to credit
  if (t->amount_fen != (*a)->amount_fen) {
    audit_refusal("amount " + std::to_string(t->amount_fen) + " fen for " + t->out_trade_no +
                  " opened for " + std::to_string((*a)->amount_fen));
    return g->notify_refused(400, "金额不符");
  }
  auto credited = credit_trade(db, ctx, **a, *t, "notify");
  if (!credited.ok()) {
    log_line("credit " + t->out_trade_no + " failed: " + credited.error().message);
    return g->notify_refused(500, "系统繁忙，请稍后重试");
  }
  if (*credited == CreditOutcome::kWrongAmount) return g->notify_refused(400, "金额不符");
  return g->notify_accepted();
}

void sweep(store::Db& db, const DuesContext& ctx) {
  // QRs whose time ran out: a payment made in the last second is credited, then the QR closed.
  auto stale = store::OrderRepo(db).stale_attempts(store::utc_now_iso(), 50);
  if (stale.ok()) {
    for (const auto& a : *stale) {
      auto m = pay::method_from_code(a.method);
      pay::Gateway* g = m ? ctx.gateways.get(*m) : nullptr;
      if (g && a.code_url) {
        auto t = g->query(a.out_trade_no);
        if (!t.ok()) continue;  // try again next sweep
        if (t->state == pay::TradeState::kPaid) {
          (void)credit_trade(db, ctx, a, *t, "query");
          continue;
        }
        if (auto st = g->close(a.out_trade_no); !st.ok()) continue;
      }
      (void)store::OrderRepo(db).set_attempt_status(a.id, "closed", std::string("expired"));
    }
  }
  auto expired = expire_due_orders(db, 100);
  if (!expired.ok()) {
    log_line("expiring orders failed: " + expired.error().message);
    return;
  }
  for (const auto& [method, no] : *expired) close_at_gateway(ctx, method, no);
}

}  // namespace md::dues
