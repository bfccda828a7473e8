// 会员证信息修改申请 and 会员证邮寄申请 in the kiosk, against the real daemon:
// (a) agency 11001 (this year's certificate issued by staff) asks to change its name; a reviewer
//     approves it in 会员证信息修改审核; the agency's 会员证 now carries the new name, version 2;
// (b) agency 44003 opens 【申请邮寄】 prefilled from its profile, is told what is missing, sends
//     it; the desk marks it sent with a courier picked by touch and a tracking number; the member
//     sees the tracking number;
// (c) agency 31002 without a certificate is told so and led to 会费缴纳.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  startDaemon, launchBrowser, openKiosk, fillLogin, waitForText, waitForRoute, apiClient, checkScreens,
  PORTRAIT, ARTIFACTS,
} from './harness.mjs';

const YEAR = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear(); // this year in Asia/Shanghai
const PW = { '11001': 'Agency2026x', '31002': 'Shanghai2026x', '44003': 'Guangzhou2026x' };
const NEW_NAME = '北京智诚知识产权代理有限公司';

let daemon;
let browser;
const members = {}; // login → { id, call }

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  daemon = await startDaemon({ members: 20, certificates: true });
  await daemon.ctl(['demo-approve', '11001', '31002', '44003']);
  await daemon.ctl(['staff', 'add', 'desk1', '--name', '前台小李', '--role', 'desk'], { input: 'Desk123456\n' });
  await daemon.ctl(['staff', 'add', 'rev1', '--name', '审核员', '--role', 'reviewer'], { input: 'Review12345\n' });
  browser = await launchBrowser();
  const admin = await apiClient(daemon.baseUrl, 'staff', 'admin1', 'Admin12345');
  for (const login of Object.keys(PW)) {
    const call = await apiClient(daemon.baseUrl, 'member', login, login, { newPassword: PW[login] });
    const home = await call('GET', '/member/home');
    assert.equal(home.status, 200, JSON.stringify(home.body));
    members[login] = { id: home.body.member.id, call };
  }
  for (const login of ['11001', '44003']) {
    const r = await admin('POST', `/staff/members/${members[login].id}/certificates`, { year: YEAR, reason: '浏览器测试签发' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
});

async function memberPage(login, route = '/member') {
  const k = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: `/login?next=${encodeURIComponent(route)}` });
  await fillLogin(k.page, login, PW[login]);
  await waitForRoute(k.page, route);
  return k;
}

async function staffPage(login, password, menu, route) {
  const k = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/staff/login?next=%2Fstaff' });
  await fillLogin(k.page, login, password, { idLabel: '工作人员账号' });
  await waitForRoute(k.page, '/staff');
  await k.page.locator(`[data-menu="${menu}"]`).click();
  await waitForRoute(k.page, route);
  return k;
}

test('(a) a name change asked by the agency and approved by a reviewer re-issues the 会员证', async () => {
  const { page, context, errors } = await memberPage('11001');
  await page.locator('[data-menu="certificate_change"]').click();
  await waitForRoute(page, '/member/certificate/change');
  await waitForText(page.locator('[data-fact="name"]'), '北京智诚专利代理事务所（普通合伙）');
  assert.equal(await page.locator('[data-field="qualification_no"]').count(), 0, 'an agency changes only its name');
  // Nothing typed: the server says what to fill in, next to the field.
  await page.locator('[data-action="submit-change"]').click();
  await waitForText(page.locator('[data-field="name"] .field-error'), '请填写新的机构名称');
  await page.locator('[data-field="name"] input').fill(NEW_NAME);
  await page.locator('[data-field="note"] textarea').fill('机构改制为有限公司');
  await page.locator('[data-action="submit-change"]').click();
  await waitForText(page.locator('[data-test="change-filed"]'), '已提交');
  await page.locator('[data-test="change-requests"] [data-status="pending"]').waitFor();
  await waitForText(page.locator('[data-test="change-requests"]'), NEW_NAME);
  assert.equal(await page.locator('[data-action="submit-change"]').count(), 0, 'one request at a time');
  await checkScreens(page, 'cert_requests-change-pending');
  assert.deepEqual(errors, []);
  await context.close();

  const staff = await staffPage('rev1', 'Review12345', 'cert_changes', '/staff/certificate-changes');
  const row = staff.page.locator('.cert-changes-table tbody tr[data-login="11001"]');
  await row.waitFor();
  await waitForText(row, NEW_NAME);
  await checkScreens(staff.page, 'cert_requests-staff-changes');
  await row.locator('[data-action="approve"]').click();
  await staff.page.locator('[data-action="confirm-approve"]').click();
  await waitForText(staff.page.locator('[data-test="approved"]'), '已重新签发1张会员证');
  assert.deepEqual(staff.errors, []);
  await staff.context.close();

  const again = await memberPage('11001', '/member/certificate');
  await waitForText(again.page.locator('#main'), NEW_NAME);
  const list = await members['11001'].call('GET', '/member/certificates');
  assert.equal(list.body.current.name, NEW_NAME);
  assert.equal(list.body.current.version, 2);
  await again.page.goto(`${daemon.baseUrl}/#/member/certificate/change`);
  await waitForRoute(again.page, '/member/certificate/change');
  await again.page.locator('[data-test="change-requests"] [data-status="approved"]').waitFor();
  await waitForText(again.page.locator('[data-fact="name"]'), NEW_NAME);
  assert.deepEqual(again.errors, []);
  await again.context.close();
});

