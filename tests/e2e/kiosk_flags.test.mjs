// The kiosk as memberdesk-kiosk.service runs it: Chromium with the very flags of the launcher
// (packaging/kiosk/memberdesk-kiosk --print-flags), the UI at the daemon's address. Checks what
// the front desk must not offer: a context menu, pinch zoom, text selection on the kiosk chrome,
// overscroll navigation; and that the browser speaks zh-CN.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startDaemon, launchBrowser, ARTIFACTS, REPO, PORTRAIT, LANDSCAPE, checkScreens } from './harness.mjs';

const LAUNCHER = path.join(REPO, 'packaging', 'kiosk', 'memberdesk-kiosk');
const FLAGS = execFileSync('sh', [LAUNCHER, '--print-flags'], { encoding: 'utf8' }).split('\n').filter(Boolean);

let daemon;
let browser;

before(async () => {
  daemon = await startDaemon();
  browser = await launchBrowser({ args: FLAGS });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
});

// No locale or touch emulation from Playwright: what the page sees comes from the flags.
async function kioskPage(viewport = LANDSCAPE) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const url = execFileSync('sh', [LAUNCHER, '--print-url'], {
    encoding: 'utf8', env: { ...process.env, MEMBERDESK_KIOSK_URL: `${daemon.baseUrl}/` },
  }).trim();
  await page.goto(url);
  await page.waitForSelector('html[data-ready="1"]');
  return { context, page, errors };
}

test('the launcher lists the kiosk flags once each', () => {
  for (const f of ['--kiosk', '--lang=zh-CN', '--disable-pinch', '--overscroll-history-navigation=0', '--pull-to-refresh=0'])
    assert.ok(FLAGS.includes(f), `${f} missing from ${FLAGS.join(' ')}`);
  assert.ok(FLAGS.some((f) => f.startsWith('--disable-features=') && f.includes('Translate')), 'no translate bar');
  assert.equal(new Set(FLAGS).size, FLAGS.length, 'a flag is listed twice');
  for (const f of FLAGS) assert.match(f, /^--[a-z0-9-]+(=\S+)?$/, `one flag per line, no spaces: ${f}`);
});

test('Chromium runs with the launcher flags and the UI loads in zh-CN', async () => {
  const { context, page, errors } = await kioskPage();
  const version = await context.newPage();
  await version.goto('chrome://version');
  const commandLine = await version.locator('#command_line').innerText();
  for (const f of FLAGS) assert.ok(commandLine.includes(f), `chromium was not started with ${f}`);
  await version.close();

  await page.getByText('欢迎使用会员服务平台').waitFor();
  assert.equal(await page.evaluate(() => navigator.language), 'zh-CN');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.deepEqual(errors, []);
  await context.close();
});

test('no context menu, pinch zoom, overscroll or text selection on the kiosk chrome', async () => {
  const { context, page } = await kioskPage();
  await page.getByText('欢迎使用会员服务平台').waitFor();

  // A long press or right click: the UI's contextmenu handler cancels the menu.
  const prevented = await page.evaluate(() => {
    const target = document.querySelector('h1, h2, main, body');
    const e = new MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: 100, clientY: 100 });
    target.dispatchEvent(e);
    return e.defaultPrevented;
  });
  assert.equal(prevented, true, 'contextmenu is not cancelled');

  // Pinch zoom: the viewport forbids scaling and touch gestures may only pan.
  const viewport = await page.evaluate(() => document.querySelector('meta[name="viewport"]')?.content || '');
  assert.match(viewport, /user-scalable=no/);
  assert.match(viewport, /maximum-scale=1(\D|$)/);
  const style = await page.evaluate(() => {
    const s = (el) => getComputedStyle(el);
    const button = document.querySelector('button');
    return {
      touch: s(document.body).touchAction,
      overscrollHtml: s(document.documentElement).overscrollBehaviorY,
      overscrollBody: s(document.body).overscrollBehaviorY,
      selectBody: s(document.body).userSelect,
      selectHeading: s(document.querySelector('h1, h2') || document.body).userSelect,
      selectButton: button ? s(button).userSelect : 'none',
    };
  });
  assert.equal(style.touch, 'pan-x pan-y', 'touch-action allows pinch zoom');
  assert.equal(style.overscrollHtml, 'none');
  assert.equal(style.overscrollBody, 'none');
  assert.equal(style.selectBody, 'none');
  assert.equal(style.selectHeading, 'none');
  assert.equal(style.selectButton, 'none');

  // A synthesized two-finger pinch leaves the page at scale 1.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Input.synthesizePinchGesture', { x: 400, y: 400, scaleFactor: 2.5, gestureSourceType: 'touch' });
  assert.equal(await page.evaluate(() => window.visualViewport.scale), 1, 'the page zoomed');

  // Selecting everything selects nothing on the chrome.
  const selected = await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.body);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    return getSelection().toString().trim();
  });
  assert.equal(selected, '', 'text on the kiosk chrome can be selected');

  // Where people type, text stays selectable (caret, on-screen keyboard editing).
  await page.goto(`${daemon.baseUrl}/#/login`);
  await page.waitForSelector('input');
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.querySelector('input')).userSelect), 'none');
  await context.close();
});

test('kiosk screens in both orientations with the kiosk flags', async () => {
  const { context, page } = await kioskPage(PORTRAIT);
  await page.getByText('欢迎使用会员服务平台').waitFor();
  await checkScreens(page, 'kiosk_flags-home');
  await context.close();
});
