// The kiosk launcher for real: packaging/kiosk/memberdesk-kiosk, as memberdesk-kiosk.service runs
// it, under the cage Wayland compositor (headless wlroots backend in place of the screen) as an
// unprivileged user. Through Chromium's DevTools (MEMBERDESK_KIOSK_DEBUG_PORT) the test sees the
// home screen at the daemon's address, full screen with no browser chrome, in zh-CN, with
// touch events; stopping cage ends Chromium too.
// Needs root (to drop to the user nobody, as cage refuses to run as root) and cage + Xwayland
// (packaging/install-deps.sh); skipped otherwise.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startDaemon, freePort, ARTIFACTS, REPO } from './harness.mjs';

const LAUNCHER = path.join(REPO, 'packaging', 'kiosk', 'memberdesk-kiosk');
const OUTPUT = { width: 1280, height: 720 }; // wlroots' headless output
const missing = ['/usr/bin/cage', '/usr/bin/Xwayland', '/usr/bin/chromium', '/usr/bin/setpriv']
  .filter((p) => !fs.existsSync(p));
const skip = process.getuid() !== 0 ? 'needs root (to run cage as the user nobody)'
  : missing.length ? `not installed: ${missing.join(' ')} (packaging/install-deps.sh)` : false;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let daemon;
let dir;
let cage;
let cageExit;
let logPath;

before(async () => {
  if (skip) return;
  daemon = await startDaemon();
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'memberdesk-cage-'));
  for (const sub of ['run', 'home', 'xdg']) fs.mkdirSync(path.join(dir, sub), { mode: 0o700 });
  execFileSync('chown', ['-R', 'nobody:nogroup', dir]);
  fs.chmodSync(dir, 0o755);
});

after(async () => {
  if (cage && !cageExit.done) { cage.kill('SIGKILL'); await cageExit; }
  await daemon?.stop();
  if (dir) await fsp.rm(dir, { recursive: true, force: true });
});

async function devtoolsPage(port, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (cageExit.done) throw new Error(`cage exited: ${fs.readFileSync(logPath, 'utf8').slice(-3000)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/json`);
      const pages = await res.json();
      if (pages.some((p) => p.type === 'page' && p.url.startsWith(daemon.baseUrl))) return;
    } catch { /* Chromium not up yet */ }
    if (Date.now() > deadline) throw new Error(`no kiosk page within ${deadlineMs} ms: ${fs.readFileSync(logPath, 'utf8').slice(-3000)}`);
    await sleep(250);
  }
}

test('memberdesk-kiosk runs Chromium full screen under cage at the daemon\'s home screen', { skip }, async () => {
  const port = await freePort();
  logPath = path.join(dir, 'cage.log');
  const log = fs.openSync(logPath, 'w');
  // The service's environment: its RuntimeDirectory (the fresh profile) and home; the headless
  // backend and pixman renderer stand in for the DRM screen.
  const env = {
    PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: path.join(dir, 'home'),
    RUNTIME_DIRECTORY: path.join(dir, 'run'),
    XDG_RUNTIME_DIR: path.join(dir, 'xdg'),
    XDG_SESSION_TYPE: 'wayland',
    WLR_BACKENDS: 'headless',
    WLR_LIBINPUT_NO_DEVICES: '1',
    WLR_RENDERER: 'pixman',
    MEMBERDESK_KIOSK_URL: `${daemon.baseUrl}/`,
    MEMBERDESK_KIOSK_DEBUG_PORT: String(port),
  };
  cage = spawn('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', 'sh', LAUNCHER],
    { env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  cageExit = new Promise((resolve) => cage.on('exit', (code, signal) => { cageExit.done = true; resolve({ code, signal }); }));

  await devtoolsPage(port, 60000);
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const page = browser.contexts()[0].pages().find((p) => p.url().startsWith(daemon.baseUrl));
    await page.waitForSelector('html[data-ready="1"]');
    await page.getByText('欢迎使用会员服务平台').waitFor();
    const seen = await page.evaluate(() => ({
      w: innerWidth, h: innerHeight, outerH: outerHeight, lang: navigator.language,
      touch: 'ontouchstart' in window, url: location.href,
    }));
    // --kiosk: the page has the whole output, no tab strip or address bar above it.
    assert.deepEqual({ width: seen.w, height: seen.h }, OUTPUT, `viewport ${seen.w}x${seen.h}`);
    assert.equal(seen.outerH, seen.h, 'browser chrome above the page');
    assert.equal(seen.lang, 'zh-CN');
    assert.equal(seen.touch, true, 'touch events are not enabled');
    assert.equal(seen.url, `${daemon.baseUrl}/`);
    // The command line is the launcher's, with the kiosk flags.
    const flags = execFileSync('sh', [LAUNCHER, '--print-flags'], { encoding: 'utf8' }).split('\n').filter(Boolean);
    const version = await browser.contexts()[0].newPage();
    await version.goto('chrome://version');
    const commandLine = await version.locator('#command_line').innerText();
    for (const f of [...flags, '--ozone-platform=wayland']) assert.ok(commandLine.includes(f), `chromium under cage lacks ${f}`);
    await version.close();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'kiosk_cage-home.png') });
    // The profile is the service's RuntimeDirectory, which systemd removes on stop.
    assert.ok(fs.existsSync(path.join(dir, 'run', 'chromium')), 'the profile is not in RUNTIME_DIRECTORY');
  } finally {
    await browser.close().catch(() => {});
  }
  // Stopping the service stops cage, and cage takes Chromium with it.
  cage.kill('SIGTERM');
  const exit = await Promise.race([cageExit, sleep(15000).then(() => null)]);
  assert.ok(exit, 'cage did not exit within 15 s of SIGTERM');
  await sleep(500);
  const left = execFileSync('sh', ['-c', 'pgrep -u nobody -f -- "--remote-debugging-port=' + port + '" || true'], { encoding: 'utf8' }).trim();
  assert.equal(left, '', `chromium still running after cage exited: ${left}`);
});
