// Kiosk idle reset: countdown in the corner, a warning dialog, then logout and a clean home.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startDaemon, launchBrowser, openKiosk, fillLogin, changePassword, waitForText, waitForRoute, route, ARTIFACTS,
  apiClient, checkScreens,
} from './harness.mjs';

let daemon;
let browser;

before(async () => {
  daemon = await startDaemon();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
});

test('idle reset warns, logs out, clears the forms and returns home (?idle=6&warn=3)', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { query: 'idle=6&warn=3' });

  // The clean home screen has nothing to reset: no countdown there.
  assert.equal(await page.locator('.idle-corner').isVisible(), false);

  await page.locator('[data-tile="member"]').click();
  await waitForRoute(page, '/guide');
  await waitForText(page.locator('.idle-corner'), /^\d秒后返回首页$/);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await fillLogin(page, '1100001', '1100001');
  await waitForRoute(page, '/password');
  await changePassword(page, '1100001', 'Newpass123');
  await waitForRoute(page, '/member');
  await waitForText(page.locator('.member-name'), '张伟');

  // Wait: the warning dialog appears with the countdown; 继续使用 keeps the session.
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor({ state: 'visible', timeout: 6000 });
  await waitForText(dialog, '即将返回首页');
  await waitForText(dialog, '退出登录');
  assert.equal(await route(page), '/member');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'idle-warning-landscape.png') });
  await dialog.getByRole('button', { name: '继续使用' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await route(page), '/member');

  // Type into the directory search, then leave the kiosk alone.
  await page.locator('[data-menu="directory"]').click();
  await waitForRoute(page, '/directory');
  await page.getByLabel('会员名称或会员编号', { exact: true }).fill('张');
  await dialog.waitFor({ state: 'visible', timeout: 6000 });
  await waitForText(page.locator('.idle-corner'), /^[1-3]秒后返回首页$/);
  await waitForRoute(page, '/', { timeout: 6000 });
  await dialog.waitFor({ state: 'hidden' });
  await page.locator('[data-tile="member"]').waitFor();

  // Logged out on the server, and nothing typed before is left anywhere.
  assert.equal(await page.evaluate(() => fetch('/api/v1/auth/session').then((r) => r.status)), 401);
  assert.equal(await page.locator('.session-strip').count(), 0);
  await page.locator('[data-tile="member"]').click();
  await waitForRoute(page, '/guide');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await waitForRoute(page, '/login');
  assert.equal(await page.getByLabel('账号', { exact: true }).inputValue(), '');
  assert.equal(await page.getByLabel('密码', { exact: true }).inputValue(), '');
  await page.locator('[data-nav="home"]').click();
  await page.locator('[data-tile="directory"]').click();
  await waitForRoute(page, '/directory');
  assert.equal(await page.getByLabel('会员名称或会员编号', { exact: true }).inputValue(), '');

  // A half-typed login is wiped by the reset too.
  await page.locator('[data-nav="home"]').click();
  await page.locator('[data-tile="apply"]').click();
  await page.locator('[data-apply="agency"]').click();
  await waitForRoute(page, '/login');
  await page.getByLabel('账号', { exact: true }).fill('11001');
  await waitForRoute(page, '/', { timeout: 9000 });
  await page.locator('[data-tile="member"]').click();
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await waitForRoute(page, '/login');
  assert.equal(await page.getByLabel('账号', { exact: true }).inputValue(), '');
  assert.deepEqual(errors, []);
  await context.close();
});

test('walking away mid-pinyin leaves nothing of it on the keyboard (?idle=6&warn=3)', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { query: 'idle=6&warn=3', route: '/directory' });
  const box = page.getByLabel('会员名称或会员编号', { exact: true });
  await box.click();
  const osk = page.locator('.osk');
  await osk.waitFor({ state: 'visible' });
  for (const k of 'zhang') await osk.locator(`.osk-key[data-key="${k}"]`).click();
  await osk.locator('.osk-cand[data-cand="张"]').click();
  for (const k of 'we') await osk.locator(`.osk-key[data-key="${k}"]`).click();
  await waitForText(page.locator('[data-test="ime-pinyin"]'), 'we');
  await osk.locator('[data-key="shift"]').click();
  assert.equal(await box.inputValue(), '张');

  await waitForRoute(page, '/', { timeout: 12000 });
  await osk.waitFor({ state: 'hidden' });
  await page.locator('[data-tile="directory"]').click();
  await waitForRoute(page, '/directory');
  await page.getByLabel('会员名称或会员编号', { exact: true }).click();
  await osk.waitFor({ state: 'visible' });
  assert.equal(await page.getByLabel('会员名称或会员编号', { exact: true }).inputValue(), '');
  await waitForText(page.locator('[data-test="ime-pinyin"]'), '拼音输入');
  assert.equal(await osk.locator('.osk-cand').count(), 0, 'no candidates of the last person');
  assert.equal(await osk.locator('[data-key="shift"]').getAttribute('aria-pressed'), 'false');
  assert.equal(await osk.locator('[data-key="q"]').textContent(), 'q');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the attract screen after a reset shows the 首页通知 an admin set', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { query: 'idle=6&warn=3', route: '/staff/login?next=%2Fstaff' });
  await fillLogin(page, 'admin1', 'Admin12345', { idLabel: '工作人员账号' });
  await waitForRoute(page, '/staff');
  await page.locator('[data-menu="kiosk_notice"]').click();
  await waitForRoute(page, '/staff/kiosk-notice');
  await page.locator('[data-field="notice"] textarea').fill('今日下午前台暂停人工服务，自助服务照常。');
  await page.locator('[data-action="save-notice"]').click();
  await waitForText(page.locator('[data-test="notice-saved"]'), '已保存');
  // Walk away: the reset logs the admin out and the home screen carries the notice.
  await waitForRoute(page, '/', { timeout: 12000 });
  await waitForText(page.locator('[data-test="home-notice"]'), '今日下午前台暂停人工服务');
  assert.equal(await page.evaluate(() => fetch('/api/v1/auth/session').then((r) => r.status)), 401);
  await checkScreens(page, 'home-notice');
  // Removed again (empty), the home screen has none.
  const admin = await apiClient(daemon.baseUrl, 'staff', 'admin1', 'Admin12345');
  assert.equal((await admin('PUT', '/staff/kiosk/notice', { notice: '' })).status, 200);
  await page.reload();
  await page.waitForSelector('html[data-ready="1"]');
  await page.locator('[data-tile="member"]').waitFor();
  assert.equal(await page.locator('[data-test="home-notice"]').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
