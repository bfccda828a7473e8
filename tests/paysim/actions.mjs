// What happens when somebody pays: shared by the pay page (a person) and POST /_sim/pay (a test),
// so both go through the same state change and the same notification path.

/**
 * Marks the trade paid (optionally reporting another amount) and dispatches its notification.
 * Returns {ok:false, error} when refused, else {ok:true, sending} where `sending` resolves to the
 * notifier's result once the attempts are done (or at once when dropped, held or delayed).
 */
export function payTrade(ctx, trade, amountFen) {
  const r = ctx.state.pay(trade, amountFen);
  if (!r.ok) return r;
  // The message is built once, at payment, so that a later replay re-sends the very same one.
  trade.notification = ctx.gateways[trade.gateway].buildNotification(trade);
  const sending = ctx.notifier.dispatch(trade, ctx.state.switches, 'original');
  return { ok: true, sending };
}

export const REFUSAL_TEXT = {
  already_paid: '该订单已支付，无需重复支付。',
  closed: '该订单已关闭，无法支付。请回到自助机重新下单。',
  expired: '该订单已超过支付时限，无法支付。请回到自助机重新下单。',
};
