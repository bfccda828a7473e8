// 培训班管理 in the staff console, against the real daemon:
// (a) a reviewer creates a class (the server's field errors at the fields first), imports a
//     registrations CSV with one bad line (the preview names the line, nothing is written), then
//     the fixed file, and sees the rows; imports scores; edits the class;
// (b) applying a file the server refuses (422 import_rejected) shows the report it sends;
// (c) the class list pages;
// (d) desk and finance staff get no 培训班管理 row, and a clear 无权限 message on the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  startDaemon, launchBrowser, openKiosk, fillLogin, waitForText, waitForRoute, apiClient, checkScreens,
  PORTRAIT, ARTIFACTS,
} from './harness.mjs';

const REG_HEADER = '资格证号,姓名,报名日期,报名状态';
const REG_BAD = `${REG_HEADER}\r\n1100001,张伟,2026-03-01,已报名\r\n1100002,王五,2026-03-02,已确认\r\n`;
const REG_GOOD = `${REG_HEADER}\r\n1100001,张伟,2026-03-01,已报名\r\n1100002,王芳,2026-03-02,已确认\r\n`;
const SCORES = '资格证号,姓名,成绩,考试结果,考试日期\n1100001,张伟,85.5,合格,2026-03-20\n1100002,王芳,59,不合格,2026-03-20\n';
const CLASS_NAME = '2026年第一期专利代理实务培训班';
const STAFF = {
  rev1: ['审核员', 'reviewer', 'Review12345'],
  desk1: ['前台小李', 'desk', 'Desk123456'],
  fin1: ['财务小王', 'finance', 'Finance12345'],
};

let daemon;
let browser;
let rev; // the reviewer's API session, to check what was written

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  daemon = await startDaemon({ members: 20 });
  for (const [login, [name, role, pw]] of Object.entries(STAFF)) {
    await daemon.ctl(['staff', 'add', login, '--name', name, '--role', role], { input: `${pw}\n` });
  }
  browser = await launchBrowser();
  rev = await apiClient(daemon.baseUrl, 'staff', 'rev1', STAFF.rev1[2]);
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
});

async function staffPage(login) {
  const k = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/staff/login?next=%2Fstaff' });
  await fillLogin(k.page, login, STAFF[login][2], { idLabel: '工作人员账号' });
  await waitForRoute(k.page, '/staff');
  return k;
}

const csvFile = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

async function classIdOf(page) {
  return page.evaluate(() => new URLSearchParams(location.hash.split('?')[1]).get('id'));
}

