// Placing and deciding dues orders: the quote behind 会费缴纳申报确认单, 确认申报缴费 and
// 减免申请缴费, cancelling, and finance's decision on a reduction (减免).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/application_forms.h"
#include "dues/context.h"
#include "dues/payable.h"
#include "store/order_repo.h"

namespace md::dues {

struct Contact {
  std::string name, mobile, email, office_phone;
};

// The contact form of the 申报确认单 (姓名*, 手机号*, 邮箱*, 办公电话), validated by the same
// rules as the application forms.
const domain::FormDef& contact_form();
// Prefill from the member's approved application.
Contact contact_prefill(store::Db& db, const store::Member& m);

struct Selection {
  int year = 0;
  std::vector<int64_t> member_ids;
};

struct Quote {
  store::DuesYear year;
  std::vector<PayableItem> items;  // the ticked ones, in list order
  domain::Fen total_fen = 0;
  // member_id → why it cannot be paid now (non-empty: refuse with 409 item_unavailable)
  std::map<int64_t, std::string> unavailable;
};

// Checks the selection against the payer's 待缴费清单. Errors: kNotFound (year), kInvalidArgument
// (window closed, empty selection), kForbidden (attorney has not chosen personal payment).
Result<Quote> quote(store::Db& db, const store::Member& payer, const Selection& sel,
                    const std::string& today);

struct ReductionRequest {
  domain::Fen amount_fen = 0;
  std::string reason;
};

struct PlaceOutcome {
  domain::FieldErrors field_errors;              // 400
  std::map<int64_t, std::string> unavailable;    // 409 item_unavailable
  std::optional<store::DuesOrder> order;
};

// 确认申报缴费 (no reduction) or 减免申请缴费. One transaction; the database refuses an item
// already held by another open or paid order even if two members race for it.
Result<PlaceOutcome> place_order(store::Db& db, const DuesContext& ctx, const store::Member& payer,
                                 const Selection& sel, const Contact& contact,
                                 const std::optional<ReductionRequest>& reduction);

// Cancels an unpaid order (frees its items); open QR payments are closed by the caller.
Result<store::DuesOrder> cancel_order(store::Db& db, int64_t order_id, const std::string& actor);

struct ReductionVerdict {
  bool approve = false;
  domain::Fen amount_fen = 0;
  std::string reason;
};
struct DecideOutcome {
  domain::FieldErrors field_errors;
  std::optional<store::DuesOrder> order;
};
Result<DecideOutcome> decide_reduction(store::Db& db, const DuesContext& ctx, int64_t order_id,
                                       const ReductionVerdict& v, const std::string& staff_login);

// Marks awaiting_payment orders past their expiry as expired (items freed), audited; returns
// the out_trade_nos of their open QR attempts, now closed here, for the gateway close calls.
Result<std::vector<std::pair<std::string, std::string>>> expire_due_orders(store::Db& db, int limit);

}  // namespace md::dues
