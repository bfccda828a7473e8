// 会员证 in the kiosk, against the real daemon printing to the private CUPS queue of the ctest
// fixture `cups` (a virtual IPP printer whose spool keeps every job as a PDF):
// (a) a member's certificate: the preview image loads, the facts, 【下载PDF】 saves the server's file
//     name and a real PDF, 【打印】 is followed to 打印完成 and the PDF reaches the printer;
// (b) a member with no certificate is told so and sent to 会费缴纳;
// (c) with the queue disabled (cupsdisable) printing says clearly, in Chinese, that the printer
//     cannot print; after cupsenable staff reprint from 打印机 and the job completes;
// (d) staff 会员证: desk finds the certificate and the member; a reason is required; admin voids
//     (with a confirmation) and reissues; a reviewer may only look;
// (e) with the queue refusing jobs (cupsreject) 【打印】 shows the daemon's 503 message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startDaemon, launchBrowser, openKiosk, fillLogin, waitForText, waitForRoute, apiClient, cupsRun,
  PORTRAIT, LANDSCAPE, ARTIFACTS, smallControls,
} from './harness.mjs';

const YEAR = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear(); // this year in Asia/Shanghai
const PW = { '11001': 'Agency2026x', '31002': 'Shanghai2026x', '44003': 'Guangzhou2026x' };

let daemon;
let browser;
let admin;
const members = {}; // login → { id, call, cert }

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // The daemon asks CUPS for the printer's state every status_interval_s while idle: 1 s here, so
  // cupsdisable / cupsenable show within a second.
  daemon = await startDaemon({ members: 20, printer: true, certificates: true, toml: '[printer]\nstatus_interval_s = 1' });
  await daemon.ctl(['demo-approve', '11001', '31002', '44003']);
  await daemon.ctl(['staff', 'add', 'desk1', '--name', '前台小李', '--role', 'desk'], { input: 'Desk123456\n' });
  await daemon.ctl(['staff', 'add', 'rev1', '--name', '审核员', '--role', 'reviewer'], { input: 'Review12345\n' });
  browser = await launchBrowser();
  admin = await apiClient(daemon.baseUrl, 'staff', 'admin1', 'Admin12345');
  for (const login of Object.keys(PW)) {
    const call = await apiClient(daemon.baseUrl, 'member', login, login, { newPassword: PW[login] });
    const home = await call('GET', '/member/home');
    assert.equal(home.status, 200, JSON.stringify(home.body));
    members[login] = { id: home.body.member.id, call };
  }
  // 11001 and 44003 get this year's certificate by hand (staff 补发); 31002 has none.
  for (const login of ['11001', '44003']) {
    const r = await admin('POST', `/staff/members/${members[login].id}/certificates`, { year: YEAR, reason: '浏览器测试签发' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    members[login].cert = r.body.certificate;
  }
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
});

// Both orientations: nothing sideways off-screen, controls ≥ 48 px, no stray values; screenshots.
async function shot(page, name) {
  for (const [o, vp] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]]) {
    await page.setViewportSize(vp);
    await page.waitForFunction(() => !document.querySelector('.loading'));
    await page.waitForTimeout(150);
    const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    assert.ok(sw <= iw, `${name} ${o}: scrollWidth ${sw} > ${iw}`);
    assert.deepEqual(await smallControls(page), [], `${name} ${o}: controls under 48 px`);
    assert.doesNotMatch(await page.locator('#main').innerText(), /\b(null|undefined|NaN)\b|\[object /, `${name}: stray values`);
    await page.screenshot({ path: path.join(ARTIFACTS, `certificates-${name}-${o}.png`) });
  }
  await page.setViewportSize(PORTRAIT);
}

async function memberPage(login, route = '/member/certificate') {
  const k = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: `/login?next=${encodeURIComponent(route)}` });
  await fillLogin(k.page, login, PW[login]);
  await waitForRoute(k.page, route);
  return k;
}

