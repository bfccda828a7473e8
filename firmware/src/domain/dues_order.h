// 会费缴纳申报 (a dues order) as a state machine, with no I/O. An order holds items (one member's
// dues for one year each) and moves:
//
//   减免申请缴费 → reduction_pending ──finance approves (part)──→ awaiting_payment ──paid──→ paid
//                        │  └──finance approves all (全额减免)───────────────────────────→ paid
//                        └──finance rejects─────────────────────→ awaiting_payment (full amount)
//   确认申报缴费 → awaiting_payment ──expires / cancelled──→ expired / cancelled (items freed)
//
// paid, expired and cancelled are final. A payment is credited only to an awaiting_payment order
// and only for exactly the amount due; money that arrives for an order that cannot take it is
// recorded as surplus, to be refunded by hand — it is never dropped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/money.h"

namespace md::domain {

enum class OrderStatus { kReductionPending, kAwaitingPayment, kPaid, kExpired, kCancelled };
std::string_view to_code(OrderStatus s);  // reduction_pending / awaiting_payment / paid / expired / cancelled
std::optional<OrderStatus> order_status_from_code(std::string_view code);
std::string_view label(OrderStatus s);  // 减免审批中 / 待支付 / 已缴费 / 已过期 / 已取消

enum class PayMethod { kBank, kAlipay, kWechat, kWaiver };
std::string_view to_code(PayMethod m);  // bank / alipay / wechat / waiver
std::optional<PayMethod> pay_method_from_code(std::string_view code);
std::string_view label(PayMethod m);  // 转账汇款 / 支付宝支付 / 微信支付 / 全额减免

// What the rules need to know of an order.
struct OrderFacts {
  OrderStatus status = OrderStatus::kAwaitingPayment;
  Fen total = 0;       // sum of the items
  Fen amount_due = 0;  // total less an approved reduction
  std::optional<int64_t> expires_at;  // Unix seconds; none while a reduction waits
};

// A new order: with a reduction request it waits for finance, else it is payable until
// now + expiry_s. REQUIRES total > 0.
OrderFacts new_order(Fen total, bool with_reduction, int64_t now, int64_t expiry_s);

// The member's reduction request (减免金额 and 减免理由): "" when acceptable, else the zh-CN
// message for the field ("amount" or "reason") named in *field.
std::string check_reduction_request(Fen total, Fen requested, std::string_view reason,
                                    std::string* field);

struct ReductionDecision {
  bool approve = false;
  Fen amount = 0;       // approve: the reduction granted, 1 … total
  std::string reason;   // reject: why (required)
};
struct ReductionOutcome {
  OrderFacts order;
  bool waived = false;  // the whole amount was waived: the order is paid with no money
  std::string error;    // non-empty: refused (zh-CN), nothing changes
  std::string error_field;
};
ReductionOutcome decide_reduction(const OrderFacts& o, const ReductionDecision& d, int64_t now,
                                  int64_t expiry_s);

enum class PaymentVerdict {
  kCredit,       // settles the order
  kWrongAmount,  // refused: the amount is not the amount due (gateway: reject the notification)
  kSurplus,      // the order cannot take it (already paid, expired, cancelled): record for refund
};
PaymentVerdict judge_payment(const OrderFacts& o, Fen amount);

bool is_payable(const OrderFacts& o, int64_t now);  // awaiting_payment and not past expires_at
bool is_expired(const OrderFacts& o, int64_t now);  // awaiting_payment and past expires_at
bool can_cancel(const OrderFacts& o);               // reduction_pending or awaiting_payment

// 申报系统单号: "D" + Shanghai date + 6-digit daily sequence, e.g. D20261203000042 (15 chars).
std::string format_order_no(std::string_view shanghai_yyyymmdd, int sequence);
// A gateway out_trade_no for the n-th QR attempt of an order: order_no + "W"/"A" + 2 digits
// (D20261203000042W01), ≤ 32 characters of [0-9A-Za-z] as both gateways require.
std::string format_out_trade_no(std::string_view order_no, PayMethod m, int attempt_number);

}  // namespace md::domain
