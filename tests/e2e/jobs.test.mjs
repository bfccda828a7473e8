// 招聘信息 in the kiosk, against the real daemon:
// (a) agency 11001 writes a posting at 1080×1920 (numbers and phone on the on-screen keyboard,
//     有效期 by a touch button); it is not on the public 招聘信息 page until a reviewer approves it
//     in 招聘信息审核; then it is on /jobs with its detail; the agency edits it and it leaves the
//     public page until approved again;
// (b) the reviewer rejects another posting with a reason, which the agency sees; the agency
//     closes it after a confirmation;
// (c) a posting past its 有效期 is not listed and its detail says it is gone; the agency sees 已过期;
// (d) an attorney opening 招聘信息 in the 会员中心 is told it is for 代理机构 only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  startDaemon, launchBrowser, openKiosk, fillLogin, waitForText, waitForRoute, apiClient, checkScreens,
  closeKeyboard, PORTRAIT, ARTIFACTS,
} from './harness.mjs';

const PW = { '11001': 'Agency2026x', '1100001': 'Attorney2026x' };
const TITLE = '诚聘专利代理师（电学方向）';
const EDITED = '诚聘资深专利代理师（电学方向）';

let daemon;
let browser;
let agency; // API client of 11001
let reviewer; // API client of rev1

const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
const inDays = (n) => new Date(Date.now() + 8 * 3600 * 1000 + n * 86400 * 1000).toISOString().slice(0, 10);

function sql(query) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', path.join(daemon.dir, 'md.db'), query], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3 ${query}: ${r.stderr}`);
  return r.stdout.trim();
}

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  daemon = await startDaemon({ members: 20 });
  await daemon.ctl(['demo-approve', '11001', '1100001']);
  await daemon.ctl(['staff', 'add', 'rev1', '--name', '审核员', '--role', 'reviewer'], { input: 'Review12345\n' });
  browser = await launchBrowser();
  agency = await apiClient(daemon.baseUrl, 'member', '11001', '11001', { newPassword: PW['11001'] });
  await apiClient(daemon.baseUrl, 'member', '1100001', '1100001', { newPassword: PW['1100001'] });
  reviewer = await apiClient(daemon.baseUrl, 'staff', 'rev1', 'Review12345');
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

async function staffPage() {
  const k = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/staff/login?next=%2Fstaff' });
  await fillLogin(k.page, 'rev1', 'Review12345', { idLabel: '工作人员账号' });
  await waitForRoute(k.page, '/staff');
  await k.page.locator('[data-menu="jobs"]').click();
  await waitForRoute(k.page, '/staff/jobs');
  return k;
}

async function publicPage() {
  const k = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT });
  await k.page.locator('[data-tile="jobs"]').click();
  await waitForRoute(k.page, '/jobs');
  await k.page.waitForFunction(() => !document.querySelector('.loading'));
  return k;
}

// Types on the on-screen keyboard into the field `key` of the form.
async function oskType(page, key, text) {
  await page.locator(`[data-field="${key}"] input`).click();
  await page.locator('.osk').waitFor({ state: 'visible' });
  for (const c of text) await page.locator(`.osk [data-key="${c}"]`).click();
}