async function staffPage(login, password, route) {
  const k = await openKiosk(browser, daemon.baseUrl, { viewport: PORTRAIT, route: `/staff/login?next=${encodeURIComponent(route)}` });
  await fillLogin(k.page, login, password, { idLabel: '工作人员账号' });
  await waitForRoute(k.page, route.split('?')[0]);
  return k;
}

const spoolPdfs = () => fs.readdirSync(daemon.cups.MD_IPP_SPOOL).filter((f) => f.endsWith('.pdf'));

async function waitForNewPdf(before, timeout = 20000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const fresh = spoolPdfs().filter((f) => !before.includes(f));
    if (fresh.length) return fresh;
    if (Date.now() > deadline) throw new Error(`no new PDF in ${daemon.cups.MD_IPP_SPOOL} within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// Until the daemon has seen the queue's state change (GET /member/certificates → printer.ready).
async function waitForPrinter(call, ready, timeout = 15000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const r = await call('GET', '/member/certificates');
    if (r.body?.printer?.ready === ready) return r.body.printer;
    if (Date.now() > deadline) throw new Error(`printer.ready is not ${ready}: ${JSON.stringify(r.body?.printer)}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

const previewLoaded = (page, sel = '[data-test="preview"]') => page.waitForFunction(
  (s) => { const img = document.querySelector(s); return img && img.complete && img.naturalWidth > 0; }, sel, { timeout: 15000 });

test('(a) member: preview, facts, 【下载PDF】 with the server\'s file name, 【打印】 to 打印完成 and a PDF at the printer', async () => {
  const cert = members['11001'].cert;
  const { page, context, errors } = await memberPage('11001', '/member');
  // 会员中心 → 会员证 (no longer 即将开放)
  await page.locator('[data-menu="certificate"]').click();
  await waitForRoute(page, '/member/certificate');
  await previewLoaded(page);
  const size = await page.locator('[data-test="preview"]').evaluate((img) => ({ w: img.naturalWidth, h: img.naturalHeight }));
  assert.ok(size.w > 300 && size.h > 200, `preview ${size.w}×${size.h}`);
  await waitForText(page.locator('.cert-main [data-fact="cert_no"] dd'), cert.cert_no);
  await waitForText(page.locator('.cert-main [data-test="cert-status"]'), '有效');
  assert.equal(await page.locator('[data-action="print"]').textContent(), '打印');
  assert.equal(await page.locator('[data-action="pdf"]').textContent(), '下载PDF');
  await shot(page, 'member');

  // 【下载PDF】: the browser saves the file under the server's name, and it is a PDF.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="pdf"]').click()]);
  assert.equal(download.suggestedFilename(), `会员证-${cert.cert_no}.pdf`);
  const bytes = fs.readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(bytes.length > 2000, `PDF of ${bytes.length} bytes`);

  // 【打印】: disabled while the job runs, its state shown until 打印完成, the PDF at the printer.
  const before = spoolPdfs();
  await page.locator('[data-action="print"]').click();
  await page.waitForSelector('[data-test="print-status"] .print-job');
  assert.equal(await page.locator('[data-action="print"]').isDisabled(), true, 'print is disabled while the job runs');
  await page.waitForSelector('[data-test="print-status"][data-done="1"]', { timeout: 30000 });
  assert.equal(await page.locator('[data-test="print-status"]').getAttribute('data-ok'), '1',
    await page.locator('[data-test="print-status"]').innerText());
  await waitForText(page.locator('[data-test="job-label"]'), '打印完成');
  await waitForText(page.locator('[data-test="job-message"]'), /取件/);
  assert.equal(await page.locator('[data-action="print"]').isDisabled(), false, 'print is enabled again');
  const fresh = await waitForNewPdf(before);
  const printed = fs.readFileSync(path.join(daemon.cups.MD_IPP_SPOOL, fresh[0]));
  assert.equal(printed.subarray(0, 5).toString('latin1'), '%PDF-');
  await shot(page, 'member-printed');
  assert.deepEqual(errors, []);
  await context.close();
});

test('(b) a member with no certificate is told so and sent to 会费缴纳', async () => {
  const { page, context, errors } = await memberPage('31002');
  await page.waitForSelector('[data-test="no-certificate"]');
  await waitForText(page.locator('[data-test="no-certificate"]'), '您还没有会员证');
  await shot(page, 'none');
  // 31002 has not paid: the standing notice is the way to 会费缴纳 (the card's own button gives way).
  await page.locator('[data-action="gate-dues"]').click();
  assert.equal(await page.locator('[data-action="to-dues"]').count(), 0, 'one way to 会费缴纳, not two');
  await waitForRoute(page, '/member/dues');
  assert.deepEqual(errors, []);
  await context.close();
});

test('(c) queue disabled: a clear Chinese message; after cupsenable staff reprint and the job completes', async () => {
  const cups = daemon.cups;
  const cert = members['44003'].cert;
  await cupsRun(cups, 'cupsdisable', [cups.MD_CUPS_QUEUE]);
  try {
    await waitForPrinter(members['44003'].call, false);
    const { page, context, errors } = await memberPage('44003');
    await previewLoaded(page);
    // The list response already says the printer is not ready.
    await waitForText(page.locator('[data-test="printer-not-ready"]'), /^打印机暂不可用：.*打印机/);
    await page.locator('[data-action="print"]').click();
    // Either the daemon refuses (503 printer_unavailable) or CUPS holds the job: the message says why.
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-test="print-status"]');
      const msg = el?.querySelector('[data-test="job-message"]')?.textContent || '';
      return el && /打印机.*(暂停|不可用|联系工作人员)|暂停/.test(msg);
    }, null, { timeout: 20000 });
    const status = await page.locator('[data-test="print-status"]').innerText();
    assert.match(status, /[\u4e00-\u9fff]/, 'the message is Chinese');
    assert.notEqual(await page.locator('[data-test="print-status"]').getAttribute('data-ok'), '1');
    await shot(page, 'printer-stopped');
    await context.close();
    assert.deepEqual(errors, []);

    // Staff see the stopped queue, start it again, and reprint.
    const staff = await staffPage('desk1', 'Desk123456', '/staff/printer');
    await waitForText(staff.page.locator('[data-test="printer-state"]'), /暂停|不可用/);
    assert.equal(await staff.page.locator('[data-test="printer-state"]').getAttribute('data-ready'), '0');
    await cupsRun(cups, 'cupsenable', [cups.MD_CUPS_QUEUE]);
    await staff.page.waitForSelector('[data-test="printer-state"][data-ready="1"]', { timeout: 20000 });
    const before = spoolPdfs();
    const oldRow = staff.page.locator(`.jobs-table tbody tr:has-text("${cert.cert_no}")`).first();
    const jobIdsBefore = await staff.page.locator('.jobs-table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.job));
    if (await oldRow.count()) {
      // The held job prints once the queue runs again; only a finished job offers 重新打印.
      const oldId = await oldRow.getAttribute('data-job');
      const old = staff.page.locator(`.jobs-table tbody tr[data-job="${oldId}"][data-done="1"]`);
      await old.waitFor({ timeout: 30000 });
      await old.locator('[data-action="reprint"]').click();
    } else {
      // The daemon refused the member's job, so there is nothing to reprint: staff print it.
      await staff.page.goto(`${daemon.baseUrl}/index.html#/staff/certificates/member?id=${members['44003'].id}`);
      await staff.page.locator(`.staff-cert[data-cert="${cert.cert_no}"] [data-action="print"]`).click();
      await staff.page.waitForSelector('[data-test="print-status"][data-done="1"]', { timeout: 30000 });
      assert.equal(await staff.page.locator('[data-test="print-status"]').getAttribute('data-ok'), '1');
      await staff.page.goto(`${daemon.baseUrl}/index.html#/staff/printer`);
    }
    // A new job appears and completes (the screen refreshes by itself).
    await staff.page.waitForFunction((ids) => [...document.querySelectorAll('.jobs-table tbody tr')]
      .some((r) => !ids.includes(r.dataset.job) && r.dataset.state === 'completed'), jobIdsBefore, { timeout: 30000 });
    await waitForNewPdf(before);
    assert.deepEqual(staff.errors, []);
    await staff.context.close();
  } finally {
    await cupsRun(cups, 'cupsenable', [cups.MD_CUPS_QUEUE]).catch(() => {});
  }
});

