import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { table } from '../components/table.js';
import { page, loadInto } from '../components/page.js';
import { staffSms } from '../api.js';
import { formatTime } from './apply_flow.js';

// 短信发件箱 (admin, read-only): the SMS the system queued and sent.
export default {
  title: S.smsTitle,
  auth: 'staff',
  render(ctx) {
    const box = h('div', { class: 'sms-list' });
    loadInto(box, staffSms, (data) => {
      const items = data.items || [];
      if (!items.length) return h('div', { class: 'empty-state' }, h('div', { class: 'empty-title' }, S.smsEmpty));
      return table([
        { key: 'created_at', label: S.smsCols.created_at, className: 'col-date', format: (r) => formatTime(r.created_at) },
        { key: 'phone', label: S.smsCols.phone, className: 'col-phone' },
        { key: 'event', label: S.smsCols.event, className: 'col-event', format: (r) => S.smsEvents[r.event] || r.event || '' },
        { key: 'text', label: S.smsCols.text, className: 'col-text' },
        { key: 'status', label: S.smsCols.status, className: 'col-status', format: (r) => S.smsStatus[r.status] || r.status || '' },
        { key: 'attempts', label: S.smsCols.attempts, className: 'col-attempts' },
        { key: 'last_error', label: S.smsCols.last_error, className: 'col-error' },
      ], items, { caption: S.smsTitle, className: 'sms-table' });
    }, ctx.alive);
    return page(S.smsTitle, h('p', { class: 'page-lead' }, S.smsLead), box);
  },
};
