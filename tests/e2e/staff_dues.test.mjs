// The finance staff's 会费 screens against a real daemon: the fee schedule and payment window,
// reduction decisions (a different amount, a rejection, a full waiver), a bank transfer
// confirmed by hand, a bank statement import (preview, credit, re-import as duplicate), agency
// tiers and the bank details; and a reviewer who may not see or call any of it.
// Orders are placed through the member API (three roster agencies approved by demo-approve,
// each ordering its own item for this year and next year).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  startDaemon, launchBrowser, openKiosk, fillLogin, waitForText, waitForRoute, closeKeyboard,
  PORTRAIT, LANDSCAPE, ARTIFACTS, smallControls,
} from './harness.mjs';

const AGENCIES = { a: '11001', b: '31002', c: '44003' };
const PASSWORD = (login) => `Pay${login}x2026`;
// The association's standard (fen): 普通会员单位 1,000 元, 专利代理师 300 元, ...
const STANDARD = {
  agency_vice_president: 5_000_000, agency_standing_director: 600_000, agency_director: 100_000,
  agency_ordinary: 100_000, attorney: 30_000, industry_org: 100_000, non_practicing: 30_000,
};

let daemon;
let browser;
let fin; // finance API session
const orders = {}; // name -> Order (as created)

// --- dates (Asia/Shanghai) --------------------------------------------------------------
const shanghai = (ms) => new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10);
const TODAY = shanghai(Date.now());
const Y = Number(TODAY.slice(0, 4));
const plusDays = (n) => shanghai(Date.now() + n * 86400 * 1000);

// --- API sessions -----------------------------------------------------------------------
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

async function memberSession(login) {
  const m = await apiSession('member', login, login);
  const pw = await m('POST', '/auth/password', { old_password: login, new_password: PASSWORD(login) });
  assert.equal(pw.status, 200, JSON.stringify(pw.body));
  return m;
}

// The member orders its own item of `year`, with a reduction request if given.
async function placeOrder(member, year, reduction) {
  const items = await member('GET', `/member/dues/items?year=${year}`);
  assert.equal(items.status, 200, JSON.stringify(items.body));
  const self = items.body.items.find((i) => i.role === 'self');
  assert.ok(self?.selectable, JSON.stringify(items.body));
  const quote = await member('POST', '/member/dues/quote', { year, member_ids: [self.member_id] });
  assert.equal(quote.status, 200, JSON.stringify(quote.body));
  const body = { year, member_ids: [self.member_id], contact: quote.body.contact };
  if (reduction) body.reduction = reduction;
  const r = await member('POST', '/member/dues/orders', body);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.order;
}

const fees = (over = {}) => Object.entries({ ...STANDARD, ...over }).map(([fee_class, amount_fen]) => ({ fee_class, amount_fen }));

// --- browser helpers --------------------------------------------------------------------
// Checks the screen (no sideways scroll, controls >= 48 px) and saves its screenshot.
async function shot(page, name, viewport = PORTRAIT) {
  await page.setViewportSize(viewport);
  await page.waitForFunction(() => !document.querySelector('.loading'));
  await page.evaluate(() => window.scrollTo(0, 0)); // a full-page shot from the top keeps the sticky header there
  const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
  assert.ok(sw <= iw, `${name}: scrollWidth ${sw} > ${iw}`);
  assert.deepEqual(await smallControls(page), [], `${name}: controls under 48 px`);
  await page.screenshot({ path: path.join(ARTIFACTS, `staff-dues-${name}.png`), fullPage: true });
  if (viewport !== PORTRAIT) await page.setViewportSize(PORTRAIT);
}

async function staffLogin(login, password) {
  const k = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/staff/login' });
  await fillLogin(k.page, login, password, { idLabel: '工作人员账号' });
  await waitForRoute(k.page, '/staff');
  return k;
}

async function openOrder(page, order) {
  await page.evaluate((id) => { location.hash = `#/staff/dues/order?id=${id}`; }, order.id);
  await waitForRoute(page, '/staff/dues/order');
  await waitForText(page.locator('[data-fact="order_no"] dd'), order.order_no);
}

