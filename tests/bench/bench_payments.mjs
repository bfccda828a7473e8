#!/usr/bin/env node
// Payment benchmarks (issue 6), figures printed, never asserted: a real memberdesk daemon and the
// payment simulator (tests/paysim), started by the e2e harness (tests/e2e/harness.mjs, which
// needs `npm ci` in tests/e2e for its playwright-core import). Loopback only, bounded loops.
//
//   node tests/bench/bench_payments.mjs          (tests/bench/run.sh runs it after the directory one)
//
// Environment: MEMBERDESK_BIN / MEMBERDESKCTL_BIN as for the e2e tests (default build/firmware/…);
// BENCH_PAY_QR (300), BENCH_PAY_NOTIFY (5000), BENCH_PAY_ROUNDS (20) scale the three parts.
//
// (a) QR: POST /member/dues/orders/{id}/pay {"method":"wechat"} for fresh orders, one after the
//     other, then 4 at a time; each is daemon → simulator (signed create) → signed answer checked
//     → QR SVG made. Client-side wall time on loopback. Goal p99 < 150 ms.
// (b) Notifications: genuine WeChat Pay notifications — built, encrypted and signed by the
//     simulator's own modules (tests/paysim/wechat.mjs, keys.mjs, state.mjs) in this process, all
//     signed before the clock starts — POSTed to /api/v1/pay/wechat/notify with 8 connections
//     (= the daemon's worker threads); 30 % of them re-send an earlier message (same id, signed
//     afresh, as the gateway's retries do), often while the first is still in flight. Then every
//     order is checked: credited once. Goal >= 500/s.
// (c) Order creation: 16 members at once, each POST /member/dues/orders for its own item, then
//     POST …/cancel (which frees the item for the next round), BENCH_PAY_ROUNDS times; once with
//     one keep-alive connection per member (16 clients on 8 worker threads: CivetWeb serves one
//     connection per thread, so the tail shows the waiting), once with a new connection per
//     request. No goal in the issue: figures only.
// Also printed: the daemon's CPU per notification (from /proc, independent of other load) and
// what one synchronous=FULL commit costs on this disk, since each credit is one such commit.
//
// Creating thousands of orders through the API would take longer than the benchmark itself, so
// the orders and payment attempts for (a) and (b) are INSERTed with the sqlite3 CLI into the
// daemon's database while the daemon is stopped (SIGTERM), then the daemon is started again on
// it: the rows are the ones the daemon writes itself (an awaiting_payment order with one item,
// and for (b) an open WeChat attempt with its out_trade_no), with order numbers B… that the
// daemon's own D… numbering never reaches.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startDaemon, REPO } from '../e2e/harness.mjs';
import { loadKeys } from '../paysim/keys.mjs';
import { State } from '../paysim/state.mjs';
import { makeWechat } from '../paysim/wechat.mjs';

const N_QR = Number(process.env.BENCH_PAY_QR || 300);
const N_QR_PARALLEL = 64; // 4 at a time
const N_NOTIFY = Number(process.env.BENCH_PAY_NOTIFY || 5000);
const DUP_SHARE = 0.3;
const N_UNIQUE = Math.round(N_NOTIFY * (1 - DUP_SHARE));
const NOTIFY_CONNECTIONS = 8;
const MEMBERS_C = 16;
const ROUNDS_C = Number(process.env.BENCH_PAY_ROUNDS || 20);
const AMOUNT = 30000;
const PASSWORD = (login) => `Bench${login.slice(-4)}x7`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const nowIso = (plusS = 0) => new Date(Date.now() + plusS * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const TICK_MS = 1000 / Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);
const cpuMs = (pid) => {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS; // utime + stime (fields 14, 15)
};

