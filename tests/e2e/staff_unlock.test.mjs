// 解除登录锁定 (issue 11): a desk clerk lifts a member account's lock and the kiosk address's
// lock from the staff console, without waiting for the locks to end by themselves; an empty
// account gets a message on its field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDaemon, launchBrowser, openKiosk, fillLogin, waitForRoute, waitForText, checkScreens, closeKeyboard } from './harness.mjs';

let daemon;
let browser;

before(async () => {
  // Three different ids failing lock the address (the kiosk is 127.0.0.1 for everybody).
  daemon = await startDaemon({ toml: '[auth]\naddress_lockout_threshold = 3\n' });
  await daemon.ctl(['staff', 'add', 'desk1', '--name', '前台', '--role', 'desk'], { input: 'Desk123456\n' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
});

const login = async (id, password) => (await fetch(`${daemon.baseUrl}/api/v1/auth/login`, {
  method: 'POST', headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ kind: 'member', login_id: id, password }),
})).status;

test('a desk clerk unlocks a member account and the kiosk address', async () => {
  // The clerk is logged in before the kiosk's address gets locked.
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { route: '/staff/login' });
  await fillLogin(page, 'desk1', 'Desk123456', { idLabel: '工作人员账号' });
  await waitForRoute(page, '/staff');
  await page.locator('[data-menu="unlock"]').click();
  await waitForRoute(page, '/staff/unlock');
  await page.getByText('本机自助终端的地址为 127.0.0.1', { exact: false }).first().waitFor();

  // An account locked by five wrong passwords refuses even the right one.
  for (let i = 0; i < 5; i += 1) assert.equal(await login('1100002', `wrong-${i}`), 401);
  assert.equal(await login('1100002', '1100002'), 429);

  // Nothing typed: the field says so, and nothing is sent.
  await page.locator('[data-action="unlock"]').click();
  await waitForText(page.locator('[data-field="login_id"] .field-error'), '账号不能为空');
  await page.getByLabel('账号', { exact: true }).fill('1100002');
  await closeKeyboard(page);
  await page.locator('[data-action="unlock"]').click();
  await waitForText(page.locator('[data-test="unlocked"]'), '已解除会员账号 1100002 的登录锁定');
  assert.equal(await login('1100002', '1100002'), 200);

  // Three different ids failing from 127.0.0.1 lock the address: even a right password waits.
  for (const id of ['1199991', '1199992', '1199993']) assert.equal(await login(id, 'nope-nope'), 401);
  assert.equal(await login('1100001', '1100001'), 429);
  await page.locator('[data-target="address"]').click();
  assert.equal(await page.getByRole('textbox', { name: '设备地址' }).inputValue(), '127.0.0.1');
  assert.equal(await page.getByRole('textbox', { name: '账号', exact: true }).isVisible(), false);
  await checkScreens(page, 'staff-unlock');
  await page.locator('[data-action="unlock"]').click();
  await waitForText(page.locator('[data-test="unlocked"]'), '已解除设备地址 127.0.0.1 的登录锁定');
  assert.equal(await login('1100001', '1100001'), 200);
  assert.deepEqual(errors, []);
  await context.close();
});
