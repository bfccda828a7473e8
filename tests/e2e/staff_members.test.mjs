// 会员查询: a reviewer types part of an attorney's Chinese name into the search field, opens the
// attorney's whole record, and moves the attorney to another agency with a reason (first
// without one: the reason's message shows next to the field). Portrait 1080×1920.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  startDaemon, launchBrowser, openKiosk, fillLogin, waitForText, waitForRoute, closeKeyboard, apiClient,
  ARTIFACTS, smallControls,
} from './harness.mjs';

let daemon;
let browser;

async function shot(page, name) {
  await page.waitForFunction(() => !document.querySelector('.loading'));
  const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
  assert.ok(sw <= iw, `${name}: scrollWidth ${sw} > ${iw}`);
  assert.deepEqual(await smallControls(page), [], `${name}: controls under 48 px`);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-portrait.png`), fullPage: true });
}

before(async () => {
  daemon = await startDaemon({ members: 40 });
  await daemon.ctl(['staff', 'add', 'rev1', '--name', '审核员', '--role', 'reviewer'], { input: 'Review12345\n' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
});

test('reviewer finds an attorney by a Chinese name part opens the record and changes the agency', async () => {
  const api = await apiClient(daemon.baseUrl, 'staff', 'rev1', 'Review12345');
  const attorneys = await api('GET', '/staff/members?type=attorney&page_size=100');
  const attorney = attorneys.body.items.find((m) => m.agency);
  assert.ok(attorney, 'the demo data has an attorney with an agency');
  const agencies = await api('GET', '/staff/members?type=agency&page_size=100');
  const target = agencies.body.items.find((a) => a.id !== attorney.agency.id);
  assert.ok(target);

  const { page, errors } = await openKiosk(browser, daemon.baseUrl, { route: '/staff/login', viewport: { width: 1080, height: 1920 } });
  await fillLogin(page, 'rev1', 'Review12345', { idLabel: '工作人员账号' });
  await waitForRoute(page, '/staff');
  await page.locator('[data-menu="members"]').click();
  await waitForRoute(page, '/staff/members');

  // Type the surname and given name's first character, as a desk user would.
  const part = [...attorney.name].slice(0, 2).join('');
  await page.getByLabel('查询内容', { exact: true }).fill(part);
  await closeKeyboard(page);
  await page.locator('[data-action="search"]').click();
  const row = page.locator(`.members-table tbody tr[data-member="${attorney.login_id}"]`);
  await waitForText(row, attorney.name);
  await shot(page, 'staff-members-search');

  await row.locator('[data-open]').click();
  await waitForRoute(page, '/staff/member');
  await waitForText(page.locator('[data-test="record-name"]'), attorney.name);
  await waitForText(page.locator('[data-fact="login_id"] dd'), attorney.login_id);
  await waitForText(page.locator('[data-fact="agency"] dd'), attorney.agency.name);
  assert.equal(await page.locator('[data-section="certificates"] [data-action="certificates"]').count(), 1);
  await shot(page, 'staff-member-record');

  // Find the new agency by its 机构代码 and pick it; no reason yet.
  await page.getByLabel('新的执业机构', { exact: true }).fill(target.login_id);
  await closeKeyboard(page);
  await page.locator('[data-action="find-agency"]').click();
  await page.locator(`[data-agency="${target.login_id}"]`).click();
  await waitForText(page.locator('[data-test="picked"]'), target.name);
  await page.locator('[data-action="change-agency"]').click();
  await waitForText(page.locator('[data-field="reason"] .field-error'), '请填写变更理由');
  await shot(page, 'staff-member-agency-reason');

  await page.locator('#agency-reason').fill('执业机构变更备案');
  await page.locator('[data-action="change-agency"]').click();
  await waitForText(page.locator('[data-test="agency-changed"]'), target.name);
  // The record reloads with the new agency and the change in its audit trail.
  await waitForText(page.locator('[data-fact="agency"] dd'), target.name);
  await waitForText(page.locator('[data-section="audit"]'), '变更执业机构');
  await shot(page, 'staff-member-agency-changed');

  const after = await api('GET', `/staff/members/${attorney.id}`);
  assert.equal(after.body.member.agency.id, target.id);
  assert.deepEqual(errors, []);
});

test('the review detail shows a check-character override staff accepted with its reason', async () => {
  const api = await apiClient(daemon.baseUrl, 'staff', 'rev1', 'Review12345');
  // 91110000600037341L is valid; its last character changed fails only the check character.
  const entered = await api('POST', '/staff/applications', {
    type: 'industry_org', agree_charter: true,
    fields: {
      org_name: '北京市专利代理师协会', uscc: '91110000600037341M', org_category: '地方专利代理师协会', address: '北京市西城区复兴门内大街1号',
      head_name: '孙立', contact_name: '周红', contact_mobile: '13900139000', email: 'bjpaa@example.cn',
    },
    check_overrides: { uscc: '营业执照原件核对无误' },
  });
  assert.equal(entered.status, 201, JSON.stringify(entered.body));
  const { page, errors } = await openKiosk(browser, daemon.baseUrl, { route: '/staff/login', viewport: { width: 1080, height: 1920 } });
  await fillLogin(page, 'rev1', 'Review12345', { idLabel: '工作人员账号' });
  await waitForRoute(page, '/staff');
  await page.evaluate((id) => { location.hash = `#/staff/application?id=${id}`; }, entered.body.application.id);
  const line = await waitForText(page.locator('[data-override="uscc"]'), '营业执照原件核对无误');
  assert.match(line, /统一社会信用代码：91110000600037341M/);
  await shot(page, 'staff-review-check-override');
  assert.deepEqual(errors, []);
});
