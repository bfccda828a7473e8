// Member login with the forced change of the default password, and staff login.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startDaemon, launchBrowser, openKiosk, fillLogin, changePassword, waitForText, waitForRoute, route,
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

test('agency logs in with the default password, must change it, then reaches the member center', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl);

  // 会员中心 with no session lands on 入会指南 (manual), which offers 登录.
  await page.locator('[data-tile="member"]').click();
  await waitForRoute(page, '/guide');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await waitForRoute(page, '/login');
  await waitForText(page.locator('.hint-list'), '账号密码默认为代理机构的机构代码');

  await fillLogin(page, '11001', '11001');
  await waitForRoute(page, '/password');
  await waitForText(page.locator('.page-title'), '请先修改默认密码');
  await waitForText(page.locator('.notice'), '须先修改密码');

  // Nothing else opens until the password is changed.
  await page.evaluate(() => { location.hash = '#/member'; });
  await waitForRoute(page, '/password');

  // The server's field errors appear next to the fields.
  await changePassword(page, 'not-the-old-1', 'Newpass123');
  await waitForText(page.locator('[data-field="old_password"] .field-error'), '原密码不正确');
  assert.equal(await route(page), '/password');

  await page.getByLabel('原密码', { exact: true }).fill('');
  await changePassword(page, '11001', 'Newpass123');
  await waitForRoute(page, '/member');
  await waitForText(page.locator('.member-name'), '北京智诚专利代理事务所（普通合伙）');
  await waitForText(page.locator('[data-fact="type"] dd'), '专利代理机构');
  // The manual's member-center pages are listed; a built one opens, any unbuilt one says 即将开放.
  assert.equal(await page.locator('[data-menu="certificate_mail"]').isDisabled(), false);
  for (const item of await page.locator('.menu-item.is-disabled').all()) assert.match(await item.innerText(), /即将开放/);

  // 退出登录 returns home with no session; a second login goes straight to the center.
  await page.locator('[data-action="logout"]').click();
  await waitForRoute(page, '/');
  assert.equal(await page.evaluate(() => fetch('/api/v1/auth/session').then((r) => r.status)), 401);
  await page.locator('[data-tile="member"]').click();
  await waitForRoute(page, '/guide');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await waitForRoute(page, '/login');
  await fillLogin(page, '11001', 'Newpass123');
  await waitForRoute(page, '/member');
  await waitForText(page.locator('.member-name'), '北京智诚专利代理事务所（普通合伙）');

  // With a member session, the 会员中心 tile opens the center directly.
  await page.locator('[data-nav="home"]').click();
  await waitForRoute(page, '/');
  await page.locator('[data-tile="member"]').click();
  await waitForRoute(page, '/member');

  // When the server session is gone (expired), a member screen sends the user to login.
  await context.clearCookies();
  await page.locator('[data-nav="home"]').click();
  await page.locator('[data-tile="member"]').click();
  await waitForRoute(page, '/login');
  assert.equal(await page.evaluate(() => decodeURIComponent(location.hash)), '#/login?next=/member');
  await fillLogin(page, '11001', 'Newpass123');
  await waitForRoute(page, '/member');
  await waitForText(page.locator('.member-name'), '北京智诚专利代理事务所（普通合伙）');

  assert.deepEqual(errors, []);
  await context.close();
});

test('an attorney applying is sent to login first, then sees the application placeholder', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl);
  await page.locator('[data-tile="apply"]').click();
  await waitForRoute(page, '/apply');
  for (const label of ['代理机构入会申请', '专利代理师入会申请', '行业组织入会申请', '非执业会员入会申请']) {
    await page.getByRole('button', { name: label }).waitFor();
  }
  await page.locator('[data-apply="attorney"]').click();
  await waitForRoute(page, '/login');
  await waitForText(page.locator('.page-lead'), '账号密码默认为专利代理师资格证号');
  await fillLogin(page, '3100003', '3100003');
  await waitForRoute(page, '/password');
  await changePassword(page, '3100003', 'Lina2026pw');
  await waitForRoute(page, '/apply/form');
  // After login the attorney lands on the charter of the application.
  await waitForText(page.locator('.agree-label'), '已阅读并同意中华全国专利代理师协会章程');
  await waitForText(page.locator('.page-title'), '专利代理师入会申请');

  // 【返回】 goes back to the 入会申请 page (not to the login or password screens).
  await page.locator('[data-nav="back"]').click();
  await waitForRoute(page, '/apply');
  // 行业组织 needs no login.
  await page.locator('[data-apply="industry_org"]').click();
  await waitForRoute(page, '/apply/form');
  await waitForText(page.locator('.agree-label'), '已阅读并同意中华全国专利代理师协会章程');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a member who does not want to change the default password can log out instead', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { route: '/login' });
  await fillLogin(page, '4400004', '4400004');
  await waitForRoute(page, '/password');
  // Public screens wait too until the password is changed (the server answers 403).
  await page.locator('[data-nav="home"]').click();
  await page.locator('[data-tile="directory"]').click();
  await waitForRoute(page, '/password');
  await page.locator('[data-action="logout"]').click();
  await waitForRoute(page, '/');
  assert.equal(await page.evaluate(() => fetch('/api/v1/auth/session').then((r) => r.status)), 401);
  await page.locator('[data-tile="directory"]').click();
  await waitForRoute(page, '/directory');
  await page.locator('.dir-table tbody tr').first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('staff login shows the staff console with the role', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl);
  const link = page.getByRole('button', { name: '工作人员登录' });
  const box = await link.boundingBox();
  assert.ok(box.height >= 48 && box.width >= 48, `staff link is ${box.width}×${box.height}`);
  await link.click();
  await waitForRoute(page, '/staff/login');
  await fillLogin(page, 'admin1', 'Admin12345', { idLabel: '工作人员账号' });
  await waitForRoute(page, '/staff');
  await waitForText(page.locator('[data-fact="role"] dd'), '系统管理员');
  await waitForText(page.locator('.member-name'), '管理员');
  await page.locator('[data-action="logout"]').click();
  await waitForRoute(page, '/');
  assert.equal(await page.evaluate(() => fetch('/api/v1/auth/session').then((r) => r.status)), 401);
  assert.deepEqual(errors, []);
  await context.close();
});
