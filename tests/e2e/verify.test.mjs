// 证书核验 (public), against the real daemon: by number on the on-screen keyboard (genuine; a
// tampered but valid-looking number is not genuine; a short one is refused), by the QR's own URL
// (#/verify?d=&s= verifies on load; a tampered d is not genuine), by an uploaded photo-like image
// (the rendered certificate rotated 7°, scaled 0.8, with noise, on a larger grey canvas), and by
// the camera (Chromium's fake camera playing a frame of the certificate's QR code). The camera
// stops when the screen is left; no camera or a refused permission gives a clear message. A voided
// certificate is amber.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startDaemon, launchBrowser, openKiosk, waitForText, waitForRoute, apiClient,
  PORTRAIT, LANDSCAPE, ARTIFACTS, smallControls,
} from './harness.mjs';

const YEAR = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();
const GENUINE = '证书真实有效'; // CONTRACT.md Verification messages
const NOT_GENUINE = '未能核验：证书不存在或内容被篡改';

let daemon;
let browser;
let admin;
let cert; // in force
let voided;
let tmp;

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'md-verify-'));
  daemon = await startDaemon({ members: 20, certificates: true });
  await daemon.ctl(['demo-approve', '11001', '31002']);
  browser = await launchBrowser();
  admin = await apiClient(daemon.baseUrl, 'staff', 'admin1', 'Admin12345');
  const issue = async (login) => {
    const m = await apiClient(daemon.baseUrl, 'member', login, login, { newPassword: `Pw${login}abc` });
    const id = (await m('GET', '/member/home')).body.member.id;
    const r = await admin('POST', `/staff/members/${id}/certificates`, { year: YEAR, reason: '核验测试签发' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.certificate;
  };
  cert = await issue('11001');
  voided = await issue('31002');
  const v = await admin('POST', `/staff/certificates/${voided.id}/void`, { reason: '测试作废' });
  assert.equal(v.status, 200, JSON.stringify(v.body));
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function shot(page, name) {
  for (const [o, vp] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]]) {
    await page.setViewportSize(vp);
    await page.waitForTimeout(150);
    const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    assert.ok(sw <= iw, `${name} ${o}: scrollWidth ${sw} > ${iw}`);
    assert.deepEqual(await smallControls(page), [], `${name} ${o}: controls under 48 px`);
    assert.doesNotMatch(await page.locator('#main').innerText(), /\b(null|undefined|NaN)\b|\[object /, `${name}: stray values`);
    await page.screenshot({ path: path.join(ARTIFACTS, `verify-${name}-${o}.png`) });
  }
  await page.setViewportSize(PORTRAIT);
}

// Types digits on the on-screen keyboard, as a finger would.
async function typeOnKeyboard(page, digits) {
  await page.locator('.verify-no-input').click();
  await page.locator('.osk').waitFor();
  for (const d of digits) await page.locator(`.osk [data-key="${d}"]`).click();
}

async function verdict(page) {
  const el = page.locator('[data-test="verdict"]');
  await el.waitFor({ timeout: 20000 });
  return { verdict: await el.getAttribute('data-verdict'), text: await el.innerText() };
}

// base64url <-> text
const b64urlDecode = (s) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
const b64urlEncode = (t) => Buffer.from(t, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

test('by number on the on-screen keyboard: genuine; a tampered number is not genuine; a short one is refused', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/' });
  await page.locator('[data-tile="verify"]').click();
  await waitForRoute(page, '/verify');
  await shot(page, 'empty');
  // The number's keyboard shows digits only.
  await page.locator('.verify-no-input').click();
  await page.locator('.osk').waitFor();
  assert.equal(await page.locator('.osk [data-key="q"]').isVisible(), false, 'no letters on the number keyboard');
  await shot(page, 'keyboard');
  await page.locator('.osk [data-key="clear"]').click();

  await typeOnKeyboard(page, '12345');
  await page.locator('.osk .osk-done').click();
  await page.locator('[data-action="verify"]').click();
  await waitForText(page.locator('[data-field="no"] .field-error'), '请输入10位证书编号');

  await page.locator('.verify-no-input').click();
  await page.locator('.osk [data-key="clear"]').click();
  await typeOnKeyboard(page, cert.cert_no);
  await page.locator('.osk .osk-done').click();
  await page.locator('[data-action="verify"]').click();
  let v = await verdict(page);
  assert.equal(v.verdict, 'genuine');
  assert.match(v.text, new RegExp(GENUINE));
  assert.match(v.text, new RegExp(cert.cert_no));
  await waitForText(page.locator('[data-test="verdict"] [data-fact="name"] dd'), cert.name);
  await shot(page, 'genuine');

  // Another number that looks just as valid (same year, another sequence) is not genuine.
  const tampered = `${cert.cert_no.slice(0, 4)}${String((Number(cert.cert_no.slice(4)) + 500000) % 1000000).padStart(6, '0')}`;
  await page.locator('[data-action="again"]').click();
  await typeOnKeyboard(page, tampered);
  await page.locator('.osk .osk-done').click();
  await page.locator('[data-action="verify"]').click();
  v = await verdict(page);
  assert.equal(v.verdict, 'not_genuine');
  assert.match(v.text, new RegExp(NOT_GENUINE));
  await shot(page, 'not-genuine');

  // A void certificate is genuine but void (amber), with its facts.
  await page.locator('[data-action="again"]').click();
  await page.locator('.verify-no-input').fill(voided.cert_no);
  await page.locator('[data-action="verify"]').click();
  v = await verdict(page);
  assert.equal(v.verdict, 'void');
  assert.match(v.text, /作废/);
  assert.equal(await page.locator('[data-test="verdict"]').evaluate((el) => getComputedStyle(el).borderTopColor), 'rgb(216, 154, 0)');
  await shot(page, 'void');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the QR\'s URL verifies on load; a tampered payload is not genuine', async () => {
  assert.match(cert.verify_url, /^http:\/\/127\.0\.0\.1:\d+\/#\/verify\?d=[A-Za-z0-9_-]+&s=[A-Za-z0-9_-]+$/);
  const context = await browser.newContext({ viewport: PORTRAIT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', hasTouch: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(cert.verify_url);
  let v = await verdict(page);
  assert.equal(v.verdict, 'genuine', v.text);
  assert.match(v.text, new RegExp(cert.cert_no));
  await shot(page, 'qr-url');

  const u = new URL(cert.verify_url);
  const q = new URLSearchParams(u.hash.split('?')[1]);
  const payload = b64urlDecode(q.get('d'));
  assert.match(payload, /^MDC1\|/);
  const parts = payload.split('|');
  parts[7] = `${Number(parts[7].slice(0, 4)) + 5}${parts[7].slice(4)}`; // valid_until five years later
  const forged = `${u.origin}/#/verify?d=${b64urlEncode(parts.join('|'))}&s=${q.get('s')}`;
  await page.goto('about:blank');
  await page.goto(forged);
  v = await verdict(page);
  assert.equal(v.verdict, 'not_genuine', v.text);
  assert.match(v.text, new RegExp(NOT_GENUINE));
  assert.deepEqual(errors, []);
  await context.close();
});

// The certificate rendered at ~150 dpi, as the staff preview gives it (base64 PNG).
async function previewPng(dpi) {
  const r = await admin.raw(`/staff/certificates/${cert.id}/preview.png?dpi=${dpi}`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') || '', /image\/png/);
  return Buffer.from(await r.arrayBuffer()).toString('base64');
}

test('【上传图片】: a photo of the certificate (rotated 7°, scaled 0.8, noisy, on a larger grey canvas) is genuine', async () => {
  const png = await previewPng(150);
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { viewport: LANDSCAPE, route: '/verify' });
  const photo = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const W = Math.round(img.width * 1.5);
    const H = Math.round(img.height * 1.3);
    const c = document.createElement('canvas');
    c.width = W; c.height = H;
    const g = c.getContext('2d');
    g.fillStyle = '#8c8c8c';
    g.fillRect(0, 0, W, H);
    g.translate(W / 2, H / 2);
    g.rotate((7 * Math.PI) / 180);
    g.scale(0.8, 0.8);
    g.drawImage(img, -img.width / 2, -img.height / 2);
    const d = g.getImageData(0, 0, W, H);
    let seed = 12345;
    const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
    for (let i = 0; i < d.data.length; i += 4) {
      const n = (rnd() - 0.5) * 50;
      for (let k = 0; k < 3; k++) d.data[i + k] = Math.max(0, Math.min(255, d.data[i + k] + n));
    }
    g.putImageData(d, 0, 0);
    return { b64: c.toDataURL('image/png').split(',')[1], W, H };
  }, png);
  assert.ok(photo.W * photo.H > 1048576, 'the photo is larger than the scan limit, so the page must scale it down');
  await page.locator('[data-test="upload-input"]').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from(photo.b64, 'base64') });
  const v = await verdict(page);
  assert.equal(v.verdict, 'genuine', v.text);
  assert.match(v.text, new RegExp(cert.cert_no));
  await shot(page, 'upload');

  // A picture with no QR code says so.
  await page.locator('[data-test="upload-input"]').setInputFiles({ name: 'blank.png', mimeType: 'image/png', buffer: Buffer.from(await page.evaluate(() => {
    const c = document.createElement('canvas'); c.width = 640; c.height = 480;
    const g = c.getContext('2d'); g.fillStyle = '#ddd'; g.fillRect(0, 0, 640, 480);
    return c.toDataURL('image/png').split(',')[1];
  }), 'base64') });
  await waitForText(page.locator('[data-test="verify-message"]'), '未在图片中识别到二维码');
  assert.equal(await page.locator('[data-test="verdict"]').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

// Finds, in the page, a 1280×720 crop of the certificate (150 dpi) that the server decodes, and
// returns it as one YUV 4:2:0 frame for Chromium's fake camera (grey: U = V = 128).
async function qrFrameY4m(page, png) {
  const b64 = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = `data:image/png;base64,${src}`;
    await img.decode();
    const W = 1280;
    const H = 720;
    const c = document.createElement('canvas');
    c.width = W; c.height = H;
    const g = c.getContext('2d', { willReadFrequently: true });
    const grey = () => {
      const d = g.getImageData(0, 0, W, H).data;
      const y = new Uint8Array(W * H);
      for (let i = 0, j = 0; j < y.length; i += 4, j++) y[j] = (d[i] * 77 + d[i + 1] * 150 + d[i + 2] * 29) >> 8;
      return y;
    };
    for (let top = Math.max(0, img.height - H); top >= 0; top -= 240) {
      for (let left = 0; left + W <= img.width + 400; left += 320) {
        g.fillStyle = '#777';
        g.fillRect(0, 0, W, H);
        g.drawImage(img, -left, -top);
        const y = grey();
        const r = await fetch(`/api/v1/certificates/scan?w=${W}&h=${H}`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: y });
        const a = await r.json();
        if (a.found) {
          const head = new TextEncoder().encode(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\nFRAME\n`);
          const out = new Uint8Array(head.length + W * H * 1.5);
          out.set(head, 0);
          out.set(y, head.length);
          out.fill(128, head.length + W * H);
          let s = '';
          for (let i = 0; i < out.length; i += 0x8000) s += String.fromCharCode.apply(null, out.subarray(i, i + 0x8000));
          return btoa(s);
        }
      }
    }
    return null;
  }, png);
  assert.ok(b64, 'a crop of the certificate with a decodable QR code');
  return Buffer.from(b64, 'base64');
}

// Records every camera stream the page opens (window.__streams), to check they are stopped.
const RECORD_STREAMS = () => {
  window.__streams = [];
  const orig = navigator.mediaDevices?.getUserMedia?.bind(navigator.mediaDevices);
  if (orig) navigator.mediaDevices.getUserMedia = async (c) => { const s = await orig(c); window.__streams.push(s); return s; };
};
const liveTracks = (page) => page.evaluate(() => (window.__streams || []).flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length);

test('【扫描二维码】: the camera reads the QR and stops; leaving the screen or the idle reset stops it; no camera or no permission says so', async () => {
  // A frame of the certificate's QR code for the fake camera.
  const k = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/verify' });
  const frame = await qrFrameY4m(k.page, await previewPng(150));
  await k.context.close();
  const y4m = path.join(tmp, 'qr.y4m');
  fs.writeFileSync(y4m, frame);

  const cam = await launchBrowser({ args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`] });
  try {
    const context = await cam.newContext({ viewport: PORTRAIT, locale: 'zh-CN', hasTouch: true });
    await context.addInitScript(RECORD_STREAMS);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${daemon.baseUrl}/index.html#/verify`);
    await page.waitForSelector('html[data-ready="1"]');
    await page.locator('[data-action="scan"]').click();
    await page.locator('[data-test="camera"]').waitFor();
    const v = await verdict(page);
    assert.equal(v.verdict, 'genuine', v.text);
    assert.match(v.text, new RegExp(cert.cert_no));
    assert.equal(await page.locator('[data-test="camera"]').isVisible(), false, 'the camera panel closes');
    assert.equal(await liveTracks(page), 0, 'the camera is stopped once the QR is read');
    await shot(page, 'camera-found');
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await cam.close();
  }

  // A camera that never sees a QR code keeps scanning until the screen is left.
  const plain = await launchBrowser({ args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] });
  try {
    const context = await plain.newContext({ viewport: LANDSCAPE, locale: 'zh-CN', hasTouch: true });
    await context.addInitScript(RECORD_STREAMS);
    const page = await context.newPage();
    let scans = 0;
    page.on('request', (r) => { if (r.url().includes('/certificates/scan')) scans += 1; });
    await page.goto(`${daemon.baseUrl}/index.html#/verify`);
    await page.waitForSelector('html[data-ready="1"]');
    await page.locator('[data-action="scan"]').click();
    await waitForText(page.locator('[data-test="camera-status"]'), '正在识别二维码');
    await page.waitForTimeout(2000);
    assert.ok(scans >= 3 && scans <= 10, `about three frames a second: ${scans} in ~2 s`);
    assert.equal(await liveTracks(page), 1);
    await shot(page, 'camera');
    await page.locator('[data-nav="home"]').click();
    await waitForRoute(page, '/');
    await page.waitForFunction(() => (window.__streams || []).flatMap((s) => s.getTracks()).every((t) => t.readyState === 'ended'), null, { timeout: 2000 });
    const after = scans;
    await page.waitForTimeout(1000);
    assert.ok(scans <= after + 1, 'no frames are sent after leaving');
    await context.close();

    // The kiosk's idle reset (here after 4 s without a touch) stops it too.
    const idleContext = await plain.newContext({ viewport: PORTRAIT, locale: 'zh-CN', hasTouch: true });
    await idleContext.addInitScript(RECORD_STREAMS);
    const idlePage = await idleContext.newPage();
    await idlePage.goto(`${daemon.baseUrl}/index.html?idle=4&warn=2#/verify`);
    await idlePage.waitForSelector('html[data-ready="1"]');
    await idlePage.locator('[data-action="scan"]').click();
    await waitForText(idlePage.locator('[data-test="camera-status"]'), '正在识别二维码');
    assert.equal(await liveTracks(idlePage), 1);
    await waitForRoute(idlePage, '/', { timeout: 10000 });
    await idlePage.waitForFunction(() => (window.__streams || []).flatMap((s) => s.getTracks()).every((t) => t.readyState === 'ended'), null, { timeout: 2000 });
    await idleContext.close();
  } finally {
    await plain.close();
  }

  // A camera the browser may not use (permission denied): a clear message.
  const denied = await launchBrowser({ args: ['--use-fake-device-for-media-stream'] });
  try {
    const context = await denied.newContext({ viewport: PORTRAIT, locale: 'zh-CN', hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${daemon.baseUrl}/index.html#/verify`);
    await page.waitForSelector('html[data-ready="1"]');
    await page.locator('[data-action="scan"]').click();
    await waitForText(page.locator('[data-test="verify-message"][data-kind="error"]'), '摄像头权限被拒绝');
    assert.equal(await page.locator('[data-test="camera"]').isVisible(), false);
    await context.close();
  } finally {
    await denied.close();
  }

  // No camera at all (the default headless browser): a clear message, no panel left open.
  const { page, context } = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/verify' });
  await page.locator('[data-action="scan"]').click();
  await waitForText(page.locator('[data-test="verify-message"][data-kind="error"]'), /摄像头/);
  assert.equal(await page.locator('[data-test="camera"]').isVisible(), false);
  assert.equal(await page.locator('[data-action="scan"]').isDisabled(), false);
  await shot(page, 'no-camera');
  await context.close();
});
