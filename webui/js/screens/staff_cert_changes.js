import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { openDialog } from '../components/dialog.js';
import { textArea } from '../components/text_area.js';
import { table } from '../components/table.js';
import { filterChips } from '../components/search_bar.js';
import { page, notice, loadInto } from '../components/page.js';
import { staffCertChanges, approveCertChange, rejectCertChange } from '../api_cert_requests.js';
import { R } from '../strings/cert_requests.zh.js';
import { formatTime } from './apply_flow.js';

// 会员证信息修改审核 (reviewer, admin): the requests by state with what changes; a pending one is
// approved after a confirmation (the member is renamed and the certificate re-issued) or
// rejected with a reason the member sees.
const STATUSES = ['pending', 'approved', 'rejected', 'cancelled', 'all'];

function changeText(r) {
  return Object.entries(r.after || {}).map(([k, v]) => R.changeLine(R.fieldLabels[k] || k, r.before?.[k], v)).join('；');
}

export default {
  title: R.staffChangeTitle,
  auth: 'staff',
  render(ctx) {
    let status = 'pending';
    const result = h('div', { attrs: { 'aria-live': 'polite' } });
    const list = h('div', { class: 'cert-changes' });
    const filters = h('div', {});
    const done = (msg, test) => { result.replaceChildren(notice(msg)); result.firstChild.dataset.test = test; load(); };

    function approve(r) {
      const go = button(R.approve, {
        variant: 'primary', size: 'lg', attrs: { 'data-action': 'confirm-approve' },
        onClick: async () => {
          go.disabled = true;
          try {
            const out = await approveCertChange(r.id);
            d.close();
            if (ctx.alive()) done(R.approved(r.member.name, out.reissued), 'approved');
          } catch (err) {
            go.disabled = false;
            if (!err.handled) d.setBody(h('p', {}, R.approveConfirm(r.member.name)), notice(err.message, 'error'));
          }
        },
      });
      const d = openDialog({ title: R.approve, role: 'alertdialog', body: [h('p', {}, R.approveConfirm(r.member.name)), h('p', {}, changeText(r))],
        actions: [button(R.cancel, { size: 'lg', onClick: () => d.close() }), go] });
    }

    function reject(r) {
      const reason = textArea({ label: R.rejectReason, name: 'reason', required: true, rows: 4, maxLength: 200 });
      const go = button(R.rejectConfirm, {
        variant: 'danger', size: 'lg', attrs: { 'data-action': 'confirm-reject' },
        onClick: async () => {
          reason.clearError();
          go.disabled = true;
          try { await rejectCertChange(r.id, reason.value().trim()); d.close(); if (ctx.alive()) done(R.rejected(r.member.name), 'rejected'); } catch (err) {
            go.disabled = false;
            if (!err.handled) reason.setError(err.fields?.reason || err.message);
          }
        },
      });
      const d = openDialog({ title: R.reject, body: [reason.el], actions: [button(R.cancel, { size: 'lg', onClick: () => d.close() }), go] });
      reason.input.focus();
    }

    function load() {
      filters.replaceChildren(filterChips({
        label: R.cols.status, values: STATUSES, current: status, labelOf: (s) => R.changeFilter[s], dataKey: 'status',
        onPick: (s) => { status = s; load(); },
      }));
      loadInto(list, () => staffCertChanges({ status }), ({ items = [] }) => {
        if (!items.length) return h('div', { class: 'empty-state' }, h('div', { class: 'empty-title' }, R.staffChangeEmpty));
        const t = table([
          { key: 'name', label: R.cols.name, format: (r) => r.member?.name || '' },
          { key: 'type', label: R.cols.type, format: (r) => r.member?.type_label || '' },
          { key: 'member_no', label: R.cols.member_no, format: (r) => r.member?.member_no || R.none },
          { key: 'change', label: R.cols.change, format: changeText },
          { key: 'note', label: R.cols.note, format: (r) => r.note || R.none },
          { key: 'created_at', label: R.cols.created_at, format: (r) => formatTime(r.created_at) },
          { key: 'status', label: R.cols.status, format: (r) => r.status_label },
          { key: 'actions', label: R.cols.actions, format: (r) => (r.status !== 'pending' ? (r.decision_reason || '') : h('div', { class: 'job-actions' },
            button(R.approve, { variant: 'primary', attrs: { 'data-action': 'approve', 'data-request': r.id }, onClick: () => approve(r) }),
            button(R.reject, { variant: 'danger', attrs: { 'data-action': 'reject', 'data-request': r.id }, onClick: () => reject(r) }))) },
        ], items, { caption: R.staffChangeTitle, className: 'cert-changes-table' });
        t.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.request = items[i].id; tr.dataset.login = items[i].member?.login_id || ''; });
        return t;
      }, ctx.alive);
    }
    load();
    return page(R.staffChangeTitle, h('p', { class: 'page-lead' }, R.staffChangeLead), result, filters, list);
  },
};
