// Crash safety of QR payments (issue 6: "every money change is one transaction with
// synchronous=FULL"). A real daemon and the payment simulator; no browser.
//
// 16 members each open a QR (WeChat Pay and Alipay alternating). The simulator is set to send
// every notification three times (duplicate 2) after a 250 ms delay, retrying for ~6 s. All 16
// trades are paid at the simulator, staggered over ~0.8 s, while other requests poll /status
// (which also asks the gateway's query API); once half are paid (mid-burst) the daemon is killed
// with SIGKILL, then restarted on the same database and port, so that the simulator's retries
// and the status polls reach it again. Once every trade the simulator reports SUCCESS is paid in
// the daemon, the daemon is stopped and the database is checked with the sqlite3 CLI:
//   - every SUCCESS trade: its order is `paid`, with exactly one `payments` row, `credited`,
//     whose external_ref is the gateway's transaction number; each item's member is active to
//     the year's end; one `dues.order_paid` audit entry and one dues_paid SMS per order;
//   - no two payments rows for the same gateway transaction; no paid order without a SUCCESS
//     trade; `PRAGMA integrity_check` = ok and `PRAGMA foreign_key_check` empty.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startDaemon } from './harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const PASSWORD = (login) => `Crash${login.slice(-4)}x9`;
const ROSTER = ['11001', '31002', '44003', '1100001', '1100002', '1100005', '3100003', '4400004'];
const SEEDED = 8; // demo-seed members whose status is approved_unpaid

let daemon;
let db;

before(async () => {
  daemon = await startDaemon({ members: 400, payments: true, duesToml: 'query_interval_s = 1' });
  db = path.join(daemon.dir, 'md.db');
  await daemon.ctl(['demo-approve', ...ROSTER]);
});

after(async () => {
  if (process.env.MEMBERDESK_E2E_KEEP) console.log(`kept: ${daemon?.dir}`);
  await daemon?.stop();
});

