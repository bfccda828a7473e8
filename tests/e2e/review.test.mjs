// Staff review of membership applications: a reviewer approves one (member number shown)
// and rejects another with a reason; the approved industry organisation then logs in with
// its USCC, must change the default password, and finds the approval message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  startDaemon, launchBrowser, openKiosk, fillLogin, changePassword, waitForText, waitForRoute, closeKeyboard,
  PORTRAIT, LANDSCAPE, ARTIFACTS, smallControls,
} from './harness.mjs';

const USCC = '911101066976941872';
let daemon;
let browser;

// Checks the screen in both orientations (no sideways scroll, controls >= 48 px) and
// takes its screenshots; ends in portrait.
async function shot(page, name) {
  for (const [orientation, viewport] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]]) {
    await page.setViewportSize(viewport);
    await page.waitForFunction(() => !document.querySelector('.loading'));
    const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    assert.ok(sw <= iw, `${name} ${orientation}: scrollWidth ${sw} > ${iw}`);
    assert.deepEqual(await smallControls(page), [], `${name} ${orientation}: controls under 48 px`);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${orientation}.png`) });
  }
  await page.setViewportSize(PORTRAIT);
}

async function postJson(p, body) {
  const res = await fetch(`${daemon.baseUrl}/api/v1${p}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

before(async () => {
  daemon = await startDaemon({ members: 40 });
  await daemon.ctl(['staff', 'add', 'rev1', '--name', '审核员', '--role', 'reviewer'], { input: 'Review12345\n' });
  browser = await launchBrowser();
  const org = await postJson('/applications/industry_org', {
    agree_charter: true,
    fields: {
      org_name: '北京市专利代理师协会', uscc: USCC, org_category: '地方专利代理师协会', address: '北京市西城区复兴门内大街1号',
      head_name: '孙立', contact_name: '周红', contact_mobile: '13900139000', email: 'bjpaa@example.cn',
    },
  });
  assert.equal(org.status, 201, JSON.stringify(org.body));
  const np = await postJson('/applications/non_practicing', {
    agree_charter: true,
    fields: {
      name: '李明', id_number: '11010519491231002X', qualification_no: '1100099', mobile: '13800138000',
      employer: '某科技有限公司', email: 'liming@example.cn',
    },
  });
  assert.equal(np.status, 201, JSON.stringify(np.body));
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
});

test('reviewer approves one application and rejects another with a reason', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/staff/login' });
  await fillLogin(page, 'rev1', 'Review12345', { idLabel: '工作人员账号' });
  await waitForRoute(page, '/staff');
  await waitForText(page.locator('[data-fact="role"] dd'), '审核员');
  await page.locator('[data-menu="review"]').click();
  await waitForRoute(page, '/staff/applications');

  // The queue shows both, 待审核 selected.
  const rows = page.locator('.review-table tbody tr');
  await waitForText(page.locator('.review-table'), '北京市专利代理师协会');
  assert.equal(await rows.count(), 2);
  assert.equal(await page.locator('[data-status="submitted"][aria-pressed="true"]').count(), 1);
  await waitForText(rows.filter({ hasText: '李明' }), '待审核');
  await shot(page, 'review-queue');

  // Type filter.
  await page.locator('.filter-row [data-type="industry_org"]').click();
  await page.waitForFunction(() => document.querySelectorAll('.review-table tbody tr').length === 1);
  await waitForText(rows, '北京市专利代理师协会');
  await page.locator('.filter-row [data-type="all"]').click();
  await page.waitForFunction(() => document.querySelectorAll('.review-table tbody tr').length === 2);

  // Approve the industry organisation (with confirmation).
  await rows.filter({ hasText: '北京市专利代理师协会' }).locator('[data-open]').click();
  await waitForRoute(page, '/staff/application');
  await waitForText(page.locator('[data-fact="uscc"] dd'), USCC);
  await waitForText(page.locator('[data-fact="org_category"] dt'), '组织类别');
  await shot(page, 'review-detail');
  await page.locator('[data-action="approve"]').click();
  await waitForText(page.locator('.dialog-title'), '确认通过');
  await shot(page, 'review-approve-dialog');
  await page.locator('[data-action="confirm-approve"]').click();
  const approved = await waitForText(page.locator('[data-test="approved"]'), /会员编号：H\d{10}/);
  assert.match(approved, new RegExp(`登录账号：${USCC}`));
  await waitForText(page.locator('[data-fact="status"] dd'), '已通过');
  assert.equal(await page.locator('[data-action="approve"]').count(), 0);

  // Back in the queue only the other one is waiting.
  await page.locator('[data-nav="back"]').click();
  await waitForRoute(page, '/staff/applications');
  await page.waitForFunction(() => document.querySelectorAll('.review-table tbody tr').length === 1);
  await waitForText(rows, '李明');

  // Reject it: the reason is required (the server's message shows in the dialog).
  await rows.locator('[data-open]').click();
  await waitForRoute(page, '/staff/application');
  await page.locator('[data-action="reject"]').click();
  await page.locator('[data-action="confirm-reject"]').click();
  await waitForText(page.locator('.dialog [data-field="reason"] .field-error'), /\S/);
  await shot(page, 'review-reject-dialog');
  await page.getByLabel('退回原因', { exact: true }).fill('资格证号与身份证号不一致，请核对后重新提交。');
  await page.locator('[data-action="confirm-reject"]').click();
  await waitForText(page.locator('[data-test="rejected"]'), '已退回');
  await waitForText(page.locator('[data-fact="reject_reason"] dd'), '资格证号与身份证号不一致');

  // The queue's 全部 shows both decisions.
  await page.locator('[data-nav="back"]').click();
  await waitForRoute(page, '/staff/applications');
  await page.locator('.filter-row [data-status="all"]').click();
  await page.waitForFunction(() => document.querySelectorAll('.review-table tbody tr').length === 2);
  await waitForText(rows.filter({ hasText: '北京市专利代理师协会' }), '已通过');
  await waitForText(rows.filter({ hasText: '李明' }), '已退回');
  await shot(page, 'review-queue-all');
  assert.deepEqual(errors, []);
  await context.close();
});

