// Pinyin on the on-screen keyboard, with touch alone, against the real daemon and Debian's
// rime-data-pinyin-simp dictionary: 张伟 typed into the 会员名录 search; 退格 over pinyin
// before characters and paging the candidate bar; a whole 行业组织 application (Chinese names,
// address, e-mail, codes) filled with the keyboard only and submitted, in portrait and landscape.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  startDaemon, launchBrowser, openKiosk, waitForText, waitForRoute, checkScreens, ARTIFACTS, PORTRAIT, LANDSCAPE,
} from './harness.mjs';

let daemon;
let browser;

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  daemon = await startDaemon({ members: 20 });
  // 张伟 (roster attorney 1100001) approved and, as if the dues were paid, in good standing: then
  // the 会员名录 lists him. (Paying through the gateways is tested in dues.test.mjs.)
  await daemon.ctl(['demo-approve', '1100001']);
  execFileSync('sqlite3', [path.join(daemon.dir, 'md.db'),
    "UPDATE members SET status = 'active', valid_until = '2099-12-31' WHERE login_id = '1100001'"]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
});

const osk = (page) => page.locator('.osk');

// Taps the letters, then the candidate `want` (paging the bar as a person would).
async function typePinyin(page, letters, want) {
  for (const k of letters) await osk(page).locator(`.osk-key[data-key="${k}"]`).click();
  await waitForText(page.locator('[data-test="ime-pinyin"]'), letters.slice(0, 1));
  for (let i = 0; i < 20; i += 1) {
    const cand = osk(page).locator(`.osk-cand[data-cand="${want}"]`);
    try {
      await cand.waitFor({ state: 'visible', timeout: i === 0 ? 3000 : 300 });
      await cand.click();
      return;
    } catch { /* not on this page */ }
    const next = osk(page).locator('.osk-ime-next');
    if (await next.isDisabled()) break;
    await next.click();
  }
  throw new Error(`candidate ${want} not offered for ${letters}`);
}

// Taps plain keys (digits, @ . -, letters in letters mode); upper case through 大写.
async function typeKeys(page, text) {
  for (const ch of text) {
    const upper = /[A-Z]/.test(ch);
    if (upper) await osk(page).locator('[data-key="shift"]').click();
    await osk(page).locator(`.osk-key[data-key="${ch.toLowerCase()}"]`).click();
    if (upper) await osk(page).locator('[data-key="shift"]').click();
  }
}

async function tapField(page, key) {
  await page.locator(`[data-field="${key}"] input, [data-field="${key}"] textarea`).first().click();
  await osk(page).waitFor({ state: 'visible' });
}

const value = (page, key) => page.locator(`[data-field="${key}"] input, [data-field="${key}"] textarea`).first().inputValue();

test('张伟 typed in pinyin into the 会员名录 search finds the member', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/directory' });
  const box = page.getByLabel('会员名称或会员编号', { exact: true });
  await box.click();
  await osk(page).waitFor({ state: 'visible' });
  await page.locator('[data-test="ime-bar"]').waitFor({ state: 'visible' });
  await typePinyin(page, 'zhang', '张');
  assert.equal(await box.inputValue(), '张');
  await typePinyin(page, 'wei', '伟');
  assert.equal(await box.inputValue(), '张伟');
  await checkScreens(page, 'pinyin-directory');
  // The keyboard does not cover the field it types into.
  const f = await box.boundingBox();
  const kb = await osk(page).boundingBox();
  assert.ok(f.y + f.height <= kb.y, `field bottom ${f.y + f.height} > keyboard top ${kb.y}`);
  await osk(page).locator('[data-key="done"]').click();
  const done = page.waitForResponse((r) => r.url().includes(`q=${encodeURIComponent('张伟')}`));
  await page.locator('.dir-search button[type="submit"]').click();
  await done;
  await waitForText(page.locator('.dir-results, table, .list').first(), '张伟');
  assert.deepEqual(errors, []);
  await context.close();
});

