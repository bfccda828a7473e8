import { D } from '../strings/dues.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { openDialog } from '../components/dialog.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { duesOrder, cancelOrder, formatFen, formatTime } from '../api_dues.js';
import { itemsTable, facts, statusBadge, orderNoBlock, fill } from './dues_common.js';

// 订单详情 (manual): the 申报系统单号 (large, copyable), items, amounts, status; while payable the
// methods the server offers (转账汇款 / 支付宝支付 / 微信支付); the reduction's state; 【取消订单】.
const PAY_ORDER = ['bank', 'alipay', 'wechat'];

export function reductionNotice(order) {
  const r = order.reduction;
  if (!r) return null;
  if (r.status === 'pending') return notice(D.reductionPending(formatFen(r.requested_fen)), 'warning');
  if (r.status === 'rejected') return notice(D.reductionRejected(r.reject_reason), 'error');
  if (r.status === 'approved') return notice(D.reductionApproved(formatFen(r.decided_fen)));
  return null;
}

export default {
  title: D.orderTitle,
  auth: 'member',
  render(ctx) {
    const id = ctx.params.get('id');
    const body = h('div', { class: 'dues-order' });
    const idQ = `id=${encodeURIComponent(id)}`;

    function confirmCancel(order) {
      const dlg = openDialog({
        title: D.cancelConfirmTitle,
        role: 'alertdialog',
        body: [h('p', { class: 'dues-dialog-text' }, D.cancelConfirm(order.order_no))],
        actions: [
          button(D.cancelKeep, { variant: 'secondary', size: 'lg', attrs: { 'data-action': 'dialog-cancel' }, onClick: () => dlg.close() }),
          button(D.cancelOrder, {
            variant: 'danger', size: 'lg', attrs: { 'data-action': 'dialog-ok' },
            onClick: async (e) => {
              e.currentTarget.disabled = true;
              try {
                const res = await cancelOrder(order.id);
                dlg.close();
                if (ctx.alive()) show(res.order, notice(D.cancelled));
              } catch (err) {
                dlg.close();
                if (!err.handled && ctx.alive()) load(notice(err.message, 'error'));
              }
            },
          }),
        ],
      });
    }

    function show(order, banner = null) {
      const r = order.reduction;
      const payable = order.status === 'awaiting_payment';
      const methods = PAY_ORDER.filter((m) => (order.methods || []).includes(m));
      const payBlock = payable ? h('div', { class: 'card dues-pay-card' },
        h('h2', { class: 'card-title' }, D.chooseMethod),
        h('p', { class: 'page-lead' }, D.payLead),
        h('div', { class: 'dues-methods' }, methods.map((m) => button(D.methods[m], {
          variant: 'primary', size: 'lg', className: `dues-method dues-method-${m}`, attrs: { 'data-method': m },
          onClick: () => ctx.go(m === 'bank' ? `/member/dues/bank?${idQ}` : `/member/dues/qr?${idQ}&method=${m}`),
        })))) : null;
      const after = [];
      if (order.status === 'paid') {
        after.push(notice(D.orderPaidNote), h('div', { class: 'actions' },
          button(D.viewReceipt, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'receipt' }, onClick: () => ctx.go(`/member/dues/receipt?${idQ}`) })));
      } else if (order.status === 'expired' || order.status === 'cancelled') {
        after.push(notice(D.orderClosed, 'warning'), h('div', { class: 'actions' },
          button(D.newDeclaration, { variant: 'primary', size: 'lg', onClick: () => ctx.go(`/member/dues/items?year=${encodeURIComponent(order.year)}`) })));
      }
      const cancellable = order.status === 'awaiting_payment' || order.status === 'reduction_pending';
      fill(body,
        banner,
        h('div', { class: 'card dues-order-head', dataset: { status: order.status } },
          orderNoBlock(order.order_no),
          h('div', { class: 'dues-order-status' }, h('span', {}, `${D.orderStatus}：`), statusBadge(order)),
          facts([
            [D.orderYear, `${order.year}年`, 'year'],
            [D.orderPayer, order.payer?.name, 'payer'],
            [D.orderTotal, formatFen(order.total_fen), 'total'],
            r && r.status !== 'rejected' ? [D.orderReduction, formatFen(r.status === 'approved' ? r.decided_fen : r.requested_fen), 'reduction'] : null,
            [D.orderDue, h('span', { class: 'money dues-due' }, formatFen(order.amount_due_fen)), 'amount_due'],
            [D.orderCreated, formatTime(order.created_at), 'created_at'],
            order.expires_at && cancellable ? [D.orderExpires, formatTime(order.expires_at), 'expires_at'] : null,
            order.paid_at ? [D.orderPaidAt, formatTime(order.paid_at), 'paid_at'] : null,
            order.method ? [D.orderMethod, order.method_label || D.methods[order.method], 'method'] : null,
          ])),
        reductionNotice(order),
        r && r.reason ? h('p', { class: 'dues-reduction-reason' }, `${D.reductionReasonLabel}：${r.reason}`) : null,
        payBlock,
        ...after,
        h('div', { class: 'card' }, h('h2', { class: 'card-title' }, D.orderItems), itemsTable(order.items || [], order.total_fen)),
        cancellable ? h('div', { class: 'actions dues-cancel-row' },
          button(D.cancelOrder, { variant: 'danger', size: 'lg', attrs: { 'data-action': 'cancel-order' }, onClick: () => confirmCancel(order) })) : null);
    }

    async function load(banner = null) {
      fill(body, loading());
      try {
        const data = await duesOrder(id);
        if (!ctx.alive()) return;
        show(data.order, banner);
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        fill(body, loadError(err, () => load()));
      }
    }
    load();
    return page(D.orderTitle, body);
  },
};