test('(a) a reviewer creates a class, imports registrations (a bad line first) and scores, and edits it', async () => {
  const { page, context, errors } = await staffPage('rev1');
  await page.locator('[data-menu="training"]').click();
  await waitForRoute(page, '/staff/training');
  await waitForText(page.locator('#main .empty-state'), '还没有培训班');
  await page.locator('[data-action="create-class"]').click();
  await waitForRoute(page, '/staff/training/form');

  // The server's field errors, each at its field.
  await page.locator('[data-field="start_date"] input').fill('2026-03-12');
  await page.locator('[data-field="end_date"] input').fill('2026-03-10');
  await page.locator('[data-field="hours"] input').fill('0');
  await page.locator('[data-action="save-class"]').click();
  await waitForText(page.locator('[data-field="name"] .field-error'), '请填写培训班名称');
  await waitForText(page.locator('[data-field="end_date"] .field-error'), '结束日期不能早于开始日期');
  await waitForText(page.locator('[data-field="hours"] .field-error'), '学时应为1至1000之间的整数');
  await waitForText(page.locator('[data-field="place"] .field-error'), '请填写培训地点');
  await checkScreens(page, 'staff_training-form-errors');

  await page.locator('[data-field="name"] input').fill(CLASS_NAME);
  await page.locator('[data-field="start_date"] input').fill('2026-03-10');
  await page.locator('[data-field="end_date"] input').fill('2026-03-12');
  await page.locator('[data-field="place"] input').fill('北京市海淀区');
  await page.locator('[data-field="hours"] input').fill('24');
  await page.locator('[data-action="save-class"]').click();
  await waitForRoute(page, '/staff/training/class');
  await waitForText(page.locator('[data-test="saved"]'), `已新建培训班“${CLASS_NAME}”`);
  await waitForText(page.locator('#main .page-title'), CLASS_NAME);
  await waitForText(page.locator('[data-fact="dates"]'), '2026-03-10 至 2026-03-12');
  await waitForText(page.locator('[data-fact="hours"]'), '24学时');
  await waitForText(page.locator('[data-fact="registrations"]'), '0人');
  const id = await classIdOf(page);
  const reg = page.locator('[data-kind="registrations"]');
  await waitForText(reg.locator('[data-test="header"]'), REG_HEADER);
  await waitForText(page.locator('[data-kind="scores"] [data-test="header"]'), '资格证号,姓名,成绩,考试结果,考试日期');

  // 【预览】 with nothing chosen, and a file that is not UTF-8 (GBK bytes), are refused here.
  await reg.locator('[data-action="preview-registrations"]').click();
  await waitForText(reg.locator('.form-message'), '请先选择要导入的CSV文件');
  await reg.locator('[data-file="registrations"]').setInputFiles({ name: 'gbk.csv', mimeType: 'text/csv', buffer: Buffer.from([0xd7, 0xca, 0xb8, 0xf1, 0xd6, 0xa4, 0xba, 0xc5, 0x0a]) });
  await waitForText(reg.locator('.form-message'), '另存为“CSV UTF-8”');

  // One bad line: the preview names it, 【确认导入】 stays off, nothing is written.
  await reg.locator('[data-file="registrations"]').setInputFiles(csvFile('报名-有误.csv', REG_BAD));
  await waitForText(reg.locator('[data-test="file-info"]'), '报名-有误.csv');
  await reg.locator('[data-action="preview-registrations"]').click();
  const bad = reg.locator('.training-problems tbody tr[data-line="3"]');
  await waitForText(bad, '姓名“王五”与资格证号 1100002 登记的姓名不一致');
  await waitForText(bad, '第3行');
  await waitForText(reg.locator('[data-test="has-problems"]'), '文件有1处错误，未写入任何数据');
  await waitForText(reg.locator('[data-count="rows"]'), '无误的行 1');
  assert.equal(await reg.locator('.training-problems tbody tr').count(), 1);
  assert.ok(await reg.locator('[data-action="apply-registrations"]').isDisabled(), 'no import with problems');
  await reg.locator('[data-test="registrations-report"]').scrollIntoViewIfNeeded();
  await checkScreens(page, 'staff_training-preview-problem');
  const none = await rev('GET', `/staff/training/classes/${id}/registrations`);
  assert.equal(none.status, 200);
  assert.equal(none.body.total, 0, 'a preview writes nothing');

  // The fixed file: a clean preview, then 【确认导入】.
  await reg.locator('[data-file="registrations"]').setInputFiles(csvFile('报名.csv', REG_GOOD));
  await waitForText(reg.locator('[data-test="file-info"]'), '报名.csv');
  assert.equal(await reg.locator('[data-test="has-problems"]').count(), 0, 'a new file clears the old report');
  await reg.locator('[data-action="preview-registrations"]').click();
  await waitForText(reg.locator('[data-test="preview-ok"]'), '预览无误');
  await waitForText(reg.locator('[data-count="created"]'), '新增 2');
  assert.equal((await rev('GET', `/staff/training/classes/${id}/registrations`)).body.total, 0);
  await reg.locator('[data-action="apply-registrations"]').click();
  await waitForText(reg.locator('[data-test="applied"]'), '导入完成：新增2条，更新0条，不变0条');
  const row = reg.locator('[data-test="registrations-rows"] tbody tr[data-login="1100002"]');
  await waitForText(row, '王芳');
  await waitForText(row, '已确认');
  await waitForText(reg.locator('[data-test="registrations-rows"] tbody tr[data-login="1100001"]'), '已报名');
  await waitForText(page.locator('[data-fact="registrations"]'), '2人');
  assert.ok(await reg.locator('[data-action="apply-registrations"]').isDisabled(), 'an applied file is not applied twice');
  const written = await rev('GET', `/staff/training/classes/${id}/registrations`);
  assert.equal(written.body.total, 2);
  assert.deepEqual(written.body.items.map((r) => r.attorney.login_id).sort(), ['1100001', '1100002']);
  await checkScreens(page, 'staff_training-registrations');

  // Importing again updates the changed line and counts the unchanged one.
  await reg.locator('[data-file="registrations"]').setInputFiles(csvFile('报名-更新.csv', REG_GOOD.replace('2026-03-01,已报名', '2026-03-01,已取消')));
  await reg.locator('[data-action="preview-registrations"]').click();
  await waitForText(reg.locator('[data-test="preview-ok"]'), '预览无误');
  await waitForText(reg.locator('[data-count="updated"]'), '更新 1');
  await waitForText(reg.locator('[data-count="unchanged"]'), '不变 1');
  await reg.locator('[data-action="apply-registrations"]').click();
  await waitForText(reg.locator('[data-test="applied"]'), '新增0条，更新1条，不变1条');
  await waitForText(reg.locator('[data-test="registrations-rows"] tbody tr[data-login="1100001"]'), '已取消');
  await reg.locator('[data-action="preview-registrations"]').click();
  await waitForText(reg.locator('.form-message.is-shown'), '请先选择要导入的CSV文件'); // the applied file is spent

  // Scores.
  const sc = page.locator('[data-kind="scores"]');
  await sc.locator('[data-file="scores"]').setInputFiles(csvFile('成绩.csv', SCORES));
  await sc.locator('[data-action="preview-scores"]').click();
  await waitForText(sc.locator('[data-test="preview-ok"]'), '预览无误');
  await sc.locator('[data-action="apply-scores"]').click();
  await waitForText(sc.locator('[data-test="applied"]'), '新增2条');
  const s1 = sc.locator('[data-test="scores-rows"] tbody tr[data-login="1100001"]');
  await waitForText(s1, '85.5');
  await waitForText(s1, '合格');
  await waitForText(sc.locator('[data-test="scores-rows"] tbody tr[data-login="1100002"]'), '不合格');
  await waitForText(page.locator('[data-fact="scores"]'), '2条');
  const scores = await rev('GET', `/staff/training/classes/${id}/scores`);
  assert.equal(scores.body.total, 2);
  await checkScreens(page, 'staff_training-scores');

  // Edit: the form comes filled in; the class page shows the change.
  await page.locator('[data-action="edit-class"]').click();
  await waitForRoute(page, '/staff/training/form');
  const place = page.locator('[data-field="place"] input');
  await waitForText(page.locator('#main .page-title'), '修改培训班');
  await page.waitForFunction(() => document.querySelector('[data-field="place"] input')?.value === '北京市海淀区');
  assert.equal(await page.locator('[data-field="hours"] input').inputValue(), '24');
  await place.fill('上海市浦东新区');
  await page.locator('[data-action="save-class"]').click();
  await waitForRoute(page, '/staff/training/class');
  await waitForText(page.locator('[data-test="saved"]'), '已保存');
  await waitForText(page.locator('[data-fact="place"]'), '上海市浦东新区');
  await waitForText(page.locator('[data-fact="updated"]'), 'rev1');

  // 【返回】 leads back through the class list.
  await page.locator('[data-nav="back"]').click();
  await waitForRoute(page, '/staff/training');
  await waitForText(page.locator('.training-table tbody tr'), CLASS_NAME);
  await waitForText(page.locator('.training-table tbody tr'), '上海市浦东新区');
  await checkScreens(page, 'staff_training-list');
  assert.deepEqual(errors, []);
  await context.close();
});

