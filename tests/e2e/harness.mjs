// Test harness for the browser tests: a REAL memberdesk daemon with a temp database,
// seeded through memberdeskctl, and a headless Debian Chromium driven by playwright-core.
//
// Environment:
//   MEMBERDESK_BIN      path to the built daemon      (default: <repo>/build/firmware/memberdesk)
//   MEMBERDESKCTL_BIN   path to the built CLI         (default: <repo>/build/firmware/memberdeskctl)
//   MEMBERDESK_WEBUI    web UI directory to serve     (default: <repo>/webui)
//   MEMBERDESK_E2E_KEEP=1  keep the temp directory (config, database, daemon log) afterwards
//   MD_CUPS_ENV         env file of the ctest fixture `cups` (tests/print/cups-fixture.sh), read by
//                       startDaemon({ printer: true })   (default: <repo>/build/cups-fixture/env)

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ARTIFACTS = path.join(REPO, 'tests', 'e2e', 'artifacts');
const ROSTER = path.join(REPO, 'tests', 'fixtures', 'roster');

function binaries() {
  const bin = process.env.MEMBERDESK_BIN || path.join(REPO, 'build', 'firmware', 'memberdesk');
  const ctl = process.env.MEMBERDESKCTL_BIN || path.join(REPO, 'build', 'firmware', 'memberdeskctl');
  const webui = path.resolve(process.env.MEMBERDESK_WEBUI || path.join(REPO, 'webui'));
  for (const [name, p] of [['MEMBERDESK_BIN', bin], ['MEMBERDESKCTL_BIN', ctl]]) {
    if (!fs.existsSync(p)) throw new Error(`${name}: ${p} does not exist (build the project or set ${name})`);
  }
  if (!fs.existsSync(path.join(webui, 'index.html'))) throw new Error(`MEMBERDESK_WEBUI: no index.html in ${webui}`);
  return { bin, ctl, webui };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Runs a command to completion; rejects with its output if it fails.
function run(cmd, args, { input, cwd } = {}) {
  return new Promise((resolve, reject) => {
    // stdin is a pipe only when there is input: a command that exits before reading it (cupsdisable)
    // would otherwise make the write fail with EPIPE.
    const child = spawn(cmd, args, { cwd, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve({ stdout: out, stderr: err });
      else reject(new Error(`${path.basename(cmd)} ${args.join(' ')} exited ${code ?? signal}\n${out}\n${err}`));
    });
    if (input !== undefined) {
      child.stdin.on('error', () => {}); // the exit code and output tell what went wrong
      child.stdin.end(input);
    }
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const PAY_KEYS = path.join(REPO, 'tests', 'fixtures', 'pay');
const PAYSIM = path.join(REPO, 'tests', 'paysim', 'paysim.mjs');

// Starts the payment simulator (tests/paysim) as a child process. Returns
// { url, pay(method, out_trade_no), switches(obj), trades(method?), request(method, path, body), stop() }.
export async function startPaysim() {
  const child = spawn(process.execPath, [PAYSIM, '--port', '0', '--keys', PAY_KEYS, '--quiet'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err = (err + d).slice(-4000); });
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => { exited = { code, signal }; resolve(exited); });
    child.on('error', (e) => { exited = { code: String(e), signal: null }; resolve(exited); });
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`paysim did not start within 10 s:\n${err}`)), 10000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /paysim listening on (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    exitPromise.then((e) => { clearTimeout(timer); reject(new Error(`paysim exited (${e.code ?? e.signal}):\n${err}`)); });
  });
  child.stdout.resume();
  async function request(method, p, body) {
    const res = await fetch(`${url}${p}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  }
  return {
    url,
    request,
    // Pays a trade as the payer would (the simulator then notifies the daemon).
    pay: (method, outTradeNo, extra = {}) => request('POST', '/_sim/pay', { method, out_trade_no: outTradeNo, ...extra }),
    // Merges failure / notification switches, e.g. { fail: { create: 500 } }.
    switches: (obj) => request('POST', '/_sim/switches', obj),
    trades: (method) => request('GET', `/_sim/trades${method ? `?method=${method}` : ''}`),
    reset: () => request('POST', '/_sim/reset', {}),
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const done = await Promise.race([exitPromise, sleep(5000).then(() => null)]);
        if (!done) { child.kill('SIGKILL'); await exitPromise; }
      }
    },
  };
}

// The [dues], [wechat] and [alipay] config that points both gateways at the simulator.
function paymentsToml(simUrl, toml) {
  const key = (p) => toml(path.join(PAY_KEYS, p));
  return [
    '[dues]',
    'show_pay_link = true',
    '[wechat]',
    'enabled = true',
    `api_base = ${toml(simUrl)}`,
    'mchid = "1900000001"',
    'appid = "wx8a5f0c1d2e3b4a59"',
    'merchant_serial_no = "3775B6A45ACD588826D15E583A95F5DD2C6F5D0D"',
    `merchant_key_file = ${key('wechat/merchant_key.pem')}`,
    `apiv3_key_file = ${key('wechat/apiv3.key')}`,
    `platform_cert_file = ${key('wechat/platform_cert.pem')}`,
    'public_key_id = "PUB_KEY_ID_0119000000012026120300000000000001"',
    `public_key_file = ${key('wechat/pubkey.pem')}`,
    '[alipay]',
    'enabled = true',
    `gateway_url = ${toml(`${simUrl}/gateway.do`)}`,
    'app_id = "2021000000000001"',
    'seller_id = "2088000000000001"',
    `app_private_key_file = ${key('alipay/app_key.pem')}`,
    `alipay_public_key_file = ${key('alipay/alipay_public.pem')}`,
    '',
  ].join('\n');
}

// Merges TOML fragments made of `[table]` headers and `key = value` lines (no nested tables or
// multi-line values): one table per name, in first-seen order; a later key replaces an earlier one.
function mergeToml(...fragments) {
  const tables = new Map();
  for (const text of fragments) {
    let current = '';
    for (const raw of String(text || '').split('\n')) {
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      const h = /^\[([^\]]+)\]$/.exec(line);
      if (h) { current = h[1].trim(); if (!tables.has(current)) tables.set(current, new Map()); continue; }
      if (!tables.has(current)) tables.set(current, new Map());
      const eq = line.indexOf('=');
      tables.get(current).set(eq > 0 ? line.slice(0, eq).trim() : line, line);
    }
  }
  const out = [];
  for (const [name, keys] of tables) {
    if (name) out.push(`[${name}]`);
    out.push(...keys.values());
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

// The private CUPS scheduler and virtual printer of the ctest fixture `cups`: the KEY=VALUE lines
// of its env file (CUPS_SERVER, MD_CUPS_QUEUE, MD_IPP_SPOOL, MD_IPP_PORT, MD_CUPS_DIR,
// MD_CUPS_FIXTURE, ...). Start it by hand with `bash tests/print/cups-fixture.sh start build/cups-fixture`.
export function cupsFixture() {
  const file = process.env.MD_CUPS_ENV || path.join(REPO, 'build', 'cups-fixture', 'env');
  if (!fs.existsSync(file)) {
    throw new Error(`MD_CUPS_ENV: ${file} does not exist (run the tests through ctest, which starts the cups fixture, `
      + 'or start it: bash tests/print/cups-fixture.sh start build/cups-fixture)');
  }
  const env = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2];
  }
  for (const k of ['CUPS_SERVER', 'MD_CUPS_QUEUE', 'MD_IPP_SPOOL']) if (!env[k]) throw new Error(`${file}: no ${k}`);
  return env;
}

// Runs a CUPS command line tool (cupsdisable, cupsenable, lpstat, ...) against the fixture's scheduler.
export function cupsRun(cups, cmd, args) {
  return run(cmd, ['-h', cups.CUPS_SERVER, ...args]);
}

// Runs a subcommand of the fixture script, e.g. cupsFixtureCommand(cups, 'media', cups.MD_IPP_PORT, 'empty').
export function cupsFixtureCommand(cups, ...args) {
  const [sub, ...rest] = args;
  return run('bash', [cups.MD_CUPS_FIXTURE, sub, cups.MD_CUPS_DIR, ...rest]);
}

// Starts a seeded daemon. Returns { baseUrl, dir, config, ctl(...args), stop(), sim? }.
//   toml: extra TOML text appended to the config (whole tables, e.g. '[dues]\norder_expiry_s = 600').
//   payments: also start the payment simulator and configure both gateways against it; the
//     result then has `sim` (see startPaysim), `simPay(method, out_trade_no)`, `simSwitches(obj)`.
//   duesToml: extra keys for [dues] only (e.g. 'qr_expiry_s = 60').
//   printer: print to the queue of the ctest fixture `cups` (see cupsFixture); the result then has
//     `cups` (the fixture's env values).
//   certificates: [certificates] verify_base_url = this daemon's URL, so QR codes point back at it.
//   Tables that appear more than once (payments' [dues] and a [dues] in `toml`) are merged into
//   one, later keys replacing earlier ones, since TOML forbids a table twice.
export async function startDaemon({ idleResetS = 120, idleWarningS = 20, members = 300, toml: extraToml = '', payments = false, duesToml = '',
  printer = false, certificates = false } = {}) {
  const { bin, ctl, webui } = binaries();
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'memberdesk-e2e-'));
  const port = await freePort();
  const config = path.join(dir, 'memberdesk.toml');
  const toml = (s) => JSON.stringify(s); // a TOML basic string is a JSON string for these paths
  const sim = payments ? await startPaysim() : null;
  const stopSim = async () => { if (sim) await sim.stop(); };
  const cups = printer ? cupsFixture() : null;
  const tail = mergeToml(sim ? paymentsToml(sim.url, toml) : '', duesToml ? `[dues]\n${duesToml}\n` : '',
    cups ? `[printer]\ncups_server = ${toml(cups.CUPS_SERVER)}\nqueue = ${toml(cups.MD_CUPS_QUEUE)}\n` : '',
    certificates ? `[certificates]\nverify_base_url = ${toml(`http://127.0.0.1:${port}`)}\n` : '',
    extraToml);
  await fsp.writeFile(config, [
    '[http]',
    `listen = ${toml(`127.0.0.1:${port}`)}`,
    `webui_dir = ${toml(webui)}`,
    '[store]',
    `database = ${toml(path.join(dir, 'md.db'))}`,
    `backup_dir = ${toml(path.join(dir, 'backups'))}`,
    '[kiosk]',
    `idle_reset_s = ${idleResetS}`,
    `idle_warning_s = ${idleWarningS}`,
    '',
  ].join('\n') + tail);

  const ctlRun = (args, opts) => run(ctl, ['--config', config, ...args], opts);
  try {
  await ctlRun(['import-roster',
    '--agencies', path.join(ROSTER, 'agencies.csv'),
    '--attorneys', path.join(ROSTER, 'attorneys.csv')]);
  await ctlRun(['demo-seed', '--members', String(members)]);
  await ctlRun(['staff', 'add', 'admin1', '--name', '管理员', '--role', 'admin'], { input: 'Admin12345\n' });
  } catch (e) {
    await stopSim();
    throw e;
  }

  const logPath = path.join(dir, 'daemon.log');
  const log = fs.openSync(logPath, 'a');
  // `let`: restart() (below) replaces the process after kill().
  let child = spawn(bin, ['--config', config], { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  let exited = null;
  let exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => { exited = { code, signal }; resolve(exited); });
    child.on('error', (e) => { exited = { code: e.code || String(e), signal: null }; resolve(exited); });
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20000;
  for (;;) {
    if (exited) {
      await stopSim();
      throw new Error(`memberdesk exited early (${exited.code ?? exited.signal}):\n${fs.readFileSync(logPath, 'utf8').slice(-4000)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await stopSim();
      throw new Error(`memberdesk did not answer /api/v1/health within 20 s:\n${fs.readFileSync(logPath, 'utf8').slice(-4000)}`);
    }
    await sleep(100);
  }

  return {
    baseUrl,
    dir,
    config,
    logPath,
    ctl: ctlRun,
    sim,
    cups,
    simPay: sim ? (method, outTradeNo, extra) => sim.pay(method, outTradeNo, extra) : undefined,
    simSwitches: sim ? (obj) => sim.switches(obj) : undefined,
    // Crash tests: the running daemon's pid; kill(signal) sends the signal (default SIGKILL) and
    // resolves to {code, signal} once it has exited; restart() starts it again on the same config,
    // database and port (the simulator is left running) and resolves once /api/v1/health answers.
    // stop() then stops the restarted process.
    get pid() { return exited ? null : child.pid; },
    async kill(signal = 'SIGKILL') {
      if (!exited) child.kill(signal);
      return exitPromise;
    },
    async restart({ timeoutMs = 20000 } = {}) {
      if (!exited) throw new Error('restart(): the daemon is still running; kill() it first');
      const out = fs.openSync(logPath, 'a');
      fs.writeSync(out, `\n==== harness: restart after ${JSON.stringify(exited)} ====\n`);
      const next = spawn(bin, ['--config', config], { stdio: ['ignore', out, out] });
      fs.closeSync(out);
      child = next;
      exited = null;
      exitPromise = new Promise((resolve) => {
        next.on('exit', (code, signal) => { exited = { code, signal }; resolve(exited); });
        next.on('error', (e) => { exited = { code: e.code || String(e), signal: null }; resolve(exited); });
      });
      const until = Date.now() + timeoutMs;
      for (;;) {
        if (exited) throw new Error(`memberdesk exited on restart (${exited.code ?? exited.signal}):\n${fs.readFileSync(logPath, 'utf8').slice(-4000)}`);
        try {
          const res = await fetch(`${baseUrl}/api/v1/health`);
          if (res.ok) return;
        } catch { /* not listening yet */ }
        if (Date.now() > until) throw new Error(`memberdesk did not answer /api/v1/health within ${timeoutMs} ms of a restart:\n${fs.readFileSync(logPath, 'utf8').slice(-4000)}`);
        await sleep(50);
      }
    },
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const done = await Promise.race([exitPromise, sleep(10000).then(() => null)]);
        if (!done) { child.kill('SIGKILL'); await exitPromise; }
      }
      await stopSim();
      if (!process.env.MEMBERDESK_E2E_KEEP) await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}

// args: extra Chromium switches (e.g. a fake camera: '--use-fake-device-for-media-stream').
export function launchBrowser({ args = [] } = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    headless: true,
    chromiumSandbox: false,
    args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-quic', '--disable-sync', ...args],
  });
}

