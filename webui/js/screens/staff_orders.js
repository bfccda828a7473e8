import { F } from '../strings/staff_dues.zh.js';
import { h, append } from '../components/dom.js';
import { button } from '../components/button.js';
import { field } from '../components/field.js';
import { table } from '../components/table.js';
import { page, loading, loadError } from '../components/page.js';
import { keyboard } from '../components/keyboard.js';
import { duesOrders, formatFen, formatTime } from '../api_staff_dues.js';

// 会费订单: every member's dues declaration, filtered by status and searched by 申报系统单号 or
// payer; 减免审批中 rows stand out (and a banner counts them). Filters and page are in the
// route, so 【返回】 from an order comes back to the same list.
export const STATUSES = ['all', 'reduction_pending', 'awaiting_payment', 'paid', 'expired', 'cancelled'];
const PAGE_SIZE = 20;
// 申报系统单号 are 'D' + digits; the on-screen keyboard types a lower-case d unless shifted.
const orderNoCase = (q) => (/^d\d+$/.test(q) ? q.toUpperCase() : q);

export function statusBadge(order) {
  return h('span', { class: ['order-status', `order-status-${order.status}`], dataset: { status: order.status } },
    order.status_label || F.orderStatus[order.status] || order.status);
}

export default {
  title: F.ordersTitle,
  auth: 'staff',
  render(ctx) {
    const p = ctx.params;
    const state = {
      status: STATUSES.includes(p.get('status')) ? p.get('status') : 'all',
      q: p.get('q') || '',
      page: Math.max(1, Number(p.get('page')) || 1),
    };
    const route = () => {
      const q = new URLSearchParams();
      if (state.status !== 'all') q.set('status', state.status);
      if (state.q) q.set('q', state.q);
      if (state.page > 1) q.set('page', String(state.page));
      const s = q.toString();
      return `/staff/dues/orders${s ? `?${s}` : ''}`;
    };
    const goState = (patch) => { Object.assign(state, patch); ctx.go(route(), { replace: true }); };

    const search = field({ label: F.ordersSearchLabel, name: 'q', placeholder: F.ordersSearchPlaceholder, keyboard: true, maxLength: 64, ime: 'text' });
    search.setValue(state.q);
    search.input.setAttribute('enterkeyhint', 'search');
    const form = h('form', {
      class: 'dir-search', attrs: { role: 'search' },
      onsubmit: (e) => { e.preventDefault(); keyboard.close(); goState({ q: orderNoCase(search.value().trim()), page: 1 }); },
    }, search.el, h('div', { class: 'dir-search-actions' },
      button(F.search, { variant: 'primary', type: 'submit' }),
      button(F.clear, { variant: 'secondary', onClick: () => goState({ q: '', page: 1 }) })));
    const filters = h('div', { class: 'filter-row', attrs: { role: 'group', 'aria-label': F.ordersStatusFilter } },
      h('span', { class: 'filter-label' }, F.ordersStatusFilter),
      STATUSES.map((s) => h('button', {
        type: 'button', class: ['btn btn-chip', s === 'reduction_pending' && 'chip-pending'], dataset: { status: s },
        attrs: { 'aria-pressed': state.status === s ? 'true' : 'false' },
        onclick: () => goState({ status: s, page: 1 }),
      }, F.orderStatus[s])));

    // How many reductions wait for a decision, whatever the filter.
    const pending = h('div', { class: 'pending-banner', attrs: { 'aria-live': 'polite' } });
    duesOrders({ status: 'reduction_pending' }).then((d) => {
      const n = Number(d.total) || 0;
      if (!ctx.alive() || !n) return;
      pending.replaceChildren(h('div', { class: 'notice notice-warning pending-notice', dataset: { test: 'pending' } },
        h('span', {}, F.ordersPendingNotice(n)),
        state.status === 'reduction_pending' ? null
          : button(F.ordersShowPending, { variant: 'secondary', onClick: () => goState({ status: 'reduction_pending', page: 1 }) })));
    }).catch(() => {});

    const results = h('div', { class: 'order-results', attrs: { 'aria-live': 'polite' } });
    const open = (o) => ctx.go(`/staff/dues/order?id=${encodeURIComponent(o.id)}`);

    async function load() {
      results.replaceChildren(loading());
      try {
        const data = await duesOrders({ status: state.status, q: state.q, page: state.page });
        if (!ctx.alive()) return;
        const items = data.items || [];
        const total = Number(data.total) || 0;
        const size = Number(data.page_size) || PAGE_SIZE;
        const pageNo = Number(data.page) || state.page;
        const pages = Math.max(1, Math.ceil(total / size));
        const summary = h('div', { class: 'dir-summary' },
          h('span', { class: 'dir-total' }, F.total(total)),
          total ? h('span', {}, F.pageOf(pageNo, pages)) : null);
        if (!items.length) {
          results.replaceChildren(summary, h('div', { class: 'empty-state' }, h('div', { class: 'empty-title' }, F.ordersEmpty)));
          return;
        }
        const grid = table([
          { key: 'order_no', label: F.ordersCols.order_no, className: 'col-no' },
          { key: 'year', label: F.ordersCols.year, className: 'col-year' },
          { key: 'payer', label: F.ordersCols.payer, className: 'col-payer', format: (o) => o.payer?.name || F.none },
          {
            key: 'amount', label: F.ordersCols.amount, className: 'col-amount',
            format: (o) => h('span', {}, h('span', { class: 'money' }, formatFen(o.amount_due_fen ?? o.total_fen)),
              o.total_fen !== undefined && o.amount_due_fen !== undefined && o.total_fen !== o.amount_due_fen
                ? h('span', { class: 'money-was' }, F.ordersTotalWas(formatFen(o.total_fen))) : null),
          },
          {
            key: 'status', label: F.ordersCols.status, className: 'col-status',
            format: (o) => statusBadge(o),
          },
          {
            key: 'created_at', label: F.ordersCols.created_at, className: 'col-date',
            format: (o) => { const [d, t] = formatTime(o.created_at).split(' '); return h('span', {}, d, t ? h('span', { class: 'time' }, t) : null); },
          },
          {
            key: 'open', label: F.ordersCols.open, className: 'col-open',
            format: (o) => h('button', { type: 'button', class: 'btn btn-secondary', dataset: { open: o.id }, onclick: () => open(o) }, F.open),
          },
        ], items, { caption: F.ordersTitle, className: 'orders-table' });
        grid.querySelectorAll('tbody tr').forEach((tr, i) => {
          tr.dataset.order = items[i].order_no;
          tr.dataset.status = items[i].status;
          if (items[i].status === 'reduction_pending') tr.classList.add('is-pending');
        });
        results.replaceChildren();
        append(results, [summary, grid,
          pages > 1 ? h('div', { class: 'pager' },
            button(F.prev, { variant: 'secondary', disabled: pageNo <= 1, onClick: () => goState({ page: pageNo - 1 }) }),
            h('span', { class: 'pager-info' }, F.pageOf(pageNo, pages)),
            button(F.next, { variant: 'secondary', disabled: pageNo >= pages, onClick: () => goState({ page: pageNo + 1 }) })) : null]);
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        results.replaceChildren(loadError(err, load));
      }
    }
    load();
    return page(F.ordersTitle, h('p', { class: 'page-lead' }, F.ordersLead), pending,
      h('div', { class: 'card filter-bar' }, form, filters), results);
  },
};