test('reviewer edits the work calendar', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/staff/login' });
  await fillLogin(page, 'rev1', 'Review12345', { idLabel: '工作人员账号' });
  await waitForRoute(page, '/staff');
  await page.locator('[data-menu="calendar"]').click();
  await waitForRoute(page, '/staff/calendar');
  await page.waitForSelector('.cal-table, .cal-list .empty-state');
  const year = await page.evaluate(() => new Date().getFullYear());
  const day = `${year}-08-17`;
  await page.locator('[data-field="day"] input').fill(day);
  await page.locator('[data-kind="holiday"]').click();
  await page.getByLabel('名称', { exact: true }).fill('测试假日');
  await closeKeyboard(page);
  await page.getByRole('button', { name: '保存' }).click();
  await waitForText(page.locator(`.cal-table tr[data-day="${day}"]`), '节假日');
  await waitForText(page.locator(`.cal-table tr[data-day="${day}"]`), '测试假日');
  await shot(page, 'calendar');
  await page.locator(`[data-remove="${day}"]`).click();
  await page.locator('[data-action="confirm-remove"]').click();
  await page.waitForFunction((d) => !document.querySelector(`.cal-table tr[data-day="${d}"]`) && !document.querySelector('.loading'), day);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the approved industry org logs in with its USCC, must change the password, sees the approval', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/login' });
  await fillLogin(page, USCC, USCC);
  await waitForRoute(page, '/password');
  await waitForText(page.locator('.page-title'), '请先修改默认密码');
  await changePassword(page, USCC, 'Bjpaa2026x');
  await waitForRoute(page, '/member');
  await waitForText(page.locator('.member-name'), '北京市专利代理师协会');
  // The approval left an unread member message: counted on 会员消息.
  await waitForText(page.locator('[data-menu="messages"] [data-test="unread-badge"]'), /^[1-9]/);
  await shot(page, 'member-center');

  await page.locator('[data-menu="application"]').click();
  await waitForRoute(page, '/member/application');
  const text = await waitForText(page.locator('[data-test="approved-text"]'), /审核通过/);
  assert.match(text, /H\d{10}/);
  await shot(page, 'member-application-approved');
  await page.getByRole('button', { name: '缴纳会费入口' }).click();
  // 【缴纳会费入口】 leads to 选择缴费年份 (issue 6); this member is approved but has not paid.
  await waitForRoute(page, '/member/dues');
  await waitForText(page.locator('.page-title'), '选择缴费年份');

  await page.locator('[data-nav="back"]').click();
  await waitForRoute(page, '/member/application');
  await page.locator('[data-nav="back"]').click();
  await waitForRoute(page, '/member');
  await page.locator('[data-menu="messages"]').click();
  await waitForRoute(page, '/member/messages');
  const unread = page.locator('.msg-item.is-unread');
  await unread.first().waitFor();
  const before = await unread.count();
  assert.ok(before >= 1);
  await shot(page, 'member-messages');
  const first = unread.first();
  const idOf = await first.getAttribute('data-msg');
  await first.locator('.msg-head').click();
  await page.locator(`[data-msg="${idOf}"] .msg-body`).waitFor({ state: 'visible' });
  assert.equal(await page.locator('.msg-item.is-unread').count(), before - 1);
  // The server took the read mark.
  await page.waitForFunction(async (id) => {
    const r = await fetch('/api/v1/member/messages').then((x) => x.json());
    return r.items.find((m) => String(m.id) === id)?.unread === false;
  }, idOf);
  assert.deepEqual(errors, []);
  await context.close();
});