// The sqlite3 CLI on the daemon's database: rows as objects.
function sql(query) {
  const r = spawnSync('sqlite3', ['-json', db, query], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3 ${query}: ${r.stderr}`);
  return r.stdout.trim() ? JSON.parse(r.stdout) : [];
}

// A member's API session that logs in again by itself after the daemon restarted (sessions are
// in memory). Connection errors while the daemon is down come back as status 0.
function memberSession(login) {
  let cookie = '';
  let csrf = '';
  let password = login;
  const raw = async (method, p, body) => {
    const headers = { 'Content-Type': 'application/json' };
    if (cookie) headers.Cookie = cookie;
    if (csrf && method !== 'GET') headers['X-CSRF-Token'] = csrf;
    try {
      const res = await fetch(`${daemon.baseUrl}/api/v1${p}`, {
        method, headers, body: body ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(10000),
      });
      const set = res.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0];
      return { status: res.status, body: await res.json().catch(() => null) };
    } catch (e) {
      return { status: 0, body: null, error: String(e.cause?.code ?? e) };
    }
  };
  const login_ = async () => {
    const r = await raw('POST', '/auth/login', { kind: 'member', login_id: login, password });
    if (r.status === 200) csrf = r.body.session.csrf;
    return r;
  };
  const call = async (method, p, body) => {
    let r = await raw(method, p, body);
    if (r.status === 401) {
      const l = await login_();
      if (l.status !== 200) return l;
      r = await raw(method, p, body);
    }
    return r;
  };
  call.setup = async () => {
    const l = await login_();
    assert.equal(l.status, 200, `${login} login: ${JSON.stringify(l.body)}`);
    const pw = await raw('POST', '/auth/password', { old_password: login, new_password: PASSWORD(login) });
    assert.equal(pw.status, 200, `${login} password: ${JSON.stringify(pw.body)}`);
    password = PASSWORD(login);
  };
  return call;
}

// Logs in, changes the default password, orders the member's own item and opens a QR.
async function placeAndOpen(login, method) {
  const m = memberSession(login);
  await m.setup();
  const dues = await m('GET', '/member/dues');
  assert.equal(dues.status, 200, `${login} /member/dues: ${JSON.stringify(dues.body)}`);
  const year = dues.body.default_year;
  if (dues.body.attorney) {
    const c = await m('POST', '/member/dues/attorney-choice', { year, choice: 'personal' });
    assert.equal(c.status, 200, `${login} attorney-choice: ${JSON.stringify(c.body)}`);
  }
  const items = await m('GET', `/member/dues/items?year=${year}`);
  assert.equal(items.status, 200, `${login} items: ${JSON.stringify(items.body)}`);
  const self = items.body.items.find((i) => i.role === 'self');
  assert.ok(self?.selectable, `${login}: own item not selectable: ${JSON.stringify(items.body)}`);
  const quote = await m('POST', '/member/dues/quote', { year, member_ids: [self.member_id] });
  assert.equal(quote.status, 200, `${login} quote: ${JSON.stringify(quote.body)}`);
  const c = quote.body.contact ?? {};
  const contact = {
    name: c.name || '测试联系人', mobile: c.mobile || '13800138000', email: c.email || 'crash@example.cn',
    office_phone: c.office_phone || '',
  };
  const o = await m('POST', '/member/dues/orders', { year, member_ids: [self.member_id], contact });
  assert.equal(o.status, 201, `${login} order: ${JSON.stringify(o.body)}`);
  const order = o.body.order;
  const pay = await m('POST', `/member/dues/orders/${order.id}/pay`, { method });
  assert.equal(pay.status, 200, `${login} pay ${method}: ${JSON.stringify(pay.body)}`);
  return { login, m, method, id: order.id, order_no: order.order_no, year, out_trade_no: pay.body.attempt.out_trade_no };
}

test('SIGKILL in the middle of a burst of notifications and status queries: every paid order paid once, database intact', { timeout: 90000 }, async (t) => {
  // ---- 16 payable orders, each with an open QR ---------------------------------------------
  const seeded = sql(`SELECT m.login_id FROM members m JOIN accounts a ON a.member_id = m.id
                      WHERE m.status = 'approved_unpaid' AND m.login_id NOT IN (${ROSTER.map((l) => `'${l}'`).join(',')})
                      ORDER BY m.id LIMIT ${SEEDED}`).map((r) => r.login_id);
  assert.equal(seeded.length, SEEDED, `demo-seed gave ${seeded.length} approved_unpaid members with a login`);
  const logins = [...ROSTER, ...seeded];
  const orders = [];
  for (const [i, login] of logins.entries()) orders.push(await placeAndOpen(login, i % 2 === 0 ? 'wechat' : 'alipay'));
  assert.equal(new Set(orders.map((o) => o.out_trade_no)).size, orders.length);

  // ---- the burst ---------------------------------------------------------------------------
  // Every notification 3 times, 250 ms after payment; undelivered ones retried for ~6 s, which
  // outlasts the restart.
  const sw = await daemon.simSwitches({ duplicate: 2, delay_ms: 250, retry_ms: [300, 600, 1000, 1500, 2500], notify_timeout_ms: 3000 });
  assert.equal(sw.status, 200, JSON.stringify(sw.body));

  const t0 = Date.now();
  let polling = true;
  let polls = 0;
  let pollFailures = 0; // connection refused / reset while the daemon is down
  const seenPaid = new Set();
  // Four pollers (kiosks), each asking about its four orders in turn as fast as answered. Kept
  // below the daemon's worker threads (8): CivetWeb serves one keep-alive connection per thread,
  // so more busy clients than threads would starve the notifications (see the report).
  const POLLERS = 4;
  const pollers = Array.from({ length: POLLERS }, async (_, k) => {
    const mine = orders.filter((_o, i) => i % POLLERS === k);
    await sleep(k * 11);
    for (let n = 0; polling; n++) {
      const o = mine[n % mine.length];
      const r = await o.m('GET', `/member/dues/orders/${o.id}/status`);
      polls++;
      if (r.status === 0) { pollFailures++; o.lastError = `${r.error} at +${Date.now() - t0}ms`; o.errors = (o.errors ?? 0) + 1; await sleep(50); continue; }
      if (r.status === 200 && r.body.paid) seenPaid.add(o.id);
      o.lastPoll = `${r.status} ${r.status === 200 ? r.body.status : JSON.stringify(r.body)}`;
      await sleep(20);
    }
  });

  // Trades paid one every 50 ms; the kill comes once half of them are paid at the simulator (so
  // the other half is paid while the daemon is down or restarting), while the first ones'
  // notifications (250 ms later, three copies each) and the status polls are in flight.
  const payResults = [];
  let halfPaid;
  const half = new Promise((resolve) => { halfPaid = resolve; });
  const payers = orders.map(async (o, i) => {
    await sleep(i * 50);
    const r = await daemon.sim.pay(o.method, o.out_trade_no);
    payResults.push({ no: o.out_trade_no, status: r.status, body: r.body });
    if (payResults.length === orders.length / 2) halfPaid();
  });

  await half;
  const killAt = Date.now();
  const killed = await daemon.kill('SIGKILL');
  const paidAtKill = seenPaid.size;
  assert.equal(killed.signal, 'SIGKILL', `the daemon was not killed by SIGKILL: ${JSON.stringify(killed)}`);
  await Promise.all(payers);
  await sleep(300);
  await daemon.restart();
  const restartedAt = Date.now();
  t.diagnostic(`killed at +${killAt - t0} ms, restarted at +${restartedAt - t0} ms`);

  // ---- until every SUCCESS trade is paid in the daemon ---------------------------------------
  const simTrades = async () => {
    const r = await daemon.sim.trades();
    assert.equal(r.status, 200);
    return r.body.trades.filter((tr) => orders.some((o) => o.out_trade_no === tr.out_trade_no));
  };
  let success = [];
  const deadline = Date.now() + 30000;
  for (;;) {
    success = (await simTrades()).filter((tr) => tr.state === 'SUCCESS');
    const want = orders.filter((o) => success.some((tr) => tr.out_trade_no === o.out_trade_no));
    if (want.length > 0 && want.every((o) => seenPaid.has(o.id)) && success.length === orders.length) break;
    if (Date.now() > deadline) break; // the checks below say what is missing
    await sleep(200);
  }
  const caughtUpMs = Date.now() - restartedAt;
  const notSeen = orders.filter((o) => !seenPaid.has(o.id));
  if (notSeen.length) t.diagnostic(`not seen paid by the pollers: ${notSeen.map((o) => `${o.order_no} (${o.login}): ${o.lastPoll}, ${o.errors} errors, last ${o.lastError}`).join('; ')}`);
  // Let the simulator's remaining duplicates and retries arrive (bounded), then stop polling.
  let lastDeliveries = -1;
  for (let i = 0; i < 40; i++) {
    const n = (await simTrades()).reduce((s, tr) => s + tr.deliveries.length, 0);
    if (n === lastDeliveries) break;
    lastDeliveries = n;
    await sleep(700);
  }
  polling = false;
  await Promise.all(pollers);
  const stopped = await daemon.kill('SIGTERM');

  const trades = await simTrades();
  success = trades.filter((tr) => tr.state === 'SUCCESS');
  const deliveries = trades.flatMap((tr) => tr.deliveries);
  t.diagnostic(`orders ${orders.length}; paid at the simulator ${success.length}; seen paid by the pollers at the kill ${paidAtKill}; `
    + `status polls ${polls} (${pollFailures} while down); notification attempts ${deliveries.length} `
    + `(${deliveries.filter((d) => d.status === 0).length} unanswered); caught up ${caughtUpMs} ms after the restart; `
    + `daemon stopped with ${JSON.stringify(stopped)}`);
  assert.equal(stopped.code, 0, `the restarted daemon did not stop cleanly: ${JSON.stringify(stopped)}`);
  for (const r of payResults) assert.equal(r.status, 200, `/_sim/pay ${r.no}: ${r.status} ${JSON.stringify(r.body)}`);
  assert.equal(success.length, orders.length, 'every trade was paid at the simulator');
  assert.ok(paidAtKill < orders.length, 'the kill came in the middle of the burst (some orders still unpaid)');

  // ---- the database, with the sqlite3 CLI ---------------------------------------------------
  const problems = [];
  const byNo = new Map(sql(`SELECT a.out_trade_no, a.method, a.order_id, o.order_no, o.status, o.paid_method, o.year
                            FROM payment_attempts a JOIN dues_orders o ON o.id = a.order_id`).map((r) => [r.out_trade_no, r]));
  const payments = sql('SELECT id, order_id, method, external_ref, outcome, source, amount_fen FROM payments');
  const successOrders = new Set();
  for (const tr of success) {
    const a = byNo.get(tr.out_trade_no);
    if (!a) { problems.push(`${tr.out_trade_no}: SUCCESS at the simulator but no payment attempt in the database`); continue; }
    successOrders.add(a.order_id);
    if (a.status !== 'paid') problems.push(`${a.order_no} (${tr.out_trade_no}): SUCCESS at the simulator, order status ${a.status}`);
    if (a.paid_method !== tr.method) problems.push(`${a.order_no}: paid_method ${a.paid_method}, trade ${tr.method}`);
    const rows = payments.filter((p) => p.order_id === a.order_id);
    const credited = rows.filter((p) => p.outcome === 'credited');
    if (credited.length !== 1 || rows.length !== 1) {
      problems.push(`${a.order_no}: ${rows.length} payments rows (${credited.length} credited), expected exactly 1 credited: ${JSON.stringify(rows)}`);
    } else {
      const p = credited[0];
      if (p.external_ref !== tr.gateway_trade_no) problems.push(`${a.order_no}: external_ref ${p.external_ref}, gateway's ${tr.gateway_trade_no}`);
      if (p.amount_fen !== tr.amount_fen) problems.push(`${a.order_no}: credited ${p.amount_fen} fen, trade ${tr.amount_fen}`);
    }
    // The rest of the same transaction: membership, audit, SMS.
    const unpaidItems = sql(`SELECT m.login_id, m.status, m.valid_until FROM dues_order_items i JOIN members m ON m.id = i.member_id
                             WHERE i.order_id = ${a.order_id} AND NOT (m.status = 'active' AND m.valid_until >= '${a.year}-12-31')`);
    if (unpaidItems.length) problems.push(`${a.order_no}: paid but members not in good standing: ${JSON.stringify(unpaidItems)}`);
    const audits = sql(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'dues.order_paid' AND object = 'dues_order:${a.order_no}'`)[0].n;
    if (audits !== 1) problems.push(`${a.order_no}: ${audits} dues.order_paid audit entries, expected 1`);
    const sms = sql(`SELECT COUNT(*) AS n FROM sms_outbox WHERE event = 'dues_paid' AND (text LIKE '%${a.order_no}%' OR params_json LIKE '%${a.order_no}%')`)[0].n;
    if (sms !== 1) problems.push(`${a.order_no}: ${sms} dues_paid SMS, expected 1`);
  }
  for (const d of sql('SELECT method, external_ref, COUNT(*) AS n FROM payments GROUP BY method, external_ref HAVING n > 1'))
    problems.push(`${d.n} payments rows for ${d.method} transaction ${d.external_ref}`);
  for (const o of sql("SELECT id, order_no FROM dues_orders WHERE status = 'paid'"))
    if (!successOrders.has(o.id)) problems.push(`${o.order_no}: paid in the database without a SUCCESS trade at the simulator`);
  for (const p of payments)
    if (!successOrders.has(p.order_id)) problems.push(`payment ${p.id} (${p.method} ${p.external_ref}) for an order without a SUCCESS trade`);
  const integrity = sql('PRAGMA integrity_check').map((r) => r.integrity_check);
  if (integrity.join() !== 'ok') problems.push(`PRAGMA integrity_check: ${integrity.join('; ')}`);
  const fk = sql('PRAGMA foreign_key_check');
  if (fk.length) problems.push(`PRAGMA foreign_key_check: ${JSON.stringify(fk)}`);
  const bySource = sql('SELECT source, COUNT(*) AS n FROM payments GROUP BY source').map((r) => `${r.source} ${r.n}`).join(', ');
  t.diagnostic(`payments rows ${payments.length} (by source: ${bySource}); integrity_check ${integrity.join('; ')}`);
  assert.deepEqual(problems, [], `after SIGKILL and restart:\n  ${problems.join('\n  ')}`);
});
