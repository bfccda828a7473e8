import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { openDialog } from '../components/dialog.js';
import { textArea } from '../components/text_area.js';
import { table } from '../components/table.js';
import { filterChips } from '../components/search_bar.js';
import { page, notice, loadInto } from '../components/page.js';
import { staffWithdrawals, approveWithdrawal, rejectWithdrawal } from '../api_profile.js';
import { P } from '../strings/profile.zh.js';
import { formatTime } from './apply_flow.js';

// 退会申请 (reviewer, admin): the requests by state; a pending one is approved after a
// confirmation (the member leaves the 会员名录, certificates void) or rejected with a reason.
const STATUSES = ['pending', 'approved', 'rejected', 'cancelled', 'all'];

export default {
  title: P.staffTitle,
  auth: 'staff',
  render(ctx) {
    let status = 'pending';
    const result = h('div', { attrs: { 'aria-live': 'polite' } });
    const list = h('div', { class: 'withdrawals' });
    const filters = h('div', {});
    const done = (msg, test) => { result.replaceChildren(notice(msg)); result.firstChild.dataset.test = test; load(); };

    function approve(w) {
      const go = button(P.approve, {
        variant: 'danger', size: 'lg', attrs: { 'data-action': 'confirm-approve' },
        onClick: async () => {
          go.disabled = true;
          try { await approveWithdrawal(w.id); d.close(); if (ctx.alive()) done(P.approved(w.member.name), 'approved'); } catch (err) {
            go.disabled = false;
            if (!err.handled) d.setBody(h('p', {}, P.approveConfirm(w.member.name)), notice(err.message, 'error'));
          }
        },
      });
      const d = openDialog({ title: P.approve, role: 'alertdialog', body: [h('p', {}, P.approveConfirm(w.member.name))],
        actions: [button(P.cancel, { size: 'lg', onClick: () => d.close() }), go] });
    }

    function reject(w) {
      const reason = textArea({ label: P.rejectReason, name: 'reason', required: true, rows: 4, maxLength: 200 });
      const go = button(P.rejectConfirm, {
        variant: 'danger', size: 'lg', attrs: { 'data-action': 'confirm-reject' },
        onClick: async () => {
          reason.clearError();
          go.disabled = true;
          try { await rejectWithdrawal(w.id, reason.value().trim()); d.close(); if (ctx.alive()) done(P.rejected(w.member.name), 'rejected'); } catch (err) {
            go.disabled = false;
            if (!err.handled) reason.setError(err.fields?.reason || err.message);
          }
        },
      });
      const d = openDialog({ title: P.reject, body: [reason.el], actions: [button(P.cancel, { size: 'lg', onClick: () => d.close() }), go] });
      reason.input.focus();
    }

    function load() {
      filters.replaceChildren(filterChips({
        label: P.cols.status, values: STATUSES, current: status, labelOf: (s) => P.statusFilter[s], dataKey: 'status',
        onPick: (s) => { status = s; load(); },
      }));
      loadInto(list, () => staffWithdrawals({ status }), ({ items = [] }) => {
        if (!items.length) return h('div', { class: 'empty-state' }, h('div', { class: 'empty-title' }, P.staffEmpty));
        const t = table([
          { key: 'name', label: P.cols.name, format: (w) => w.member?.name || '' },
          { key: 'type', label: P.cols.type, format: (w) => w.member?.type_label || '' },
          { key: 'member_no', label: P.cols.member_no, format: (w) => w.member?.member_no || P.none },
          { key: 'reason', label: P.cols.reason, format: (w) => w.reason || P.none },
          { key: 'created_at', label: P.cols.created_at, format: (w) => formatTime(w.created_at) },
          { key: 'status', label: P.cols.status, format: (w) => w.status_label },
          { key: 'actions', label: P.cols.actions, format: (w) => (w.status !== 'pending' ? (w.decision_reason || '') : h('div', { class: 'job-actions' },
            button(P.approve, { variant: 'primary', attrs: { 'data-action': 'approve', 'data-withdrawal': w.id }, onClick: () => approve(w) }),
            button(P.reject, { variant: 'danger', attrs: { 'data-action': 'reject', 'data-withdrawal': w.id }, onClick: () => reject(w) }))) },
        ], items, { caption: P.staffTitle, className: 'withdrawals-table' });
        t.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.withdrawal = items[i].id; tr.dataset.login = items[i].member?.login_id || ''; });
        return t;
      }, ctx.alive);
    }
    load();
    return page(P.staffTitle, h('p', { class: 'page-lead' }, P.staffLead), result, filters, list);
  },
};
