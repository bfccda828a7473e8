import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { openDialog } from '../components/dialog.js';
import { field } from '../components/field.js';
import { textArea } from '../components/text_area.js';
import { table } from '../components/table.js';
import { filterChips } from '../components/search_bar.js';
import { page, notice, loadInto } from '../components/page.js';
import { staffCertMail, markCertMailSent, cancelCertMail } from '../api_cert_requests.js';
import { R } from '../strings/cert_requests.zh.js';
import { formatTime } from './apply_flow.js';

// 会员证邮寄 (desk, admin): the mailing requests by state with the address; a pending one is
// marked sent with the courier (common couriers as large buttons) and the tracking number (the
// on-screen keyboard types it), or cancelled with a reason the member sees.
const STATUSES = ['pending', 'sent', 'cancelled', 'all'];

export default {
  title: R.staffMailTitle,
  auth: 'staff',
  render(ctx) {
    let status = 'pending';
    const result = h('div', { attrs: { 'aria-live': 'polite' } });
    const list = h('div', { class: 'cert-mail-queue' });
    const filters = h('div', {});
    const done = (msg, test) => { result.replaceChildren(notice(msg)); result.firstChild.dataset.test = test; load(); };

    function markSent(r) {
      const courier = field({ label: R.courier, name: 'courier', required: true, maxLength: 30, ime: 'text' });
      const tracking = field({ label: R.trackingNo, name: 'tracking_no', required: true, keyboard: true, maxLength: 30 });
      courier.input.addEventListener('input', () => courier.clearError());
      tracking.input.addEventListener('input', () => tracking.clearError());
      const chips = R.couriers.map((c) => h('button', {
        type: 'button', class: 'btn btn-chip', dataset: { courier: c },
        onclick: () => { courier.setValue(c); courier.clearError(); },
      }, c));
      const go = button(R.sentConfirm, {
        variant: 'primary', size: 'lg', attrs: { 'data-action': 'confirm-sent' },
        onClick: async () => {
          courier.clearError();
          tracking.clearError();
          go.disabled = true;
          try {
            await markCertMailSent(r.id, courier.value().trim(), tracking.value().trim());
            d.close();
            if (ctx.alive()) done(R.sent(r.member.name), 'sent');
          } catch (err) {
            go.disabled = false;
            if (err.handled) return;
            courier.setError(err.fields?.courier || '');
            tracking.setError(err.fields?.tracking_no || (err.fields ? '' : err.message));
          }
        },
      });
      const d = openDialog({
        title: R.markSent,
        body: [h('p', {}, R.sendTo(r.recipient, r.phone, r.address)),
          h('div', { class: 'chips courier-chips', attrs: { role: 'group', 'aria-label': R.courier } }, chips), courier.el, tracking.el],
        actions: [button(R.cancel, { size: 'lg', onClick: () => d.close() }), go],
      });
    }

    function cancel(r) {
      const reason = textArea({ label: R.cancelMailReason, name: 'reason', required: true, rows: 4, maxLength: 200 });
      const go = button(R.cancelMailConfirm, {
        variant: 'danger', size: 'lg', attrs: { 'data-action': 'confirm-cancel' },
        onClick: async () => {
          reason.clearError();
          go.disabled = true;
          try { await cancelCertMail(r.id, reason.value().trim()); d.close(); if (ctx.alive()) done(R.mailCancelled(r.member.name), 'cancelled'); } catch (err) {
            go.disabled = false;
            if (!err.handled) reason.setError(err.fields?.reason || err.message);
          }
        },
      });
      const d = openDialog({ title: R.cancelMail, body: [reason.el], actions: [button(R.cancel, { size: 'lg', onClick: () => d.close() }), go] });
      reason.input.focus();
    }

    function load() {
      filters.replaceChildren(filterChips({
        label: R.cols.status, values: STATUSES, current: status, labelOf: (s) => R.mailFilter[s], dataKey: 'status',
        onPick: (s) => { status = s; load(); },
      }));
      loadInto(list, () => staffCertMail({ status }), ({ items = [] }) => {
        if (!items.length) return h('div', { class: 'empty-state' }, h('div', { class: 'empty-title' }, R.staffMailEmpty));
        const t = table([
          { key: 'name', label: R.cols.name, format: (r) => r.member?.name || '' },
          { key: 'cert_no', label: R.cols.cert_no, format: (r) => r.certificate?.cert_no || '' },
          { key: 'recipient', label: R.cols.recipient, format: (r) => r.recipient },
          { key: 'phone', label: R.cols.phone, format: (r) => r.phone },
          { key: 'address', label: R.cols.address, format: (r) => r.address },
          { key: 'created_at', label: R.cols.created_at, format: (r) => formatTime(r.created_at) },
          { key: 'status', label: R.cols.status, format: (r) => r.status_label },
          { key: 'actions', label: R.cols.actions, format: (r) => {
            if (r.status === 'sent') return R.courierLine(r.courier, r.tracking_no);
            if (r.status !== 'pending') return r.cancel_reason || '';
            return h('div', { class: 'job-actions' },
              button(R.markSent, { variant: 'primary', attrs: { 'data-action': 'mark-sent', 'data-request': r.id }, onClick: () => markSent(r) }),
              button(R.cancelMail, { variant: 'danger', attrs: { 'data-action': 'cancel-mail', 'data-request': r.id }, onClick: () => cancel(r) }));
          } },
        ], items, { caption: R.staffMailTitle, className: 'cert-mail-table' });
        t.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.request = items[i].id; tr.dataset.login = items[i].member?.login_id || ''; });
        return t;
      }, ctx.alive);
    }
    load();
    return page(R.staffMailTitle, h('p', { class: 'page-lead' }, R.staffMailLead), result, filters, list);
  },
};
