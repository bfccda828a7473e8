import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { openDialog } from '../components/dialog.js';
import { textArea } from '../components/text_area.js';
import { table } from '../components/table.js';
import { filterChips } from '../components/search_bar.js';
import { page, notice, loadInto } from '../components/page.js';
import { staffJobs, approveJob, rejectJob } from '../api_jobs.js';
import { J } from '../strings/jobs.zh.js';
import { jobFacts } from './job_common.js';
import { formatTime } from './apply_flow.js';

// 招聘信息审核 (reviewer, admin): the postings by state, oldest pending first. 【查看】 shows the
// whole posting; a pending one is approved after a confirmation (it then shows on /jobs) or
// rejected with a reason the agency sees.
const STATUSES = ['pending', 'approved', 'rejected', 'closed', 'all'];

export default {
  title: J.staffTitle,
  auth: 'staff',
  render(ctx) {
    let status = 'pending';
    const result = h('div', { attrs: { 'aria-live': 'polite' } });
    const list = h('div', { class: 'jobs-queue' });
    const filters = h('div', {});
    const done = (msg, test) => { result.replaceChildren(notice(msg)); result.firstChild.dataset.test = test; load(); };

    function approve(j, from) {
      from?.close();
      const go = button(J.approveGo, {
        variant: 'primary', size: 'lg', attrs: { 'data-action': 'confirm-approve' },
        onClick: async () => {
          go.disabled = true;
          try { await approveJob(j.id); d.close(); if (ctx.alive()) done(J.approved(j.title), 'approved'); } catch (err) {
            go.disabled = false;
            if (!err.handled) d.setBody(h('p', {}, J.approveConfirm(j.title, j.agency?.name || '')), notice(err.message, 'error'));
          }
        },
      });
      const d = openDialog({
        title: J.approve, role: 'alertdialog', body: [h('p', {}, J.approveConfirm(j.title, j.agency?.name || ''))],
        actions: [button(J.cancel, { size: 'lg', onClick: () => d.close() }), go],
      });
    }

    function reject(j, from) {
      from?.close();
      const reason = textArea({ label: J.rejectReason, name: 'reason', required: true, rows: 4, maxLength: 200 });
      reason.input.addEventListener('input', () => reason.clearError());
      const go = button(J.rejectGo, {
        variant: 'danger', size: 'lg', attrs: { 'data-action': 'confirm-reject' },
        onClick: async () => {
          reason.clearError();
          go.disabled = true;
          try { await rejectJob(j.id, reason.value().trim()); d.close(); if (ctx.alive()) done(J.rejected(j.title), 'rejected'); } catch (err) {
            go.disabled = false;
            if (!err.handled) reason.setError(err.fields?.reason || err.message);
          }
        },
      });
      const d = openDialog({ title: J.reject, body: [h('p', {}, j.title), reason.el], actions: [button(J.cancel, { size: 'lg', onClick: () => d.close() }), go] });
      reason.input.focus();
    }

    function view(j) {
      const actions = [button(J.cancel, { size: 'lg', onClick: () => d.close() })];
      if (j.status === 'pending') {
        actions.push(
          button(J.reject, { variant: 'danger', size: 'lg', attrs: { 'data-action': 'reject' }, onClick: () => reject(j, d) }),
          button(J.approve, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'approve' }, onClick: () => approve(j, d) }));
      }
      const d = openDialog({
        title: j.title, className: 'job-dialog',
        body: [h('p', { class: 'request-state' }, J.stateOf(j.status_label)), ...jobFacts(j),
          j.reject_reason ? h('p', { class: 'job-reject-reason' }, J.rejectReasonOf(j.reject_reason)) : null],
        actions,
      });
    }

    function load() {
      filters.replaceChildren(filterChips({
        label: J.filterLabel, values: STATUSES, current: status, labelOf: (s) => J.filter[s], dataKey: 'status',
        onPick: (s) => { status = s; load(); },
      }));
      loadInto(list, () => staffJobs({ status }), ({ items = [] }) => {
        if (!items.length) return h('div', { class: 'empty-state' }, h('div', { class: 'empty-title' }, J.staffEmpty));
        const t = table([
          { key: 'agency', label: J.cols.agency, format: (j) => j.agency?.name || '' },
          { key: 'title', label: J.cols.title, format: (j) => j.title },
          { key: 'positions', label: J.cols.positions, format: (j) => `${j.positions}（${J.headcountOf(j.headcount)}）` },
          { key: 'pay', label: J.cols.pay, format: (j) => j.pay?.text || '' },
          { key: 'valid_until', label: J.cols.valid_until, format: (j) => j.valid_until },
          { key: 'updated_at', label: J.cols.updated_at, format: (j) => formatTime(j.updated_at) },
          { key: 'status', label: J.cols.status, format: (j) => j.status_label },
          { key: 'actions', label: J.cols.actions, format: (j) => h('div', { class: 'job-actions' },
            button(J.view, { attrs: { 'data-action': 'view' }, onClick: () => view(j) }),
            j.status === 'pending' ? button(J.approve, { variant: 'primary', attrs: { 'data-action': 'approve' }, onClick: () => approve(j) }) : null,
            j.status === 'pending' ? button(J.reject, { variant: 'danger', attrs: { 'data-action': 'reject' }, onClick: () => reject(j) }) : null) },
        ], items, { caption: J.staffTitle, className: 'job-postings-table' });
        t.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.job = items[i].id; tr.dataset.login = items[i].agency?.login_id || ''; });
        return t;
      }, ctx.alive);
    }
    load();
    return page(J.staffTitle, h('p', { class: 'page-lead' }, J.staffLead), result, filters, list);
  },
};
