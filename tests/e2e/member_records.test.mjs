// 报名信息, 成绩查询, 代理机构会费缴纳信息, 专利代理师会费缴纳信息 and the good-standing notice in the
// kiosk, against the real daemon. Seeded through the API: a reviewer creates a 培训班 and imports
// the registration and score CSVs (attorneys 1100001, 1100002 of agency 11001 and 3100003 of
// 31002); agency 11001 orders this year's dues for itself and 1100001 (paid by a bank transfer the
// finance staff confirm) and for 1100002 (left awaiting payment); 31002 pays nothing.
// (a) the agency sees both of its attorneys' rows and not 31002's, and the filter narrows them;
// (b) an attorney sees only their own; an industry organisation is told it has none;
// (c) the dues history shows year, amount, status and 申报系统单号, and the receipt opens;
// (d) an unpaid member sees the notice with a way to 会费缴纳 on the gated pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startDaemon, launchBrowser, openKiosk, fillLogin, waitForText, waitForRoute, apiClient, checkScreens,
  PORTRAIT, ARTIFACTS, REPO,
} from './harness.mjs';

const shanghai = (ms) => new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10);
const TODAY = shanghai(Date.now());
const YEAR = Number(TODAY.slice(0, 4));
const PW = (login) => `Rec${login.slice(-6)}x26`;
const USCC = '911101066976941872'; // an industry organisation applying (as review.test.mjs)
const FEES = {
  agency_vice_president: 5_000_000, agency_standing_director: 600_000, agency_director: 100_000,
  agency_ordinary: 100_000, attorney: 30_000, industry_org: 100_000, non_practicing: 30_000,
};
const EXTRA_CLASSES = 11;
const fixture = (name) => fs.readFileSync(path.join(REPO, 'tests', 'fixtures', 'training', name), 'utf8');

let daemon;
let browser;
const members = {}; // login → { id, call }
const orders = {}; // 'paid' | 'open' → Order
let orgLogin;

async function member(login) {
  const call = await apiClient(daemon.baseUrl, 'member', login, login, { newPassword: PW(login) });
  const home = await call('GET', '/member/home');
  assert.equal(home.status, 200, JSON.stringify(home.body));
  members[login] = { id: home.body.member.id, call };
  return members[login];
}

async function placeOrder(call, memberIds) {
  const quote = await call('POST', '/member/dues/quote', { year: YEAR, member_ids: memberIds });
  assert.equal(quote.status, 200, JSON.stringify(quote.body));
  const r = await call('POST', '/member/dues/orders', { year: YEAR, member_ids: memberIds, contact: quote.body.contact });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.order;
}

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  daemon = await startDaemon({ members: 40 });
  await daemon.ctl(['demo-approve', '11001', '1100001', '1100002', '1100005', '31002', '3100003']);
  await daemon.ctl(['staff', 'add', 'rev1', '--name', '审核员', '--role', 'reviewer'], { input: 'Review12345\n' });
  await daemon.ctl(['staff', 'add', 'fin1', '--name', '财务', '--role', 'finance'], { input: 'Finance12345\n' });
  browser = await launchBrowser();
  for (const login of ['11001', '1100001', '1100002', '1100005', '31002']) await member(login);

  // 培训班 with registrations and scores.
  const rev = await apiClient(daemon.baseUrl, 'staff', 'rev1', 'Review12345');
  const cls = await rev('POST', '/staff/training/classes', {
    name: `${YEAR}年第一期专利代理实务培训班`, start_date: `${YEAR}-03-10`, end_date: `${YEAR}-03-12`, place: '北京市海淀区', hours: 24,
  });
  assert.equal(cls.status, 201, JSON.stringify(cls.body));
  for (const [what, file] of [['registrations', 'registrations.csv'], ['scores', 'scores.csv']]) {
    const r = await rev('POST', `/staff/training/classes/${cls.body.class.id}/${what}/import`, { csv: fixture(file), apply: true });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.applied, true);
  }
  // Eleven earlier classes that 1100005 attended: two pages of ten when the agency picks 1100005.
  for (let i = 1; i <= EXTRA_CLASSES; i++) {
    const mm = String(i).padStart(2, '0');
    const c = await rev('POST', '/staff/training/classes', {
      name: `${YEAR - 1}年第${i}期专利代理实务培训班`, start_date: `${YEAR - 1}-${mm}-10`, end_date: `${YEAR - 1}-${mm}-11`, place: '上海市浦东新区', hours: 16,
    });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const r = await rev('POST', `/staff/training/classes/${c.body.class.id}/registrations/import`, {
      csv: `资格证号,姓名,报名日期,报名状态\n1100005,赵磊,${YEAR - 1}-${mm}-01,已确认\n`, apply: true,
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }

  // An industry organisation, approved (it has no training records).
  const app = await fetch(`${daemon.baseUrl}/api/v1/applications/industry_org`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      agree_charter: true,
      fields: {
        org_name: '北京市专利代理师协会', uscc: USCC, org_category: '地方专利代理师协会', address: '北京市西城区复兴门内大街1号',
        head_name: '孙立', contact_name: '周红', contact_mobile: '13900139000', email: 'bjpaa@example.cn',
      },
    }),
  }).then(async (res) => ({ status: res.status, body: await res.json() }));
  assert.equal(app.status, 201, JSON.stringify(app.body));
  const ok = await rev('POST', `/staff/applications/${app.body.application.id}/approve`, {});
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  orgLogin = ok.body.login_id;
  await member(orgLogin);

  // This year's dues: 11001 and 1100001 paid by a confirmed bank transfer, 1100002 awaiting payment.
  const fin = await apiClient(daemon.baseUrl, 'staff', 'fin1', 'Finance12345');
  const y = await fin('PUT', `/staff/dues/years/${YEAR}`, {
    window_start: `${YEAR}-01-01`, window_end: `${YEAR}-12-31`,
    fees: Object.entries(FEES).map(([fee_class, amount_fen]) => ({ fee_class, amount_fen })),
  });
  assert.equal(y.status, 200, JSON.stringify(y.body));
  const agency = members['11001'];
  orders.paid = await placeOrder(agency.call, [agency.id, members['1100001'].id]);
  orders.open = await placeOrder(agency.call, [members['1100002'].id]);
  const paid = await fin('POST', `/staff/dues/orders/${orders.paid.id}/bank-receipt`, {
    amount_fen: orders.paid.amount_due_fen, date: TODAY, bank_ref: 'MR-E2E-0001',
  });
  assert.equal(paid.status, 200, JSON.stringify(paid.body));
  assert.equal(paid.body.order.status, 'paid');
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
});

