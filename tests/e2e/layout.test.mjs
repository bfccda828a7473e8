// Both kiosk orientations: no horizontal scroll, every control at least 48 CSS px, the
// on-screen keyboard clear of the focused field. Screenshots go to tests/e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startDaemon, launchBrowser, openKiosk, waitForRoute, waitForText, fillLogin, changePassword,
  ARTIFACTS, PORTRAIT, LANDSCAPE,
} from './harness.mjs';

let daemon;
let browser;

before(async () => {
  daemon = await startDaemon();
  browser = await launchBrowser();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
});

// Visible controls smaller than 48×48 CSS px.
function smallControls(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('button, input, a[href], select, textarea, [role="button"]')) {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
      if (r.width < 48 || r.height < 48) out.push(`${el.tagName} "${(el.textContent || el.name || '').trim()}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
}

async function check(page, name, orientation) {
  await page.waitForFunction(() => !document.querySelector('.loading'));
  await page.evaluate(() => document.fonts.ready);
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${name} ${orientation}: scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);
  assert.deepEqual(await smallControls(page), [], `${name} ${orientation}: controls under 48 px`);
  // 【返回】 and 【返回首页】 on every screen but home.
  if (name !== 'home') {
    assert.ok(await page.locator('[data-nav="back"]').isVisible(), `${name}: 返回 missing`);
    assert.ok(await page.locator('[data-nav="home"]').isVisible(), `${name}: 返回首页 missing`);
  }
  // A scrolled page (keyboard open) is shot as the screen shows it; others in full.
  const scrolled = await page.evaluate(() => window.scrollY > 0);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${orientation}.png`), fullPage: !scrolled });
}

for (const [orientation, viewport] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]]) {
  test(`${orientation} ${viewport.width}×${viewport.height}: home, directory, login and more fit the screen`, async () => {
    const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { viewport });
    await page.locator('[data-tile="verify"]').waitFor();
    for (const tile of ['会员中心', '入会指南', '入会申请', '会员名录', '招聘信息', '常见问题', '证书核验']) {
      assert.ok(await page.locator('.tile-title', { hasText: tile }).isVisible(), `tile ${tile}`);
    }
    await check(page, 'home', orientation);

    await page.locator('[data-tile="directory"]').click();
    await waitForRoute(page, '/directory');
    await page.locator('.dir-table tbody tr').first().waitFor();
    await check(page, 'directory', orientation);

    for (const [tile, name, r] of [['guide', 'guide', '/guide'], ['faq', 'faq', '/faq'], ['apply', 'apply', '/apply'], ['jobs', 'jobs', '/jobs']]) {
      await page.locator('[data-nav="home"]').click();
      await page.locator(`[data-tile="${tile}"]`).click();
      await waitForRoute(page, r);
      if (tile === 'faq') {
        const q = page.locator('.faq-q').first();
        if (await q.count()) {
          await q.click();
          assert.equal(await q.getAttribute('aria-expanded'), 'true');
          assert.ok(await page.locator('.faq-a').first().isVisible());
        }
      }
      await check(page, name, orientation);
    }

    await page.locator('[data-nav="home"]').click();
    await page.locator('[data-tile="member"]').click();
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await waitForRoute(page, '/login');
    await check(page, 'login', orientation);

    // The keyboard opens on the focused field and stays clear of it.
    for (const label of ['账号', '密码']) {
      await page.getByLabel(label, { exact: true }).click();
      const osk = page.locator('.osk');
      await osk.waitFor({ state: 'visible' });
      const field = await page.getByLabel(label, { exact: true }).boundingBox();
      const kb = await osk.boundingBox();
      assert.ok(field.y >= 0 && field.y + field.height <= kb.y, `${orientation}: ${label} hidden by the keyboard`);
    }
    await page.locator('.osk [data-key="1"]').click();
    assert.equal(await page.getByLabel('密码', { exact: true }).inputValue(), '1');
    await check(page, 'login-keyboard', orientation);
    await page.locator('.osk [data-key="clear"]').click();
    await page.locator('.osk [data-key="done"]').click();

    // The screens behind a login, shown once per orientation with a different account.
    const [id, pw] = orientation === 'portrait' ? ['31002', 'Shanghai2026'] : ['4400004', 'Liuyang2026'];
    await fillLogin(page, id, id);
    await waitForRoute(page, '/password');
    await check(page, 'password', orientation);
    await changePassword(page, id, pw);
    await waitForRoute(page, '/member');
    await page.locator('.member-name').waitFor();
    await check(page, 'member-center', orientation);

    await page.locator('[data-nav="home"]').click();
    await page.getByRole('button', { name: '工作人员登录' }).click();
    await fillLogin(page, 'admin1', 'Admin12345', { idLabel: '工作人员账号' });
    await waitForRoute(page, '/staff');
    await waitForText(page.locator('[data-fact="role"] dd'), '系统管理员');
    await check(page, 'staff', orientation);

    assert.deepEqual(errors, []);
    await context.close();
  });
}