async function postByApi(title) {
  const r = await agency('POST', '/member/jobs', {
    title, positions: '流程专员', headcount: 1, place: '北京市朝阳区', pay_negotiable: true,
    contact_name: '李娜', contact_phone: '010-62345678', valid_until: inDays(30),
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.job.id;
}

test('(a) written by the agency, public only once approved, off the public page again after an edit', async () => {
  const { page, context, errors } = await memberPage('11001');
  await page.locator('[data-menu="jobs"]').click();
  await waitForRoute(page, '/member/jobs');
  await page.locator('[data-action="new-job"]').waitFor();
  await checkScreens(page, 'jobs-member-empty');
  await page.locator('[data-action="new-job"]').click();
  await waitForRoute(page, '/member/jobs/new');

  // Nothing typed: the server says what is missing, next to each field.
  await page.locator('[data-action="submit-job"]').click();
  await waitForText(page.locator('[data-field="title"] .field-error'), '请填写招聘标题');
  await waitForText(page.locator('[data-field="pay_min"] .field-error'), '或选择面议');
  await waitForText(page.locator('[data-field="valid_until"] .field-error'), '请填写有效期至');
  await checkScreens(page, 'jobs-form-errors');

  await page.locator('[data-field="title"] input').fill(TITLE);
  await page.locator('[data-field="positions"] input').fill('专利代理师（电学）');
  await page.locator('[data-field="place"] input').fill('北京市海淀区');
  await page.locator('[data-field="contact_name"] input').fill('李娜');
  await page.locator('[data-field="requirements"] textarea').fill('理工科本科及以上学历；\n持专利代理师资格证。');
  await oskType(page, 'headcount', '3');
  await oskType(page, 'pay_min', '15000');
  await oskType(page, 'pay_max', '8000');
  await oskType(page, 'contact_phone', '13912345678');
  await closeKeyboard(page);
  await page.locator('[data-field="valid_until"] [data-days="90"]').click();
  assert.equal(await page.locator('[data-field="valid_until"] input').inputValue(), inDays(90));
  await page.locator('[data-action="submit-job"]').click();
  await waitForText(page.locator('[data-field="pay_max"] .field-error'), '最高月薪不能低于最低月薪');
  await page.locator('[data-field="pay_max"] input').fill('');
  await oskType(page, 'pay_max', '25000');
  await closeKeyboard(page);
  await checkScreens(page, 'jobs-form-filled');
  await page.locator('[data-action="submit-job"]').click();
  await waitForRoute(page, '/member/jobs');
  await waitForText(page.locator('[data-test="job-filed"]'), '请等待协会审核');
  const mine = page.locator('[data-test="my-jobs"] [data-status="pending"]');
  await waitForText(mine, TITLE);
  await waitForText(mine, '待审核');
  assert.deepEqual(errors, []);

  // Not public before the review.
  const pub = await publicPage();
  await waitForText(pub.page.locator('#main'), '暂无招聘信息');
  await checkScreens(pub.page, 'jobs-public-empty');

  const staff = await staffPage();
  const row = staff.page.locator('.job-postings-table tbody tr[data-login="11001"]');
  await waitForText(row, TITLE);
  await checkScreens(staff.page, 'jobs-staff-queue');
  await row.locator('[data-action="view"]').click();
  await waitForText(staff.page.locator('.dialog [data-fact="pay"]'), '15,000–25,000元/月');
  await checkScreens(staff.page, 'jobs-staff-view');
  await staff.page.locator('.dialog [data-action="approve"]').click();
  await staff.page.locator('.dialog [data-action="confirm-approve"]').click();
  await waitForText(staff.page.locator('[data-test="approved"]'), '已通过');
  assert.deepEqual(staff.errors, []);

  // Now on the public page, with its detail.
  await pub.page.reload();
  await waitForRoute(pub.page, '/jobs');
  const card = pub.page.locator('.job-card', { hasText: TITLE });
  await card.waitFor();
  await waitForText(card, '北京智诚');
  await checkScreens(pub.page, 'jobs-public-list');
  await card.click();
  await waitForRoute(pub.page, '/jobs/detail');
  await waitForText(pub.page.locator('[data-test="job-title"]'), TITLE);
  await waitForText(pub.page.locator('[data-fact="contact_phone"]'), '13912345678');
  await waitForText(pub.page.locator('[data-fact="requirements"]'), '持专利代理师资格证');
  await checkScreens(pub.page, 'jobs-public-detail');

  // The agency edits it: back to review, gone from the public page.
  await page.reload();
  await waitForRoute(page, '/member/jobs');
  await page.locator('[data-test="my-jobs"] [data-status="approved"]').waitFor();
  await waitForText(page.locator('[data-test="my-jobs"]'), '正在招聘信息页面展示');
  await page.locator('[data-test="my-jobs"] [data-action="edit-job"]').click();
  await waitForRoute(page, '/member/jobs/edit');
  const title = page.locator('[data-field="title"] input');
  await waitForText(page.locator('#main'), '修改后需重新审核');
  assert.equal(await title.inputValue(), TITLE);
  assert.equal(await page.locator('[data-field="pay_max"] input').inputValue(), '25000');
  await title.fill(EDITED);
  await checkScreens(page, 'jobs-form-edit');
  await page.locator('[data-action="submit-job"]').click();
  await waitForRoute(page, '/member/jobs');
  await waitForText(page.locator('[data-test="job-saved"]'), '重新提交审核');
  await waitForText(page.locator('[data-test="my-jobs"] [data-status="pending"]'), EDITED);

  await pub.page.goto(`${daemon.baseUrl}/#/jobs`);
  await pub.page.reload();
  await waitForRoute(pub.page, '/jobs');
  await waitForText(pub.page.locator('#main'), '暂无招聘信息');
  await staff.page.reload();
  await waitForRoute(staff.page, '/staff/jobs');
  const again = staff.page.locator('.job-postings-table tbody tr[data-login="11001"]', { hasText: EDITED });
  await again.locator('[data-action="approve"]').click();
  await staff.page.locator('.dialog [data-action="confirm-approve"]').click();
  await waitForText(staff.page.locator('[data-test="approved"]'), EDITED);
  await pub.page.reload();
  await pub.page.locator('.job-card', { hasText: EDITED }).waitFor();
  assert.deepEqual(pub.errors, []);
  assert.deepEqual(errors, []);
  assert.deepEqual(staff.errors, []);
  await pub.context.close();
  await staff.context.close();
  await context.close();
});

test('(b) a rejection carries a reason the agency sees; the agency closes it after a confirmation', async () => {
  const id = await postByApi('招聘流程专员');
  const staff = await staffPage();
  const row = staff.page.locator(`.job-postings-table tbody tr[data-job="${id}"]`);
  await row.locator('[data-action="reject"]').click();
  await staff.page.locator('.dialog [data-action="confirm-reject"]').click();
  await waitForText(staff.page.locator('.dialog [data-field="reason"] .field-error'), '请填写驳回原因');
  await staff.page.locator('.dialog [data-field="reason"] textarea').fill('请写明岗位的具体工作内容');
  await checkScreens(staff.page, 'jobs-staff-reject');
  await staff.page.locator('.dialog [data-action="confirm-reject"]').click();
  await waitForText(staff.page.locator('[data-test="rejected"]'), '已驳回');
  assert.deepEqual(staff.errors, []);
  await staff.context.close();

  const { page, context, errors } = await memberPage('11001', '/member/jobs');
  const card = page.locator(`[data-test="my-jobs"] [data-job="${id}"]`);
  await waitForText(card, '未通过');
  await waitForText(card.locator('[data-test="reject-reason"]'), '请写明岗位的具体工作内容');
  await checkScreens(page, 'jobs-member-list');
  await card.locator('[data-action="close-job"]').click();
  await waitForText(page.locator('.dialog'), '确定关闭');
  await checkScreens(page, 'jobs-member-close');
  await page.locator('.dialog [data-action="confirm-close"]').click();
  await waitForText(page.locator('[data-test="job-closed"]'), '已关闭');
  await waitForText(page.locator(`[data-test="my-jobs"] [data-job="${id}"]`), '已关闭');
  assert.equal(await page.locator(`[data-job="${id}"] [data-action="edit-job"]`).count(), 0, 'a closed posting cannot be edited');
  assert.deepEqual(errors, []);
  await context.close();
});

test('(c) an expired posting is not listed', async () => {
  const id = await postByApi('已过期的招聘');
  const ok = await reviewer('POST', `/staff/jobs/${id}/approve`, {});
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const live = await postByApi('仍在有效期的招聘');
  assert.equal((await reviewer('POST', `/staff/jobs/${live}/approve`, {})).status, 200);
  sql(`UPDATE job_postings SET valid_until = '${inDays(-1)}' WHERE id = ${Number(id)}`);
  sql(`UPDATE job_postings SET valid_until = '${today()}' WHERE id = ${Number(live)}`);

  const pub = await publicPage();
  await pub.page.locator('.job-card', { hasText: '仍在有效期的招聘' }).waitFor();
  assert.equal(await pub.page.locator('.job-card', { hasText: '已过期的招聘' }).count(), 0);
  await pub.page.goto(`${daemon.baseUrl}/#/jobs/detail?id=${id}`);
  await waitForRoute(pub.page, '/jobs/detail');
  await waitForText(pub.page.locator('#main'), '不存在或已下架');
  await checkScreens(pub.page, 'jobs-public-gone');
  assert.deepEqual(pub.errors, []);
  await pub.context.close();

  const { page, context, errors } = await memberPage('11001', '/member/jobs');
  await waitForText(page.locator(`[data-test="my-jobs"] [data-job="${id}"][data-status="expired"]`), '已过期');
  assert.deepEqual(errors, []);
  await context.close();
});

test('(d) an attorney is told 招聘信息 is for 代理机构 only', async () => {
  const { page, context, errors } = await memberPage('1100001');
  await page.locator('[data-menu="jobs"]').click();
  await waitForRoute(page, '/member/jobs');
  await waitForText(page.locator('[data-test="agency-only"]'), '招聘信息仅限代理机构发布');
  await checkScreens(page, 'jobs-member-not-agency');
  await page.locator('[data-action="to-public"]').click();
  await waitForRoute(page, '/jobs');
  assert.deepEqual(errors, []);
  await context.close();
});