test('退格 takes pinyin letters back before characters and a phrase comes whole', async () => {
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { viewport: LANDSCAPE, route: '/directory' });
  const box = page.getByLabel('会员名称或会员编号', { exact: true });
  await box.click();
  await osk(page).waitFor({ state: 'visible' });
  for (const k of 'zhuanlidaili') await osk(page).locator(`.osk-key[data-key="${k}"]`).click();
  await waitForText(page.locator('.osk-cand').first(), '专利代理');
  await checkScreens(page, 'pinyin-candidates');
  await osk(page).locator('[data-key="backspace"]').click(); // zhuanlidail
  await waitForText(page.locator('[data-test="ime-pinyin"]'), 'zhuanlidail');
  assert.equal(await box.inputValue(), '', 'nothing typed into the field yet');
  // Pick 专利 (the leading word): the rest of the letters stay to convert.
  await osk(page).locator('.osk-cand[data-cand="专利"]').click();
  assert.equal(await box.inputValue(), '专利');
  await waitForText(page.locator('[data-test="ime-pinyin"]'), /^dail$/);
  for (let i = 0; i < 4; i += 1) await osk(page).locator('[data-key="backspace"]').click();
  await waitForText(page.locator('[data-test="ime-pinyin"]'), '拼音输入');
  assert.equal(await box.inputValue(), '专利', 'the letters went first');
  await osk(page).locator('[data-key="backspace"]').click();
  assert.equal(await box.inputValue(), '专');
  // 中/英: letters straight into the field, then back to pinyin.
  await osk(page).locator('[data-key="mode"]').click();
  await typeKeys(page, 'ab');
  assert.equal(await box.inputValue(), '专ab');
  await osk(page).locator('[data-key="mode"]').click();
  await typePinyin(page, 'li', '利');
  assert.equal(await box.inputValue(), '专ab利');
  // 空格 picks the first candidate.
  for (const k of 'beijing') await osk(page).locator(`.osk-key[data-key="${k}"]`).click();
  await waitForText(page.locator('.osk-cand').first(), '北京');
  await osk(page).locator('[data-key="space"]').click();
  assert.equal(await box.inputValue(), '专ab利北京');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [orientation, viewport] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]]) {
  test(`a whole 行业组织 application filled with the on-screen keyboard only (${orientation})`, async () => {
    const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { viewport, route: '/apply' });
    await page.locator('[data-apply="industry_org"]').click();
    await page.locator('.agree-label').click();
    await page.locator('[data-action="agree"]').click();
    await page.locator('form.apply-form').waitFor();
    await waitForRoute(page, '/apply/form');

    await tapField(page, 'org_name');
    await typePinyin(page, 'beijingshi', '北京市');
    await typePinyin(page, 'zhuanlidaili', '专利代理');
    await typePinyin(page, 'shi', '师');
    await typePinyin(page, 'xiehui', '协会');
    assert.equal(await value(page, 'org_name'), '北京市专利代理师协会');
    await tapField(page, 'uscc');
    assert.equal(await page.locator('[data-test="ime-bar"]').isVisible(), false, 'codes take letters and digits only');
    await typeKeys(page, orientation === 'portrait' ? '51110000MJ0123456C' : '51310000MJ0012345E');
    await page.locator('[data-field="org_category"] .choice', { hasText: '地方专利代理师协会' }).click();
    await tapField(page, 'address');
    await typePinyin(page, 'beijingshi', '北京市');
    await typePinyin(page, 'xicheng', '西城');
    await typePinyin(page, 'qu', '区');
    await typeKeys(page, '1');
    await typePinyin(page, 'hao', '号');
    assert.equal(await value(page, 'address'), '北京市西城区1号');
    await tapField(page, 'head_name');
    await typePinyin(page, 'wangfang', '王芳');
    await tapField(page, 'contact_name');
    await typePinyin(page, 'zhang', '张');
    await typePinyin(page, 'wei', '伟');
    assert.equal(await value(page, 'contact_name'), '张伟');
    await tapField(page, 'contact_mobile');
    await typeKeys(page, orientation === 'portrait' ? '13900139000' : '13900139001');
    await tapField(page, 'email');
    await typeKeys(page, 'bjpaa@example.cn');
    assert.equal(await value(page, 'email'), 'bjpaa@example.cn');
    await tapField(page, 'intro');
    await typePinyin(page, 'xiehui', '协会');
    await checkScreens(page, `pinyin-apply-${orientation}`);
    await osk(page).locator('[data-key="done"]').click();
    await page.getByRole('button', { name: '提交申请' }).click();
    await waitForText(page.locator('[data-test="apply-success"]'), '提交');
    assert.deepEqual(errors, []);
    await context.close();
  });
}
