// 会费缴纳: a payment QR code holds off the kiosk's idle reset while it is valid (the corner counts
// to its expiry); once it expires the page says so and 【重新生成二维码】 opens a new gateway order.
// Own file because it waits for a real 60 s expiry (dues.qr_expiry_s' minimum).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startDaemon, launchBrowser, openKiosk, fillLogin, changePassword, waitForText, waitForRoute,
  PORTRAIT, ARTIFACTS,
} from './harness.mjs';

let browser;

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

const pageGet = (page, p) => page.evaluate(async (u) => {
  const r = await fetch(`/api/v1${u}`, { headers: { Accept: 'application/json' } });
  return { status: r.status, body: await r.json() };
}, p);

const orderIdOf = (page) => page.evaluate(() => new URLSearchParams(location.hash.split('?')[1] || '').get('id'));

test('the QR holds off the idle reset while valid; when it expires, 【重新生成二维码】 makes a new one', { timeout: 180000 }, async () => {
  // Own daemon: QR codes valid 60 s (the shortest allowed); the page's idle reset after 20 s.
  const d2 = await startDaemon({ members: 10, payments: true, duesToml: 'qr_expiry_s = 60\nsweep_interval_s = 1' });
  try {
    await d2.ctl(['demo-approve', '11001']);
    const { page, context, errors } = await openKiosk(browser, d2.baseUrl, { viewport: PORTRAIT, route: '/login', query: 'idle=20&warn=5' });
    await fillLogin(page, '11001', '11001');
    await waitForRoute(page, '/password');
    await changePassword(page, '11001', 'Agency2026x');
    await waitForRoute(page, '/member');
    await page.evaluate(() => { location.hash = '#/member/dues'; });
    await page.locator('.dues-year-btn[aria-pressed="true"]').waitFor();
    await page.locator('[data-action="enter"]').click();
    await waitForRoute(page, '/member/dues/items');
    await page.locator('[data-action="submit"]').click();
    await waitForRoute(page, '/member/dues/confirm');
    await page.getByRole('button', { name: '确认申报缴费' }).click();
    await waitForRoute(page, '/member/dues/order');
    const id = await orderIdOf(page);
    await page.locator('[data-method="wechat"]').click();
    await waitForRoute(page, '/member/dues/qr');
    await page.locator('img[data-test="qr"]').waitFor();
    const first = (await pageGet(page, `/member/dues/orders/${id}/status`)).body.attempt;
    const corner = Number((await page.locator('.idle-corner').textContent()).match(/\d+/)[0]);
    assert.ok(corner > 40 && corner <= 60, `the corner counts to the QR's expiry (${corner} s), not the 20 s idle reset`);

    // 25 s without a touch: longer than the idle reset, and the QR screen is still there.
    await new Promise((r) => setTimeout(r, 25000));
    assert.equal(await page.evaluate(() => location.hash.split('?')[0]), '#/member/dues/qr');
    assert.equal(await page.locator('.idle-dialog').count(), 0, 'no idle warning while the QR has > 5 s left');

    // Expired: the QR is greyed out and 【重新生成二维码】 offered.
    await page.locator('[data-test="qr-expired"]').waitFor({ timeout: 45000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'dues-qr-expired-portrait.png') });
    await page.getByRole('button', { name: '重新生成二维码' }).click();
    await page.locator('img[data-test="qr"]').waitFor();
    await waitForText(page.locator('[data-test="qr-left"]'), /剩余 (0分5|1分00)/);
    const second = (await pageGet(page, `/member/dues/orders/${id}/status`)).body.attempt;
    assert.notEqual(second.out_trade_no, first.out_trade_no, 'a new gateway order');
    assert.equal(second.state, 'open');
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await d2.stop();
  }
});
