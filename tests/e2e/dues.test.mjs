// 会费缴纳 in the kiosk, against the real daemon and the payment simulator (tests/paysim):
// (a) an agency pays for itself and two attorneys by WeChat Pay (the simulator pays, the page
//     moves on by itself), with the receipt and good standing after;
// (b) an attorney chooses personal payment (the manual's exact dialog text; 取消 waits, 确定 goes
//     on) and pays by Alipay on the simulator's pay page;
// (c) a gateway failure shows the message and the 转账汇款 offer, and nothing is lost;
// (d) the list and the QR screens in landscape (controls >= 48 px, nothing off-screen);
// (e) 减免申请缴费 through to finance's approval.
// The QR's expiry and the idle hold are in dues_qr_expiry.test.mjs (it waits a minute).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startDaemon, launchBrowser, openKiosk, fillLogin, changePassword, waitForText, waitForRoute, closeKeyboard,
  PORTRAIT, LANDSCAPE, ARTIFACTS, smallControls,
} from './harness.mjs';

const PERSONAL_CONFIRM = '专利代理师最好由所属代理机构统一缴费，确定要以个人身份缴纳吗？'; // manual
const PAID_TEXT = '支付成功后，用户即可使用系统全部功能'; // manual
const NOT_APPLIED_HINT = '该专利代理师尚未办理入会，请提示其先申请入会，再为其缴费'; // CONTRACT.md
// CONTRACT.md: 微信支付/支付宝暂时无法使用，请稍后再试，或选择转账汇款 (the daemon says 暂时无法连接).
const GATEWAY_DOWN = /^微信支付暂时无法.+请稍后再试，或选择转账汇款$/;

let daemon;
let browser;

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  daemon = await startDaemon({ members: 40, payments: true });
  await daemon.ctl(['demo-approve', '11001', '1100001', '1100002', '31002', '3100003', '44003']);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
});

