// 入会申请 for the four member types: charter tick gate → server-defined form → a wrong
// identifier is reported next to its field (other input kept) → corrected → success text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  startDaemon, launchBrowser, openKiosk, fillLogin, changePassword, waitForText, waitForRoute, closeKeyboard,
  PORTRAIT, LANDSCAPE, ARTIFACTS, smallControls,
} from './harness.mjs';

const SUCCESS = '您的入会申请已经提交成功，协会将在5个工作日内进行反馈，请注意查收手机短信！';
let daemon;
let browser;

before(async () => {
  daemon = await startDaemon({ members: 40 });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
});

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

// values: { key: 'text' | { choice: '...' } }
async function fillForm(page, values) {
  for (const [key, v] of Object.entries(values)) {
    const f = page.locator(`[data-field="${key}"]`);
    if (typeof v === 'object') await f.locator('.choice', { hasText: v.choice }).click();
    else await f.locator('input, textarea').fill(v);
  }
  await closeKeyboard(page);
}

const fieldValue = (page, key) => page.locator(`[data-field="${key}"] input, [data-field="${key}"] textarea`).inputValue();
const fieldError = (page, key) => page.locator(`[data-field="${key}"] .field-error`);

async function charterGate(page, shotName) {
  await waitForText(page.locator('.charter-body'), '第一章');
  const agree = page.locator('[data-action="agree"]');
  await waitForText(page.locator('.agree-label'), '已阅读并同意中华全国专利代理师协会章程');
  assert.equal(await agree.textContent(), '同意并申请');
  assert.equal(await agree.isDisabled(), true, '【同意并申请】 is disabled before ticking');
  await page.locator('.agree-label').click();
  assert.equal(await page.locator('#agree-charter').isChecked(), true);
  assert.equal(await agree.isDisabled(), false, '【同意并申请】 is enabled after ticking');
  if (shotName) await shot(page, shotName);
  await agree.click();
  await page.waitForSelector('form.apply-form');
}

async function submitWithBadThenGood(page, { badKey, bad, good, keptKey, shotName }) {
  await page.locator(`[data-field="${badKey}"] input`).fill(bad);
  await closeKeyboard(page);
  const kept = await fieldValue(page, keptKey);
  await page.getByRole('button', { name: '提交申请' }).click();
  const msg = await waitForText(fieldError(page, badKey), /\S/);
  assert.match(msg, /校验|不正确|格式/);
  assert.equal(await fieldValue(page, keptKey), kept, 'other typed values are kept');
  assert.equal(await fieldValue(page, badKey), bad, 'the wrong value stays for correcting');
  assert.equal(await page.locator('.field-error:not(:empty)').count(), 1, 'only the wrong field is marked');
  // The refused field is brought into view with the focus, above the keyboard that opened on it.
  assert.equal(await page.evaluate(() => document.activeElement?.closest('[data-field]')?.dataset.field), badKey);
  await page.locator('.osk').waitFor({ state: 'visible' });
  const fieldBox = await page.locator(`[data-field="${badKey}"] input`).boundingBox();
  const kbBox = await page.locator('.osk').boundingBox();
  assert.ok(fieldBox.y >= 0 && fieldBox.y + fieldBox.height <= kbBox.y, `${badKey} hidden by the keyboard`);
  if (shotName) await shot(page, shotName);
  await page.locator(`[data-field="${badKey}"] input`).fill(good);
  await closeKeyboard(page);
  await page.getByRole('button', { name: '提交申请' }).click();
  const text = await waitForText(page.locator('[data-test="apply-success"]'), SUCCESS);
  assert.equal(text, SUCCESS);
}

async function loginFirst(page, type, id, newPw) {
  await page.locator('[data-tile="apply"]').click();
  await waitForRoute(page, '/apply');
  await page.locator(`[data-apply="${type}"]`).click();
  await waitForRoute(page, '/login');
  await fillLogin(page, id, id);
  await waitForRoute(page, '/password');
  await changePassword(page, id, newPw);
  await waitForRoute(page, '/apply/form');
}

