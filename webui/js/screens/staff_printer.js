import { C } from '../strings/certificates.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { table } from '../components/table.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { afterTap } from '../components/pointer.js';
import { staffPrinter, printTestPage, reprintJob, cancelPrintJob } from '../api_certificates.js';
import { formatTime } from '../api_dues.js';

// 打印机 (admin, desk): the CUPS queue's state (PrinterState), 【打印测试页】, and the recent jobs
// with 【重新打印】 (once a job is done: an open job still prints) and 【取消】 (while it is not). Refreshed every few seconds while the
// screen is shown and the page visible; a refresh never swaps the table under a finger.
const REFRESH_MS = 3000;

function jobBadge(job) {
  const kind = job.done ? (job.ok ? 'ok' : 'failed') : 'running';
  return h('span', { class: ['job-state', `job-state-${kind}`], dataset: { state: job.state } }, job.state_label || job.state);
}

// 'staff:desk1' → 'desk1', 'member:11001' → '会员 11001' (the daemon names who asked this way).
function requester(by) {
  const m = /^(staff|member):(.*)$/.exec(by || '');
  if (!m) return by || C.none;
  return m[1] === 'member' ? C.byMember(m[2]) : m[2];
}

export default {
  title: C.printerTitle,
  auth: 'staff',
  render(ctx) {
    const stateBox = h('div', { class: 'printer-state-box' });
    const jobsBox = h('div', { class: 'printer-jobs' });
    const feedback = h('div', { class: 'printer-feedback', attrs: { 'aria-live': 'polite' } });
    const updated = h('span', { class: 'printer-updated', dataset: { test: 'updated' } });
    let timer = null;
    let lastJson = '';
    let loaded = false;

    const say = (text, kind = 'info') => feedback.replaceChildren(text ? notice(text, kind) : '');

    async function act(btn, fn, okText) {
      btn.disabled = true;
      try {
        const r = await fn();
        if (!ctx.alive()) return;
        say(okText(r), 'info');
        feedback.firstChild.dataset.test = 'action-ok';
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        say(err.message, 'error');
        feedback.firstChild.dataset.test = 'action-error';
      } finally {
        btn.disabled = false;
      }
      refresh();
    }

    const testBtn = button(C.testPage, {
      variant: 'primary', size: 'lg', attrs: { 'data-action': 'test-page' },
      onClick: () => act(testBtn, printTestPage, () => C.testPageSent),
    });
    const refreshBtn = button(C.refresh, { variant: 'secondary', size: 'lg', attrs: { 'data-action': 'refresh' }, onClick: () => refresh() });

    function renderState(state) {
      // null: the daemon has no printer configured
      const p = state || { state: 'missing', state_label: C.printerNone, message: C.printerNoneMessage, ready: false, reasons: [] };
      const reasons = (p.reasons || []).filter((r) => r && r !== 'none');
      stateBox.replaceChildren(h('div', {
        class: ['printer-state', p.ready ? 'is-ready' : 'is-not-ready', `printer-state-${p.state}`],
        dataset: { test: 'printer-state', state: p.state || '', ready: p.ready ? '1' : '0' },
      },
      h('div', { class: 'printer-state-head' },
        h('span', { class: 'printer-dot', attrs: { 'aria-hidden': 'true' } }),
        h('span', { class: 'printer-state-label', dataset: { test: 'state-label' } }, p.state_label || p.state || C.none),
        (p.ready ? C.printerReady : C.printerNotReadyBadge) === p.state_label ? null
          : h('span', { class: ['badge', p.ready ? 'badge-ready' : 'badge-not-ready'] }, p.ready ? C.printerReady : C.printerNotReadyBadge)),
      p.message ? h('p', { class: 'printer-message', dataset: { test: 'printer-message' } }, p.message) : null,
      p.detail && p.detail !== p.message ? h('p', { class: 'printer-detail', dataset: { test: 'printer-detail' } }, C.cupsSays(p.detail)) : null,
      h('dl', { class: 'facts printer-facts' },
        h('div', { class: 'fact' }, h('dt', {}, C.printerQueue), h('dd', {}, p.queue || C.none)),
        h('div', { class: 'fact' }, h('dt', {}, C.printerAccepting), h('dd', {}, p.accepting ? C.yes : C.no)),
        h('div', { class: 'fact', dataset: { fact: 'reasons' } }, h('dt', {}, C.printerReasons),
          h('dd', {}, reasons.length ? h('span', { class: 'reason-list' }, reasons.map((r) => h('code', { class: 'reason' }, r))) : C.none)))));
    }

    function renderJobs(jobs = []) {
      if (!jobs.length) {
        jobsBox.replaceChildren(h('div', { class: 'empty-state' }, h('div', { class: 'empty-title' }, C.jobsEmpty)));
        return;
      }
      const grid = table([
        { key: 'id', label: C.jobCols.id, className: 'col-id', format: (j) => `#${j.id}` },
        {
          key: 'kind', label: C.jobCols.kind, className: 'col-kind',
          format: (j) => (j.kind === 'certificate' && j.cert_no ? C.jobKindCert(j.cert_no) : (C.jobKinds[j.kind] || j.kind)),
        },
        { key: 'state', label: C.jobCols.state, className: 'col-state', format: jobBadge },
        {
          key: 'message', label: C.jobCols.message, className: 'col-message',
          format: (j) => h('span', {}, j.message || C.none,
            j.detail && j.detail !== j.message ? h('span', { class: 'cell-sub' }, C.cupsSays(j.detail)) : null),
        },
        { key: 'requested_by', label: C.jobCols.requested_by, className: 'col-by', format: (j) => requester(j.requested_by) },
        {
          key: 'time', label: C.jobCols.time, className: 'col-date',
          format: (j) => { const [d, t] = formatTime(j.created_at).split(' '); return h('span', {}, d, t ? h('span', { class: 'time' }, t) : null); },
        },
        {
          key: 'actions', label: C.jobCols.actions, className: 'col-actions',
          format: (j) => {
            const re = !j.done ? null : button(C.reprint, {
              variant: 'secondary', attrs: { 'data-action': 'reprint', 'data-job': j.id },
              onClick: () => act(re, () => reprintJob(j.id), (r) => C.reprinted(r.job?.id ?? '')),
            });
            const cancel = j.done ? null : button(C.cancelJob, {
              variant: 'danger', attrs: { 'data-action': 'cancel', 'data-job': j.id },
              onClick: () => act(cancel, () => cancelPrintJob(j.id), () => C.canceled(j.id)),
            });
            return h('div', { class: 'job-actions' }, re, cancel);
          },
        },
      ], jobs, { caption: C.jobsTitle, className: 'jobs-table' });
      grid.querySelectorAll('tbody tr').forEach((tr, i) => {
        tr.dataset.job = jobs[i].id;
        tr.dataset.state = jobs[i].state;
        tr.dataset.done = jobs[i].done ? '1' : '0';
      });
      jobsBox.replaceChildren(grid);
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!ctx.alive()) return;
        if (document.visibilityState === 'visible') refresh();
        else schedule();
      }, REFRESH_MS);
    }

    async function refresh() {
      clearTimeout(timer);
      if (!loaded) { stateBox.replaceChildren(loading()); }
      try {
        const data = await staffPrinter();
        if (!ctx.alive()) return;
        loaded = true;
        updated.textContent = C.refreshedAt(formatTime(new Date().toISOString()).split(' ')[1] || '');
        const json = JSON.stringify(data);
        if (json !== lastJson) {
          lastJson = json;
          afterTap(() => {
            if (!ctx.alive()) return;
            renderState(data.printer);
            renderJobs(data.jobs);
          });
        }
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        if (!loaded) { stateBox.replaceChildren(loadError(err, refresh)); return; }
        say(err.message, 'error');
      }
      schedule();
    }
    refresh();

    return page(C.printerTitle,
      h('p', { class: 'page-lead' }, C.printerLead),
      h('div', { class: 'card printer-card' }, stateBox,
        h('div', { class: 'actions printer-actions' }, testBtn, refreshBtn, updated)),
      feedback,
      h('h2', { class: 'section-title' }, C.jobsTitle),
      jobsBox);
  },
};
