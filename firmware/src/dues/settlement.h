// Crediting money to a dues order — the one place where an order becomes paid. Gateways
// (notification or query), finance (bank receipt, statement import) and full waivers all come
// here, so "credited exactly once" has one implementation: each credit is one transaction
// (synchronous=FULL) that records the payment (unique per gateway transaction or bank
// reference), marks the order paid, extends every item's membership to the end of the year,
// queues the SMS and 会员消息, audits, and calls the certificate hook.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "domain/dues_order.h"
#include "dues/context.h"
#include "store/db.h"
#include "store/order_repo.h"

namespace md::dues {

struct IncomingPayment {
  int64_t order_id = 0;
  domain::PayMethod method = domain::PayMethod::kBank;
  std::optional<int64_t> attempt_id;
  std::string external_ref;  // gateway transaction id / bank reference
  domain::Fen amount_fen = 0;
  std::string paid_at;       // as stated by the gateway or bank (may be empty)
  std::string source;        // notify / query / staff / statement
  std::string recorded_by;   // "system", "staff:LOGIN"
};

enum class CreditOutcome {
  kCredited,     // the order is now paid
  kDuplicate,    // this payment was recorded before: nothing changed
  kSurplus,      // recorded, but the order could not take it (refund by hand)
  kWrongAmount,  // refused and audited: nothing recorded
};
const char* to_code(CreditOutcome o);

// REQUIRES: no transaction open on db (this opens its own).
Result<CreditOutcome> credit_payment(store::Db& db, const DuesContext& ctx, const IncomingPayment& p);

// Inside the caller's transaction: what follows payment (order already marked paid): items'
// membership, SMS, messages, audit, certificate hook. Used by credit_payment and full waivers.
Status after_paid(store::Db& db, const DuesContext& ctx, const store::DuesOrder& order,
                  domain::PayMethod method, const std::string& actor);

// The order's rule-relevant facts.
domain::OrderFacts facts_of(const store::DuesOrder& o);

}  // namespace md::dues
