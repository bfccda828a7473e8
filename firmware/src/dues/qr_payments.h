// WeChat Pay / Alipay QR payments of a dues order: opening a QR at the gateway, seeing the
// payment by whichever comes first — the gateway's notification or our query while the QR is
// on screen — and closing QRs that expired. Crediting itself is settlement.h's.
//
// Gateway calls never run inside a database transaction: an attempt is recorded first (so a
// crash leaves a trace the sweeper closes), then the gateway is called, then the answer stored.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "dues/context.h"
#include "pay/gateway.h"
#include "store/db.h"
#include "store/order_repo.h"

namespace md::dues {

// Opens a QR for the order (or returns the open one of that method while it has a minute
// left). Errors: kNotFound, kConflict not_payable, kInvalidArgument method_unavailable,
// kUnavailable gateway_unavailable (message for the member).
Result<store::PaymentAttempt> open_qr(store::Db& db, const DuesContext& ctx, int64_t order_id,
                                      pay::Method method);

// Asks the gateway about the order's newest open QR (at most every dues.query_interval_s) and
// credits a payment it reports. Gateway failures are logged, never returned: the member's
// screen keeps polling. Returns the newest attempt, if any.
Result<std::optional<store::PaymentAttempt>> refresh_payment(store::Db& db, const DuesContext& ctx,
                                                             int64_t order_id);

// A gateway's notification: verify, credit once, answer.
pay::NotifyAnswer handle_notification(store::Db& db, const DuesContext& ctx, pay::Method method,
                                      const pay::NotifyRequest& req);

// Periodic upkeep: expire unpaid orders past their time (closing their QRs at the gateway), and
// close QRs whose time ran out — asking the gateway first, so a last-second payment is credited.
void sweep(store::Db& db, const DuesContext& ctx);

// The notify URL for a gateway: the configured one, else the daemon's own address.
std::string notify_url(const DuesContext& ctx, pay::Method method);

}  // namespace md::dues