export const PORTRAIT = { width: 1080, height: 1920 };
export const LANDSCAPE = { width: 1920, height: 1080 };

// A fresh browser context (own cookies) with the kiosk page loaded and started.
// `query` is appended to index.html (e.g. 'idle=6&warn=3'); `route` is the hash route.
export async function openKiosk(browser, baseUrl, { viewport = LANDSCAPE, query = '', route = '/' } = {}) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', hasTouch: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${baseUrl}/index.html${query ? `?${query}` : ''}#${route}`);
  await page.waitForSelector('html[data-ready="1"]');
  return { context, page, errors };
}

// JSON GET straight to the daemon (not through the browser).
export async function apiGet(baseUrl, p) {
  const res = await fetch(`${baseUrl}/api/v1${p}`);
  return { status: res.status, body: await res.json().catch(() => null) };
}

// A session straight against the API, as a second device would have it: call(method, path, body)
// → {status, body, headers}; the cookie and CSRF token are kept. A member still on the default
// password gets `newPassword` first (when given). call.raw(path) → the fetch Response of a GET.
export async function apiClient(baseUrl, kind, login, password, { newPassword } = {}) {
  let cookie = '';
  let csrf = '';
  const call = async (method, p, body) => {
    const headers = { Accept: 'application/json', Cookie: cookie };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (csrf && method !== 'GET') headers['X-CSRF-Token'] = csrf;
    const r = await fetch(`${baseUrl}/api/v1${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const set = r.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    const json = await r.json().catch(() => null);
    if (json?.session?.csrf) csrf = json.session.csrf;
    return { status: r.status, body: json, headers: r.headers };
  };
  call.raw = (p) => fetch(`${baseUrl}/api/v1${p}`, { headers: { Cookie: cookie } });
  const res = await call('POST', '/auth/login', { kind, login_id: login, password });
  if (res.status !== 200) throw new Error(`login ${kind} ${login}: ${res.status} ${JSON.stringify(res.body)}`);
  if (res.body.session.must_change_password && newPassword) {
    const ch = await call('POST', '/auth/password', { old_password: password, new_password: newPassword });
    if (ch.status !== 200) throw new Error(`password change ${login}: ${ch.status} ${JSON.stringify(ch.body)}`);
  }
  return call;
}

// Logs in on the member login screen (the page must show it).
export async function fillLogin(page, loginId, password, { idLabel = '账号' } = {}) {
  await page.getByLabel(idLabel, { exact: true }).fill(loginId);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await closeKeyboard(page);
  await page.locator('form.login-form button[type="submit"]').click();
}

export async function changePassword(page, oldPassword, newPassword, confirm = newPassword) {
  await page.getByLabel('原密码', { exact: true }).fill(oldPassword);
  await page.getByLabel('新密码', { exact: true }).fill(newPassword);
  await page.getByLabel('确认新密码', { exact: true }).fill(confirm);
  await closeKeyboard(page);
  await page.getByRole('button', { name: '确认修改' }).click();
}

// Taps 完成 on the on-screen keyboard if it is open, as a person would before pressing a
// button that the keyboard covers.
export async function closeKeyboard(page) {
  const done = page.locator('.osk .osk-done');
  if (await done.isVisible()) await done.click();
}

// Waits until the locator's text matches `pattern` (string: contains; RegExp: test).
export async function waitForText(locator, pattern, { timeout = 10000 } = {}) {
  const deadline = Date.now() + timeout;
  let last = '';
  for (;;) {
    try {
      last = (await locator.first().textContent({ timeout: 500 })) ?? '';
      const ok = typeof pattern === 'string' ? last.includes(pattern) : pattern.test(last);
      if (ok) return last;
    } catch { /* not there yet */ }
    if (Date.now() > deadline) throw new Error(`text ${pattern} not found in ${locator}; last: ${JSON.stringify(last)}`);
    await sleep(100);
  }
}

// The current hash route of the kiosk page, e.g. '/member'.
export async function route(page) {
  return page.evaluate(() => (location.hash.replace(/^#/, '') || '/').split('?')[0]);
}

export async function waitForRoute(page, expected, { timeout = 10000 } = {}) {
  await page.waitForFunction((r) => (location.hash.replace(/^#/, '') || '/').split('?')[0] === r
    && document.querySelector('#main')?.dataset.route === r, expected, { timeout });
}

// Visible controls smaller than 48×48 CSS px (as layout.test.mjs checks), as descriptions.
export function smallControls(page, root = 'body') {
  return page.evaluate((sel) => {
    const out = [];
    for (const el of document.querySelectorAll(`${sel} button, ${sel} input, ${sel} a[href], ${sel} select, ${sel} textarea, ${sel} [role="button"]`)) {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
      if (r.width < 48 || r.height < 48) out.push(`${el.tagName} "${(el.textContent || el.name || '').trim()}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  }, root);
}

// Checks a screen in both orientations as a kiosk user sees it (no sideways scrolling, no
// control under 48 px, no stray null/undefined) and saves artifacts/<name>-<orientation>.png;
// ends in portrait.
export async function checkScreens(page, name) {
  for (const [o, vp] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]]) {
    await page.setViewportSize(vp);
    await page.waitForFunction(() => !document.querySelector('.loading'));
    await page.waitForTimeout(150);
    const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    assert.ok(sw <= iw, `${name} ${o}: scrollWidth ${sw} > ${iw}`);
    assert.deepEqual(await smallControls(page), [], `${name} ${o}: controls under 48 px`);
    assert.doesNotMatch(await page.locator('#main').innerText(), /\b(null|undefined|NaN)\b|\[object /, `${name}: stray values`);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${o}.png`) });
  }
  await page.setViewportSize(PORTRAIT);
}