async function memberPage(login, route = '/member') {
  const k = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: `/login?next=${encodeURIComponent(route)}` });
  await fillLogin(k.page, login, PW(login));
  await waitForRoute(k.page, route);
  return k;
}

const rowsOf = (page) => page.locator('.records-table tbody tr');
async function rowKeys(page, key = 'attorney') {
  await rowsOf(page).first().waitFor();
  return rowsOf(page).evaluateAll((trs, k) => trs.map((tr) => tr.dataset[k]), key);
}

// The standing notice is filled after GET /member/dues answers; wait for that before asserting none.
async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.loading'));
  await page.waitForTimeout(300);
}

test('(a) the agency sees all of its attorneys\' registrations and scores, none of another agency, and filters by attorney', async () => {
  const { page, context, errors } = await memberPage('11001');
  await page.locator('[data-menu="registrations"]').click();
  await waitForRoute(page, '/member/training/registrations');
  // Newest class first: this year's class (1100001, 1100002), then 1100005's earlier ones.
  const keys = await rowKeys(page);
  assert.equal(keys.length, 10, 'ten lines a page');
  assert.deepEqual(keys.slice(0, 2), ['1100001', '1100002']);
  assert.ok(keys.slice(2).every((k) => k === '1100005'), keys.join());
  await waitForText(page.locator('[data-test="records-total"]'), `共${2 + EXTRA_CLASSES}条`);
  await waitForText(page.locator('.records-table'), '王芳');
  assert.doesNotMatch(await page.locator('#main').innerText(), /3100003|李娜/);
  await waitForText(page.locator('.records-table'), '已确认');
  // The filter lists every attorney of the agency.
  const chips = page.locator('.records-filter .btn-chip');
  assert.equal(await chips.count(), 4, '全部 + 1100001, 1100002, 1100005');
  await checkScreens(page, 'member_records-registrations-agency');
  await settled(page);
  assert.equal(await page.locator('[data-test="gate-unpaid"]').count(), 0, 'a paid agency sees no notice');

  // Paging, filtered to 1100005: 11 lines, ten and one, by large buttons.
  await page.locator(`.records-filter [data-attorney="${members['1100005'].id}"]`).click();
  await waitForText(page.locator('[data-test="records-total"]'), `共${EXTRA_CLASSES}条`);
  await waitForText(page.locator('[data-test="records-total"]'), '第1/2页');
  assert.deepEqual(new Set(await rowKeys(page)), new Set(['1100005']));
  assert.equal(await rowsOf(page).count(), 10);
  await page.locator('.pager button', { hasText: '下一页' }).click();
  await waitForText(page.locator('[data-test="records-total"]'), '第2/2页');
  await page.waitForFunction(() => document.querySelectorAll('.records-table tbody tr').length === 1);
  await waitForText(rowsOf(page), `${YEAR - 1}年第1期`);
  await checkScreens(page, 'member_records-registrations-page2');
  await page.locator('.pager button', { hasText: '上一页' }).click();
  await waitForText(page.locator('[data-test="records-total"]'), '第1/2页');

  await page.locator(`.records-filter [data-attorney="${members['1100002'].id}"]`).click();
  await page.waitForFunction(() => [...document.querySelectorAll('.records-table tbody tr')].every((tr) => tr.dataset.attorney === '1100002'));
  assert.deepEqual(await rowKeys(page), ['1100002']);
  assert.equal(await page.locator(`.records-filter [data-attorney="${members['1100002'].id}"][aria-pressed="true"]`).count(), 1);
  await page.locator('.records-filter [data-attorney="all"]').click();
  await waitForText(page.locator('[data-test="records-total"]'), `共${2 + EXTRA_CLASSES}条`);

  await page.goto(`${daemon.baseUrl}/#/member/training/scores`);
  await waitForRoute(page, '/member/training/scores');
  assert.deepEqual((await rowKeys(page)).sort(), ['1100001', '1100002']);
  await waitForText(page.locator('.records-table tr[data-attorney="1100001"]'), '85.5');
  await waitForText(page.locator('.records-table tr[data-attorney="1100001"]'), '合格');
  await waitForText(page.locator('.records-table tr[data-attorney="1100002"]'), '不合格');
  await page.locator(`.records-filter [data-attorney="${members['1100001'].id}"]`).click();
  await page.waitForFunction(() => document.querySelectorAll('.records-table tbody tr').length === 1);
  assert.deepEqual(await rowKeys(page), ['1100001']);
  await checkScreens(page, 'member_records-scores-agency');

  // Another agency's attorney in the route: told, with a way back to all of them.
  await page.goto(`${daemon.baseUrl}/#/member/training/scores?attorney=${members['1100001'].id + 100000}`);
  await waitForText(page.locator('[data-test="records-notice"]'), '未找到该专利代理师的记录');
  await page.locator('[data-action="all-attorneys"]').click();
  await page.waitForFunction(() => document.querySelectorAll('.records-table tbody tr').length === 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('(b) an attorney sees only their own rows; an industry organisation is told it has none', async () => {
  const { page, context, errors } = await memberPage('1100002', '/member/training/registrations');
  assert.deepEqual(await rowKeys(page), ['1100002']);
  assert.equal(await page.locator('.records-filter').count(), 0, 'no attorney filter for an attorney');
  assert.doesNotMatch(await page.locator('#main').innerText(), /张伟|李娜/);
  await checkScreens(page, 'member_records-registrations-attorney');
  await page.goto(`${daemon.baseUrl}/#/member/training/scores`);
  await waitForRoute(page, '/member/training/scores');
  assert.deepEqual(await rowKeys(page), ['1100002']);
  await waitForText(page.locator('.records-table'), '59');
  assert.deepEqual(errors, []);
  await context.close();

  const org = await memberPage(orgLogin, '/member/training/registrations');
  await waitForText(org.page.locator('[data-test="no-records-for-type"]'), '行业组织没有培训报名和成绩记录');
  assert.equal(await org.page.locator('.records-table').count(), 0);
  await checkScreens(org.page, 'member_records-registrations-industry-org');
  await org.page.goto(`${daemon.baseUrl}/#/member/dues/history/attorneys`);
  await waitForText(org.page.locator('[data-test="no-records-for-type"]'), '行业组织没有专利代理师会费记录');
  await org.page.locator('[data-action="to-own-dues"]').click();
  await waitForRoute(org.page, '/member/dues/history');
  await org.page.locator('[data-test="records-empty"]').waitFor();
  assert.deepEqual(org.errors, []);
  await org.context.close();
});

test('(c) the dues history shows year, amount, status and 申报系统单号, and the receipt of a paid year opens', async () => {
  const { page, context, errors } = await memberPage('11001');
  await page.locator('[data-menu="agency_dues"]').click();
  await waitForRoute(page, '/member/dues/history');
  const own = page.locator(`.records-table tbody tr[data-year="${YEAR}"]`);
  await own.waitFor();
  assert.equal(await rowsOf(page).count(), 1);
  await waitForText(own, `${YEAR}年度`);
  await waitForText(own, '1,000.00 元');
  await waitForText(own, '已缴费');
  await waitForText(own.locator('[data-test="order-no"]'), orders.paid.order_no);
  await checkScreens(page, 'member_records-dues-agency');
  await own.locator('[data-action="receipt"]').click();
  await waitForRoute(page, '/member/dues/receipt');
  await waitForText(page.locator('[data-test="receipt-order-no"]'), orders.paid.order_no);
  await waitForText(page.locator('[data-test="receipt-paid"]'), '1,300.00 元');
  await checkScreens(page, 'member_records-dues-receipt');
  await page.locator('[data-nav="back"]').click();
  await waitForRoute(page, '/member/dues/history');

  await page.goto(`${daemon.baseUrl}/#/member/dues/history/attorneys`);
  await waitForRoute(page, '/member/dues/history/attorneys');
  assert.deepEqual((await rowKeys(page, 'member')).sort(), ['1100001', '1100002']);
  const paidRow = page.locator('.records-table tbody tr[data-member="1100001"]');
  const openRow = page.locator('.records-table tbody tr[data-member="1100002"]');
  await waitForText(paidRow, '已缴费');
  await waitForText(paidRow, '300.00 元');
  await waitForText(paidRow.locator('[data-test="order-no"]'), orders.paid.order_no);
  await waitForText(openRow, '待支付');
  await waitForText(openRow.locator('[data-test="order-no"]'), orders.open.order_no);
  assert.equal(await openRow.locator('[data-action="receipt"]').count(), 0, 'no receipt before payment');
  assert.doesNotMatch(await page.locator('#main').innerText(), /3100003|李娜/);
  await checkScreens(page, 'member_records-dues-attorneys-agency');
  await page.locator(`.records-filter [data-attorney="${members['1100002'].id}"]`).click();
  await page.waitForFunction(() => [...document.querySelectorAll('.records-table tbody tr')].map((tr) => tr.dataset.member).join() === '1100002');
  assert.deepEqual(errors, []);
  await context.close();

  // The attorney: 专利代理师会费缴纳信息 holds their own year (paid by the agency) and its receipt.
  const att = await memberPage('1100001');
  await att.page.locator('[data-menu="attorney_dues"]').click();
  await waitForRoute(att.page, '/member/dues/history/attorneys');
  assert.deepEqual(await rowKeys(att.page, 'member'), ['1100001']);
  await waitForText(rowsOf(att.page), '由北京智诚专利代理事务所（普通合伙）缴纳');
  await rowsOf(att.page).locator('[data-action="receipt"]').click();
  await waitForRoute(att.page, '/member/dues/receipt');
  await waitForText(att.page.locator('[data-test="receipt-order-no"]'), orders.paid.order_no);
  // 代理机构会费缴纳信息 points an attorney to the page above.
  await att.page.goto(`${daemon.baseUrl}/#/member/dues/history`);
  await att.page.locator('[data-action="to-attorney-dues"]').click();
  await waitForRoute(att.page, '/member/dues/history/attorneys');
  assert.deepEqual(att.errors, []);
  await att.context.close();
});

test('(d) an unpaid member is told on the gated pages and led to 会费缴纳; reading goes on', async () => {
  const { page, context, errors } = await memberPage('31002', '/member/training/registrations');
  const gate = page.locator('[data-test="gate-unpaid"]');
  await waitForText(gate, '未缴纳会费');
  await waitForText(gate, '培训班报名需要有效会籍');
  assert.deepEqual(await rowKeys(page), ['3100003'], 'the records are still shown');
  await checkScreens(page, 'member_records-gate-registrations');
  for (const [route, need] of [['/member/certificate', 'certificate'], ['/member/certificate/mail', 'certificate_mail'], ['/member/training/scores', 'scores']]) {
    await page.goto(`${daemon.baseUrl}/#${route}`);
    await waitForRoute(page, route);
    await page.locator(`[data-test="gate-unpaid"][data-need="${need}"]`).waitFor();
    if (need === 'certificate_mail') await checkScreens(page, 'member_records-gate-cert-mail');
  }
  await checkScreens(page, 'member_records-gate-scores');
  await page.locator('[data-action="gate-dues"]').click();
  await waitForRoute(page, '/member/dues');
  assert.deepEqual(errors, []);
  await context.close();
});
