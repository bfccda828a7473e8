// Self-test of the payment simulator. The test plays the merchant with node:crypto only: it signs
// requests with the merchant / app keys and checks answers and notifications with the gateways'
// public keys, so every check here is what the daemon will have to do too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { createDecipheriv, createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { once } from 'node:events';

const HERE = dirname(fileURLToPath(import.meta.url));
const KEYS = join(HERE, '..', 'fixtures', 'pay');
const key = (p) => readFileSync(join(KEYS, p));

const MCHID = '1900000001';
const APPID = 'wx8a5f0c1d2e3b4a59';
const MERCHANT_SERIAL = '3775B6A45ACD588826D15E583A95F5DD2C6F5D0D';
const PLATFORM_SERIAL = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
const PUBKEY_ID = 'PUB_KEY_ID_0119000000012026120300000000000001';
const ALI_APP_ID = '2021000000000001';

const merchantKey = createPrivateKey(key('wechat/merchant_key.pem'));
const wxKeys = { [PLATFORM_SERIAL]: createPublicKey(key('wechat/platform_public.pem')), [PUBKEY_ID]: createPublicKey(key('wechat/pubkey.pem')) };
const apiv3 = key('wechat/apiv3.key');
const appKey = createPrivateKey(key('alipay/app_key.pem'));
const alipayPublic = createPublicKey(key('alipay/alipay_public.pem'));

let sim; // child process
let base; // http://127.0.0.1:PORT of the simulator
let receiver; // our notify server
let notifyBase;
const inbox = []; // notifications received: {path, headers, body}
let reply = null; // (path) => {status, body}; null = the gateway's success answer

