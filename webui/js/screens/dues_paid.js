import { D } from '../strings/dues.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { duesOrder, duesHome, formatFen, formatTime } from '../api_dues.js';
import { facts, orderNoBlock, fill } from './dues_common.js';

// 缴费成功: the manual's “支付成功后，用户即可使用系统全部功能”, the validity (有效期至) and
// 【查看收据】.
export default {
  title: D.paidTitle,
  auth: 'member',
  render(ctx) {
    const id = ctx.params.get('id');
    const idQ = `id=${encodeURIComponent(id)}`;
    const body = h('div', { class: 'dues-paid' });
    async function load() {
      fill(body, loading());
      try {
        const [{ order }, home] = await Promise.all([duesOrder(id), duesHome().catch(() => null)]);
        if (!ctx.alive()) return;
        if (order.status !== 'paid') {
          fill(body, notice(D.notPaidYet, 'warning'), h('div', { class: 'actions' },
            button(D.viewOrder, { variant: 'primary', size: 'lg', onClick: () => ctx.go(`/member/dues/order?${idQ}`, { replace: true }) })));
          return;
        }
        const validUntil = home?.member?.valid_until || (order.year ? `${order.year}-12-31` : null);
        fill(body, h('div', { class: 'card result-card dues-paid-card', attrs: { role: 'status' }, dataset: { test: 'paid' } },
          h('div', { class: 'dues-paid-mark', attrs: { 'aria-hidden': 'true' } }, '✓'),
          h('h2', { class: 'dues-paid-title' }, D.paidTitle),
          h('p', { class: 'result-text', dataset: { test: 'paid-text' } }, D.paidBody),
          orderNoBlock(order.order_no),
          facts([
            [D.orderYear, `${order.year}年`, 'year'],
            [D.paidAmount, formatFen(order.amount_due_fen), 'paid_amount'],
            [D.orderMethod, order.method_label || D.methods[order.method], 'method'],
            [D.orderPaidAt, formatTime(order.paid_at), 'paid_at'],
            [D.paidValidUntil, h('span', { dataset: { test: 'valid-until' } }, validUntil || D.none), 'valid_until'],
          ]),
          h('div', { class: 'actions' },
            button(D.viewReceipt, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'receipt' }, onClick: () => ctx.go(`/member/dues/receipt?${idQ}`) }),
            button(D.toMemberCenter, { variant: 'secondary', size: 'lg', attrs: { 'data-action': 'member-center' }, onClick: () => ctx.go('/member') }))));
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        fill(body, loadError(err, load));
      }
    }
    load();
    return page(null, body);
  },
};
