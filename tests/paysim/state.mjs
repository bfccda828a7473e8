// Everything the simulator remembers, in memory only: trades, switches, the request log and held
// notifications. One State per process; POST /_sim/reset starts it afresh.
import { randomAlnum, randomDigits, beijingDateCompact } from './util.mjs';

const DEFAULT_SWITCHES = Object.freeze({
  notify: 'send', // send | drop | hold
  duplicate: 0, // extra copies of each notification
  delay_ms: 0, // wait before sending (the /_sim/pay answer does not wait)
  tamper: false, // change the body after signing
  forge: false, // sign with a key nobody knows
  stale: false, // WeChat: timestamp 10 minutes old (signed correctly over it)
  signtest: false, // WeChat: signature "WECHATPAY/SIGNTEST/…" (the probe real WeChat Pay sends)
  wechat_key: 'alternate', // cert | pubkey | alternate: which WeChat key signs
  apply_to: 'notify', // notify | answers | both: where tamper/forge/stale/signtest apply
  retry_ms: [500, 1000, 2000], // back-off between delivery attempts; attempts = 1 + length
  notify_timeout_ms: 5000, // one delivery attempt gives up after this
  fail: { create: null, query: null, close: null },
});

const MODES = ['send', 'drop', 'hold'];
const KEYS = ['cert', 'pubkey', 'alternate'];
const SCOPES = ['notify', 'answers', 'both'];

function clone(v) {
  return JSON.parse(JSON.stringify(v));
}

/**
 * Checks switch values; returns an error text or null. `partial` is what the caller sent, merged
 * into `target` only when every value is valid (a half-applied update would confuse a test).
 * Per-notification overrides (POST /_sim/notify) use the same names minus `fail` and `apply_to`.
 */
export function mergeSwitches(target, partial, { allowFail = true } = {}) {
  if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) return 'switches must be an object';
  const next = clone(target);
  for (const [k, v] of Object.entries(partial)) {
    switch (k) {
      case 'notify':
        if (!MODES.includes(v)) return `notify must be one of ${MODES.join('|')}`;
        break;
      case 'duplicate':
        if (!Number.isInteger(v) || v < 0 || v > 10) return 'duplicate must be an integer 0–10';
        break;
      case 'delay_ms':
        if (!Number.isInteger(v) || v < 0 || v > 600000) return 'delay_ms must be an integer 0–600000';
        break;
      case 'tamper': case 'forge': case 'stale': case 'signtest':
        if (typeof v !== 'boolean') return `${k} must be true or false`;
        break;
      case 'wechat_key':
        if (!KEYS.includes(v)) return `wechat_key must be one of ${KEYS.join('|')}`;
        break;
      case 'apply_to':
        if (!SCOPES.includes(v)) return `apply_to must be one of ${SCOPES.join('|')}`;
        break;
      case 'retry_ms':
        if (!Array.isArray(v) || v.length > 10 || !v.every((x) => Number.isInteger(x) && x >= 0 && x <= 60000))
          return 'retry_ms must be a list of at most 10 integers 0–60000';
        break;
      case 'notify_timeout_ms':
        if (!Number.isInteger(v) || v < 100 || v > 60000) return 'notify_timeout_ms must be an integer 100–60000';
        break;
      case 'fail': {
        if (!allowFail) return 'fail is not a per-notification switch';
        if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'fail must be an object';
        for (const [op, mode] of Object.entries(v)) {
          if (!['create', 'query', 'close'].includes(op)) return `fail.${op}: unknown operation (create|query|close)`;
          const parsed = parseFail(mode);
          if (parsed === undefined) return `fail.${op} must be 500 (an HTTP status 400–599), "timeout", null, or {"mode":…,"times":N}`;
          next.fail[op] = parsed;
        }
        continue;
      }
      default:
        return `unknown switch ${k}`;
    }
    next[k] = clone(v);
  }
  Object.assign(target, next);
  return null;
}

// A failure is stored as {mode, times} (times null = until switched off), so a test can make
// only the first N calls fail and watch the daemon recover.
function parseFail(v) {
  if (v === null) return null;
  const mode = typeof v === 'object' && !Array.isArray(v) ? v.mode : v;
  const times = typeof v === 'object' && !Array.isArray(v) ? (v.times ?? null) : null;
  const okMode = mode === 'timeout' || (Number.isInteger(mode) && mode >= 400 && mode <= 599);
  const okTimes = times === null || (Number.isInteger(times) && times > 0);
  return okMode && okTimes ? { mode, times } : undefined;
}

