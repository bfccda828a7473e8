import { D } from '../strings/dues.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { duesReceipt, formatFen, formatTime } from '../api_dues.js';
import { historyReceipt } from '../api_member_records.js';
import { itemsTable, facts, fill } from './dues_common.js';

// 会费收据: a printable page (payer, items, amounts, 申报系统单号, method, paid time, issuer) with
// 【打印】. The print stylesheet (theme.css, dues (member)) hides the kiosk chrome. `via=history`
// (from 会费缴纳信息) asks the history's receipt route, which also serves an agency the receipt of
// an order its attorney paid personally.
export default {
  title: D.receiptTitle,
  auth: 'member',
  render(ctx) {
    const id = ctx.params.get('id');
    const fetchReceipt = ctx.params.get('via') === 'history' ? historyReceipt : duesReceipt;
    const body = h('div', { class: 'dues-receipt-wrap' });
    async function load() {
      fill(body, loading());
      try {
        const { receipt: r } = await fetchReceipt(id);
        if (!ctx.alive()) return;
        fill(body,
          h('article', { class: 'card dues-receipt', dataset: { test: 'receipt' } },
            h('h2', { class: 'dues-receipt-title' }, D.receiptHeading(r.year)),
            facts([
              [D.orderNo, h('span', { class: 'dues-receipt-no', dataset: { test: 'receipt-order-no' } }, r.order_no), 'order_no'],
              [D.receiptPayer, r.payer, 'payer'],
              [D.receiptMethod, r.method_label || D.methods[r.method], 'method'],
              [D.receiptPaidAt, formatTime(r.paid_at), 'paid_at'],
              r.transaction_ref ? [D.receiptRef, r.transaction_ref, 'transaction_ref'] : null,
            ]),
            h('h3', { class: 'dues-receipt-sub' }, D.receiptItems),
            itemsTable(r.items || [], r.total_fen),
            facts([
              [D.receiptTotal, formatFen(r.total_fen), 'total'],
              r.reduction_fen ? [D.receiptReduction, formatFen(r.reduction_fen), 'reduction'] : null,
              [D.receiptPaid, h('span', { class: 'money dues-due', dataset: { test: 'receipt-paid' } }, formatFen(r.paid_fen)), 'paid'],
              [D.receiptIssuer, r.issuer, 'issuer'],
            ])),
          h('div', { class: 'actions dues-receipt-actions' },
            button(D.print, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'print' }, onClick: () => window.print() })));
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        if (err.status === 409) fill(body, notice(err.message, 'warning'));
        else fill(body, loadError(err, load));
      }
    }
    load();
    return page(D.receiptTitle, body);
  },
};
