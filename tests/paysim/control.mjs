// The test control API under /_sim/: pay, steer the notifications, inspect what happened, reset.
// JSON in, JSON out; errors are {"ok":false,"error":"…"} with a 4xx status.
import { mergeSwitches } from './state.mjs';
import { payTrade } from './actions.mjs';
import { sendJson } from './util.mjs';

export function makeControl(ctx) {
  const { state } = ctx;
  const fail = (res, status, error, extra = {}) => sendJson(res, status, { ok: false, error, ...extra });

  function parse(body) {
    if (!body) return {};
    try {
      const v = JSON.parse(body);
      return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
    } catch {
      return null;
    }
  }

  function lookup(res, b) {
    if (b.method !== undefined && b.method !== 'wechat' && b.method !== 'alipay') {
      fail(res, 400, 'method must be "wechat" or "alipay"');
      return null;
    }
    if (typeof b.out_trade_no !== 'string') {
      fail(res, 400, 'out_trade_no is required');
      return null;
    }
    const trade = state.findAny(b.out_trade_no, b.method);
    if (!trade) fail(res, 404, 'no such trade', { out_trade_no: b.out_trade_no });
    return trade;
  }

  async function pay(res, b) {
    const trade = lookup(res, b);
    if (!trade) return;
    if (b.amount_fen !== undefined && (!Number.isInteger(b.amount_fen) || b.amount_fen < 0))
      return fail(res, 400, 'amount_fen must be a non-negative integer');
    const r = payTrade(ctx, trade, b.amount_fen);
    if (!r.ok) return fail(res, 409, r.error, { trade: state.view(trade) });
    const sent = await r.sending;
    sendJson(res, 200, { ok: true, trade: state.view(trade), ...sent });
  }

  async function replay(res, b) {
    const { method, out_trade_no, ...overrides } = b;
    const trade = lookup(res, b);
    if (!trade) return;
    if (!trade.notification) return fail(res, 409, 'not_paid', { trade: state.view(trade) });
    const opts = { ...state.switches };
    const bad = mergeSwitches(opts, overrides, { allowFail: false });
    if (bad) return fail(res, 400, bad);
    const sent = await ctx.notifier.dispatch(trade, opts, 'replay');
    sendJson(res, 200, { ok: true, trade: state.view(trade), ...sent });
  }

  async function handle(req, res, url, body) {
    const path = url.pathname;
    const b = parse(body);
    if (b === null) return fail(res, 400, 'the body must be a JSON object');
    const route = `${req.method} ${path}`;
    let m;
    switch (route) {
      case 'POST /_sim/pay':
        return pay(res, b);
      case 'POST /_sim/notify':
        return replay(res, b);
      case 'GET /_sim/switches':
        return sendJson(res, 200, { ok: true, switches: state.switches });
      case 'POST /_sim/switches': {
        const bad = mergeSwitches(state.switches, b);
        if (bad) return fail(res, 400, bad);
        return sendJson(res, 200, { ok: true, switches: state.switches });
      }
      case 'POST /_sim/flush': {
        const order = b.order ?? 'fifo';
        if (order !== 'fifo' && order !== 'reverse') return fail(res, 400, 'order must be "fifo" or "reverse"');
        const sent = await ctx.notifier.flush(order);
        return sendJson(res, 200, { ok: true, flushed: sent });
      }
      case 'GET /_sim/trades': {
        const gw = url.searchParams.get('method');
        const list = [...state.trades.values()].filter((t) => !gw || t.gateway === gw).map((t) => state.view(t));
        return sendJson(res, 200, { ok: true, trades: list, held: state.held.length });
      }
      case 'GET /_sim/requests': {
        const gw = url.searchParams.get('gateway');
        return sendJson(res, 200, { ok: true, requests: state.requests.filter((r) => !gw || r.gateway === gw) });
      }
      case 'POST /_sim/scan': {
        // Alipay only "knows" a precreated trade once it is scanned; this scans without a browser.
        const trade = lookup(res, b);
        if (!trade) return;
        trade.scanned = true;
        return sendJson(res, 200, { ok: true, trade: state.view(trade) });
      }
      case 'POST /_sim/expire': {
        // Moves time_expire into the past, so the "expired" cases need no waiting.
        const trade = lookup(res, b);
        if (!trade) return;
        trade.expire_ms = Date.now() - 1000;
        return sendJson(res, 200, { ok: true, trade: state.view(trade) });
      }
      case 'POST /_sim/reset':
        // Requests held by a "timeout" failure keep their timers: they still get their answer.
        state.reset();
        return sendJson(res, 200, { ok: true });
      default:
        if (req.method === 'GET' && (m = /^\/_sim\/trades\/([^/]+)$/.exec(path))) {
          const gw = url.searchParams.get('method') ?? undefined;
          const trade = lookup(res, { out_trade_no: decodeURIComponent(m[1]), method: gw });
          if (trade) sendJson(res, 200, { ok: true, trade: state.view(trade) });
          return;
        }
        return fail(res, 404, `no control route ${route}`);
    }
  }

  return { handle };
}