// A small API client with its own cookie and CSRF token.
async function apiSession(kind, loginId, password) {
  let cookie = '';
  let csrf = '';
  const call = async (method, p, body) => {
    const headers = { 'Content-Type': 'application/json' };
    if (cookie) headers.Cookie = cookie;
    if (csrf && method !== 'GET') headers['X-CSRF-Token'] = csrf;
    const res = await fetch(`${daemon.baseUrl}/api/v1${p}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    return { status: res.status, body: await res.json().catch(() => null) };
  };
  const r = await call('POST', '/auth/login', { kind, login_id: loginId, password });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  csrf = r.body.session.csrf;
  return call;
}

test('a rejected agency sees the reason in 入会申请, corrects the prefilled form and resubmits', async () => {
  // Agency 31002 applies (through the API), the reviewer rejects it.
  const agency = await apiSession('member', '31002', '31002');
  assert.equal((await agency('POST', '/auth/password', { old_password: '31002', new_password: 'Shanghai2026x' })).status, 200);
  const sub = await agency('POST', '/applications/agency', {
    agree_charter: true,
    fields: {
      org_name: '上海华东知识产权代理有限公司', uscc: '91110000101623741K', org_form: '有限责任公司', founded_on: '2010-03-15',
      registered_address: '上海市浦东新区世纪大道100号', office_address: '上海市浦东新区世纪大道100号', head_name: '吴刚',
      head_mobile: '13800138000', contact_name: '郑丽', contact_mobile: '13900139000', email: 'hd@example.cn', attorney_count: '3',
    },
  });
  assert.equal(sub.status, 201, JSON.stringify(sub.body));
  const rev = await apiSession('staff', 'rev1', 'Review12345');
  const rej = await rev('POST', `/staff/applications/${sub.body.application.id}/reject`, { reason: '执业专利代理师人数与备案不符，请核实。' });
  assert.equal(rej.status, 200, JSON.stringify(rej.body));

  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/login' });
  await fillLogin(page, '31002', 'Shanghai2026x');
  await waitForRoute(page, '/member');
  await page.locator('[data-menu="application"]').click();
  await waitForRoute(page, '/member/application');
  await waitForText(page.locator('[data-test="reject-reason"]'), '执业专利代理师人数与备案不符，请核实。');
  await shot(page, 'member-application-rejected');
  await page.locator('.agree-label').click();
  await page.locator('[data-action="agree"]').click();
  await page.waitForSelector('form.apply-form');
  // The reason stays above the form; the last application's values are filled in.
  await waitForText(page.locator('[data-test="reject-reason"]'), '退回原因');
  assert.equal(await page.locator('[data-field="head_name"] input').inputValue(), '吴刚');
  assert.equal(await page.locator('[data-field="org_form"] input[value="有限责任公司"]').isChecked(), true);
  await page.locator('[data-field="attorney_count"] input').fill('5');
  await closeKeyboard(page);
  await page.getByRole('button', { name: '提交申请' }).click();
  await waitForText(page.locator('[data-test="apply-success"]'), '您的入会申请已经提交成功，协会将在5个工作日内进行反馈，请注意查收手机短信！');
  assert.deepEqual(errors, []);
  await context.close();
});

test('admin edits the charter, publishes a member message and reads the SMS outbox', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/staff/login' });
  await fillLogin(page, 'admin1', 'Admin12345', { idLabel: '工作人员账号' });
  await waitForRoute(page, '/staff');
  for (const key of ['review', 'calendar', 'charter', 'messages', 'sms']) await page.locator(`[data-menu="${key}"]`).waitFor();
  await shot(page, 'staff-console-admin');

  // 章程编辑
  await page.locator('[data-menu="charter"]').click();
  await waitForRoute(page, '/staff/charter');
  const body = page.getByLabel('正文', { exact: true });
  await body.waitFor();
  const old = await body.inputValue();
  assert.match(old, /第一章/);
  await body.fill(`${old}\n第十条 本章程经会员代表大会表决通过后生效。`);
  await page.getByRole('button', { name: '保存章程' }).click();
  await waitForText(page.locator('[data-test="saved"]'), '章程已保存');
  const charter = await (await fetch(`${daemon.baseUrl}/api/v1/content/pages/charter`)).json();
  assert.match(charter.body, /第十条 本章程经会员代表大会表决通过后生效。/);

  // 发布会员消息 (to 行业组织): the approved industry org sees it.
  await page.locator('[data-nav="back"]').click();
  await waitForRoute(page, '/staff');
  await page.locator('[data-menu="messages"]').click();
  await waitForRoute(page, '/staff/message');
  await page.locator('[data-audience="type"]').click();
  await page.locator('.chips [data-type="industry_org"]').click();
  await page.getByLabel('消息标题', { exact: true }).fill('2027年度会费缴纳通知');
  await page.getByLabel('消息内容', { exact: true }).fill('请各行业组织会员于12月31日前缴纳2027年度会费。');
  await shot(page, 'staff-message');
  await page.getByRole('button', { name: '发布' }).click();
  await waitForText(page.locator('[data-test="published"]'), '消息已发布');

  // 短信发件箱: the approval and submission SMS are listed.
  await page.locator('[data-nav="back"]').click();
  await page.locator('[data-menu="sms"]').click();
  await waitForRoute(page, '/staff/sms');
  await page.locator('.sms-table tbody tr').first().waitFor();
  await waitForText(page.locator('.sms-table'), '13900139000');
  await shot(page, 'staff-sms');
  assert.deepEqual(errors, []);
  await context.close();

  const member = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/login' });
  await fillLogin(member.page, USCC, 'Bjpaa2026x');
  await waitForRoute(member.page, '/member');
  await member.page.locator('[data-menu="messages"]').click();
  await waitForRoute(member.page, '/member/messages');
  await waitForText(member.page.locator('.msg-list'), '2027年度会费缴纳通知');
  assert.deepEqual(member.errors, []);
  await member.context.close();
});