test('(b) a file the server refuses on 【确认导入】 shows the report of error.report', async () => {
  const created = await rev('POST', '/staff/training/classes', { name: '2026年专利代理师继续教育', start_date: '2026-05-10', end_date: '2026-05-10', place: '北京', hours: 8 });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.class.id;
  const { page, context, errors } = await staffPage('rev1');
  await page.goto(`${daemon.baseUrl}/#/staff/training/class?id=${id}`);
  await waitForRoute(page, '/staff/training/class');
  const reg = page.locator('[data-kind="registrations"]');
  await reg.locator('[data-file="registrations"]').setInputFiles(csvFile('报名.csv', REG_GOOD));
  await reg.locator('[data-action="preview-registrations"]').click();
  await waitForText(reg.locator('[data-test="preview-ok"]'), '预览无误');
  // The roster changed between the preview and the apply. The test cannot make that happen in
  // the daemon, so the apply's answer is replaced by the 422 the server sends then.
  const message = '资格证号 1100002 不是已登记的专利代理师';
  const report = { ok: false, applied: false, rows: 1, created: 1, updated: 0, unchanged: 0, problems: [{ line: 3, message }] };
  await page.route('**/registrations/import', (r) => r.fulfill({
    status: 422, contentType: 'application/json',
    body: JSON.stringify({ error: { code: 'import_rejected', message: '文件有1处错误，未导入任何数据', report } }),
  }));
  await reg.locator('[data-action="apply-registrations"]').click();
  await waitForText(reg.locator('[data-test="rejected"]'), '文件有1处错误，未导入任何数据');
  await waitForText(reg.locator('.training-problems tbody tr[data-line="3"]'), message);
  await waitForText(reg.locator('.training-report .card-title'), '导入结果');
  assert.ok(await reg.locator('[data-action="apply-registrations"]').isDisabled());
  assert.equal(await reg.locator('[data-test="has-problems"], [data-test="preview-ok"]').count(), 0, 'one summary: the refusal');
  await reg.locator('[data-test="registrations-report"]').scrollIntoViewIfNeeded();
  await checkScreens(page, 'staff_training-rejected');
  await page.unroute('**/registrations/import');
  assert.equal((await rev('GET', `/staff/training/classes/${id}/registrations`)).body.total, 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('(c) the class list is paged', async () => {
  const before = (await rev('GET', '/staff/training/classes')).body.total;
  for (let i = before; i < 21; i += 1) {
    const r = await rev('POST', '/staff/training/classes', { name: `2025年第${i + 1}期实务培训`, start_date: '2025-01-05', end_date: '2025-01-06', place: '北京', hours: 12 });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const { page, context, errors } = await staffPage('rev1');
  await page.locator('[data-menu="training"]').click();
  await waitForRoute(page, '/staff/training');
  await waitForText(page.locator('.pager-info'), '第1/2页');
  assert.equal(await page.locator('.training-table tbody tr').count(), 20);
  await page.getByRole('button', { name: '下一页' }).click();
  await waitForText(page.locator('.pager-info'), '第2/2页');
  assert.equal(await page.locator('.training-table tbody tr').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('(d) desk and finance staff have no 培训班管理 and are told 无权限', async () => {
  for (const login of ['desk1', 'fin1']) {
    const { page, context, errors } = await staffPage(login);
    await page.locator('.staff-menu .menu-item').first().waitFor();
    assert.equal(await page.locator('[data-menu="training"]').count(), 0, `${login}: no 培训班管理 row`);
    for (const r of ['/staff/training', '/staff/training/form', '/staff/training/class?id=1']) {
      await page.goto(`${daemon.baseUrl}/#${r}`);
      await waitForRoute(page, r.split('?')[0]);
      await waitForText(page.locator('[data-test="forbidden"]'), '无权限');
      assert.equal(await page.locator('[data-action="create-class"], [data-action="save-class"], [data-file]').count(), 0);
    }
    if (login === 'desk1') await checkScreens(page, 'staff_training-forbidden');
    assert.deepEqual(errors, []);
    await context.close();
  }
});