// Checks the screen in both orientations (no sideways scroll, controls >= 48 px) and saves its
// screenshots; ends in portrait.
async function shot(page, name, { orientations = ['portrait', 'landscape'], fullPage = false } = {}) {
  const viewports = { portrait: PORTRAIT, landscape: LANDSCAPE };
  for (const o of orientations) {
    await page.setViewportSize(viewports[o]);
    await page.waitForFunction(() => !document.querySelector('.loading'));
    const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    assert.ok(sw <= iw, `${name} ${o}: scrollWidth ${sw} > ${iw}`);
    assert.deepEqual(await smallControls(page), [], `${name} ${o}: controls under 48 px`);
    const text = await page.locator('#main').innerText();
    assert.doesNotMatch(text, /\b(null|undefined|NaN)\b|\[object /, `${name}: no stray values on screen`);
    await page.screenshot({ path: path.join(ARTIFACTS, `dues-${name}-${o}.png`), fullPage });
  }
  await page.setViewportSize(PORTRAIT);
}

async function loginFirstTime(page, login, password) {
  await fillLogin(page, login, login);
  await waitForRoute(page, '/password');
  await changePassword(page, login, password);
  await waitForRoute(page, '/member');
}

// The page's own session asks the daemon (a GET needs no CSRF token).
const pageGet = (page, p) => page.evaluate(async (u) => {
  const r = await fetch(`/api/v1${u}`, { headers: { Accept: 'application/json' } });
  return { status: r.status, body: await r.json() };
}, p);

const orderIdOf = (page) => page.evaluate(() => new URLSearchParams(location.hash.split('?')[1] || '').get('id'));

// A session straight against the API (a second login of a member, or staff for a decision).
async function apiClient(kind, login, password) {
  let cookie = '';
  let csrf = '';
  const call = async (method, p, body) => {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json', Cookie: cookie };
    if (csrf) headers['X-CSRF-Token'] = csrf;
    const r = await fetch(`${daemon.baseUrl}/api/v1${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const set = r.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    const json = await r.json().catch(() => null);
    if (json?.session?.csrf) csrf = json.session.csrf;
    return { status: r.status, body: json };
  };
  const res = await call('POST', '/auth/login', { kind, login_id: login, password });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return call;
}

async function enterYear(page) {
  await page.locator('.dues-year-btn[aria-pressed="true"]').waitFor();
  await page.locator('[data-action="enter"]').click();
}

async function submitAndConfirm(page) {
  await page.locator('[data-action="submit"]').click();
  await waitForRoute(page, '/member/dues/confirm');
  await page.locator('[data-field="contact.mobile"] input').waitFor();
}

test('(a) agency: list with a not-applied attorney, tick self and two attorneys, WeChat Pay, paid by itself, receipt, good standing', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/login' });
  await loginFirstTime(page, '11001', 'Agency2026x');
  await waitForText(page.locator('[data-test="unpaid"]'), '未缴纳会费');

  // 入会申请 → the approval message → 【缴纳会费入口】 (manual) → 选择缴费年份.
  await page.locator('[data-menu="application"]').click();
  await waitForRoute(page, '/member/application');
  await waitForText(page.locator('[data-test="approved-text"]'), /审核通过/);
  await page.getByRole('button', { name: '缴纳会费入口' }).click();
  await waitForRoute(page, '/member/dues');
  await waitForText(page.locator('.page-title'), '选择缴费年份');
  assert.equal(await page.locator('[data-action="enter"]').textContent(), '进入会费缴纳系统');
  await page.locator('.dues-year-btn[aria-pressed="true"]').waitFor();
  await shot(page, 'year');
  await enterYear(page);

  // 待缴费清单: the agency, its two approved attorneys, and 赵磊 who has not applied.
  await waitForRoute(page, '/member/dues/items');
  const zhao = page.locator('.dues-item[data-login="1100005"]');
  await zhao.waitFor();
  await waitForText(zhao, NOT_APPLIED_HINT);
  assert.equal(await zhao.locator('input[type="checkbox"]').isDisabled(), true, '1100005 cannot be ticked');
  const self = page.locator('.dues-item[data-login="11001"] input');
  assert.equal(await self.isChecked(), true, 'the agency itself is ticked first');
  await waitForText(page.locator('[data-test="total"]'), '已选 1 项，合计 1,000.00 元');
  await page.locator('.dues-item[data-login="1100001"]').click();
  await page.locator('.dues-item[data-login="1100002"]').click();
  await zhao.click({ force: true }); // a tap on the disabled row changes nothing
  assert.equal(await zhao.locator('input').isChecked(), false);
  await waitForText(page.locator('[data-test="total"]'), '已选 3 项，合计 1,600.00 元');
  await shot(page, 'items', { fullPage: true });

  // 提交 → 会费缴纳申报确认单 with the contact prefilled; the mobile is retyped on the on-screen keyboard.
  await submitAndConfirm(page);
  await waitForText(page.locator('.page-title'), '会费缴纳申报确认单');
  await waitForText(page.locator('[data-test="items-total"]'), '1,600.00 元');
  assert.equal(await page.locator('.dues-table tbody tr').count(), 3);
  assert.notEqual(await page.locator('[data-field="contact.name"] input').inputValue(), '', 'contact prefilled from the quote');
  const mobile = page.locator('[data-field="contact.mobile"] input');
  await mobile.click();
  await page.locator('.osk').waitFor({ state: 'visible' });
  await page.locator('.osk-key[data-key="clear"]').click();
  for (const k of '13912345678') await page.locator(`.osk-key[data-key="${k}"]`).click();
  assert.equal(await mobile.inputValue(), '13912345678');
  await page.locator('.osk .osk-done').click();
  assert.equal(await page.getByRole('button', { name: '减免申请缴费' }).count(), 1);

  // A server field error appears next to its field, the other input kept.
  await page.locator('[data-field="contact.email"] input').fill('not-an-email');
  await closeKeyboard(page);
  await page.getByRole('button', { name: '确认申报缴费' }).click();
  await waitForText(page.locator('[data-field="contact.email"] .field-error'), /\S/);
  assert.equal(await mobile.inputValue(), '13912345678');
  await shot(page, 'confirm-error');
  await page.locator('[data-field="contact.email"] input').fill('finance@zhicheng.example.cn');
  await closeKeyboard(page);
  await page.getByRole('button', { name: '确认申报缴费' }).click();

  // 订单详情: 申报系统单号, amounts, the three methods.
  await waitForRoute(page, '/member/dues/order');
  const orderNo = (await waitForText(page.locator('[data-test="order-no"]'), /^D\d+/)).trim();
  await waitForText(page.locator('[data-fact="amount_due"] dd'), '1,600.00 元');
  await waitForText(page.locator('.dues-status'), '待支付');
  for (const m of ['bank', 'alipay', 'wechat']) assert.equal(await page.locator(`[data-method="${m}"]`).count(), 1, m);
  await shot(page, 'order');
  const id = await orderIdOf(page);
  const detail = await pageGet(page, `/member/dues/orders/${id}`);
  assert.equal(detail.body.order.contact.mobile, '13912345678', 'the mobile typed on the keyboard was sent');

  // 微信支付 → the QR, its method, amount and countdown; the idle corner counts to the QR's expiry.
  await page.locator('[data-method="wechat"]').click();
  await waitForRoute(page, '/member/dues/qr');
  await page.locator('img[data-test="qr"]').waitFor();
  await waitForText(page.locator('.dues-qr-scan'), '请使用微信扫一扫');
  await waitForText(page.locator('[data-test="qr-amount"]'), '1,600.00 元');
  await waitForText(page.locator('[data-test="qr-left"]'), /剩余 [45]分/);
  const img = await page.locator('img[data-test="qr"]').evaluate((el) => ({
    src: el.getAttribute('src').slice(0, 40), w: el.getBoundingClientRect().width, ok: el.complete && el.naturalWidth > 0,
  }));
  assert.ok(img.src.startsWith('data:image/svg+xml;charset=utf-8,'), img.src);
  assert.ok(img.ok, 'the SVG data URL loads');
  assert.ok(img.w >= 500, `the QR is large in portrait (${img.w} px)`);
  assert.equal(await page.locator('.dues-qr-card svg').count(), 0, 'no SVG markup parsed into the page');
  const corner = Number((await page.locator('.idle-corner').textContent()).match(/\d+/)[0]);
  assert.ok(corner > 200, `the idle reset waits for the QR (corner ${corner} s, idle_reset_s 120)`);
  await shot(page, 'qr-wechat');

  // The simulator pays the trade the page's status names; the page moves on by itself.
  const st = await pageGet(page, `/member/dues/orders/${id}/status`);
  assert.equal(st.status, 200);
  assert.equal(st.body.attempt.method, 'wechat');
  const paid = await daemon.simPay('wechat', st.body.attempt.out_trade_no);
  assert.equal(paid.status, 200, JSON.stringify(paid.body));
  await waitForRoute(page, '/member/dues/paid', { timeout: 15000 });
  await waitForText(page.locator('[data-test="paid-text"]'), PAID_TEXT);
  await waitForText(page.locator('[data-test="valid-until"]'), /^\d{4}-12-31$/);
  await shot(page, 'paid');
  const cornerAfter = Number((await page.locator('.idle-corner').textContent()).match(/\d+/)[0]);
  assert.ok(cornerAfter <= 120, `the hold ends with the QR screen (corner ${cornerAfter} s)`);

  // 收据 names the 申报系统单号 (and the rest the spec asks for).
  await page.locator('[data-action="receipt"]').click();
  await waitForRoute(page, '/member/dues/receipt');
  await waitForText(page.locator('[data-test="receipt-order-no"]'), orderNo);
  await waitForText(page.locator('[data-fact="method"] dd'), '微信支付');
  await waitForText(page.locator('[data-fact="payer"] dd'), '北京智诚专利代理事务所（普通合伙）');
  await waitForText(page.locator('[data-fact="issuer"] dd'), '中华全国专利代理师协会');
  await waitForText(page.locator('[data-test="receipt-paid"]'), '1,600.00 元');
  await page.getByRole('button', { name: '打印' }).waitFor();
  await shot(page, 'receipt', { fullPage: true });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.shell-top').isVisible(), false, 'the print stylesheet hides the kiosk chrome');
  assert.equal(await page.locator('[data-test="receipt"]').isVisible(), true);
  await page.screenshot({ path: path.join(ARTIFACTS, 'dues-receipt-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // The member center shows good standing; 我的缴费订单 lists the paid order.
  await page.evaluate(() => { location.hash = '#/member'; });
  await waitForRoute(page, '/member');
  await waitForText(page.locator('[data-test="good-standing"]'), /正常.*\d{4}-12-31/);
  await shot(page, 'member-center');
  await page.locator('[data-menu="dues_orders"]').click();
  await waitForRoute(page, '/member/dues/orders');
  await waitForText(page.locator(`tr[data-order="${orderNo}"]`), '已缴费');

  // The list now shows the three as paid, not tickable.
  await page.evaluate(() => { location.hash = '#/member/dues'; });
  await waitForRoute(page, '/member/dues');
  await enterYear(page);
  await waitForRoute(page, '/member/dues/items');
  await page.locator('.dues-item[data-login="11001"][data-state="paid"]').waitFor();
  assert.equal(await page.locator('.dues-item[data-login="1100001"] input').isDisabled(), true);

  assert.deepEqual(errors, []);
  await context.close();
});

test('(b) attorney: 个人缴费 dialog (exact text; 取消 waits, 确定 goes on), Alipay on the simulator pay page', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/login' });
  await loginFirstTime(page, '3100003', 'Attorney2026x');
  await page.locator('[data-menu="dues"]').click();
  await waitForRoute(page, '/member/dues');
  await enterYear(page);

  // The choice: 通知所属代理机构缴费 first.
  await page.locator('[data-action="agency"]').waitFor();
  await waitForText(page.locator('.dues-choice'), '上海华东知识产权代理有限公司');
  await shot(page, 'attorney-choice');
  await page.locator('[data-action="agency"]').click();
  await waitForText(page.locator('[data-test="choice-status"]'), '已通知所属代理机构');

  // 个人缴费 → the confirm dialog with the manual's text; 取消 stays and waits for the agency.
  await page.locator('[data-action="personal"]').click();
  const dialog = page.locator('.dialog');
  await dialog.waitFor();
  assert.equal((await dialog.locator('[data-test="personal-confirm"]').textContent()), PERSONAL_CONFIRM);
  assert.equal(await dialog.getByRole('button', { name: '确定' }).count(), 1);
  await shot(page, 'attorney-dialog');
  await dialog.getByRole('button', { name: '取消' }).click();
  await dialog.waitFor({ state: 'detached' });
  await waitForText(page.locator('[data-test="choice-status"]'), '等候所属代理机构统一缴费');
  await waitForRoute(page, '/member/dues');
  const home = await pageGet(page, '/member/dues');
  assert.equal(home.body.attorney.choice, 'agency', '取消 records nothing');

  // 确定 records `personal` and goes on to the list.
  await page.locator('[data-action="personal"]').click();
  await page.locator('.dialog').getByRole('button', { name: '确定' }).click();
  await waitForRoute(page, '/member/dues/items');
  const self = page.locator('.dues-item[data-login="3100003"]');
  await self.waitFor();
  assert.equal(await self.locator('input').isChecked(), true);
  await waitForText(page.locator('[data-test="total"]'), '300.00 元');
  await submitAndConfirm(page);
  for (const [key, value] of [['name', '李娜'], ['mobile', '13800003100'], ['email', 'lina@example.cn']]) {
    const input = page.locator(`[data-field="contact.${key}"] input`);
    if (!(await input.inputValue())) await input.fill(value);
  }
  await closeKeyboard(page);
  await page.getByRole('button', { name: '确认申报缴费' }).click();
  await waitForRoute(page, '/member/dues/order');
  await waitForText(page.locator('[data-fact="amount_due"] dd'), '300.00 元');

  // 支付宝支付: the demo link opens the simulator's pay page in a new page; 确认支付 there.
  await page.locator('[data-method="alipay"]').click();
  await waitForRoute(page, '/member/dues/qr');
  await page.locator('img[data-test="qr"]').waitFor();
  await waitForText(page.locator('.dues-qr-scan'), '请使用支付宝扫一扫');
  const link = page.locator('[data-action="pay-link"]');
  await waitForText(link, '打开模拟支付页面');
  assert.equal(await link.getAttribute('target'), '_blank');
  const href = await link.getAttribute('href');
  assert.ok(href.startsWith(daemon.sim.url), href);
  await shot(page, 'qr-alipay');
  const payPage = await context.newPage();
  await payPage.goto(href);
  await payPage.getByRole('button', { name: '确认支付' }).click();
  await payPage.waitForLoadState();
  await waitForRoute(page, '/member/dues/paid', { timeout: 20000 });
  await waitForText(page.locator('[data-test="paid-text"]'), PAID_TEXT);
  await waitForText(page.locator('[data-fact="method"] dd'), '支付宝支付');
  await payPage.close();

  assert.deepEqual(errors, []);
  await context.close();
});

test('(c) a gateway failure shows the message and offers 转账汇款; the order is intact and can be paid later', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/login' });
  await loginFirstTime(page, '31002', 'Agency31002x');
  await page.locator('[data-menu="dues"]').click();
  await waitForRoute(page, '/member/dues');
  await enterYear(page);
  await waitForRoute(page, '/member/dues/items');
  // The attorney paid personally in (b): shown as paid, not tickable.
  const li = page.locator('.dues-item[data-login="3100003"]');
  if (await li.count()) assert.equal(await li.locator('input').isDisabled(), true);
  await submitAndConfirm(page);

  // Meanwhile the same items are declared from another session: 确认申报缴费 gets 409
  // item_unavailable, which names the item and leads back to the list.
  const { year, ids } = await page.evaluate(() => {
    const p = new URLSearchParams(location.hash.split('?')[1]);
    return { year: Number(p.get('year')), ids: p.get('ids').split(',').map(Number) };
  });
  const other = await apiClient('member', '31002', 'Agency31002x');
  const quote = await other('POST', '/member/dues/quote', { year, member_ids: ids });
  const placed = await other('POST', '/member/dues/orders', { year, member_ids: ids, contact: quote.body.contact });
  assert.equal(placed.status, 201, JSON.stringify(placed.body));
  await page.getByRole('button', { name: '确认申报缴费' }).click();
  await waitForText(page.locator('[data-test="item-unavailable"]'), '上海华东知识产权代理有限公司');
  await shot(page, 'item-unavailable');
  await page.locator('[data-action="back-to-list"]').click();
  await waitForRoute(page, '/member/dues/items');
  await waitForText(page.locator('.dues-item[data-login="31002"]'), placed.body.order.order_no);
  assert.equal(await page.locator('.dues-item[data-login="31002"] input').isDisabled(), true);

  // The order is resumed from 我的缴费订单.
  await page.locator('[data-action="open-orders"]').click();
  await waitForRoute(page, '/member/dues/orders');
  await page.locator(`[data-open="${placed.body.order.id}"]`).click();
  await waitForRoute(page, '/member/dues/order');
  const orderNo = (await waitForText(page.locator('[data-test="order-no"]'), /^D\d+/)).trim();
  assert.equal(orderNo, placed.body.order.order_no);
  const id = await orderIdOf(page);

  const sw = await daemon.simSwitches({ fail: { create: 500 } });
  assert.equal(sw.status, 200, JSON.stringify(sw.body));
  try {
    await page.locator('[data-method="wechat"]').click();
    await waitForRoute(page, '/member/dues/qr');
    await waitForText(page.locator('[data-test="gateway-error"]'), GATEWAY_DOWN);
    await page.locator('[data-action="to-bank"]').waitFor();
    await shot(page, 'gateway-down');
    const detail = await pageGet(page, `/member/dues/orders/${id}`);
    assert.equal(detail.body.order.status, 'awaiting_payment', 'the order is intact');
  } finally {
    await daemon.simSwitches({ fail: { create: null } });
  }

  // 转账汇款: the bank details and the 申报系统单号 for the remittance note.
  await page.locator('[data-action="to-bank"]').click();
  await waitForRoute(page, '/member/dues/bank');
  await waitForText(page.locator('[data-test="bank-instruction"]'), orderNo);
  await waitForText(page.locator('.page-lead'), '记录申报系统单号进行汇款');
  await shot(page, 'bank');

  // Once the gateway is back, the same order gets its QR.
  await page.evaluate((oid) => { location.hash = `#/member/dues/qr?id=${oid}&method=wechat`; }, id);
  await waitForRoute(page, '/member/dues/qr');
  await page.locator('img[data-test="qr"]').waitFor();

  // 取消订单 asks first, then frees the items.
  await page.evaluate((oid) => { location.hash = `#/member/dues/order?id=${oid}`; }, id);
  await waitForRoute(page, '/member/dues/order');
  await page.locator('[data-action="cancel-order"]').click();
  await page.locator('.dialog').waitFor();
  await page.locator('.dialog [data-action="dialog-ok"]').click();
  await waitForText(page.locator('.dues-status'), '已取消');

  assert.deepEqual(errors, []);
  await context.close();
});

test('(d) landscape: the list and the QR screens fit (no control under 48 px, nothing off-screen)', async () => {
  // 31002's list again (its order was cancelled in (c), so its own item is payable).
  const k = await openKiosk(browser, daemon.baseUrl, { viewport: LANDSCAPE, route: '/login' });
  await fillLogin(k.page, '31002', 'Agency31002x');
  await waitForRoute(k.page, '/member');
  await k.page.evaluate(() => { location.hash = '#/member/dues'; });
  await enterYear(k.page);
  await waitForRoute(k.page, '/member/dues/items');
  await k.page.locator('.dues-item').first().waitFor();

  const offscreen = (sel) => k.page.evaluate((s) => [...document.querySelectorAll(s)].filter((el) => {
    const r = el.getBoundingClientRect();
    return r.width && (r.left < 0 || r.right > window.innerWidth + 0.5);
  }).map((el) => el.className), sel);
  assert.deepEqual(await offscreen('.dues-item, .dues-item *, .dues-submit-bar, .dues-submit-bar *'), []);
  assert.deepEqual(await smallControls(k.page), []);
  await k.page.screenshot({ path: path.join(ARTIFACTS, 'dues-landscape-items.png') });

  await k.page.locator('[data-action="submit"]').click();
  await waitForRoute(k.page, '/member/dues/confirm');
  await k.page.getByRole('button', { name: '确认申报缴费' }).click();
  await waitForRoute(k.page, '/member/dues/order');
  await k.page.locator('[data-method="alipay"]').click();
  await waitForRoute(k.page, '/member/dues/qr');
  await k.page.locator('img[data-test="qr"]').waitFor();
  await k.page.waitForFunction(() => document.querySelector('img[data-test="qr"]').complete);
  // The whole QR card is inside the 1920×1080 screen without scrolling.
  const box = await k.page.evaluate(() => {
    const r = (s) => { const b = document.querySelector(s).getBoundingClientRect(); return { top: b.top, bottom: b.bottom, left: b.left, right: b.right, w: b.width }; };
    return { img: r('img[data-test="qr"]'), amount: r('[data-test="qr-amount"]'), left: r('[data-test="qr-left"]'), h: innerHeight, wd: innerWidth };
  });
  for (const [name, b] of Object.entries({ img: box.img, amount: box.amount, left: box.left })) {
    assert.ok(b.top >= 0 && b.bottom <= box.h && b.left >= 0 && b.right <= box.wd, `${name} on screen: ${JSON.stringify(b)}`);
  }
  assert.ok(box.img.w >= 300, `the QR is large in landscape (${box.img.w} px)`);
  assert.deepEqual(await smallControls(k.page), []);
  await k.page.screenshot({ path: path.join(ARTIFACTS, 'dues-landscape-qr.png') });
  assert.deepEqual(k.errors, []);
  await k.context.close();
});

test('(e) 减免申请缴费: amount in 元 to integer fen, reason; the order waits for approval, then is payable at the reduced amount', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/login' });
  await loginFirstTime(page, '44003', 'Agency44003x');
  await page.locator('[data-menu="dues"]').click();
  await waitForRoute(page, '/member/dues');
  await enterYear(page);
  await waitForRoute(page, '/member/dues/items');
  // 刘洋 has not applied: shown, not tickable.
  await waitForText(page.locator('.dues-item[data-login="4400004"]'), NOT_APPLIED_HINT);
  await submitAndConfirm(page);
  await page.locator('[data-field="contact.office_phone"] input').fill('020-88886666');
  await closeKeyboard(page);
  await page.getByRole('button', { name: '减免申请缴费' }).click();
  await waitForRoute(page, '/member/dues/reduction');
  await waitForText(page.locator('.page-lead'), '需要填写减免金额以及减免理由，审批通过后方可减免。');
  assert.equal(await page.locator('[data-field="contact.office_phone"] input').inputValue(), '020-88886666', 'the contact comes along');

  // The amount takes digits and one '.', typed on the on-screen keyboard.
  const amount = page.locator('[data-field="reduction.amount_fen"] input');
  await amount.click();
  await page.locator('.osk').waitFor({ state: 'visible' });
  for (const k of '5a00.5.09') await page.locator(`.osk-key[data-key="${k}"]`).click();
  assert.equal(await amount.inputValue(), '500.50', 'letters, a second dot and a third decimal are dropped');
  await page.locator('.osk .osk-done').click();
  await page.locator('[data-field="reduction.reason"] textarea').fill('短');
  await page.locator('[data-action="submit-reduction"]').click();
  await waitForText(page.locator('[data-field="reduction.reason"] .field-error'), /5～200/);
  await amount.fill('99999');
  await page.locator('[data-field="reduction.reason"] textarea').fill('本所今年新设立，经营困难，申请减免部分会费。');
  await closeKeyboard(page);
  await page.locator('[data-action="submit-reduction"]').click();
  await waitForText(page.locator('[data-field="reduction.amount_fen"] .field-error'), '不能超过');
  await amount.fill('500.50');
  await closeKeyboard(page);
  await shot(page, 'reduction');
  await page.locator('[data-action="submit-reduction"]').click();
  await waitForText(page.locator('[data-test="reduction-sent"]'), '等待协会审批');
  await page.getByRole('button', { name: '查看订单详情' }).click();
  await waitForRoute(page, '/member/dues/order');
  await waitForText(page.locator('.dues-status'), '减免审批中');
  assert.equal(await page.locator('[data-method]').count(), 0, 'no payment while the reduction waits');
  await waitForText(page.locator('.notice-warning'), '500.50 元');
  await shot(page, 'order-reduction-pending');
  const id = await orderIdOf(page);
  const detail = await pageGet(page, `/member/dues/orders/${id}`);
  assert.equal(detail.body.order.reduction.requested_fen, 50050, '500.50 元 is 50050 fen');
  assert.equal(detail.body.order.contact.office_phone, '020-88886666');

  // Finance approves 500.00 元: the order becomes payable at total − 500.00.
  const staff = await apiClient('staff', 'admin1', 'Admin12345');
  const dec = await staff('POST', `/staff/dues/orders/${id}/reduction`, { decision: 'approve', amount_fen: 50000 });
  assert.equal(dec.status, 200, JSON.stringify(dec.body));
  await page.reload();
  await page.waitForSelector('html[data-ready="1"]');
  await waitForRoute(page, '/member/dues/order');
  await waitForText(page.locator('.dues-status'), '待支付');
  await waitForText(page.locator('.dues-order'), '减免申请已通过，减免 500.00 元');
  const due = detail.body.order.total_fen - 50000;
  const yuan = `${Math.floor(due / 100).toLocaleString('en-US')}.${String(due % 100).padStart(2, '0')} 元`;
  await waitForText(page.locator('[data-fact="amount_due"] dd'), yuan);
  assert.equal(await page.locator('[data-method="wechat"]').count(), 1);
  await shot(page, 'order-reduction-approved');

  assert.deepEqual(errors, []);
  await context.close();
});