test('(b) 【申请邮寄】 prefilled, marked sent by the desk, and the tracking number shown to the member', async () => {
  const { page, context, errors } = await memberPage('44003');
  await page.locator('[data-menu="certificate_mail"]').click();
  await waitForRoute(page, '/member/certificate/mail');
  await page.locator('[data-action="apply-mail"]').click();
  const recipient = page.locator('[data-field="recipient"] input');
  await recipient.waitFor();
  assert.equal(await recipient.inputValue(), '陈静', 'the contact person comes from the profile');
  assert.match(await page.locator('[data-field="phone"] input').inputValue(), /^139\d{8}$/);
  // The demo profile has no office address: the member is told to fill it in.
  await page.locator('[data-action="submit-mail"]').click();
  await waitForText(page.locator('[data-field="address"] .field-error'), '请填写收件人地址');
  await page.locator('[data-field="address"] input').fill('广东省广州市天河区珠江新城华夏路10号');
  await checkScreens(page, 'cert_requests-mail-form');
  await page.locator('[data-action="submit-mail"]').click();
  await waitForText(page.locator('[data-test="mail-filed"]'), '已提交');
  await page.locator('[data-test="mail-requests"] [data-status="pending"]').waitFor();
  assert.equal(await page.locator('[data-action="apply-mail"]').count(), 0, 'one open request at a time');
  assert.deepEqual(errors, []);

  const desk = await staffPage('desk1', 'Desk123456', 'cert_mail', '/staff/certificate-mail');
  const row = desk.page.locator('.cert-mail-table tbody tr[data-login="44003"]');
  await row.waitFor();
  await waitForText(row, '珠江新城');
  await row.locator('[data-action="mark-sent"]').click();
  await desk.page.locator('.dialog [data-action="confirm-sent"]').click();
  await waitForText(desk.page.locator('.dialog [data-field="courier"] .field-error'), '请填写快递公司');
  await desk.page.locator('.dialog [data-courier="顺丰速运"]').click();
  await desk.page.locator('.dialog [data-field="tracking_no"] input').fill('SF1234567890');
  await checkScreens(desk.page, 'cert_requests-staff-mail-sent');
  await desk.page.locator('.dialog [data-action="confirm-sent"]').click();
  await waitForText(desk.page.locator('[data-test="sent"]'), '寄出');
  assert.deepEqual(desk.errors, []);
  await desk.context.close();

  await page.reload();
  await waitForRoute(page, '/member/certificate/mail');
  await waitForText(page.locator('[data-test="tracking"]'), 'SF1234567890');
  await waitForText(page.locator('[data-test="tracking"]'), '顺丰速运');
  await checkScreens(page, 'cert_requests-mail-sent');
  assert.deepEqual(errors, []);
  await context.close();
});

test('(c) without this year\'s certificate the member is led to 会费缴纳', async () => {
  const { page, context, errors } = await memberPage('31002', '/member/certificate/mail');
  await waitForText(page.locator('#main .mail-form-slot .notice-warning'), `您还没有${YEAR}年度有效的会员证`);
  assert.equal(await page.locator('[data-action="apply-mail"]').count(), 0);
  // 31002 has not paid: the standing notice is the way to 会费缴纳 (the page's own button gives way).
  await page.locator('[data-action="gate-dues"]').click();
  await waitForRoute(page, '/member/dues');
  assert.deepEqual(errors, []);
  await context.close();
});