test('(d) staff 会员证: search, the member\'s history, reasons required, admin voids and reissues, reviewer only looks', async () => {
  const cert = members['11001'].cert;
  // desk: search by certificate number → the member's certificates; 补发 needs a reason.
  const desk = await staffPage('desk1', 'Desk123456', '/staff');
  await desk.page.locator('[data-menu="certificates"]').click();
  await waitForRoute(desk.page, '/staff/certificates');
  await desk.page.locator('.certs-table').waitFor();
  await shot(desk.page, 'staff-list');
  await desk.page.getByLabel('会员名称、证书编号或会员编号', { exact: true }).fill(cert.cert_no);
  await desk.page.locator('[data-action="search"]').click();
  await desk.page.waitForFunction((no) => {
    const rows = [...document.querySelectorAll('.certs-table tbody tr')];
    return rows.length === 1 && rows[0].dataset.cert === no;
  }, cert.cert_no);
  await desk.page.locator(`[data-open="${cert.cert_no}"]`).click();
  await waitForRoute(desk.page, '/staff/certificates/member');
  await desk.page.locator(`.staff-cert[data-cert="${cert.cert_no}"]`).waitFor();
  assert.equal(await desk.page.locator('[data-action="void"]').count(), 0, 'desk may not void');
  assert.equal(await desk.page.locator('[data-action="reissue"]').count(), 0, 'desk may not reissue');
  await desk.page.locator('[data-action="issue"]').click();
  await desk.page.locator('.cert-dialog [data-action="confirm"]').click();
  await waitForText(desk.page.locator('.cert-dialog [data-field="reason"] .field-error'), '请填写原因');
  await desk.page.locator('.cert-dialog textarea').fill('补发测试');
  await desk.page.locator('.cert-dialog [data-action="confirm"]').click();
  // One is already valid for this year: the server's 409 message stays in the dialog.
  await desk.page.waitForSelector('.cert-dialog .form-message.is-shown');
  assert.match(await desk.page.locator('.cert-dialog .form-message').innerText(), /[\u4e00-\u9fff]/);
  await desk.page.locator('[data-action="dialog-cancel"]').click();
  // 预览 opens the staff preview.
  await desk.page.locator(`.staff-cert[data-cert="${cert.cert_no}"] [data-action="preview"]`).click();
  await previewLoaded(desk.page, '.cert-preview-dialog [data-test="preview"]');
  await shot(desk.page, 'staff-preview');
  await desk.page.locator('[data-action="close-preview"]').click();
  await shot(desk.page, 'staff-member');
  assert.deepEqual(desk.errors, []);
  await desk.context.close();

  // admin: 重新签发 (new version, old void), then 作废 of the new one with a confirmation and reason.
  const ad = await staffPage('admin1', 'Admin12345', `/staff/certificates/member?id=${members['11001'].id}`);
  const card = ad.page.locator(`.staff-cert[data-cert="${cert.cert_no}"]`);
  await card.locator('[data-action="reissue"]').click();
  await ad.page.locator('.cert-dialog textarea').fill('会员名称变更');
  await ad.page.locator('.cert-dialog [data-action="confirm"]').click();
  await waitForText(ad.page.locator('[data-test="cert-result"]'), '已重新签发');
  await ad.page.waitForSelector(`.staff-cert[data-cert="${cert.cert_no}"][data-state="void"]`);
  const newNo = await ad.page.locator('.staff-cert[data-state="in_force"]').first().getAttribute('data-cert');
  assert.ok(newNo && newNo !== cert.cert_no, `a new number: ${newNo}`);
  const fresh = ad.page.locator(`.staff-cert[data-cert="${newNo}"]`);
  await fresh.locator('[data-action="void"]').click();
  await ad.page.waitForSelector('.cert-dialog[role="alertdialog"]');
  await waitForText(ad.page.locator('.cert-dialog .cert-dialog-lead'), newNo);
  await ad.page.locator('.cert-dialog [data-action="confirm"]').click();
  await waitForText(ad.page.locator('.cert-dialog [data-field="reason"] .field-error'), '请填写原因');
  await shot(ad.page, 'staff-void-dialog');
  await ad.page.locator('.cert-dialog textarea').fill('会员已退会');
  await ad.page.locator('.cert-dialog [data-action="confirm"]').click();
  await waitForText(ad.page.locator('[data-test="cert-result"]'), `已作废会员证 ${newNo}`);
  await ad.page.waitForSelector(`.staff-cert[data-cert="${newNo}"][data-state="void"]`);
  await waitForText(ad.page.locator(`.staff-cert[data-cert="${newNo}"] [data-fact="void_reason"] dd`), '会员已退会');
  assert.deepEqual(ad.errors, []);
  await ad.context.close();

  // The member now has no certificate in force: the latest is shown as void, print disabled.
  const m = await memberPage('11001');
  await m.page.locator('.cert-main').waitFor();
  await waitForText(m.page.locator('.cert-main [data-test="cert-status"]'), '已作废');
  assert.equal(await m.page.locator('[data-action="print"]').isDisabled(), true);
  await m.page.locator('.cert-history').waitFor();
  await previewLoaded(m.page);
  await shot(m.page, 'member-void-history');
  await m.context.close();

  // reviewer: may look and preview, no print or decisions.
  const rv = await staffPage('rev1', 'Review12345', `/staff/certificates/member?id=${members['11001'].id}`);
  await rv.page.locator('.staff-cert').first().waitFor();
  for (const action of ['issue', 'print', 'reissue', 'void']) {
    assert.equal(await rv.page.locator(`[data-action="${action}"]`).count(), 0, `reviewer has no ${action}`);
  }
  assert.ok(await rv.page.locator('[data-action="preview"]').count() > 0);
  await rv.context.close();
});

