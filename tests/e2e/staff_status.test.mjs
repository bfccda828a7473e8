// 设备状态 and the working-day calendar years (issue 9 items 6 and 7), against the real daemon:
// (a) every staff role has 设备状态; a finance user opens it and sees the version, uptime,
//     database, backup, disk, printer and services, and the warning that this year's calendar
//     is missing (the test removes it, so the check does not depend on today's date);
// (b) the review queue shows the same warning and marks the due date “（估算）”, also in the
//     detail; once the calendars are entered the warning and the mark are gone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  startDaemon, launchBrowser, openKiosk, fillLogin, waitForText, waitForRoute, apiClient, checkScreens,
  PORTRAIT, ARTIFACTS,
} from './harness.mjs';

let daemon;
let browser;
let reviewer;
const year = Number(new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 4));

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  daemon = await startDaemon({ members: 10 });
  await daemon.ctl(['staff', 'add', 'rev1', '--name', '审核员', '--role', 'reviewer'], { input: 'Review12345\n' });
  await daemon.ctl(['staff', 'add', 'fin1', '--name', '财务', '--role', 'finance'], { input: 'Finance12345\n' });
  await daemon.ctl(['staff', 'add', 'desk1', '--name', '前台', '--role', 'desk'], { input: 'Desk123456\n' });
  await daemon.ctl(['backup']);
  browser = await launchBrowser();
  reviewer = await apiClient(daemon.baseUrl, 'staff', 'rev1', 'Review12345');
  // This year's calendar is removed: its due dates become estimates and staff are warned.
  const cal = await reviewer('GET', `/staff/calendar?year=${year}`);
  for (const d of cal.body.days) {
    const r = await reviewer('DELETE', `/staff/calendar/${d.day}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  const res = await fetch(`${daemon.baseUrl}/api/v1/applications/industry_org`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      agree_charter: true,
      fields: {
        org_name: '北京市专利代理师协会', uscc: '911101066976941872', org_category: '地方专利代理师协会',
        address: '北京市西城区复兴门内大街1号', head_name: '孙立', contact_name: '周红',
        contact_mobile: '13900139000', email: 'bjpaa@example.cn',
      },
    }),
  });
  const body = await res.json();
  assert.equal(res.status, 201, JSON.stringify(body));
  assert.equal(body.application.due_date_estimated, true);
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
});

async function staffPage(login, password) {
  const k = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/staff/login' });
  await fillLogin(k.page, login, password, { idLabel: '工作人员账号' });
  await waitForRoute(k.page, '/staff');
  return k;
}

test('(a) 设备状态 for every staff role: the facts and the calendar warning', async () => {
  for (const [login, pw] of [['rev1', 'Review12345'], ['desk1', 'Desk123456'], ['admin1', 'Admin12345']]) {
    const { page, context } = await staffPage(login, pw);
    assert.equal(await page.locator('[data-menu="status"]').count(), 1, `${login} has 设备状态`);
    await context.close();
  }
  const { page, context, errors } = await staffPage('fin1', 'Finance12345');
  await waitForText(page.locator('[data-menu="status"]'), '设备状态');
  await page.locator('[data-menu="status"]').click();
  await waitForRoute(page, '/staff/status');
  await waitForText(page.locator('[data-test="status-system"]'), '软件版本');
  const version = (await (await fetch(`${daemon.baseUrl}/api/v1/health`)).json()).version;
  await waitForText(page.locator('[data-fact="version"] dd'), version);
  await waitForText(page.locator('[data-fact="uptime"] dd'), /分钟|小时|天/);
  await waitForText(page.locator('[data-fact="database"] dd'), /KB|MB/);
  await waitForText(page.locator('[data-fact="backup"] dd'), /memberdesk-.*\.db/);
  await waitForText(page.locator('[data-fact="disk"] dd'), /GB|MB/);
  await waitForText(page.locator('[data-test="status-printer"]'), /kiosk|打印/);
  await waitForText(page.locator('[data-fact="net-wechat"] dd'), '未使用');
  await waitForText(page.locator('[data-fact="net-sms"] dd'), '日志模式');
  await waitForText(page.locator('[data-test="calendar-warning"]'), new RegExp(`^${year}年.*的节假日日历尚未录入`));
  await waitForText(page.locator('[data-test="status-errors"]'), '最近没有错误记录');
  await checkScreens(page, 'staff-status');
  assert.deepEqual(errors, []);
  await context.close();
});

test('(b) the review queue warns and marks estimated due dates until the calendar is entered', async () => {
  const { page, context, errors } = await staffPage('rev1', 'Review12345');
  await page.locator('[data-menu="review"]').click();
  await waitForRoute(page, '/staff/applications');
  await waitForText(page.locator('[data-test="calendar-warning"]'), new RegExp(`^${year}年.*的节假日日历尚未录入`));
  const row = page.locator('.review-table tbody tr').filter({ hasText: '北京市专利代理师协会' });
  await waitForText(row.locator('[data-test="estimated"]'), '（估算）');
  await checkScreens(page, 'staff-review-estimated');
  await row.locator('[data-open]').click();
  await waitForRoute(page, '/staff/application');
  await waitForText(page.locator('[data-fact="due_date"] [data-test="estimated"]'), '（估算）');

  for (const y of [year - 1, year, year + 1]) {
    const r = await reviewer('PUT', `/staff/calendar/${y}-01-01`, { kind: 'holiday', name: '元旦' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  await page.goBack();
  await waitForRoute(page, '/staff/applications');
  await waitForText(page.locator('.review-table'), '北京市专利代理师协会');
  assert.equal(await page.locator('[data-test="calendar-warning"]').count(), 0);
  assert.equal(await page.locator('.review-table [data-test="estimated"]').count(), 0);
  await page.goto(`${daemon.baseUrl}/#/staff/status`);
  await waitForText(page.locator('[data-test="calendar-ok"]'), '已录入');
  assert.deepEqual(errors, []);
  await context.close();
});
