// Staff 打印机, against the real daemon and the private CUPS queue of the ctest fixture `cups`:
// (a) the queue's state (就绪), 【打印测试页】 followed by the screen's own refresh to 打印完成 and a
//     PDF at the printer, 【重新打印】 of it;
// (b) with the queue disabled a test page waits; the state says why, 【取消】 cancels it and the row
//     then offers no 【取消】; after cupsenable the state is ready again;
// (c) out of paper (the virtual printer's trays emptied): the job waits with 缺纸 and the reason
//     codes, and completes once paper is loaded;
// (d) only admin and desk have the 打印机 entry (a reviewer does not).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startDaemon, launchBrowser, openKiosk, fillLogin, waitForText, waitForRoute, cupsRun, cupsFixtureCommand,
  PORTRAIT, LANDSCAPE, ARTIFACTS, smallControls,
} from './harness.mjs';

let daemon;
let browser;

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  daemon = await startDaemon({ members: 10, printer: true, toml: '[printer]\nstatus_interval_s = 1' });
  await daemon.ctl(['staff', 'add', 'desk1', '--name', '前台小李', '--role', 'desk'], { input: 'Desk123456\n' });
  await daemon.ctl(['staff', 'add', 'rev1', '--name', '审核员', '--role', 'reviewer'], { input: 'Review12345\n' });
  browser = await launchBrowser();
});

after(async () => {
  if (daemon) await cupsRun(daemon.cups, 'cupsenable', [daemon.cups.MD_CUPS_QUEUE]).catch(() => {});
  await browser?.close();
  await daemon?.stop();
});

async function shot(page, name) {
  for (const [o, vp] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]]) {
    await page.setViewportSize(vp);
    await page.waitForTimeout(150);
    const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    assert.ok(sw <= iw, `${name} ${o}: scrollWidth ${sw} > ${iw}`);
    assert.deepEqual(await smallControls(page), [], `${name} ${o}: controls under 48 px`);
    assert.doesNotMatch(await page.locator('#main').innerText(), /\b(null|undefined|NaN)\b|\[object /, `${name}: stray values`);
    await page.screenshot({ path: path.join(ARTIFACTS, `printer-${name}-${o}.png`) });
  }
  await page.setViewportSize(PORTRAIT);
}

async function staffPage(login, password) {
  const k = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: '/staff/login' });
  await fillLogin(k.page, login, password, { idLabel: '工作人员账号' });
  await waitForRoute(k.page, '/staff');
  return k;
}