test('agency: login, forced password change, charter, wrong USCC then correct → success', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT });
  await loginFirst(page, 'agency', '11001', 'Agency2026x');
  await charterGate(page, 'apply-charter');
  // Read-only 机构代码 comes from the login; required fields carry the star.
  assert.equal(await fieldValue(page, 'agency_code'), '11001');
  assert.equal(await page.locator('[data-field="agency_code"] input').getAttribute('readonly'), '');
  assert.equal(await page.locator('[data-field="org_name"] .field-label.is-required').count(), 1);
  assert.equal(await page.locator('[data-field="postcode"] .field-label.is-required').count(), 0);
  // 成立日期 is typed as digits on the on-screen keyboard: the hyphens come by themselves and a
  // key that would make an impossible date (month 13) is refused.
  await page.locator('[data-field="founded_on"] input').click();
  assert.equal(await page.locator('.osk.osk-date').isVisible(), true, 'the digits-only date keyboard');
  for (const k of '2005') await page.locator(`.osk-key[data-key="${k}"]`).click();
  assert.equal(await fieldValue(page, 'founded_on'), '2005-');
  for (const k of '13') await page.locator(`.osk-key[data-key="${k}"]`).click();
  assert.equal(await fieldValue(page, 'founded_on'), '2005-1', 'no 13th month');
  await page.locator('.osk-key[data-key="backspace"]').click();
  for (const k of '0601') await page.locator(`.osk-key[data-key="${k}"]`).click();
  assert.equal(await fieldValue(page, 'founded_on'), '2005-06-01');
  await closeKeyboard(page);
  await fillForm(page, {
    org_name: '北京智诚专利代理事务所（普通合伙）',
    org_form: { choice: '合伙' },
    registered_address: '北京市海淀区知春路1号',
    office_address: '北京市海淀区知春路1号',
    head_name: '赵强',
    head_mobile: '13800138000',
    contact_name: '钱敏',
    contact_mobile: '13900139000',
    email: 'office@zhicheng.example.cn',
    attorney_count: '12',
  });
  await submitWithBadThenGood(page, {
    badKey: 'uscc', bad: '91110000600037341X', good: '91110000600037341L', keptKey: 'head_name', shotName: 'apply-form-error',
  });
  await shot(page, 'apply-success');
  // The member center's 入会申请 now shows the application under review.
  await page.evaluate(() => { location.hash = '#/member'; });
  await waitForRoute(page, '/member');
  await page.locator('[data-menu="application"]').click();
  await waitForRoute(page, '/member/application');
  await waitForText(page.locator('[data-stage="under_review"]'), '审核中');
  await shot(page, 'member-application-review');
  assert.deepEqual(errors, []);
  await context.close();
});

test('attorney: login first, wrong 身份证号 then correct → success', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT });
  await loginFirst(page, 'attorney', '1100001', 'Attorney2026x');
  await charterGate(page);
  assert.equal(await fieldValue(page, 'qualification_no'), '1100001');
  assert.notEqual(await fieldValue(page, 'agency_name'), '');
  await fillForm(page, {
    name: '张伟',
    gender: { choice: '男' },
    mobile: '13800138000',
    email: 'zhangwei@example.cn',
    education: { choice: '硕士研究生' },
    major: '电子工程',
  });
  await submitWithBadThenGood(page, { badKey: 'id_number', bad: '110105194912310021', good: '11010519491231002X', keptKey: 'major' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('industry org: no login, wrong USCC then correct → success', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT });
  await page.locator('[data-tile="apply"]').click();
  await page.locator('[data-apply="industry_org"]').click();
  await waitForRoute(page, '/apply/form');
  await charterGate(page);
  await fillForm(page, {
    org_name: '北京市专利代理师协会',
    org_category: { choice: '地方专利代理师协会' },
    address: '北京市西城区复兴门内大街1号',
    head_name: '孙立',
    contact_name: '周红',
    contact_mobile: '13900139000',
    email: 'bjpaa@example.cn',
    intro: '北京地区专利代理行业组织。',
  });
  await submitWithBadThenGood(page, { badKey: 'uscc', bad: '911101066976941873', good: '911101066976941872', keptKey: 'intro' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('non-practicing: no login, wrong 身份证号 then correct → success', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { viewport: LANDSCAPE });
  await page.locator('[data-tile="apply"]').click();
  await page.locator('[data-apply="non_practicing"]').click();
  await waitForRoute(page, '/apply/form');
  await charterGate(page);
  await fillForm(page, {
    name: '李明',
    qualification_no: '1100099',
    employer: '某科技有限公司',
    email: 'liming@example.cn',
  });
  // The mobile number is typed on the on-screen keyboard.
  await page.locator('[data-field="mobile"] .field-kbd').click();
  await page.locator('.osk').waitFor({ state: 'visible' });
  for (const k of '13900139000') await page.locator(`.osk [data-key="${k}"]`).click();
  assert.equal(await fieldValue(page, 'mobile'), '13900139000');
  await shot(page, 'apply-keyboard');
  await closeKeyboard(page);
  await submitWithBadThenGood(page, { badKey: 'id_number', bad: '110105194912310021', good: '11010519491231002X', keptKey: 'employer' });
  assert.deepEqual(errors, []);
  await context.close();
});
