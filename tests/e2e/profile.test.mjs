// 会员资料, 会员信息修改 and 【我要退会】 in the kiosk, against the real daemon:
// (a) agency 31002 reads 会员资料, fixes a wrong e-mail in 会员信息修改 (the field's own message,
//     then 已保存 and a 修改记录 line), asks to leave with a reason picked by touch; a reviewer
//     approves it in 退会申请; the agency leaves the 会员名录 and reads 已退会;
// (b) a member withdraws a pending request again, and staff reject another with a reason the
//     member sees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startDaemon, launchBrowser, openKiosk, fillLogin, waitForText, waitForRoute, apiClient,
  PORTRAIT, LANDSCAPE, ARTIFACTS, smallControls,
} from './harness.mjs';

const PW = { '31002': 'Shanghai2026x', '44003': 'Guangzhou2026x' };
const AGENCY = '上海华东知识产权代理有限公司';

let daemon;
let browser;
const calls = {};

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  daemon = await startDaemon({ members: 20 });
  await daemon.ctl(['demo-approve', '31002', '44003']);
  await daemon.ctl(['staff', 'add', 'rev1', '--name', '审核员', '--role', 'reviewer'], { input: 'Review12345\n' });
  browser = await launchBrowser();
  await daemon.ctl(['staff', 'add', 'fin1', '--name', '财务', '--role', 'finance'], { input: 'Finance12345\n' });
  for (const login of Object.keys(PW)) calls[login] = await apiClient(daemon.baseUrl, 'member', login, login, { newPassword: PW[login] });
  // 31002 pays this year's dues by bank transfer, so it is a member in good standing, listed in
  // the 会员名录 (approved but unpaid members are not).
  const year = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();
  const home = await calls['31002']('GET', '/member/home');
  const order = await calls['31002']('POST', '/member/dues/orders', {
    year, member_ids: [home.body.member.id],
    contact: { name: '陈静', mobile: '13912345678', email: 'chen@example.cn', office_phone: '021-62345678' },
  });
  assert.equal(order.status, 201, JSON.stringify(order.body));
  const fin = await apiClient(daemon.baseUrl, 'staff', 'fin1', 'Finance12345');
  const paid = await fin('POST', `/staff/dues/orders/${order.body.order.id}/bank-receipt`, {
    amount_fen: order.body.order.amount_due_fen, date: new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10), bank_ref: 'E2E-31002',
  });
  assert.equal(paid.status, 200, JSON.stringify(paid.body));
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
});

async function shot(page, name) {
  for (const [o, vp] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]]) {
    await page.setViewportSize(vp);
    await page.waitForFunction(() => !document.querySelector('.loading'));
    await page.waitForTimeout(150);
    const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    assert.ok(sw <= iw, `${name} ${o}: scrollWidth ${sw} > ${iw}`);
    assert.deepEqual(await smallControls(page), [], `${name} ${o}: controls under 48 px`);
    assert.doesNotMatch(await page.locator('#main').innerText(), /\b(null|undefined|NaN)\b|\[object /, `${name}: stray values`);
    await page.screenshot({ path: path.join(ARTIFACTS, `profile-${name}-${o}.png`) });
  }
  await page.setViewportSize(PORTRAIT);
}

async function memberPage(login, route = '/member') {
  const k = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: `/login?next=${encodeURIComponent(route)}` });
  await fillLogin(k.page, login, PW[login]);
  await waitForRoute(k.page, route);
  return k;
}

async function reviewerPage(route = '/staff/withdrawals') {
  const k = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: `/staff/login?next=${encodeURIComponent(route)}` });
  await fillLogin(k.page, 'rev1', 'Review12345', { idLabel: '工作人员账号' });
  await waitForRoute(k.page, route);
  return k;
}

async function listed(q) {
  const r = await fetch(`${daemon.baseUrl}/api/v1/directory?q=${encodeURIComponent(q)}`);
  const body = await r.json();
  return (body.items || []).some((i) => i.name === q);
}