test('(e) queue not accepting jobs (cupsreject): 【打印】 shows the daemon\'s 503 message, and nothing is queued', async () => {
  const cups = daemon.cups;
  const { id } = members['44003'].cert;
  await cupsRun(cups, 'cupsreject', [cups.MD_CUPS_QUEUE]);
  try {
    const printer = await waitForPrinter(members['44003'].call, false);
    const jobsBefore = (await admin('GET', '/staff/printer')).body.jobs.length;
    const direct = await members['44003'].call('POST', `/member/certificates/${id}/print`, {});
    assert.equal(direct.status, 503, JSON.stringify(direct.body));
    assert.equal(direct.body.error.code, 'printer_unavailable');
    const { page, context, errors } = await memberPage('44003');
    await waitForText(page.locator('[data-test="printer-not-ready"]'), printer.message);
    await page.locator('[data-action="print"]').click();
    await page.waitForSelector('[data-test="print-status"][data-state="error"]');
    assert.equal(await page.locator('[data-test="job-message"]').innerText(), direct.body.error.message);
    assert.match(direct.body.error.message, /[\u4e00-\u9fff]/);
    assert.equal(await page.locator('[data-action="print"]').isDisabled(), false, 'the member may try again');
    await shot(page, 'printer-rejecting');
    assert.equal((await admin('GET', '/staff/printer')).body.jobs.length, jobsBefore, 'no job was queued');
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await cupsRun(cups, 'cupsaccept', [cups.MD_CUPS_QUEUE]).catch(() => {});
  }
});
