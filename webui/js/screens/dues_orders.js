import { D } from '../strings/dues.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { table } from '../components/table.js';
import { page, notice, loadInto } from '../components/page.js';
import { myOrders, formatFen } from '../api_dues.js';
import { statusBadge } from './dues_common.js';

// 我的缴费订单: the member's orders, newest first (year, 申报系统单号, amount, status) → 订单详情,
// so an unpaid order can be resumed.
export default {
  title: D.ordersTitle,
  auth: 'member',
  render(ctx) {
    const body = h('div', { class: 'dues-orders' });
    loadInto(body, myOrders, ({ orders = [] }) => {
      if (!orders.length) {
        return [notice(D.ordersEmpty), h('div', { class: 'actions' },
          button(D.toDues, { variant: 'primary', size: 'lg', onClick: () => ctx.go('/member/dues') }))];
      }
      const grid = table([
        { key: 'year', label: D.ordersCols.year, format: (o) => `${o.year}年` },
        { key: 'order_no', label: D.ordersCols.order_no, className: 'col-no' },
        { key: 'amount', label: D.ordersCols.amount, className: 'col-amount', format: (o) => h('span', { class: 'money' }, formatFen(o.amount_due_fen ?? o.total_fen)) },
        { key: 'status', label: D.ordersCols.status, format: (o) => statusBadge(o) },
        {
          key: 'open', label: D.ordersCols.open,
          format: (o) => button(D.open, { variant: 'secondary', attrs: { 'data-open': o.id }, onClick: () => ctx.go(`/member/dues/order?id=${encodeURIComponent(o.id)}`) }),
        },
      ], orders, { caption: D.ordersTitle, className: 'dues-orders-table' });
      grid.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.order = orders[i].order_no; tr.dataset.status = orders[i].status; });
      return [grid];
    }, ctx.alive);
    return page(D.ordersTitle, h('p', { class: 'page-lead' }, D.ordersLead), body);
  },
};