test('(a) 会员资料, 会员信息修改 with a bad then a good e-mail, 【我要退会】 approved by a reviewer', async () => {
  assert.equal(await listed(AGENCY), true, 'the approved agency is in the directory first');
  const { page, context, errors } = await memberPage('31002');
  await page.locator('[data-menu="profile"]').click();
  await waitForRoute(page, '/member/profile');
  await waitForText(page.locator('[data-test="member-name"]'), AGENCY);
  await waitForText(page.locator('[data-fact="type"]'), '专利代理机构');
  await shot(page, 'view');

  await page.locator('[data-action="edit-profile"]').click();
  await waitForRoute(page, '/member/profile/edit');
  const email = page.locator('[data-field="email"] input');
  await email.waitFor();
  // Names and codes are not offered here.
  assert.equal(await page.locator('[data-field="org_name"]').count(), 0);
  await email.fill('not-an-email');
  await page.locator('[data-action="save-profile"]').click();
  await page.locator('[data-field="email"].has-error').waitFor();
  assert.match(await page.locator('[data-field="email"] .field-error').innerText(), /邮箱/);
  await email.fill('office@huadong-ip.example.cn');
  await page.locator('[data-action="save-profile"]').click();
  await waitForText(page.locator('[data-test="saved"]'), '已保存1项修改');
  await waitForText(page.locator('[data-test="changes"]'), 'office@huadong-ip.example.cn');
  await shot(page, 'edit');

  await page.locator('[data-nav="back"]').click();
  await waitForRoute(page, '/member/profile');
  await waitForText(page.locator('[data-fact="email"]'), 'office@huadong-ip.example.cn');
  await page.locator('[data-action="withdraw"]').click();
  await page.locator('.dialog [data-reason="机构注销或合并"]').click();
  await shot(page, 'withdraw-confirm');
  await page.locator('[data-action="confirm-withdraw"]').click();
  await page.locator('[data-test="withdrawal"][data-status="pending"]').waitFor();
  await waitForText(page.locator('[data-test="withdrawal"]'), '机构注销或合并');
  assert.equal(await page.locator('[data-action="withdraw"]').count(), 0, 'one request at a time');
  assert.deepEqual(errors, []);
  await context.close();

  const staff = await reviewerPage();
  const row = staff.page.locator('.withdrawals-table tbody tr[data-login="31002"]');
  await row.waitFor();
  await shot(staff.page, 'staff-queue');
  await row.locator('[data-action="approve"]').click();
  await staff.page.locator('[data-action="confirm-approve"]').click();
  await waitForText(staff.page.locator('[data-test="approved"]'), AGENCY);
  assert.deepEqual(staff.errors, []);
  await staff.context.close();

  assert.equal(await listed(AGENCY), false, 'a withdrawn member leaves the directory');
  const again = await memberPage('31002', '/member/profile');
  await waitForText(again.page.locator('[data-fact="status"]'), '已退会');
  await again.page.locator('[data-test="withdrawal"][data-status="approved"]').waitFor();
  assert.equal(await again.page.locator('[data-action="edit-profile"]').count(), 0);
  await shot(again.page, 'withdrawn');
  assert.deepEqual(again.errors, []);
  await again.context.close();
});

test('(b) a pending request is withdrawn by the member; a rejection carries the reviewer\'s reason', async () => {
  const { page, context, errors } = await memberPage('44003', '/member/profile');
  await page.locator('[data-action="withdraw"]').click();
  await page.locator('[data-action="confirm-withdraw"]').click();
  await page.locator('[data-test="withdrawal"][data-status="pending"]').waitFor();
  await page.locator('[data-action="cancel-withdrawal"]').click();
  await waitForText(page.locator('[data-test="profile-result"]'), '退会申请已撤回');
  await page.locator('[data-test="withdrawal"][data-status="cancelled"]').waitFor();
  await page.locator('[data-action="withdraw"]').click();
  await page.locator('[data-action="confirm-withdraw"]').click();
  await page.locator('[data-test="withdrawal"][data-status="pending"]').waitFor();
  await context.close();

  const staff = await reviewerPage();
  const row = staff.page.locator('.withdrawals-table tbody tr[data-login="44003"]');
  await row.locator('[data-action="reject"]').click();
  await staff.page.locator('[data-action="confirm-reject"]').click();
  await staff.page.locator('.dialog [data-field="reason"].has-error').waitFor();
  await staff.page.locator('.dialog textarea').fill('机构仍在执业，请与协会联系');
  await staff.page.locator('[data-action="confirm-reject"]').click();
  await waitForText(staff.page.locator('[data-test="rejected"]'), '广州南粤专利代理有限公司');
  await staff.context.close();

  const again = await memberPage('44003', '/member/profile');
  await again.page.locator('[data-test="withdrawal"][data-status="rejected"]').waitFor();
  await waitForText(again.page.locator('[data-test="decision-reason"]'), '机构仍在执业');
  assert.deepEqual([...errors, ...again.errors], []);
  await again.context.close();
});
