// 代为填写入会申请 in the kiosk, against the real daemon (1080×1920):
// (a) a reviewer opens a roster attorney's record, 【代为填写入会申请】 leads to the attorney form
//     prefilled from the roster; a 身份证号 that fails only its check character is refused, the field
//     then offers the override; ticked without a reason the reason is asked for; with a reason the
//     application is submitted, audited, and the review detail shows the override;
// (b) a 行业组织 entered from the console's row: a malformed 统一社会信用代码 offers no override;
// (c) a desk staff member has no such row and the server refuses the call.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  startDaemon, launchBrowser, openKiosk, fillLogin, waitForText, waitForRoute, closeKeyboard, apiClient, checkScreens,
  ARTIFACTS, PORTRAIT,
} from './harness.mjs';

let daemon;
let browser;
let rev;

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  daemon = await startDaemon({ members: 20 });
  await daemon.ctl(['staff', 'add', 'rev1', '--name', '审核员', '--role', 'reviewer'], { input: 'Review12345\n' });
  await daemon.ctl(['staff', 'add', 'desk1', '--name', '前台小李', '--role', 'desk'], { input: 'Desk123456\n' });
  browser = await launchBrowser();
  rev = await apiClient(daemon.baseUrl, 'staff', 'rev1', 'Review12345');
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
});

async function staffPage(login, password) {
  const k = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/staff/login?next=%2Fstaff' });
  await fillLogin(k.page, login, password, { idLabel: '工作人员账号' });
  await waitForRoute(k.page, '/staff');
  return k;
}

async function fillForm(page, values) {
  for (const [key, v] of Object.entries(values)) {
    const f = page.locator(`[data-field="${key}"]`);
    if (typeof v === 'object') await f.locator('.choice', { hasText: v.choice }).click();
    else await f.locator('input, textarea').first().fill(v);
  }
  await closeKeyboard(page);
}

test('(a) a reviewer enters a roster attorney\'s paper form and overrides a failing 身份证号 check character with a reason', async () => {
  // A roster attorney who has not applied (the demo seed approves nobody here).
  const found = await rev('GET', '/staff/members?q=1100005');
  assert.equal(found.status, 200, JSON.stringify(found.body));
  const attorney = found.body.items.find((m) => m.login_id === '1100005');
  assert.ok(attorney && attorney.status === 'roster', JSON.stringify(found.body.items));

  const { page, context, errors } = await staffPage('rev1', 'Review12345');
  await page.evaluate((id) => { location.hash = `#/staff/member?id=${id}`; }, attorney.id);
  await waitForText(page.locator('[data-test="record-name"]'), attorney.name);
  await page.locator('[data-action="apply-for"]').click();
  await waitForRoute(page, '/staff/applications/new');
  await waitForText(page.locator('[data-test="applicant"]'), attorney.name);
  assert.equal(await page.locator('[data-field="qualification_no"] input').inputValue(), '1100005');
  assert.equal(await page.locator('[data-override]:visible').count(), 0, 'no override before a check-character failure');
  await checkScreens(page, 'staff-apply-form');

  await fillForm(page, {
    name: attorney.name,
    gender: { choice: '女' },
    id_number: '110105194912310021', // well-formed, last character wrong (…002X is right)
    mobile: '13800138005',
    email: 'zhaolei@example.cn',
    education: { choice: '硕士研究生' },
    major: '化学工程',
  });
  // Without the charter tick nothing is sent.
  await page.locator('[data-action="staff-apply-submit"]').click();
  await waitForText(page.locator('[data-test="staff-apply-message"]'), '请确认申请人已同意协会章程');
  await page.locator('label[for="staff-apply-charter"]').click();

  await page.locator('[data-action="staff-apply-submit"]').click();
  await waitForText(page.locator('[data-field="id_number"] .field-error'), '校验位');
  const box = page.locator('[data-override="id_number"]');
  await box.waitFor({ state: 'visible' });
  assert.equal(await fieldOk(page, 'major'), '化学工程', 'typed values are kept');
  await checkScreens(page, 'staff-apply-check-failed');

  // Ticked without a reason: the server asks for one, next to the reason.
  await box.locator('.agree-label').click();
  await page.locator('[data-action="staff-apply-submit"]').click();
  await waitForText(page.locator('[data-field="id_number_override"] .field-error'), '请填写越过校验位的理由');
  assert.equal((await rev('GET', `/staff/members/${attorney.id}`)).body.applications.length, 0, 'nothing written yet');

  await page.locator('[data-field="id_number_override"] textarea').fill('已核对身份证原件，号码无误');
  await closeKeyboard(page);
  await page.locator('[data-action="staff-apply-submit"]').click();
  await waitForText(page.locator('[data-test="staff-apply-done"]'), '已代为提交');
  await checkScreens(page, 'staff-apply-done');

  // The record now holds a pending application; its detail shows the override with the reason.
  const record = await rev('GET', `/staff/members/${attorney.id}`);
  assert.equal(record.body.applications.length, 1, JSON.stringify(record.body.applications));
  const appId = record.body.applications[0].id;
  const detail = await rev('GET', `/staff/applications/${appId}`);
  assert.equal(detail.status, 200);
  assert.deepEqual(detail.body.application.check_overrides.map((o) => [o.field, o.value, o.reason, o.by]),
    [['id_number', '110105194912310021', '已核对身份证原件，号码无误', 'staff:rev1']]);
  assert.ok(record.body.audit.some((a) => a.action === 'application.check_override'), 'the override is audited');
  await page.evaluate((id) => { location.hash = `#/staff/application?id=${id}`; }, appId);
  await waitForText(page.locator('[data-override="id_number"]'), '已核对身份证原件，号码无误');
  assert.deepEqual(errors, []);
  await context.close();
});

