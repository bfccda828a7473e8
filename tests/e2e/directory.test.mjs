// 会员名录: Chinese substring search, member-number search typed on the on-screen
// keyboard, type filter, paging and the empty state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDaemon, launchBrowser, openKiosk, apiGet, waitForText, waitForRoute } from './harness.mjs';

let daemon;
let browser;

before(async () => {
  daemon = await startDaemon();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
});

const q = (s) => encodeURIComponent(s);

// Waits for the results to settle after a search and returns the rows' cell texts.
async function results(page) {
  await page.waitForFunction(() => {
    const r = document.querySelector('.dir-results');
    return r && !r.querySelector('.loading') && r.querySelector('.dir-summary');
  });
  return page.locator('.dir-table tbody tr').evaluateAll((rows) =>
    rows.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
}

async function search(page, text) {
  const box = page.getByLabel('会员名称或会员编号', { exact: true });
  await box.fill(text);
  const done = page.waitForResponse((r) => r.url().includes('/api/v1/directory') && r.url().includes(`q=${q(text)}`));
  await page.locator('.dir-search button[type="submit"]').click();
  await done;
  return results(page);
}

test('a 1–2 character Chinese substring of a listed name finds that member', async () => {
  const first = await apiGet(daemon.baseUrl, '/directory?page=1&page_size=20');
  assert.equal(first.status, 200);
  // demo-seed puts most, not all, of its 300 members in good standing; only those are listed.
  assert.ok(first.body.total > 100, `directory lists ${first.body.total} members`);
  const member = first.body.items[0];

  // The rarest 1–2 character substring of the name, so the member is on the first page.
  const chars = [...member.name].filter((c) => /\p{Script=Han}/u.test(c));
  const candidates = new Set();
  for (let i = 0; i < chars.length; i += 1) { candidates.add(chars[i]); if (i + 1 < chars.length) candidates.add(chars[i] + chars[i + 1]); }
  let best = null;
  for (const sub of candidates) {
    if (!member.name.includes(sub)) continue;
    const r = await apiGet(daemon.baseUrl, `/directory?q=${q(sub)}&page=1&page_size=20`);
    if (!best || r.body.total < best.total) best = { sub, total: r.body.total };
  }
  assert.ok(best && best.total >= 1 && best.total <= 20, `no short substring of ${member.name} narrows to one page`);

  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl);
  await page.locator('[data-tile="directory"]').click();
  await waitForRoute(page, '/directory');
  for (const h of ['会员名称', '会员编号', '会员类型', '有效期至']) {
    await page.getByRole('columnheader', { name: h }).waitFor();
  }
  await waitForText(page.locator('.dir-total'), `共${first.body.total}条`);

  const rows = await search(page, best.sub);
  await waitForText(page.locator('.dir-total'), `共${best.total}条`);
  const row = rows.find((r) => r[1] === member.member_no);
  assert.ok(row, `${member.name} (${member.member_no}) not among results for ${best.sub}: ${JSON.stringify(rows)}`);
  assert.equal(row[0], member.name);
  assert.equal(row[2], member.type_label);
  assert.equal(row[3], member.valid_until);
  for (const r of rows) assert.ok(r[0].includes(best.sub) || r[1].includes(best.sub), `row ${r} does not match ${best.sub}`);

  // Nothing matches: a clear empty state.
  const none = '查无此人';
  assert.equal((await apiGet(daemon.baseUrl, `/directory?q=${q(none)}`)).body.total, 0);
  const empty = await search(page, none);
  assert.equal(empty.length, 0);
  await waitForText(page.locator('.empty-state'), '未找到符合条件的会员');
  await waitForText(page.locator('.dir-total'), '共0条');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a member number typed on the on-screen keyboard finds the member', async () => {
  const first = await apiGet(daemon.baseUrl, '/directory?page=1&page_size=20');
  const member = first.body.items.find((m) => /^[0-9A-Za-z@.\-]+$/.test(m.member_no));
  assert.ok(member, 'a member number made of on-screen keyboard characters');

  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { route: '/directory' });
  await results(page);
  await page.getByLabel('会员名称或会员编号', { exact: true }).click();
  const osk = page.locator('.osk');
  await osk.waitFor({ state: 'visible' });
  const shift = osk.locator('[data-key="shift"]');
  for (const ch of member.member_no) {
    const upper = /[A-Z]/.test(ch);
    if (upper) await shift.click();
    await osk.locator(`[data-key="${ch.toLowerCase()}"]`).click();
    if (upper) await shift.click();
  }
  const box = page.getByLabel('会员名称或会员编号', { exact: true });
  assert.equal(await box.inputValue(), member.member_no);
  // The keyboard does not cover the field it types into.
  const field = await box.boundingBox();
  const kb = await osk.boundingBox();
  assert.ok(field.y + field.height <= kb.y, `field bottom ${field.y + field.height} > keyboard top ${kb.y}`);

  await osk.locator('[data-key="done"]').click();
  await osk.waitFor({ state: 'hidden' });
  const done = page.waitForResponse((r) => r.url().includes(`q=${q(member.member_no)}`));
  await page.locator('.dir-search button[type="submit"]').click();
  await done;
  const rows = await results(page);
  assert.ok(rows.some((r) => r[1] === member.member_no && r[0] === member.name), JSON.stringify(rows));
  assert.deepEqual(errors, []);
  await context.close();
});

test('type filter and paging', async () => {
  const attorneys = await apiGet(daemon.baseUrl, '/directory?type=attorney&page=1&page_size=20');
  assert.ok(attorneys.body.total > 20, 'enough attorneys to page');
  const { page, context, errors } = await openKiosk(browser, daemon.baseUrl, { route: '/directory' });
  await results(page);

  const chip = page.locator('.chips [data-type="attorney"]');
  const loaded = page.waitForResponse((r) => r.url().includes('type=attorney'));
  await chip.click();
  await loaded;
  let rows = await results(page);
  assert.equal(await chip.getAttribute('aria-pressed'), 'true');
  await waitForText(page.locator('.dir-total'), `共${attorneys.body.total}条`);
  assert.ok(rows.length > 0 && rows.every((r) => r[2] === '专利代理师'), JSON.stringify(rows));
  assert.equal(rows[0][1], attorneys.body.items[0].member_no);

  const pages = Math.ceil(attorneys.body.total / 20);
  const prev = page.getByRole('button', { name: '上一页' });
  const next = page.getByRole('button', { name: '下一页' });
  assert.equal(await prev.isDisabled(), true);
  await waitForText(page.locator('.pager-info'), `第1/${pages}页`);
  const second = page.waitForResponse((r) => r.url().includes('type=attorney') && r.url().includes('page=2'));
  await next.click();
  await second;
  rows = await results(page);
  await waitForText(page.locator('.pager-info'), `第2/${pages}页`);
  const api2 = await apiGet(daemon.baseUrl, '/directory?type=attorney&page=2&page_size=20');
  assert.deepEqual(rows.map((r) => r[1]), api2.body.items.map((m) => m.member_no));
  assert.equal(await prev.isDisabled(), false);
  assert.deepEqual(errors, []);
  await context.close();
});
