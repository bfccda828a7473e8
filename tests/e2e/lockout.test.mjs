// Repeated wrong passwords lock the login id; the lockout is shown on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDaemon, launchBrowser, openKiosk, fillLogin, waitForText, route } from './harness.mjs';

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

test('five wrong passwords lock the account; the sixth try shows the lockout even with the right password', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { route: '/login' });
  const message = page.locator('.form-message');
  const attempt = async (password) => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
      fillLogin(page, '1100002', password),
    ]);
    return response.status();
  };
  for (let i = 1; i <= 5; i += 1) {
    assert.equal(await attempt(`wrong-pass-${i}`), 401, `attempt ${i}`);
    await waitForText(message, '账号或密码错误');
    assert.equal(await message.getAttribute('data-code'), 'bad_credentials');
    // The password field is emptied after a failure; the account stays.
    assert.equal(await page.getByLabel('密码', { exact: true }).inputValue(), '');
    assert.equal(await page.getByLabel('账号', { exact: true }).inputValue(), '1100002');
  }
  assert.equal(await attempt('1100002'), 429);
  await waitForText(message, /登录失败次数过多.*锁定/);
  assert.equal(await message.getAttribute('data-code'), 'login_locked');
  assert.ok(await message.isVisible());
  assert.equal(await route(page), '/login');
  assert.equal(await page.evaluate(() => fetch('/api/v1/auth/session').then((r) => r.status)), 401);
  assert.deepEqual(errors, []);
  await context.close();
});