export class State {
  constructor() {
    this.baseUrl = 'http://127.0.0.1:0';
    this.reset();
  }

  reset() {
    this.trades = new Map(); // `${gateway}:${out_trade_no}` → trade
    this.byToken = new Map(); // pay-page token → trade
    this.switches = clone(DEFAULT_SWITCHES);
    this.requests = [];
    this.held = [];
    this.alternate = 0;
    this.seq = 0;
  }

  /** Takes one use of a configured failure for op, or returns null. */
  takeFailure(op) {
    const f = this.switches.fail[op];
    if (!f) return null;
    if (f.times !== null) {
      f.times -= 1;
      if (f.times <= 0) this.switches.fail[op] = null;
    }
    return f.mode;
  }

  logRequest(entry) {
    entry.seq = ++this.seq;
    entry.at = new Date().toISOString();
    this.requests.push(entry);
    // Bounded: a long demo must not grow without limit.
    if (this.requests.length > 2000) this.requests.splice(0, this.requests.length - 2000);
    return entry;
  }

  find(gateway, outTradeNo) {
    return this.trades.get(`${gateway}:${outTradeNo}`) ?? null;
  }

  findAny(outTradeNo, gateway) {
    if (gateway) return this.find(gateway, outTradeNo);
    return this.find('wechat', outTradeNo) ?? this.find('alipay', outTradeNo);
  }

  create(gateway, fields) {
    const token = randomAlnum(24);
    const now = Date.now();
    const trade = {
      gateway,
      token,
      pay_url: `${this.baseUrl}/pay/${gateway}/${token}`,
      state: 'NOTPAY', // NOTPAY | SUCCESS | CLOSED (each gateway maps it to its own words)
      scanned: false, // Alipay: a precreated trade only "exists" once its QR code was opened
      created_ms: now,
      paid_ms: null,
      closed_ms: null,
      paid_amount_fen: null,
      // The gateway's own number, fixed now so that every answer about the trade agrees.
      gateway_trade_no:
        gateway === 'wechat'
          ? `420000${randomDigits(4)}${beijingDateCompact(now)}${randomDigits(10)}`
          : `${beijingDateCompact(now)}22001${randomDigits(15)}`,
      payer_id: gateway === 'wechat' ? `oUpF8u${randomAlnum(22)}` : `2088${randomDigits(12)}`,
      notification: null, // the message built at payment, re-sent as is by replays
      deliveries: [],
      ...fields,
    };
    this.trades.set(`${gateway}:${trade.out_trade_no}`, trade);
    this.byToken.set(token, trade);
    return trade;
  }

  isExpired(trade, now = Date.now()) {
    return trade.state === 'NOTPAY' && trade.expire_ms !== null && now > trade.expire_ms;
  }

  /** Marks a trade paid. Returns {ok} or {ok:false, error} with error closed|expired|already_paid. */
  pay(trade, amountFen) {
    if (trade.state === 'SUCCESS') return { ok: false, error: 'already_paid' };
    if (trade.state === 'CLOSED') return { ok: false, error: 'closed' };
    if (this.isExpired(trade)) return { ok: false, error: 'expired' };
    trade.state = 'SUCCESS';
    trade.scanned = true;
    trade.paid_ms = Date.now();
    trade.paid_amount_fen = amountFen ?? trade.amount_fen;
    return { ok: true };
  }

  close(trade) {
    if (trade.state === 'NOTPAY') {
      trade.state = 'CLOSED';
      trade.closed_ms = Date.now();
    }
  }

  /** The amount the gateway reports: what was paid (possibly a "wrong amount"), else the order's. */
  reportedFen(trade) {
    return trade.paid_amount_fen ?? trade.amount_fen;
  }

  view(trade) {
    const { notification, fingerprint, ...rest } = trade;
    return {
      ...rest,
      method: trade.gateway,
      expired: this.isExpired(trade),
      time_expire: trade.expire_ms === null ? null : new Date(trade.expire_ms).toISOString(),
    };
  }
}