let daemon;
let db;
function sql(query) {
  const r = spawnSync('sqlite3', ['-json', db], { input: query, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim() ? JSON.parse(r.stdout) : [];
}

// One member's API session over node:http with an agent of its own: keepAlive (one connection,
// like a kiosk's browser) or a new connection per request. close() ends its connection, so that
// an idle keep-alive socket does not keep holding one of the daemon's worker threads (CivetWeb
// serves one connection per thread) into the next part of the benchmark.
function session(login, { keepAlive = true } = {}) {
  let cookie = '';
  let csrf = '';
  const agent = new http.Agent({ keepAlive, maxSockets: 1 });
  const call = (method, p, body) => new Promise((resolve, reject) => {
    const headers = { 'Content-Type': 'application/json' };
    if (cookie) headers.Cookie = cookie;
    if (csrf && method !== 'GET') headers['X-CSRF-Token'] = csrf;
    const data = body ? Buffer.from(JSON.stringify(body), 'utf8') : null;
    if (data) headers['Content-Length'] = data.length;
    const req = http.request(`${daemon.baseUrl}/api/v1${p}`, { method, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const set = res.headers['set-cookie'];
        if (set?.length) cookie = set[0].split(';')[0];
        let json = null;
        try { json = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, body: json });
      });
    });
    req.setTimeout(60000, () => req.destroy(new Error(`${method} ${p}: no answer in 60 s`)));
    req.on('error', reject);
    req.end(data ?? undefined);
  });
  call.login = async (password) => {
    const r = await call('POST', '/auth/login', { kind: 'member', login_id: login, password });
    if (r.status !== 200) throw new Error(`${login} login: ${r.status} ${JSON.stringify(r.body)}`);
    csrf = r.body.session.csrf;
  };
  call.must = async (method, p, body, want = 200) => {
    const r = await call(method, p, body);
    if (r.status !== want) throw new Error(`${login} ${method} ${p}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  call.close = () => agent.destroy();
  return call;
}

async function timed(fn) {
  const t = process.hrtime.bigint();
  const r = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, r };
}

async function main() {
  const started = Date.now();
  console.log(`== Payments: memberdesk + payment simulator (${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(2)}) ==`);
  daemon = await startDaemon({
    members: 6000,
    payments: true,
    // Long-lived QRs and orders, no sweeps or gateway queries in the middle of the runs.
    duesToml: 'qr_expiry_s = 7200\norder_expiry_s = 2592000\nsweep_interval_s = 3600\nquery_interval_s = 60',
  });
  db = path.join(daemon.dir, 'md.db');
  try {
    // ---- members: one payer for (a), 16 for (c); passwords changed through the API ---------------
    const approved = sql("SELECT m.login_id, m.id, m.type FROM members m JOIN accounts a ON a.member_id = m.id WHERE m.status = 'approved_unpaid' ORDER BY m.id");
    if (approved.length < MEMBERS_C + 1) throw new Error(`only ${approved.length} approved_unpaid members`);
    const payer = approved[0];
    const racers = approved.slice(1, 1 + MEMBERS_C);
    await Promise.all([payer, ...racers].map(async (m) => {
      const s = session(m.login_id);
      await s.login(m.login_id);
      await s.must('POST', '/auth/password', { old_password: m.login_id, new_password: PASSWORD(m.login_id) });
      s.close();
    }));
    const year = Number(new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 4)); // Asia/Shanghai

    // ---- orders for (a) and (b): inserted while the daemon is stopped ---------------------------
    const exclude = new Set([payer.id, ...racers.map((r) => r.id)]);
    const free = sql(`SELECT id, type FROM members WHERE status IN ('active','approved_unpaid') ORDER BY id`).filter((m) => !exclude.has(m.id));
    const needA = N_QR + N_QR_PARALLEL;
    if (free.length < needA + N_UNIQUE) throw new Error(`need ${needA + N_UNIQUE} members in good standing or approved, have ${free.length}`);
    const FEE = { agency: 'agency_ordinary', attorney: 'attorney', industry_org: 'industry_org', non_practicing: 'non_practicing' };
    const created = nowIso();
    const expires = nowIso(29 * 86400);
    const qrExpires = nowIso(7000);
    const lines = ['BEGIN;'];
    const orderRow = (no, payerId, m) => {
      lines.push(`INSERT INTO dues_orders(order_no, payer_id, year, status, total_fen, amount_due_fen, contact_name, contact_mobile, contact_email, created_at, expires_at) VALUES ('${no}', ${payerId}, ${year}, 'awaiting_payment', ${AMOUNT}, ${AMOUNT}, '基准测试', '13800138000', 'bench@example.cn', '${created}', '${expires}');`);
      lines.push(`INSERT INTO dues_order_items(order_id, member_id, year, fee_class, amount_fen) VALUES (last_insert_rowid(), ${m.id}, ${year}, '${FEE[m.type]}', ${AMOUNT});`);
    };
    const qrOrders = [];
    for (let i = 0; i < needA; i++) {
      const no = `BQ${String(i + 1).padStart(8, '0')}`;
      orderRow(no, payer.id, free[i]);
      qrOrders.push(no);
    }
    const notifyOrders = [];
    for (let i = 0; i < N_UNIQUE; i++) {
      const m = free[needA + i];
      const no = `BN${String(i + 1).padStart(8, '0')}`;
      orderRow(no, m.id, m);
      const otn = `${no}W01`;
      lines.push(`INSERT INTO payment_attempts(order_id, method, out_trade_no, amount_fen, code_url, status, created_at, expires_at) SELECT id, 'wechat', '${otn}', ${AMOUNT}, 'weixin://wxpay/bizpayurl?pr=bench${i}', 'open', '${created}', '${qrExpires}' FROM dues_orders WHERE order_no = '${no}';`);
      notifyOrders.push({ no, otn });
    }
    lines.push('COMMIT;');
    const stopped = await daemon.kill('SIGTERM');
    if (stopped.code !== 0) throw new Error(`daemon did not stop cleanly: ${JSON.stringify(stopped)}`);
    let t0 = Date.now();
    sql(lines.join('\n'));
    const ids = new Map(sql("SELECT id, order_no FROM dues_orders WHERE order_no LIKE 'B%'").map((r) => [r.order_no, r.id]));
    console.log(`inserted ${needA + N_UNIQUE} orders (${N_UNIQUE} with an open WeChat attempt) with sqlite3: ${Date.now() - t0} ms`);
    await daemon.restart();

    // ---- (a) QR ----------------------------------------------------------------------------------
    const p = session(payer.login_id);
    await p.login(PASSWORD(payer.login_id));
    // One untimed call first (connections, key caches).
    await p.must('POST', `/member/dues/orders/${ids.get(qrOrders[0])}/pay`, { method: 'wechat' });
    const seqMs = [];
    for (const no of qrOrders.slice(1, N_QR)) {
      const { ms, r } = await timed(() => p('POST', `/member/dues/orders/${ids.get(no)}/pay`, { method: 'wechat' }));
      if (r.status !== 200 || !r.body.attempt?.qr_svg?.startsWith('<svg')) throw new Error(`pay ${no}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      seqMs.push(ms);
    }
    const parMs = [];
    const parQueue = qrOrders.slice(N_QR);
    t0 = Date.now();
    await Promise.all(Array.from({ length: 4 }, async () => {
      const s = session(payer.login_id);
      await s.login(PASSWORD(payer.login_id));
      for (let no = parQueue.shift(); no; no = parQueue.shift()) {
        const { ms, r } = await timed(() => s('POST', `/member/dues/orders/${ids.get(no)}/pay`, { method: 'wechat' }));
        if (r.status !== 200) throw new Error(`pay ${no}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        parMs.push(ms);
      }
      s.close();
    }));
    p.close();
    const parWall = Date.now() - t0;
    console.log(`\n(a) 【微信支付】 → QR served (POST …/pay, daemon ↔ simulator, signed both ways, QR SVG)`);
    console.log(`    sequential: ${seqMs.length} orders  p50 ${f1(pct(seqMs, 50))} ms  p90 ${f1(pct(seqMs, 90))} ms  p99 ${f1(pct(seqMs, 99))} ms  max ${f1(Math.max(...seqMs))} ms`);
    console.log(`    4 at once:  ${parMs.length} orders  p50 ${f1(pct(parMs, 50))} ms  p99 ${f1(pct(parMs, 99))} ms  (${f1((parMs.length * 1000) / parWall)} QR/s)`);

    // ---- (b) notifications -------------------------------------------------------------------------
    const keys = loadKeys(path.join(REPO, 'tests', 'fixtures', 'pay'));
    const ctx = { state: new State(), keys };
    const wechat = makeWechat(ctx);
    const notifyUrl = `${daemon.baseUrl}/api/v1/pay/wechat/notify`;
    const honest = { wechat_key: 'alternate', tamper: false, forge: false, stale: false, signtest: false };
    const trades = notifyOrders.map(({ otn }) => {
      const trade = ctx.state.create('wechat', { out_trade_no: otn, amount_fen: AMOUNT, description: `中华全国专利代理师协会${year}年度会费`, notify_url: notifyUrl, expire_ms: null });
      ctx.state.pay(trade);
      trade.notification = wechat.buildNotification(trade);
      return trade;
    });
    // The stream: every message once, and 30 % re-sends of one sent a little earlier (1–40
    // places back, so often still in flight on another connection).
    let seed = 42;
    const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const stream = [];
    let next = 0;
    let dups = 0;
    const wantDups = N_NOTIFY - trades.length;
    for (let i = 0; i < N_NOTIFY; i++) {
      // A uniform interleaving of the remaining originals and re-sends (none before the first).
      const leftDup = wantDups - dups;
      const leftNew = trades.length - next;
      const dup = next > 0 && rnd() < leftDup / (leftDup + leftNew);
      const trade = dup ? trades[next - 1 - Math.floor(rnd() * Math.min(40, next))] : trades[next++];
      if (dup) dups++;
      const { headers, body } = wechat.prepareDelivery(trade, trade.notification, honest);
      stream.push({ trade, dup, headers, body: Buffer.from(body, 'utf8') });
    }
    const dupCount = stream.filter((s) => s.dup).length;
    const agent = new http.Agent({ keepAlive: true, maxSockets: NOTIFY_CONNECTIONS });
    const statusCounts = {};
    const notifyMs = [];
    const post = (item) => new Promise((resolve) => {
      const t = process.hrtime.bigint();
      const req = http.request(notifyUrl, { method: 'POST', agent, headers: { ...item.headers, 'Content-Length': item.body.length } }, (res) => {
        res.resume();
        res.on('end', () => { notifyMs.push(Number(process.hrtime.bigint() - t) / 1e6); resolve(res.statusCode); });
      });
      req.setTimeout(30000, () => req.destroy(new Error('timeout')));
      req.on('error', (e) => resolve(`error ${e.message}`));
      req.end(item.body);
    });
    const cpu0 = cpuMs(daemon.pid);
    t0 = process.hrtime.bigint();
    let cursor = 0;
    await Promise.all(Array.from({ length: NOTIFY_CONNECTIONS }, async () => {
      while (cursor < stream.length) {
        const s = await post(stream[cursor++]);
        statusCounts[s] = (statusCounts[s] ?? 0) + 1;
      }
    }));
    const notifyWallS = Number(process.hrtime.bigint() - t0) / 1e9;
    const notifyCpu = cpuMs(daemon.pid) - cpu0;
    agent.destroy();
    const perS = stream.length / notifyWallS;
    // What one durable commit costs on this disk (WAL, synchronous=FULL, as the daemon commits
    // each credit): 200 one-row transactions by the sqlite3 CLI in the same folder.
    const probe = path.join(daemon.dir, 'fsync-probe.db');
    const probeSql = ['PRAGMA journal_mode=WAL;', 'PRAGMA synchronous=FULL;', 'CREATE TABLE t(x);'];
    for (let i = 0; i < 200; i++) probeSql.push(`BEGIN IMMEDIATE; INSERT INTO t VALUES (${i}); COMMIT;`);
    const tp = process.hrtime.bigint();
    spawnSync('sqlite3', [probe], { input: probeSql.join('\n'), encoding: 'utf8' });
    const commitMs = Number(process.hrtime.bigint() - tp) / 1e6 / 200;
    for (const f of [probe, `${probe}-wal`, `${probe}-shm`]) fs.rmSync(f, { force: true });
    const check = sql(`SELECT
        (SELECT COUNT(*) FROM dues_orders WHERE order_no LIKE 'BN%' AND status = 'paid') AS paid,
        (SELECT COUNT(*) FROM payments p JOIN dues_orders o ON o.id = p.order_id WHERE o.order_no LIKE 'BN%' AND p.outcome = 'credited') AS credited,
        (SELECT COUNT(*) FROM payments p JOIN dues_orders o ON o.id = p.order_id WHERE o.order_no LIKE 'BN%') AS rows_,
        (SELECT COUNT(*) FROM (SELECT order_id FROM payments GROUP BY order_id HAVING COUNT(*) > 1)) AS twice`)[0];
    const once = check.paid === trades.length && check.credited === trades.length && check.rows_ === trades.length && check.twice === 0;
    console.log(`\n(b) WeChat Pay notifications → POST /api/v1/pay/wechat/notify, ${NOTIFY_CONNECTIONS} connections`);
    console.log(`    ${stream.length} sent (${trades.length} orders, ${dupCount} duplicates = ${f1((100 * dupCount) / stream.length)} %) in ${notifyWallS.toFixed(2)} s: ${perS.toFixed(0)} notifications/s`);
    console.log(`    latency p50 ${f1(pct(notifyMs, 50))} ms  p99 ${f1(pct(notifyMs, 99))} ms; answers ${JSON.stringify(statusCounts)}; daemon CPU ${(notifyCpu * 1000 / stream.length).toFixed(0)} µs/notification`);
    console.log(`    one FULL-sync SQLite commit on this disk: ${commitMs.toFixed(2)} ms (sqlite3 CLI, 200 in a row) = at most ${(1000 / commitMs).toFixed(0)} durable commits/s for one writer`);
    console.log(`    orders paid ${check.paid}/${trades.length}, credited payments ${check.credited}, payments rows ${check.rows_}, orders with >1 payment ${check.twice}: ${once ? 'every order credited once' : 'NOT credited exactly once'}`);

    // ---- (c) order creation, 16 members at once ------------------------------------------------------
    const orderBodies = await Promise.all(racers.map(async (m) => {
      const s = session(m.login_id);
      await s.login(PASSWORD(m.login_id));
      const dues = await s.must('GET', '/member/dues');
      const y = dues.default_year;
      if (dues.attorney) await s.must('POST', '/member/dues/attorney-choice', { year: y, choice: 'personal' });
      const items = await s.must('GET', `/member/dues/items?year=${y}`);
      const self = items.items.find((i) => i.role === 'self');
      if (!self?.selectable) throw new Error(`${m.login_id}: own item not selectable: ${JSON.stringify(items)}`);
      const quote = await s.must('POST', '/member/dues/quote', { year: y, member_ids: [self.member_id] });
      s.close();
      const c = quote.contact ?? {};
      const contact = { name: c.name || '基准测试', mobile: c.mobile || '13800138000', email: c.email || 'bench@example.cn', office_phone: c.office_phone || '' };
      return { login: m.login_id, body: { year: y, member_ids: [self.member_id], contact } };
    }));
    // Each member logs in (not timed), then creates and cancels ROUNDS_C times.
    async function race(keepAlive) {
      const sessions = await Promise.all(orderBodies.map(async ({ login, body }) => {
        const s = session(login, { keepAlive });
        await s.login(PASSWORD(login));
        return { s, body };
      }));
      const createMs = [];
      const cancelMs = [];
      const fails = {};
      const t = process.hrtime.bigint();
      await Promise.all(sessions.map(async ({ s, body }) => {
        for (let i = 0; i < ROUNDS_C; i++) {
          const c = await timed(() => s('POST', '/member/dues/orders', body));
          if (c.r.status !== 201) { fails[c.r.status] = (fails[c.r.status] ?? 0) + 1; continue; }
          createMs.push(c.ms);
          const x = await timed(() => s('POST', `/member/dues/orders/${c.r.body.order.id}/cancel`, {}));
          if (x.r.status !== 200) throw new Error(`cancel: ${x.r.status} ${JSON.stringify(x.r.body)}`);
          cancelMs.push(x.ms);
        }
        s.close();
      }));
      const wallS = Number(process.hrtime.bigint() - t) / 1e9;
      const r = { createMs, cancelMs, fails, wallS, perS: createMs.length / wallS, p99: pct(createMs, 99) };
      console.log(`    ${keepAlive ? 'one keep-alive connection per member' : 'a new connection per request      '}: ${createMs.length} orders in ${wallS.toFixed(2)} s = ${r.perS.toFixed(0)} orders/s;`
        + ` create p50 ${f1(pct(createMs, 50))} ms p99 ${f1(r.p99)} ms max ${f1(Math.max(...createMs))} ms; cancel p50 ${f1(pct(cancelMs, 50))} ms p99 ${f1(pct(cancelMs, 99))} ms`
        + `${Object.keys(fails).length ? `; failed creations ${JSON.stringify(fails)}` : ''}`);
      return r;
    }
    console.log(`\n(c) order creation: ${MEMBERS_C} members at once, each ${ROUNDS_C}× POST /member/dues/orders then …/cancel (frees the item)`);
    const cKeep = await race(true);
    const cFresh = await race(false);

    // ---- summary -----------------------------------------------------------------------------------
    const verdict = (ok) => (ok ? 'PASS' : 'MISS');
    // Pads by display width (CJK characters take two columns).
    const pad = (t, n) => t + ' '.repeat(Math.max(0, n - [...t].reduce((w, ch) => w + (/[\u2e80-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1), 0)));
    const row = (goal, target, measured, result) => console.log(`  ${pad(goal, 50)} ${pad(target, 10)} ${pad(measured, 16)} ${result}`);
    const integrity = sql('PRAGMA integrity_check').map((r) => r.integrity_check).join('; ');
    console.log(`\n== Payments summary (${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(2)}${os.loadavg()[0] > os.cpus().length ? ' (busy: wall-clock figures are inflated)' : ''}; ${((Date.now() - started) / 1000).toFixed(0)} s in all; integrity_check ${integrity}) ==`);
    row('goal', 'target', 'measured', 'result');
    const qrP99 = pct(seqMs, 99);
    row('【微信支付】 → QR served, p99 (sequential)', '< 150 ms', `${f1(qrP99)} ms`, verdict(qrP99 < 150));
    row('  same, 4 at once, p99', '', `${f1(pct(parMs, 99))} ms`, '(info)');
    row(`notifications/s, ${f1((100 * dupCount) / stream.length)} % duplicates`, '>= 500/s', `${perS.toFixed(0)}/s`, verdict(perS >= 500 && once));
    row('  bound from daemon CPU per notification, 2 cores', '',  `${((2 * 1e3 * stream.length) / notifyCpu).toFixed(0)}/s`, '(info: CPU only, load-independent)');
    row('  one FULL-sync commit on this disk (context)', '', `${commitMs.toFixed(2)} ms`, '(info: one per credit)');
    row('  every notified order credited exactly once', 'yes', once ? 'yes' : 'NO', verdict(once));
    row(`order creation, ${MEMBERS_C} members, keep-alive`, '(none)', `${cKeep.perS.toFixed(0)} orders/s`, '(info)');
    row('  create p99', '(none)', `${f1(cKeep.p99)} ms`, '(info)');
    row(`order creation, ${MEMBERS_C} members, new connections`, '(none)', `${cFresh.perS.toFixed(0)} orders/s`, '(info)');
    row('  create p99', '(none)', `${f1(cFresh.p99)} ms`, '(info)');
  } finally {
    await daemon.stop();
  }
}

main().catch(async (e) => {
  console.error(`bench_payments: ${e.stack || e}`);
  if (daemon) await daemon.stop().catch(() => {});
  process.exit(1);
});