async function fieldOk(page, key) {
  return page.locator(`[data-field="${key}"] input, [data-field="${key}"] textarea`).first().inputValue();
}

test('(b) a malformed 统一社会信用代码 offers no override and a good one goes through', async () => {
  const { page, context, errors } = await staffPage('rev1', 'Review12345');
  await page.locator('[data-menu="apply_for"]').click();
  await waitForRoute(page, '/staff/applications/new');
  await page.locator('[data-type="industry_org"]').click();
  await page.locator('form.apply-form').waitFor();
  await fillForm(page, {
    org_name: '天津市专利代理师协会', uscc: '51120000MJ01234', org_category: { choice: '地方专利代理师协会' },
    address: '天津市和平区南京路100号', head_name: '王刚', contact_name: '李梅', contact_mobile: '13900139001',
    email: 'tjpaa@example.cn',
  });
  await page.locator('label[for="staff-apply-charter"]').click();
  await page.locator('[data-action="staff-apply-submit"]').click();
  await waitForText(page.locator('[data-field="uscc"] .field-error'), '应为18位');
  assert.equal(await page.locator('[data-override="uscc"]').isVisible(), false, 'a malformed code is never overridden');
  // A real code (valid check character) needs no override.
  await page.locator('[data-field="uscc"] input').fill('91110000600037341L');
  await closeKeyboard(page);
  await page.locator('[data-action="staff-apply-submit"]').click();
  await waitForText(page.locator('[data-test="staff-apply-done"]'), '已代为提交');
  assert.deepEqual(errors, []);
  await context.close();
});

test('(c) desk staff have no 代为填写入会申请 and the server refuses it', async () => {
  const { page, context } = await staffPage('desk1', 'Desk123456');
  await page.locator('[data-menu]').first().waitFor();
  assert.equal(await page.locator('[data-menu="apply_for"]').count(), 0);
  await context.close();
  const desk = await apiClient(daemon.baseUrl, 'staff', 'desk1', 'Desk123456');
  const r = await desk('POST', '/staff/applications', { type: 'industry_org', agree_charter: true, fields: {} });
  assert.equal(r.status, 403);
});