async function memberOrder(name) {
  const m = await apiSession('member', orders[name].login, PASSWORD(orders[name].login));
  const r = await m('GET', `/member/dues/orders/${orders[name].id}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

before(async () => {
  daemon = await startDaemon({ members: 300 }); // 300 seed 30 agencies: two pages of tiers
  await daemon.ctl(['staff', 'add', 'fin1', '--name', '财务', '--role', 'finance'], { input: 'Finance12345\n' });
  await daemon.ctl(['staff', 'add', 'rev1', '--name', '审核员', '--role', 'reviewer'], { input: 'Review12345\n' });
  await daemon.ctl(['demo-approve', ...Object.values(AGENCIES)]);
  browser = await launchBrowser();

  // This year and next year are open for payment today.
  fin = await apiSession('staff', 'fin1', 'Finance12345');
  for (const year of [Y, Y + 1]) {
    const r = await fin('PUT', `/staff/dues/years/${year}`, { window_start: `${Y}-01-01`, window_end: `${Y}-12-31`, fees: fees() });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }

  const members = {};
  for (const [k, login] of Object.entries(AGENCIES)) members[k] = await memberSession(login);
  const place = async (name, k, year, reduction) => {
    orders[name] = { ...(await placeOrder(members[k], year, reduction)), login: AGENCIES[k] };
  };
  await place('reduced', 'a', Y, { amount_fen: 40_000, reason: '受疫情影响经营困难，申请减免部分会费。' });
  await place('rejected', 'b', Y, { amount_fen: 50_000, reason: '本年度新设分支机构，申请减免。' });
  await place('waived', 'c', Y, { amount_fen: 100_000, reason: '受灾地区机构，申请全额减免会费。' });
  await place('bank', 'a', Y + 1);
  await place('statement', 'b', Y + 1);
  await place('wrongAmount', 'c', Y + 1);
  for (const n of ['reduced', 'rejected', 'waived']) assert.equal(orders[n].status, 'reduction_pending');
  for (const n of ['bank', 'statement', 'wrongAmount']) assert.equal(orders[n].status, 'awaiting_payment');
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
});

test('(a) finance edits the individual fee and the window of this year; a reload shows them kept', async () => {
  const { page, context, errors } = await staffLogin('fin1', 'Finance12345');
  for (const key of ['dues_orders', 'dues_statement', 'dues_fees', 'dues_tiers', 'dues_settings']) await page.locator(`[data-menu="${key}"]`).waitFor();
  await waitForText(page.locator('[data-test="pending-badge"]'), '3个减免待审批');
  await shot(page, 'console-finance');

  await page.locator('[data-menu="dues_fees"]').click();
  await waitForRoute(page, '/staff/dues/fees');
  await page.locator(`.btn-chip[data-year="${Y}"][aria-pressed="true"]`).waitFor();
  const attorney = page.locator('[data-field="attorney"] input');
  assert.equal(await attorney.inputValue(), '300.00');
  assert.equal(await page.locator('[data-field="agency_vice_president"] input').inputValue(), '50000.00');
  assert.equal(await page.locator('[data-field="agency_standing_director"] input').inputValue(), '6000.00');
  assert.equal(await page.locator('[data-field="agency_director"] input').inputValue(), '1000.00');

  // A malformed amount is refused next to its field; nothing is saved.
  await attorney.fill('3O0');
  await closeKeyboard(page);
  await page.locator('[data-action="save"]').click();
  await waitForText(page.locator('[data-field="attorney"] .field-error'), '请输入正确的金额');
  await shot(page, 'fees-error');

  const start = plusDays(-20);
  const end = plusDays(40);
  await attorney.fill('350.5');
  await closeKeyboard(page);
  await page.locator('[data-field="window_start"] input').fill(start);
  await page.locator('[data-field="window_end"] input').fill(end);
  await page.locator('[data-action="save"]').click();
  await waitForText(page.locator('[data-test="saved"]'), `已保存${Y}年度会费标准`);
  await shot(page, 'fees');

  await page.reload();
  await page.waitForSelector('html[data-ready="1"]');
  await waitForRoute(page, '/staff/dues/fees');
  await page.locator('[data-field="attorney"] input').waitFor();
  assert.equal(await page.locator('[data-field="attorney"] input').inputValue(), '350.50');
  assert.equal(await page.locator('[data-field="window_start"] input').inputValue(), start);
  assert.equal(await page.locator('[data-field="window_end"] input').inputValue(), end);
  const years = (await fin('GET', '/staff/dues/years')).body.years;
  const y = years.find((x) => x.year === Y);
  assert.equal(y.fees.find((f) => f.fee_class === 'attorney').amount_fen, 35_050);
  assert.equal(y.window_start, start);
  assert.equal(y.window_end, end);

  // 【新增…年度】 opens a draft prefilled from the year before; saving creates it.
  await page.locator('[data-action="add-year"]').click();
  await page.locator(`.btn-chip[data-year="${Y + 2}"][aria-pressed="true"]`).waitFor();
  await waitForText(page.locator('.notice-warning'), `${Y + 2}年度尚未设置`);
  assert.equal(await page.locator('[data-field="agency_vice_president"] input').inputValue(), '50000.00');
  assert.equal(await page.locator('[data-field="window_start"] input').inputValue(), `${Y + 2}-01-01`);
  await page.locator('[data-action="save"]').click();
  await waitForText(page.locator('[data-test="saved"]'), `已保存${Y + 2}年度会费标准`);
  assert.ok((await fin('GET', '/staff/dues/years')).body.years.some((x) => x.year === Y + 2));
  assert.deepEqual(errors, []);
  await context.close();
});

test('contract: PUT /staff/dues/years refuses an amount above 10,000,000 fen', async () => {
  const r = await fin('PUT', `/staff/dues/years/${Y + 5}`, {
    window_start: `${Y + 5}-03-01`, window_end: `${Y + 5}-04-30`, fees: fees({ attorney: 10_000_001 }),
  });
  assert.equal(r.status, 400, `CONTRACT.md: 0 ≤ amount ≤ 10,000,000 fen; got ${r.status} ${JSON.stringify(r.body)}`);
  assert.ok(r.body.error.fields?.['fees.attorney'], JSON.stringify(r.body));
  const ok = await fin('PUT', `/staff/dues/years/${Y + 5}`, {
    window_start: `${Y + 5}-03-01`, window_end: `${Y + 5}-04-30`, fees: fees({ attorney: 10_000_000 }),
  });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
});

test('(b) reductions: approved with a different amount, rejected with a reason, a full waiver settles the order', async () => {
  const { page, context, errors } = await staffLogin('fin1', 'Finance12345');
  await page.locator('[data-menu="dues_orders"]').click();
  await waitForRoute(page, '/staff/dues/orders');
  await waitForText(page.locator('[data-test="pending"]'), '有3个减免申请等待审批');
  await page.locator('.filter-row [data-status="reduction_pending"]').click();
  await page.waitForFunction(() => document.querySelectorAll('.orders-table tbody tr').length === 3);
  for (const n of ['reduced', 'rejected', 'waived']) {
    const row = page.locator(`.orders-table tr[data-order="${orders[n].order_no}"]`);
    assert.equal(await row.evaluate((tr) => tr.classList.contains('is-pending')), true);
    await waitForText(row, '减免审批中');
  }
  await shot(page, 'orders-pending');
  await shot(page, 'orders-pending-landscape', LANDSCAPE);
  // Search by 申报系统单号 (within 全部).
  await page.locator('.filter-row [data-status="all"]').click();
  await page.waitForFunction(() => document.querySelectorAll('.orders-table tbody tr').length === 6);
  await page.getByLabel('申报系统单号或缴费单位', { exact: true }).fill(orders.waived.order_no.toLowerCase());
  await closeKeyboard(page);
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await page.waitForFunction((no) => {
    const rows = document.querySelectorAll('.orders-table tbody tr');
    return rows.length === 1 && rows[0].dataset.order === no;
  }, orders.waived.order_no);
  await page.getByRole('button', { name: '清除', exact: true }).click();
  await page.waitForFunction(() => document.querySelectorAll('.orders-table tbody tr').length === 6);
  await page.locator('.filter-row [data-status="reduction_pending"]').click();
  await page.waitForFunction(() => document.querySelectorAll('.orders-table tbody tr').length === 3);

  // Approve 300 元 of the 400 元 asked: the member then owes 700 元.
  await page.locator(`.orders-table tr[data-order="${orders.reduced.order_no}"] [data-open]`).click();
  await waitForRoute(page, '/staff/dues/order');
  const amount = page.locator('[data-test="reduction-decision"] [data-field="amount_fen"] input');
  await amount.waitFor();
  assert.equal(await amount.inputValue(), '400.00');
  await waitForText(page.locator('[data-test="approve-effect"]'), '批准后会员应付 600.00 元');
  await waitForText(page.locator('.reduction-reason'), '受疫情影响经营困难');
  await shot(page, 'order-reduction');
  // Typed on the on-screen keyboard, as on the kiosk.
  await page.locator('[data-test="reduction-decision"] .field-kbd').click();
  await page.locator('.osk [data-key="clear"]').click();
  for (const k of ['3', '0', '0']) await page.locator(`.osk [data-key="${k}"]`).click();
  await waitForText(page.locator('[data-test="approve-effect"]'), '批准后会员应付 700.00 元');
  await shot(page, 'order-reduction-keyboard');
  await page.locator('.osk .osk-done').click();
  assert.equal(await amount.inputValue(), '300');
  await page.locator('[data-action="approve"]').click();
  await waitForText(page.locator('.dialog-title'), '批准减免');
  await shot(page, 'order-approve-dialog');
  await page.locator('[data-action="confirm-approve"]').click();
  await waitForText(page.locator('[data-test="approved"]'), '会员应付 700.00 元');
  await waitForText(page.locator('.order-head .order-status'), '待支付');
  await waitForText(page.locator('[data-amount="due"] dd'), '700.00 元');
  await waitForText(page.locator('[data-amount="reduction"] dd'), '300.00 元');
  let m = await memberOrder('reduced');
  assert.equal(m.order.status, 'awaiting_payment');
  assert.equal(m.order.amount_due_fen, 70_000);
  assert.equal(m.order.reduction.status, 'approved');
  assert.equal(m.order.reduction.decided_fen, 30_000);
  const member = await apiSession('member', AGENCIES.a, PASSWORD(AGENCIES.a));
  const msgs = (await member('GET', '/member/messages')).body.items;
  assert.ok(msgs.some((x) => x.title === '减免申请审批结果' && x.body.includes(orders.reduced.order_no)), JSON.stringify(msgs));
  const again = await fin('POST', `/staff/dues/orders/${orders.reduced.id}/reduction`, { decision: 'approve', amount_fen: 10_000 });
  assert.equal(again.status, 409, JSON.stringify(again.body));
  // 【返回】 comes back to the same filtered list, now one shorter.
  await page.locator('[data-nav="back"]').click();
  await waitForRoute(page, '/staff/dues/orders');
  await page.locator('.filter-row [data-status="reduction_pending"][aria-pressed="true"]').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.orders-table tbody tr').length === 2);

  // Reject another: the reason is required.
  await openOrder(page, orders.rejected);
  await page.locator('[data-action="reject"]').click();
  await page.locator('[data-action="confirm-reject"]').click();
  await waitForText(page.locator('.dialog [data-field="reason"] .field-error'), '请填写驳回原因');
  await page.getByLabel('驳回原因', { exact: true }).fill('不符合减免条件，请按标准缴纳。');
  await shot(page, 'order-reject-dialog');
  await page.locator('[data-action="confirm-reject"]').click();
  await waitForText(page.locator('[data-test="rejected"]'), '已驳回');
  await waitForText(page.locator('[data-fact="reject_reason"] dd'), '不符合减免条件，请按标准缴纳。');
  m = await memberOrder('rejected');
  assert.equal(m.order.status, 'awaiting_payment');
  assert.equal(m.order.amount_due_fen, 100_000);
  assert.equal(m.order.reduction.status, 'rejected');
  assert.equal(m.order.reduction.reject_reason, '不符合减免条件，请按标准缴纳。');

  // A reduction equal to the total is a full waiver, said before approving; it settles the order.
  await openOrder(page, orders.waived);
  await waitForText(page.locator('[data-test="approve-effect"]'), '全额减免');
  await page.locator('[data-action="approve"]').click();
  await waitForText(page.locator('.dialog-body'), '全额减免');
  await page.locator('[data-action="confirm-approve"]').click();
  await waitForText(page.locator('[data-test="approved"]'), '已批准全额减免');
  await waitForText(page.locator('.order-head .order-status'), '已缴费');
  await waitForText(page.locator('[data-fact="method"] dd'), '全额减免');
  await shot(page, 'order-waived');
  m = await memberOrder('waived');
  assert.equal(m.order.status, 'paid');
  assert.equal(m.order.method, 'waiver');
  assert.equal(m.order.amount_due_fen, 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('(c) finance confirms a bank transfer by hand: the order is paid', async () => {
  const { page, context, errors } = await staffLogin('fin1', 'Finance12345');
  await openOrder(page, orders.bank);
  const card = page.locator('[data-test="receipt"]');
  await card.waitFor();
  assert.equal(await card.locator('[data-field="amount_fen"] input').inputValue(), '1000.00');
  assert.equal(await card.locator('[data-field="date"] input').inputValue(), TODAY);
  // A different amount is refused before anything is sent.
  await card.locator('[data-field="amount_fen"] input').fill('999');
  await card.locator('[data-field="bank_ref"] input').fill('BR20261203001');
  await closeKeyboard(page);
  await page.locator('[data-action="bank-receipt"]').click();
  await waitForText(card.locator('[data-field="amount_fen"] .field-error'), '到账金额须等于应付金额 1,000.00 元');
  // The server refuses a different amount too (400), without crediting anything.
  const wrong = await fin('POST', `/staff/dues/orders/${orders.bank.id}/bank-receipt`, { amount_fen: 99_900, date: TODAY, bank_ref: 'BR-WRONG-1' });
  assert.equal(wrong.status, 400, JSON.stringify(wrong.body));
  assert.equal((await memberOrder('bank')).order.status, 'awaiting_payment');
  await card.locator('[data-field="amount_fen"] input').fill('1,000.00');
  await closeKeyboard(page);
  await shot(page, 'order-receipt');
  await page.locator('[data-action="bank-receipt"]').click();
  await waitForText(page.locator('.dialog-body'), 'BR20261203001');
  await shot(page, 'order-receipt-dialog');
  await page.locator('[data-action="confirm-receipt"]').click();
  await waitForText(page.locator('[data-test="received"]'), '已确认收款');
  await waitForText(page.locator('.order-head .order-status'), '已缴费');
  await waitForText(page.locator('.order-payments'), 'BR20261203001');
  await shot(page, 'order-paid');
  await shot(page, 'order-paid-landscape', LANDSCAPE);
  const m = await memberOrder('bank');
  assert.equal(m.order.status, 'paid');
  assert.equal(m.order.method, 'bank');

  // The same bank reference cannot credit a second order: the server's 409 shows at the field.
  await openOrder(page, orders.rejected);
  await card.locator('[data-field="bank_ref"] input').fill('BR20261203001');
  await closeKeyboard(page);
  await page.locator('[data-action="bank-receipt"]').click();
  await page.locator('[data-action="confirm-receipt"]').click();
  await waitForText(card.locator('[data-field="bank_ref"] .field-error'), '已入账');
  assert.equal(await page.locator('.dialog').count(), 0);
  assert.equal((await memberOrder('rejected')).order.status, 'awaiting_payment');
  await shot(page, 'order-receipt-duplicate');
  assert.deepEqual(errors, []);
  await context.close();
});

test('(d) a bank statement: preview, credit the matched line only, re-import shows it as duplicate', async () => {
  const csv = [
    '交易日期,金额,流水号,摘要,付款人',
    `${TODAY},"1,000.00",ST${Y}0001,会费 ${orders.statement.order_no},上海华东知识产权代理有限公司`,
    `${TODAY},"1,000.00",ST${Y}0002,会费 无单号,某某公司`,
    `${TODAY},999.00,ST${Y}0003,${orders.wrongAmount.order_no} 会费,广州南粤专利代理有限公司`,
  ].join('\r\n');
  const { page, context, errors } = await staffLogin('fin1', 'Finance12345');
  await page.locator('[data-menu="dues_statement"]').click();
  await waitForRoute(page, '/staff/dues/statement');
  await waitForText(page.locator('.stmt-columns'), '交易日期');
  await shot(page, 'statement-empty');
  await page.locator('input[type="file"]').setInputFiles({ name: 'statement.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await waitForText(page.locator('.stmt-file-info'), 'statement.csv');
  assert.match(await page.locator('.stmt-text').inputValue(), /ST\d{4}0003/);
  assert.equal(await page.locator('[data-action="apply"]').isDisabled(), true);
  await page.locator('[data-action="preview"]').click();
  const rows = page.locator('.stmt-table tbody tr');
  await page.waitForFunction(() => document.querySelectorAll('.stmt-table tbody tr').length === 3);
  assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.result)), ['matched', 'unmatched', 'mismatched']);
  await waitForText(rows.nth(0), '匹配');
  await waitForText(rows.nth(1), '未匹配');
  await waitForText(rows.nth(2), '金额不符');
  await waitForText(page.locator('[data-count="matched"]'), '匹配 1');
  await waitForText(page.locator('[data-action="apply"]'), '确认入账（1笔）');
  await shot(page, 'statement-preview');
  // Nothing is credited by a preview.
  assert.equal((await memberOrder('statement')).order.status, 'awaiting_payment');

  await page.locator('[data-action="apply"]').click();
  await waitForText(page.locator('.dialog-body'), '1 笔');
  await page.locator('[data-action="confirm-apply"]').click();
  await waitForText(page.locator('[data-test="applied"]'), '已入账 1 笔，合计 1,000.00 元');
  await shot(page, 'statement-applied');
  assert.equal((await memberOrder('statement')).order.status, 'paid');
  assert.equal((await memberOrder('statement')).order.method, 'bank');
  assert.equal((await memberOrder('wrongAmount')).order.status, 'awaiting_payment');

  // The same statement again (pasted this time): the credited line is a duplicate.
  await page.locator('.stmt-text').fill(`${csv}\r\n`);
  await page.locator('[data-action="preview"]').click();
  await page.waitForFunction(() => document.querySelector('.stmt-table caption')?.textContent.includes('预览'));
  assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.result)), ['duplicate', 'unmatched', 'mismatched']);
  await waitForText(rows.nth(0), '已入账');
  assert.equal(await page.locator('[data-action="apply"]').isDisabled(), true);
  await shot(page, 'statement-duplicate');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a GBK-encoded statement file (as Chinese banks export) is read correctly; a malformed line is 格式错误', async () => {
  // 交易日期,金额,流水号,摘要,付款人 / 会费 无单号,某某公司 in GBK.
  const header = Buffer.from('bdbbd2d7c8d5c6da2cbdf0b6ee2cc1f7cbaebac52cd5aad2aa2cb8b6bfeec8cb0d0a', 'hex');
  const note = Buffer.from('bbe1b7d120cedeb5a5bac52cc4b3c4b3b9abcbbe', 'hex');
  const file = Buffer.concat([header, Buffer.from(`${TODAY},"2,000.00",GBK${Y}0001,`), note, Buffer.from('\r\n12/03,abc,,x\r\n')]);
  const { page, context, errors } = await staffLogin('fin1', 'Finance12345');
  await page.evaluate(() => { location.hash = '#/staff/dues/statement'; });
  await waitForRoute(page, '/staff/dues/statement');
  await page.locator('input[type="file"]').setInputFiles({ name: '流水.csv', mimeType: 'text/csv', buffer: file });
  await waitForText(page.locator('.stmt-file-info'), '流水.csv');
  assert.match(await page.locator('.stmt-text').inputValue(), /^交易日期,金额,流水号,摘要,付款人\r?\n.*会费 无单号,某某公司/s);
  await page.locator('[data-action="preview"]').click();
  await page.waitForFunction(() => document.querySelectorAll('.stmt-table tbody tr').length === 2);
  const rows = page.locator('.stmt-table tbody tr');
  assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.result)), ['unmatched', 'invalid']);
  await waitForText(rows.nth(0), '2,000.00 元');
  await waitForText(rows.nth(1), '格式错误');
  assert.equal(await rows.nth(1).locator('.col-amount').textContent(), '—');
  await waitForText(page.locator('[data-count="invalid"]'), '格式错误 1');
  assert.deepEqual(errors, []);
  await context.close();
});

test('agency tiers and the bank details', async () => {
  const { page, context, errors } = await staffLogin('fin1', 'Finance12345');
  await page.locator('[data-menu="dues_tiers"]').click();
  await waitForRoute(page, '/staff/dues/agencies');
  await page.locator('.tier-item').first().waitFor();
  const total = (await fin('GET', '/staff/dues/agencies')).body.total;
  assert.ok(total > 20, `expected more than one page of agencies, got ${total}`);
  assert.equal(await page.locator('.tier-item').count(), 20);
  await waitForText(page.locator('.pager-info'), '第1/2页');
  await page.getByRole('button', { name: '下一页', exact: true }).click();
  await waitForText(page.locator('.pager-info'), '第2/2页');
  assert.equal(await page.locator('.tier-item').count(), total - 20);
  await page.getByLabel('机构代码或机构名称', { exact: true }).fill('南粤');
  await closeKeyboard(page);
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await page.waitForFunction(() => document.querySelectorAll('.tier-item').length === 1 && document.querySelector('.tier-item').dataset.agency === '44003');
  const item = page.locator('.tier-item[data-agency="44003"]');
  await item.locator('[data-tier="ordinary"][aria-pressed="true"]').waitFor();
  await item.locator('[data-tier="standing_director"]').click();
  await waitForText(page.locator('.dialog-body'), '由“普通会员单位”调整为“常务理事单位”');
  await page.locator('[data-action="confirm-tier"]').click();
  await waitForText(page.locator('[data-test="tier-changed"]'), '常务理事单位');
  await page.locator('.tier-item[data-agency="44003"] [data-tier="standing_director"][aria-pressed="true"]').waitFor();
  await shot(page, 'tiers');
  const found = await fin('GET', '/staff/dues/agencies?q=44003');
  assert.equal(found.body.items[0].tier, 'standing_director');

  await page.locator('[data-nav="back"]').click();
  await waitForRoute(page, '/staff');
  await page.locator('[data-menu="dues_settings"]').click();
  await waitForRoute(page, '/staff/dues/settings');
  await page.getByLabel('户名', { exact: true }).fill('中华全国专利代理师协会');
  await page.getByLabel('开户银行', { exact: true }).fill('中国工商银行北京海淀支行');
  await page.getByLabel('账号', { exact: true }).fill('0200004509089131550');
  await closeKeyboard(page);
  await page.getByLabel('汇款说明', { exact: true }).fill('汇款时请在附言中填写申报系统单号。');
  await page.locator('[data-action="save"]').click();
  await waitForText(page.locator('[data-test="saved"]'), '收款账户信息已保存');
  await shot(page, 'settings');
  await page.reload();
  await page.waitForSelector('html[data-ready="1"]');
  await page.getByLabel('账号', { exact: true }).waitFor();
  assert.equal(await page.getByLabel('账号', { exact: true }).inputValue(), '0200004509089131550');
  // Members see it on their order.
  const m = await memberOrder('rejected');
  assert.equal(m.bank.account_no, '0200004509089131550');
  assert.equal(m.bank.bank_name, '中国工商银行北京海淀支行');
  assert.deepEqual(errors, []);
  await context.close();
});

test('(e) a reviewer sees no 会费 entries and is refused by the API', async () => {
  const { page, context, errors } = await staffLogin('rev1', 'Review12345');
  await page.locator('[data-menu="review"]').waitFor();
  assert.equal(await page.locator('[data-menu^="dues_"]').count(), 0);
  await shot(page, 'console-reviewer');
  const rev = await apiSession('staff', 'rev1', 'Review12345');
  for (const [method, p, body] of [
    ['GET', '/staff/dues/orders'],
    ['GET', '/staff/dues/years'],
    ['GET', `/staff/dues/orders/${orders.wrongAmount.id}`],
    ['PUT', `/staff/dues/years/${Y}`, { window_start: `${Y}-01-01`, window_end: `${Y}-12-31`, fees: fees() }],
    ['POST', `/staff/dues/orders/${orders.wrongAmount.id}/bank-receipt`, { amount_fen: 100_000, date: TODAY, bank_ref: 'X1' }],
    ['POST', '/staff/dues/bank-statement', { csv: '交易日期,金额,流水号,摘要\n', apply: false }],
    ['GET', '/staff/dues/settings'],
  ]) {
    const r = await rev(method, p, body);
    assert.equal(r.status, 403, `${method} ${p}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.code, 'forbidden');
  }
  // Typing the address shows the refusal, not a screen to work in.
  await page.evaluate(() => { location.hash = '#/staff/dues/orders'; });
  await waitForRoute(page, '/staff/dues/orders');
  await page.locator('.load-error').waitFor();
  assert.equal(await page.locator('.orders-table').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
