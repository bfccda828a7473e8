// Delivers payment notifications to the merchant's notify_url the way both gateways do: POST,
// judge the answer (each gateway has its own rule), retry a bounded number of times with back-off.
// The switches decide whether a message is sent, dropped, held for a later flush, delayed or
// duplicated; the gateway modules build and sign the messages themselves.
import http from 'node:http';
import { sleep } from './util.mjs';

const MAX_BODY_KEPT = 500; // what a delivery record keeps of the merchant's answer

function post(url, headers, body, timeoutMs) {
  return new Promise((resolve) => {
    let u;
    try {
      u = new URL(url);
    } catch {
      resolve({ status: 0, body: '', error: 'invalid notify_url' });
      return;
    }
    // Plain http only: the simulator talks to a daemon on this machine, never to the Internet.
    if (u.protocol !== 'http:') {
      resolve({ status: 0, body: '', error: `unsupported scheme ${u.protocol} (the simulator sends http only)` });
      return;
    }
    const buf = Buffer.from(body, 'utf8');
    const req = http.request(u, { method: 'POST', headers: { ...headers, 'Content-Length': buf.length } }, (res) => {
      const chunks = [];
      let size = 0;
      res.on('data', (c) => {
        size += c.length;
        if (size <= 64 * 1024) chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => resolve({ status: 0, body: '', error: e.message }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => resolve({ status: 0, body: '', error: e.message }));
    req.end(buf);
  });
}

export function makeNotifier(ctx) {
  const { state } = ctx;

  // One message, with its retries. Each attempt is signed afresh (new timestamp and nonce), as the
  // real gateways do when they retry; the message itself (its id) stays the same.
  async function deliverWithRetries(trade, opts, kind) {
    const gw = ctx.gateways[trade.gateway];
    const attempts = [];
    if (!trade.notify_url) {
      trade.deliveries.push({ kind, at: new Date().toISOString(), status: 0, error: 'the trade has no notify_url' });
      return attempts;
    }
    for (let i = 0; i <= opts.retry_ms.length; i++) {
      if (i > 0) await sleep(opts.retry_ms[i - 1]);
      const { headers, body } = gw.prepareDelivery(trade, trade.notification, opts);
      const r = await post(trade.notify_url, headers, body, opts.notify_timeout_ms);
      const delivered = !r.error && gw.isDelivered(r.status, r.body);
      const answer = r.body.slice(0, MAX_BODY_KEPT);
      trade.deliveries.push({
        kind,
        notification_id: trade.notification.id,
        attempt: i + 1,
        at: new Date().toISOString(),
        status: r.status,
        body: answer,
        error: r.error ?? null,
        delivered,
        switches: { tamper: opts.tamper, forge: opts.forge, stale: opts.stale, signtest: opts.signtest },
      });
      attempts.push({ status: r.status, body: answer, delivered, error: r.error ?? null });
      if (delivered) break;
    }
    return attempts;
  }

  async function sendNow(trade, opts, kind) {
    const all = [];
    for (let n = 0; n <= opts.duplicate; n++) {
      all.push(...(await deliverWithRetries(trade, opts, n === 0 ? kind : 'duplicate')));
    }
    return all;
  }

  /**
   * Sends the trade's notification according to opts (the switches, possibly overridden).
   * Resolves once the attempts are done, or at once when the message is dropped, held or delayed.
   */
  async function dispatch(trade, opts, kind = 'original') {
    if (opts.notify === 'drop') {
      trade.deliveries.push({ kind, at: new Date().toISOString(), status: 0, error: 'dropped (switch notify=drop)' });
      return { deliveries: [], dropped: true };
    }
    if (opts.notify === 'hold') {
      state.held.push({ trade, opts, kind });
      return { deliveries: [], held: true };
    }
    if (opts.delay_ms > 0) {
      const t = setTimeout(() => sendNow(trade, opts, kind).catch(() => {}), opts.delay_ms);
      t.unref(); // a pending delayed notification must not keep the process alive at exit
      return { deliveries: [], pending: true };
    }
    return { deliveries: await sendNow(trade, opts, kind) };
  }

  /** Sends the held notifications one after another; "reverse" sends the newest first. */
  async function flush(order = 'fifo') {
    const items = state.held.splice(0);
    if (order === 'reverse') items.reverse();
    const results = [];
    for (const it of items) {
      const deliveries = await sendNow(it.trade, it.opts, it.kind);
      results.push({ method: it.trade.gateway, out_trade_no: it.trade.out_trade_no, deliveries });
    }
    return results;
  }

  return { dispatch, flush };
}