before(async () => {
  sim = spawn(process.execPath, [join(HERE, 'paysim.mjs'), '--port', '0', '--host', '127.0.0.1', '--keys', KEYS, '--quiet'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await new Promise((resolve, reject) => {
    let buf = '';
    sim.stdout.on('data', (c) => {
      buf += c;
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(buf.slice(0, nl));
    });
    sim.on('exit', (code) => reject(new Error(`paysim exited early (${code})`)));
  });
  const m = /^paysim listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first);
  assert.ok(m, `unexpected first line: ${first}`);
  base = m[1];

  receiver = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      inbox.push({ path: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const r = reply ? reply(req.url) : req.url.startsWith('/ali') ? { status: 200, body: 'success' } : { status: 204, body: '' };
      res.writeHead(r.status);
      res.end(r.body);
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  notifyBase = `http://127.0.0.1:${receiver.address().port}`;
});

after(async () => {
  receiver?.close();
  if (sim && sim.exitCode === null) {
    sim.kill('SIGTERM');
    const [code] = await once(sim, 'exit');
    assert.equal(code, 0, 'paysim exits cleanly on SIGTERM');
  }
});

// ---- helpers ------------------------------------------------------------------------------------

async function simCall(path, body) {
  const r = await fetch(base + path, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  return { status: r.status, json: await r.json() };
}

/** Fresh state for each test, and short retry back-offs to keep the suite fast. */
async function reset(switches = {}) {
  await simCall('/_sim/reset', {});
  await simCall('/_sim/switches', { retry_ms: [50, 100], ...switches });
  inbox.length = 0;
  reply = null;
}

let seq = 0;
const orderNo = (p = 'MD') => `${p}${Date.now()}${++seq}`;

function wxAuth(method, pathAndQuery, body, { timestamp, serial = MERCHANT_SERIAL, key: k = merchantKey, mchid = MCHID } = {}) {
  const ts = String(timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex');
  const signature = sign('sha256', Buffer.from(`${method}\n${pathAndQuery}\n${ts}\n${nonce}\n${body}\n`), k).toString('base64');
  return `WECHATPAY2-SHA256-RSA2048 mchid="${mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${ts}",serial_no="${serial}"`;
}

async function wx(method, pathAndQuery, obj, authOpts, signal) {
  const body = obj === undefined ? '' : JSON.stringify(obj);
  const headers = { Accept: 'application/json', Authorization: wxAuth(method, pathAndQuery, body, authOpts) };
  if (body) headers['Content-Type'] = 'application/json';
  const r = await fetch(base + pathAndQuery, { method, headers, body: body || undefined, signal });
  const text = await r.text();
  return { status: r.status, headers: r.headers, text, json: text ? JSON.parse(text) : null };
}

/** What the daemon must do with every WeChat answer or notification. Returns a reason or 'ok'. */
function checkWx(get, body) {
  const sig = get('wechatpay-signature');
  if (sig.startsWith('WECHATPAY/SIGNTEST/')) return 'signtest';
  const ts = Number(get('wechatpay-timestamp'));
  if (Math.abs(Date.now() / 1000 - ts) > 300) return 'stale';
  const pub = wxKeys[get('wechatpay-serial')];
  if (!pub) return 'unknown serial';
  const msg = `${get('wechatpay-timestamp')}\n${get('wechatpay-nonce')}\n${body}\n`;
  return verify('sha256', Buffer.from(msg), pub, Buffer.from(sig, 'base64')) ? 'ok' : 'bad signature';
}
const checkWxAnswer = (r) => checkWx((h) => r.headers.get(h) ?? '', r.text);
const checkWxNote = (n) => checkWx((h) => n.headers[h] ?? '', n.body);

function decryptResource(resource) {
  const data = Buffer.from(resource.ciphertext, 'base64');
  const d = createDecipheriv('aes-256-gcm', apiv3, Buffer.from(resource.nonce));
  d.setAAD(Buffer.from(resource.associated_data));
  d.setAuthTag(data.subarray(data.length - 16));
  return JSON.parse(Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]).toString('utf8'));
}

const wxOrder = (no, extra = {}) => ({
  appid: APPID, mchid: MCHID, description: '2027年度会费', out_trade_no: no, notify_url: `${notifyBase}/wx`,
  time_expire: new Date(Date.now() + 15 * 60000).toISOString().replace(/\.\d+Z$/, '+00:00'), amount: { total: 50000, currency: 'CNY' }, ...extra,
});

function beijingNow() {
  return new Date(Date.now() + 8 * 3600e3).toISOString().replace('T', ' ').slice(0, 19);
}

/** Signs and sends an Alipay gateway call; returns the raw response text pieces and the JSON. */
async function ali(method, biz, { tweak = (p) => p, sign: signIt = true, signal } = {}) {
  let p = {
    app_id: ALI_APP_ID, method, format: 'JSON', charset: 'utf-8', sign_type: 'RSA2', timestamp: beijingNow(), version: '1.0',
    notify_url: `${notifyBase}/ali`, biz_content: JSON.stringify(biz),
  };
  p = tweak(p);
  if (signIt) {
    const content = Object.keys(p).filter((k) => k !== 'sign' && p[k] !== '').sort().map((k) => `${k}=${p[k]}`).join('&');
    p.sign = sign('sha256', Buffer.from(content), appKey).toString('base64');
  }
  const r = await fetch(`${base}/gateway.do?charset=utf-8`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' }, body: new URLSearchParams(p).toString(), signal,
  });
  const text = await r.text();
  // Verify over the raw text of the *_response value, exactly as received.
  const keyName = `${method.replace(/\./g, '_')}_response`;
  const start = text.indexOf(`"${keyName}":`) + keyName.length + 3;
  const end = text.lastIndexOf(',"sign":"');
  const raw = text.slice(start, end);
  const signature = JSON.parse(text).sign;
  const signed = verify('sha256', Buffer.from(raw), alipayPublic, Buffer.from(signature, 'base64'));
  return { status: r.status, text, raw, signed, res: JSON.parse(text)[keyName] ?? JSON.parse(text).error_response };
}

/** What the daemon must do with an Alipay notification: drop sign and sign_type, sort, verify. */
function checkAliNote(n) {
  const p = Object.fromEntries(new URLSearchParams(n.body));
  const content = Object.keys(p).filter((k) => k !== 'sign' && k !== 'sign_type' && p[k] !== '').sort().map((k) => `${k}=${p[k]}`).join('&');
  return { p, ok: verify('sha256', Buffer.from(content), alipayPublic, Buffer.from(p.sign, 'base64')) };
}

async function wxCreate(no, extra) {
  const r = await wx('POST', '/v3/pay/transactions/native', wxOrder(no, extra));
  assert.equal(r.status, 200, r.text);
  return r;
}

// ---- WeChat Pay ---------------------------------------------------------------------------------

test('wechat: requests with a bad signature, serial or timestamp are refused with 401 SIGN_ERROR', async () => {
  await reset();
  const no = orderNo();
  const path = '/v3/pay/transactions/native';
  const body = JSON.stringify(wxOrder(no));
  const other = createPrivateKey(key('alipay/app_key.pem')); // a real key, but not the merchant's
  const cases = [
    ['wrong key', wxAuth('POST', path, body, { key: other })],
    ['wrong serial', wxAuth('POST', path, body, { serial: PLATFORM_SERIAL })],
    ['stale timestamp', wxAuth('POST', path, body, { timestamp: Math.floor(Date.now() / 1000) - 400 })],
    ['signed another body', wxAuth('POST', path, body.replace('50000', '1'))],
    ['no header', ''],
  ];
  for (const [what, auth] of cases) {
    const r = await fetch(base + path, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/json' }, body });
    const text = await r.text();
    assert.equal(r.status, 401, what);
    assert.equal(JSON.parse(text).code, 'SIGN_ERROR', what);
  }
  const log = (await simCall(`/_sim/requests?gateway=wechat`)).json.requests;
  assert.equal(log.length, cases.length);
  assert.ok(log.every((e) => e.signature_ok === false && e.error === 'SIGN_ERROR' && e.path === path && e.method === 'POST'));
  assert.equal((await simCall('/_sim/trades')).json.trades.length, 0, 'no trade was created');
});

test('wechat: create, duplicate, validation, query, close — every answer signed', async () => {
  await reset();
  const no = orderNo();
  const c = await wxCreate(no);
  assert.equal(checkWxAnswer(c), 'ok');
  assert.ok(c.headers.get('request-id'));
  assert.match(c.json.code_url, new RegExp(`^${base}/pay/wechat/[A-Za-z0-9]+$`));

  const same = await wx('POST', '/v3/pay/transactions/native', wxOrder(no));
  assert.equal(same.json.code_url, c.json.code_url, 'the same content again gets the same code_url');
  const changed = await wx('POST', '/v3/pay/transactions/native', wxOrder(no, { amount: { total: 1 } }));
  assert.equal(changed.status, 400);
  assert.equal(changed.json.code, 'INVALID_REQUEST');
  assert.equal(changed.json.detail.issue, 'OUT_TRADE_NO_USED');

  for (const [extra, field] of [
    [{ out_trade_no: 'bad no!' }, 'out_trade_no'], [{ out_trade_no: 'x'.repeat(33) }, 'out_trade_no'],
    [{ amount: { total: 0 } }, 'amount.total'], [{ amount: { total: 1.5 } }, 'amount.total'], [{ amount: { total: 1, currency: 'USD' } }, 'amount.currency'],
    [{ description: undefined }, 'description'], [{ notify_url: 'ftp://x' }, 'notify_url'], [{ time_expire: '2026-12-03 15:00:00' }, 'time_expire'],
    [{ appid: 'wx0000' }, 'appid'], [{ mchid: '1' }, 'mchid'],
  ]) {
    const r = await wx('POST', '/v3/pay/transactions/native', wxOrder(orderNo(), extra));
    assert.equal(r.status, 400, field);
    assert.equal(r.json.code, 'PARAM_ERROR', field);
    assert.equal(r.json.detail.field, field);
  }

  const q = await wx('GET', `/v3/pay/transactions/out-trade-no/${no}?mchid=${MCHID}`);
  assert.equal(q.status, 200);
  assert.equal(checkWxAnswer(q), 'ok');
  assert.equal(q.json.trade_state, 'NOTPAY');
  assert.equal(q.json.trade_type, 'NATIVE');
  assert.equal(q.json.amount.total, 50000);
  assert.equal(q.json.transaction_id, undefined);

  const missing = await wx('GET', `/v3/pay/transactions/out-trade-no/NOPE?mchid=${MCHID}`);
  assert.equal(missing.status, 404);
  assert.equal(missing.json.code, 'ORDER_NOT_EXIST');
  assert.equal(checkWxAnswer(missing), 'ok');

  const cl = await wx('POST', `/v3/pay/transactions/out-trade-no/${no}/close`, { mchid: MCHID });
  assert.equal(cl.status, 204);
  assert.equal(cl.text, '');
  assert.equal(checkWxAnswer(cl), 'ok', 'even the empty 204 is signed');
  const q2 = await wx('GET', `/v3/pay/transactions/out-trade-no/${no}?mchid=${MCHID}`);
  assert.equal(q2.json.trade_state, 'CLOSED');
  assert.equal((await simCall('/_sim/pay', { method: 'wechat', out_trade_no: no })).json.error, 'closed');

  const log = (await simCall('/_sim/requests?gateway=wechat')).json.requests;
  assert.ok(log.every((e) => e.signature_ok === true), 'all these were signed right');
  assert.deepEqual(log.map((e) => e.operation).slice(-3), ['query', 'close', 'query']);
});

test('wechat: the signing key follows wechat_key (cert, pubkey, alternate)', async () => {
  await reset({ wechat_key: 'cert' });
  const no = orderNo();
  assert.equal((await wxCreate(no)).headers.get('wechatpay-serial'), PLATFORM_SERIAL);
  await simCall('/_sim/switches', { wechat_key: 'pubkey' });
  const q = await wx('GET', `/v3/pay/transactions/out-trade-no/${no}?mchid=${MCHID}`);
  assert.equal(q.headers.get('wechatpay-serial'), PUBKEY_ID);
  assert.equal(checkWxAnswer(q), 'ok');
  await simCall('/_sim/switches', { wechat_key: 'alternate' });
  const serials = new Set();
  for (let i = 0; i < 4; i++) {
    const r = await wx('GET', `/v3/pay/transactions/out-trade-no/${no}?mchid=${MCHID}`);
    assert.equal(checkWxAnswer(r), 'ok');
    serials.add(r.headers.get('wechatpay-serial'));
  }
  assert.deepEqual([...serials].sort(), [PLATFORM_SERIAL, PUBKEY_ID].sort());
});

test('wechat: paying sends a notification that verifies and decrypts; query shows SUCCESS', async () => {
  await reset();
  const no = orderNo();
  await wxCreate(no);
  const paid = await simCall('/_sim/pay', { method: 'wechat', out_trade_no: no });
  assert.equal(paid.json.ok, true);
  assert.deepEqual(paid.json.deliveries.map((d) => d.status), [204]);
  assert.equal(inbox.length, 1);
  const n = inbox[0];
  assert.equal(n.path, '/wx');
  assert.equal(checkWxNote(n), 'ok');
  const env = JSON.parse(n.body);
  assert.equal(env.event_type, 'TRANSACTION.SUCCESS');
  assert.equal(env.resource_type, 'encrypt-resource');
  assert.equal(env.summary, '支付成功');
  assert.equal(env.resource.algorithm, 'AEAD_AES_256_GCM');
  assert.equal(env.resource.nonce.length, 12);
  const tx = decryptResource(env.resource);
  assert.equal(tx.out_trade_no, no);
  assert.equal(tx.trade_state, 'SUCCESS');
  assert.equal(tx.mchid, MCHID);
  assert.equal(tx.appid, APPID);
  assert.deepEqual(tx.amount, { total: 50000, payer_total: 50000, currency: 'CNY', payer_currency: 'CNY' });
  assert.match(tx.success_time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
  assert.ok(tx.transaction_id && tx.payer.openid);

  const q = await wx('GET', `/v3/pay/transactions/out-trade-no/${no}?mchid=${MCHID}`);
  assert.equal(q.json.trade_state, 'SUCCESS');
  assert.equal(q.json.transaction_id, tx.transaction_id);
  const again = await simCall('/_sim/pay', { method: 'wechat', out_trade_no: no });
  assert.equal(again.status, 409);
  assert.equal(again.json.error, 'already_paid');
  const cl = await wx('POST', `/v3/pay/transactions/out-trade-no/${no}/close`, { mchid: MCHID });
  assert.equal(cl.status, 400);
  assert.equal(cl.json.code, 'ORDERPAID');

  // The "wrong amount" case: the gateway reports another amount than ordered.
  const no2 = orderNo();
  await wxCreate(no2);
  await simCall('/_sim/pay', { method: 'wechat', out_trade_no: no2, amount_fen: 1 });
  assert.equal(decryptResource(JSON.parse(inbox[1].body).resource).amount.total, 1);
});

test('wechat: tamper, forge, stale and signtest notifications all fail the merchant check', async () => {
  const expected = { tamper: 'bad signature', forge: 'bad signature', stale: 'stale', signtest: 'signtest' };
  for (const [sw, why] of Object.entries(expected)) {
    await reset({ [sw]: true });
    const no = orderNo();
    await wxCreate(no);
    await simCall('/_sim/pay', { method: 'wechat', out_trade_no: no });
    assert.equal(inbox.length, 1, sw);
    assert.equal(checkWxNote(inbox[0]), why, sw);
    if (sw === 'stale') {
      assert.ok(Date.now() / 1000 - Number(inbox[0].headers['wechatpay-timestamp']) >= 599);
      // The stale one is signed correctly over its old timestamp.
      const h = inbox[0].headers;
      const msg = `${h['wechatpay-timestamp']}\n${h['wechatpay-nonce']}\n${inbox[0].body}\n`;
      assert.ok(verify('sha256', Buffer.from(msg), wxKeys[h['wechatpay-serial']], Buffer.from(h['wechatpay-signature'], 'base64')));
    }
  }
  // By default the switches leave the gateway answers alone; apply_to extends them.
  await reset({ forge: true });
  assert.equal(checkWxAnswer(await wxCreate(orderNo())), 'ok');
  await simCall('/_sim/switches', { apply_to: 'answers' });
  assert.equal(checkWxAnswer(await wxCreate(orderNo())), 'bad signature');
});

test('wechat: retries while the merchant answers 500, bounded by retry_ms', async () => {
  await reset({ retry_ms: [30, 30, 30] });
  reply = () => ({ status: 500, body: '{"code":"FAIL","message":"busy"}' });
  const no = orderNo();
  await wxCreate(no);
  const paid = await simCall('/_sim/pay', { method: 'wechat', out_trade_no: no });
  assert.deepEqual(paid.json.deliveries.map((d) => d.status), [500, 500, 500, 500]);
  assert.equal(inbox.length, 4);
  const ids = new Set(inbox.map((n) => JSON.parse(n.body).id));
  assert.equal(ids.size, 1, 'retries carry the same notification id');
  assert.equal(new Set(inbox.map((n) => n.headers['wechatpay-nonce'])).size, 4, 'each attempt is signed afresh');

  // A merchant that is down: connection refused, still bounded, recorded with the error.
  const down = http.createServer();
  down.listen(0, '127.0.0.1');
  await once(down, 'listening');
  const port = down.address().port;
  await new Promise((r) => down.close(r));
  const no2 = orderNo();
  await wxCreate(no2, { notify_url: `http://127.0.0.1:${port}/wx` });
  const lost = await simCall('/_sim/pay', { method: 'wechat', out_trade_no: no2 });
  assert.equal(lost.json.deliveries.length, 4);
  assert.ok(lost.json.deliveries.every((d) => d.status === 0 && /ECONNREFUSED/.test(d.error)));
  const t = (await simCall(`/_sim/trades/${no2}?method=wechat`)).json.trade;
  assert.equal(t.deliveries.length, 4);
  assert.equal(t.notify_url, `http://127.0.0.1:${port}/wx`);
});

// ---- switches on delivery -------------------------------------------------------------------------

test('switches: duplicate, drop, hold + reverse flush, delay, replay', async () => {
  await reset({ duplicate: 2 });
  const a = orderNo();
  await wxCreate(a);
  const paid = await simCall('/_sim/pay', { method: 'wechat', out_trade_no: a });
  assert.equal(paid.json.deliveries.length, 3);
  assert.equal(inbox.length, 3);
  assert.equal(new Set(inbox.map((n) => JSON.parse(n.body).id)).size, 1);
  assert.ok(inbox.every((n) => checkWxNote(n) === 'ok'));

  await reset({ notify: 'drop' });
  const d = orderNo();
  await wxCreate(d);
  const dropped = await simCall('/_sim/pay', { method: 'wechat', out_trade_no: d });
  assert.equal(dropped.json.dropped, true);
  assert.equal(inbox.length, 0);
  const t = (await simCall(`/_sim/trades/${d}`)).json.trade;
  assert.equal(t.state, 'SUCCESS', 'paid even though nobody was told');
  assert.match(t.deliveries[0].error, /dropped/);
  // Replay: re-send the notification of an existing trade, with the default switches.
  const replay = await simCall('/_sim/notify', { method: 'wechat', out_trade_no: d, notify: 'send' });
  assert.equal(replay.json.deliveries[0].status, 204);
  assert.equal(inbox.length, 1);
  assert.equal(checkWxNote(inbox[0]), 'ok');
  const replay2 = await simCall('/_sim/notify', { method: 'wechat', out_trade_no: d, notify: 'send', tamper: true });
  assert.equal(replay2.json.ok, true);
  assert.equal(JSON.parse(inbox[1].body).id, JSON.parse(inbox[0].body).id, 'a replay is the same message');
  assert.equal(JSON.parse(inbox[1].body).tampered, true);
  assert.equal(checkWxNote(inbox[1]), 'bad signature');

  await reset({ notify: 'hold' });
  const first = orderNo('A');
  const second = orderNo('B');
  await wxCreate(first);
  await wxCreate(second);
  assert.equal((await simCall('/_sim/pay', { method: 'wechat', out_trade_no: first })).json.held, true);
  await simCall('/_sim/pay', { method: 'wechat', out_trade_no: second });
  assert.equal(inbox.length, 0);
  assert.equal((await simCall('/_sim/trades')).json.held, 2);
  const fl = await simCall('/_sim/flush', { order: 'reverse' });
  assert.deepEqual(fl.json.flushed.map((f) => f.out_trade_no), [second, first]);
  assert.deepEqual(inbox.map((n) => decryptResource(JSON.parse(n.body).resource).out_trade_no), [second, first]);

  await reset({ delay_ms: 200 });
  const late = orderNo();
  await wxCreate(late);
  const r = await simCall('/_sim/pay', { method: 'wechat', out_trade_no: late });
  assert.equal(r.json.pending, true);
  assert.equal(inbox.length, 0);
  for (let i = 0; i < 50 && inbox.length === 0; i++) await new Promise((s) => setTimeout(s, 20));
  assert.equal(inbox.length, 1);

  assert.equal((await simCall('/_sim/switches', { notify: 'maybe' })).status, 400);
  assert.equal((await simCall('/_sim/switches', { nonsense: 1 })).status, 400);
  assert.equal((await simCall('/_sim/switches', { duplicate: 3, fail: { create: 'sometimes' } })).status, 400);
  assert.equal((await simCall('/_sim/switches')).json.switches.duplicate, 0, 'a rejected update changes nothing');
});

test('switches on Alipay: duplicate, hold + fifo flush, timeout', async () => {
  await reset({ duplicate: 1 });
  const no = orderNo();
  await ali('alipay.trade.precreate', { out_trade_no: no, total_amount: '10.00', subject: '会费' });
  const paid = await simCall('/_sim/pay', { method: 'alipay', out_trade_no: no });
  assert.deepEqual(paid.json.deliveries.map((d) => d.body), ['success', 'success']);
  assert.equal(new Set(inbox.map((n) => checkAliNote(n).p.notify_id)).size, 1, 'the duplicate is the same notification');
  assert.ok(inbox.every((n) => checkAliNote(n).ok));

  await reset({ notify: 'hold' });
  const a = orderNo('A');
  const b = orderNo('B');
  for (const n of [a, b]) {
    await ali('alipay.trade.precreate', { out_trade_no: n, total_amount: '10.00', subject: '会费' });
    await simCall('/_sim/pay', { method: 'alipay', out_trade_no: n });
  }
  assert.equal(inbox.length, 0);
  await simCall('/_sim/flush', { order: 'fifo' });
  assert.deepEqual(inbox.map((n) => checkAliNote(n).p.out_trade_no), [a, b]);
  assert.equal((await simCall('/_sim/flush', {})).json.flushed.length, 0, 'nothing left to flush');

  await reset({ fail: { create: 'timeout' } });
  const t = orderNo();
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 300);
  await assert.rejects(ali('alipay.trade.precreate', { out_trade_no: t, total_amount: '10.00', subject: '会费' }, { signal: ac.signal }));
  const trade = (await simCall(`/_sim/trades/${t}?method=alipay`)).json.trade;
  assert.equal(trade.state, 'NOTPAY', 'the timed-out precreate took effect');
});

test('switches: fail 500 (once) and timeout on the gateway calls', async () => {
  await reset({ fail: { create: { mode: 500, times: 1 } } });
  const no = orderNo();
  const r = await wx('POST', '/v3/pay/transactions/native', wxOrder(no));
  assert.equal(r.status, 500);
  assert.equal(r.json.code, 'SYSTEM_ERROR');
  assert.equal((await simCall('/_sim/trades')).json.trades.length, 0, 'a 500 has no effect');
  assert.equal((await wx('POST', '/v3/pay/transactions/native', wxOrder(no))).status, 200, 'only once');

  await simCall('/_sim/switches', { fail: { query: 500 } });
  const a = await ali('alipay.trade.query', { out_trade_no: no });
  assert.equal(a.status, 500);
  assert.equal(a.res.code, '20000');
  assert.equal((await wx('GET', `/v3/pay/transactions/out-trade-no/${no}?mchid=${MCHID}`)).status, 500, 'until switched off');
  await simCall('/_sim/switches', { fail: { query: null, close: 'timeout' } });

  const ac = new AbortController();
  const t0 = Date.now();
  setTimeout(() => ac.abort(), 400);
  await assert.rejects(wx('POST', `/v3/pay/transactions/out-trade-no/${no}/close`, { mchid: MCHID }, undefined, ac.signal));
  assert.ok(Date.now() - t0 < 2000);
  const q = await wx('GET', `/v3/pay/transactions/out-trade-no/${no}?mchid=${MCHID}`);
  assert.equal(q.json.trade_state, 'CLOSED', 'the timed-out close took effect; only its answer was withheld');
  const log = (await simCall('/_sim/requests')).json.requests;
  assert.ok(log.some((e) => e.operation === 'close' && e.error === 'injected timeout' && e.signature_ok));
});

// ---- Alipay -------------------------------------------------------------------------------------

test('alipay: a bad request signature is refused with 40002 isv.invalid-signature', async () => {
  await reset();
  const bad = await ali('alipay.trade.precreate', { out_trade_no: orderNo(), total_amount: '500.00', subject: '会费' }, {
    tweak: (p) => ({ ...p, sign: sign('sha256', Buffer.from('x'), appKey).toString('base64') }), sign: false,
  });
  assert.equal(bad.res.code, '40002');
  assert.equal(bad.res.sub_code, 'isv.invalid-signature');
  assert.ok(bad.signed, 'the error answer is signed too');
  // sign_type is part of the request signing string: leaving it out of what we sign must fail.
  const noType = await ali('alipay.trade.precreate', { out_trade_no: orderNo(), total_amount: '1.00', subject: '会费' }, {
    tweak: (p) => {
      const { sign_type, ...rest } = p;
      const content = Object.keys(rest).sort().map((k) => `${k}=${rest[k]}`).join('&');
      return { ...p, sign: sign('sha256', Buffer.from(content), appKey).toString('base64') };
    },
    sign: false,
  });
  assert.equal(noType.res.sub_code, 'isv.invalid-signature');
  const wrongApp = await ali('alipay.trade.query', { out_trade_no: 'x' }, { tweak: (p) => ({ ...p, app_id: '2021000000000002' }) });
  assert.equal(wrongApp.res.sub_code, 'isv.invalid-app-id');
  const badTs = await ali('alipay.trade.query', { out_trade_no: 'x' }, { tweak: (p) => ({ ...p, timestamp: '2026/12/03 10:00:00' }) });
  assert.equal(badTs.res.sub_code, 'isv.invalid-timestamp');
  const log = (await simCall('/_sim/requests?gateway=alipay')).json.requests;
  assert.equal(log[0].signature_ok, false);
  assert.equal(log[0].error, 'isv.invalid-signature');
  assert.equal(log[0].api, 'alipay.trade.precreate');
});

test('alipay: precreate, query (not scanned, waiting, paid), notification, close', async () => {
  await reset();
  const no = orderNo();
  const biz = { out_trade_no: no, total_amount: '500.00', subject: '2027年度会费 / 专利代理师' };
  const c = await ali('alipay.trade.precreate', biz);
  assert.ok(c.signed, 'signature over the raw response text');
  assert.ok(c.raw.includes('\\/'), 'slashes escaped as real Alipay does');
  assert.equal(c.res.code, '10000');
  assert.equal(c.res.msg, 'Success');
  assert.match(c.res.qr_code, new RegExp(`^${base}/pay/alipay/[A-Za-z0-9]+$`));
  assert.equal((await ali('alipay.trade.precreate', biz)).res.qr_code, c.res.qr_code);
  assert.equal((await ali('alipay.trade.precreate', { ...biz, total_amount: '1.00' })).res.sub_code, 'ACQ.CONTEXT_INCONSISTENT');
  for (const amount of ['500', '0.00', '1.234', 'abc']) {
    const r = await ali('alipay.trade.precreate', { ...biz, out_trade_no: orderNo(), total_amount: amount });
    assert.equal(r.res.code, amount === '500' ? '10000' : '40004', amount);
  }
  assert.equal((await ali('alipay.trade.precreate', { ...biz, out_trade_no: 'has-dash' })).res.sub_code, 'ACQ.INVALID_PARAMETER');

  const q0 = await ali('alipay.trade.query', { out_trade_no: no });
  assert.equal(q0.res.sub_code, 'ACQ.TRADE_NOT_EXIST', 'not scanned yet');
  assert.equal(q0.res.msg, 'Business Failed');
  const page = await fetch(c.res.qr_code);
  assert.equal(page.status, 200);
  const q1 = await ali('alipay.trade.query', { out_trade_no: no });
  assert.ok(q1.signed);
  assert.equal(q1.res.trade_status, 'WAIT_BUYER_PAY');
  assert.equal(q1.res.total_amount, '500.00');

  const paid = await simCall('/_sim/pay', { method: 'alipay', out_trade_no: no });
  assert.deepEqual(paid.json.deliveries.map((d) => [d.status, d.body]), [[200, 'success']]);
  const n = inbox[0];
  assert.equal(n.path, '/ali');
  const { p, ok } = checkAliNote(n);
  assert.ok(ok, 'notification signature verifies without sign and sign_type');
  assert.equal(p.sign_type, 'RSA2');
  assert.equal(p.notify_type, 'trade_status_sync');
  assert.equal(p.trade_status, 'TRADE_SUCCESS');
  assert.equal(p.app_id, ALI_APP_ID);
  assert.equal(p.seller_id, '2088000000000001');
  assert.equal(p.total_amount, '500.00');
  assert.equal(p.subject, biz.subject);
  assert.equal(JSON.parse(p.fund_bill_list)[0].amount, '500.00');

  const q2 = await ali('alipay.trade.query', { out_trade_no: no });
  assert.equal(q2.res.trade_status, 'TRADE_SUCCESS');
  assert.equal(q2.res.trade_no, p.trade_no);
  assert.equal(q2.res.buyer_pay_amount, '500.00');
  assert.match(q2.res.send_pay_date, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  assert.equal((await ali('alipay.trade.close', { out_trade_no: no })).res.sub_code, 'ACQ.TRADE_STATUS_ERROR');

  const other = orderNo();
  await ali('alipay.trade.precreate', { ...biz, out_trade_no: other });
  await simCall('/_sim/scan', { method: 'alipay', out_trade_no: other });
  const cl = await ali('alipay.trade.close', { out_trade_no: other });
  assert.equal(cl.res.code, '10000');
  assert.ok(cl.signed);
  assert.equal((await ali('alipay.trade.query', { out_trade_no: other })).res.trade_status, 'TRADE_CLOSED');
  assert.equal((await ali('alipay.trade.query', { out_trade_no: 'nope' })).res.sub_code, 'ACQ.TRADE_NOT_EXIST');
  const log = (await simCall('/_sim/requests?gateway=alipay')).json.requests;
  assert.ok(log.every((e) => e.signature_ok));
});

test('alipay: only "success" stops the retries; tamper and forge break the notification signature', async () => {
  await reset({ retry_ms: [20, 20] });
  reply = () => ({ status: 200, body: 'SUCCESS' });
  const no = orderNo();
  await ali('alipay.trade.precreate', { out_trade_no: no, total_amount: '0.01', subject: '会费' });
  const paid = await simCall('/_sim/pay', { method: 'alipay', out_trade_no: no, amount_fen: 2 });
  assert.equal(paid.json.deliveries.length, 3);
  assert.ok(paid.json.deliveries.every((d) => !d.delivered));
  assert.equal(checkAliNote(inbox[0]).p.total_amount, '0.02', 'the wrong-amount case');

  for (const sw of ['tamper', 'forge']) {
    await reset({ [sw]: true });
    const n = orderNo();
    await ali('alipay.trade.precreate', { out_trade_no: n, total_amount: '0.01', subject: '会费' });
    await simCall('/_sim/pay', { method: 'alipay', out_trade_no: n });
    assert.equal(checkAliNote(inbox[0]).ok, false, sw);
  }
  await reset({ forge: true, apply_to: 'both' });
  assert.equal((await ali('alipay.trade.query', { out_trade_no: 'x' })).signed, false, 'forged answer');
});

// ---- pay page -----------------------------------------------------------------------------------

test('pay page: shows the trade, pays once by form POST, refuses expired and closed trades', async () => {
  await reset();
  const no = orderNo();
  const url = (await wxCreate(no, { description: '2027年度会费 <专利代理师>' })).json.code_url;
  const page = await fetch(url);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /text\/html; charset=utf-8/);
  const html = await page.text();
  assert.match(html, /<html lang="zh-CN">/);
  assert.match(html, /确认支付/);
  assert.match(html, /取消/);
  assert.match(html, /¥500\.00/);
  assert.match(html, /中华全国专利代理师协会/);
  assert.match(html, /2027年度会费 &lt;专利代理师&gt;/, 'escaped');
  assert.match(html, /待支付/);
  assert.doesNotMatch(html, /<(link|script|img)\b/, 'no external assets');

  const cancel = await fetch(`${url}/cancel`, { method: 'POST' });
  assert.match(await cancel.text(), /已取消支付/);
  assert.equal(inbox.length, 0);

  const pay = await fetch(`${url}/confirm`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: '' });
  assert.equal(pay.status, 200);
  assert.match(await pay.text(), /支付成功/);
  for (let i = 0; i < 50 && inbox.length === 0; i++) await new Promise((s) => setTimeout(s, 20));
  assert.equal(inbox.length, 1);
  assert.equal(checkWxNote(inbox[0]), 'ok');
  const twice = await fetch(`${url}/confirm`, { method: 'POST' });
  assert.match(await twice.text(), /已支付/);
  await new Promise((s) => setTimeout(s, 100));
  assert.equal(inbox.length, 1, 'paying twice does nothing more');

  const exp = orderNo();
  const expUrl = (await wxCreate(exp)).json.code_url;
  await simCall('/_sim/expire', { method: 'wechat', out_trade_no: exp });
  assert.match(await (await fetch(expUrl)).text(), /已过期/);
  const refused = await fetch(`${expUrl}/confirm`, { method: 'POST' });
  assert.equal(refused.status, 409);
  assert.match(await refused.text(), /超过支付时限/);

  const cl = orderNo();
  const clUrl = (await ali('alipay.trade.precreate', { out_trade_no: cl, total_amount: '1.00', subject: '会费' })).res.qr_code;
  await fetch(clUrl);
  await ali('alipay.trade.close', { out_trade_no: cl });
  const r = await fetch(`${clUrl}/confirm`, { method: 'POST' });
  assert.equal(r.status, 409);
  assert.match(await r.text(), /已关闭/);
  assert.equal((await fetch(`${base}/pay/wechat/nosuchtoken`)).status, 404);
});
