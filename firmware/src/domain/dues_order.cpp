#include "domain/dues_order.h"

#include <cstdio>

#include "core/utf8.h"

namespace md::domain {
namespace {

struct StatusRow {
  OrderStatus status;
  std::string_view code, label;
};
constexpr StatusRow kStatuses[] = {
    {OrderStatus::kReductionPending, "reduction_pending", "减免审批中"},
    {OrderStatus::kAwaitingPayment, "awaiting_payment", "待支付"},
    {OrderStatus::kPaid, "paid", "已缴费"},
    {OrderStatus::kExpired, "expired", "已过期"},
    {OrderStatus::kCancelled, "cancelled", "已取消"},
};
struct MethodRow {
  PayMethod method;
  std::string_view code, label;
};
constexpr MethodRow kMethods[] = {
    {PayMethod::kBank, "bank", "转账汇款"},
    {PayMethod::kAlipay, "alipay", "支付宝支付"},
    {PayMethod::kWechat, "wechat", "微信支付"},
    {PayMethod::kWaiver, "waiver", "全额减免"},
};

bool is_final(OrderStatus s) {
  return s == OrderStatus::kPaid || s == OrderStatus::kExpired || s == OrderStatus::kCancelled;
}

}  // namespace

std::string_view to_code(OrderStatus s) {
  for (const auto& r : kStatuses)
    if (r.status == s) return r.code;
  return "";
}
std::string_view label(OrderStatus s) {
  for (const auto& r : kStatuses)
    if (r.status == s) return r.label;
  return "";
}
std::optional<OrderStatus> order_status_from_code(std::string_view code) {
  for (const auto& r : kStatuses)
    if (r.code == code) return r.status;
  return std::nullopt;
}
std::string_view to_code(PayMethod m) {
  for (const auto& r : kMethods)
    if (r.method == m) return r.code;
  return "";
}
std::string_view label(PayMethod m) {
  for (const auto& r : kMethods)
    if (r.method == m) return r.label;
  return "";
}
std::optional<PayMethod> pay_method_from_code(std::string_view code) {
  for (const auto& r : kMethods)
    if (r.code == code) return r.method;
  return std::nullopt;
}

OrderFacts new_order(Fen total, bool with_reduction, int64_t now, int64_t expiry_s) {
  OrderFacts o;
  o.total = total;
  o.amount_due = total;
  if (with_reduction) {
    o.status = OrderStatus::kReductionPending;
  } else {
    o.status = OrderStatus::kAwaitingPayment;
    o.expires_at = now + expiry_s;
  }
  return o;
}

std::string check_reduction_request(Fen total, Fen requested, std::string_view reason,
                                    std::string* field) {
  if (requested <= 0 || requested > total) {
    *field = "amount";
    return std::string("减免金额应大于0且不超过应缴金额（") + format_yuan_grouped(total) + "元）";
  }
  const size_t chars = core::utf8_length(core::trim(std::string(reason)));
  if (chars < 5 || chars > 200) {
    *field = "reason";
    return "请填写减免理由（5至200个字）";
  }
  field->clear();
  return "";
}

ReductionOutcome decide_reduction(const OrderFacts& o, const ReductionDecision& d, int64_t now,
                                  int64_t expiry_s) {
  ReductionOutcome out{o, false, "", ""};
  if (o.status != OrderStatus::kReductionPending) {
    out.error = "该订单没有待审批的减免申请";
    return out;
  }
  if (d.approve) {
    if (d.amount <= 0 || d.amount > o.total) {
      out.error = "批准的减免金额应大于0且不超过订单金额（" + format_yuan_grouped(o.total) + "元）";
      out.error_field = "amount_fen";
      return out;
    }
    out.order.amount_due = o.total - d.amount;
  } else {
    const size_t chars = core::utf8_length(core::trim(d.reason));
    if (chars == 0 || chars > 200) {
      out.error = "请填写驳回理由（不超过200个字）";
      out.error_field = "reason";
      return out;
    }
    out.order.amount_due = o.total;
  }
  if (out.order.amount_due == 0) {
    out.order.status = OrderStatus::kPaid;
    out.order.expires_at.reset();
    out.waived = true;
  } else {
    out.order.status = OrderStatus::kAwaitingPayment;
    out.order.expires_at = now + expiry_s;
  }
  return out;
}

PaymentVerdict judge_payment(const OrderFacts& o, Fen amount) {
  if (o.status != OrderStatus::kAwaitingPayment) return PaymentVerdict::kSurplus;
  return amount == o.amount_due ? PaymentVerdict::kCredit : PaymentVerdict::kWrongAmount;
}

bool is_payable(const OrderFacts& o, int64_t now) {
  return o.status == OrderStatus::kAwaitingPayment && (!o.expires_at || now < *o.expires_at);
}
bool is_expired(const OrderFacts& o, int64_t now) {
  return o.status == OrderStatus::kAwaitingPayment && o.expires_at && now >= *o.expires_at;
}
bool can_cancel(const OrderFacts& o) { return !is_final(o.status); }

std::string format_order_no(std::string_view yyyymmdd, int sequence) {
  char seq[16];
  std::snprintf(seq, sizeof seq, "%06d", sequence % 1000000);
  return "D" + std::string(yyyymmdd) + seq;
}

std::string format_out_trade_no(std::string_view order_no, PayMethod m, int attempt_number) {
  char n[8];
  std::snprintf(n, sizeof n, "%02d", attempt_number % 100);
  return std::string(order_no) + (m == PayMethod::kWechat ? "W" : "A") + n;
}

}  // namespace md::domain