const spoolPdfs = () => fs.readdirSync(daemon.cups.MD_IPP_SPOOL).filter((f) => f.endsWith('.pdf'));
const jobIds = (page) => page.locator('.jobs-table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.job));

// Waits for a job row that is not in `known` (and matches state, if given); returns its id.
async function newJob(page, known, state, timeout = 30000) {
  const handle = await page.waitForFunction(({ ids, st }) => {
    const row = [...document.querySelectorAll('.jobs-table tbody tr')].find((r) => !ids.includes(r.dataset.job) && (!st || r.dataset.state === st));
    return row ? row.dataset.job : null;
  }, { ids: known, st: state }, { timeout });
  return handle.jsonValue();
}

test('(a) 打印机: 就绪, a test page completes by the screen\'s own refresh and reaches the printer; 重新打印', async () => {
  const { page, context, errors } = await staffPage('desk1', 'Desk123456');
  await page.locator('[data-menu="printer"]').click();
  await waitForRoute(page, '/staff/printer');
  const state = page.locator('[data-test="printer-state"]');
  await state.waitFor();
  assert.equal(await state.getAttribute('data-ready'), '1', await state.innerText());
  await waitForText(state, daemon.cups.MD_CUPS_QUEUE);
  await shot(page, 'ready');

  const known = await jobIds(page);
  const before = spoolPdfs();
  await page.locator('[data-action="test-page"]').click();
  await waitForText(page.locator('[data-test="action-ok"]'), '测试页已提交打印');
  // No tap on 刷新 from here: the screen refreshes itself every few seconds.
  const id = await newJob(page, known, 'completed');
  const row = page.locator(`.jobs-table tbody tr[data-job="${id}"]`);
  await waitForText(row, '测试页');
  await waitForText(row, '打印完成');
  assert.equal(await row.locator('[data-action="cancel"]').count(), 0, 'a finished job cannot be cancelled');
  const deadline = Date.now() + 20000;
  while (!spoolPdfs().some((f) => !before.includes(f))) {
    assert.ok(Date.now() < deadline, 'the test page reached the printer');
    await new Promise((r) => setTimeout(r, 200));
  }
  await shot(page, 'test-page-done');

  // 重新打印: a new job of the same document, which completes too.
  const known2 = await jobIds(page);
  await row.locator('[data-action="reprint"]').click();
  await waitForText(page.locator('[data-test="action-ok"]'), '已重新提交打印');
  await newJob(page, known2, 'completed');
  assert.deepEqual(errors, []);
  await context.close();
});

test('(b) queue disabled: the state says so, a waiting test page can be cancelled; cupsenable makes it ready again', async () => {
  const cups = daemon.cups;
  const { page, context, errors } = await staffPage('admin1', 'Admin12345');
  await page.locator('[data-menu="printer"]').click();
  await waitForRoute(page, '/staff/printer');
  await page.locator('[data-test="printer-state"][data-ready="1"]').waitFor();
  await cupsRun(cups, 'cupsdisable', [cups.MD_CUPS_QUEUE]);
  try {
    const state = page.locator('[data-test="printer-state"]');
    await page.locator('[data-test="printer-state"][data-ready="0"]').waitFor({ timeout: 15000 });
    await waitForText(page.locator('[data-test="printer-message"]'), /[\u4e00-\u9fff]/);
    const known = await jobIds(page);
    await page.locator('[data-action="test-page"]').click();
    const id = await newJob(page, known, null);
    const row = page.locator(`.jobs-table tbody tr[data-job="${id}"]`);
    await page.waitForTimeout(1500);
    assert.equal(await row.getAttribute('data-done'), '0', `a job waits while the queue is stopped: ${await row.innerText()}`);
    await waitForText(row.locator('.col-message'), /[\u4e00-\u9fff]/);
    await shot(page, 'stopped');
    await row.locator('[data-action="cancel"]').click();
    await waitForText(page.locator('[data-test="action-ok"]'), `已取消任务 ${id}`);
    await page.locator(`.jobs-table tbody tr[data-job="${id}"][data-done="1"]`).waitFor({ timeout: 15000 });
    await waitForText(page.locator(`.jobs-table tbody tr[data-job="${id}"]`), '已取消');
    assert.equal(await page.locator(`.jobs-table tbody tr[data-job="${id}"] [data-action="cancel"]`).count(), 0);
    assert.match(await state.innerText(), /[\u4e00-\u9fff]/);
  } finally {
    await cupsRun(cups, 'cupsenable', [cups.MD_CUPS_QUEUE]);
  }
  await page.locator('[data-test="printer-state"][data-ready="1"]').waitFor({ timeout: 15000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('(c) out of paper: the job waits with the printer\'s reason, the state says 缺纸; paper loaded, the job completes', async () => {
  const cups = daemon.cups;
  const { page, context, errors } = await staffPage('desk1', 'Desk123456');
  await page.locator('[data-menu="printer"]').click();
  await waitForRoute(page, '/staff/printer');
  await page.locator('[data-test="printer-state"][data-ready="1"]').waitFor();
  await cupsFixtureCommand(cups, 'media', cups.MD_IPP_PORT, 'empty');
  try {
    const known = await jobIds(page);
    await page.locator('[data-action="test-page"]').click();
    const id = await newJob(page, known, null);
    const row = page.locator(`.jobs-table tbody tr[data-job="${id}"]`);
    await waitForText(row.locator('.col-message'), '缺纸', { timeout: 30000 });
    assert.equal(await row.getAttribute('data-done'), '0');
    await waitForText(page.locator('[data-test="printer-message"]'), '缺纸', { timeout: 15000 });
    await waitForText(page.locator('[data-fact="reasons"]'), /media-(empty|needed)/);
    await shot(page, 'no-paper');
    await cupsFixtureCommand(cups, 'media', cups.MD_IPP_PORT, 'loaded');
    await page.locator(`.jobs-table tbody tr[data-job="${id}"][data-state="completed"]`).waitFor({ timeout: 40000 });
  } finally {
    await cupsFixtureCommand(cups, 'media', cups.MD_IPP_PORT, 'loaded').catch(() => {});
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('(d) a reviewer has no 打印机 entry, but has 会员证', async () => {
  const { page, context } = await staffPage('rev1', 'Review12345');
  await page.locator('[data-menu="certificates"]').waitFor();
  assert.equal(await page.locator('[data-menu="printer"]').count(), 0);
  await context.close();
});
