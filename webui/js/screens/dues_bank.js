import { D } from '../strings/dues.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { duesOrder, formatFen } from '../api_dues.js';
import { facts, orderNoBlock, fill } from './dues_common.js';

// 转账汇款 (manual: 记录申报系统单号进行汇款): the association's bank details (a staff setting),
// the amount due, and the 申报系统单号 to write in the remittance note.
export default {
  title: D.bankTitle,
  auth: 'member',
  render(ctx) {
    const id = ctx.params.get('id');
    const body = h('div', { class: 'dues-bank' });
    async function load() {
      fill(body, loading());
      try {
        const { order, bank = {} } = await duesOrder(id);
        if (!ctx.alive()) return;
        fill(body,
          h('div', { class: 'card dues-bank-card' },
            orderNoBlock(order.order_no),
            h('p', { class: 'dues-bank-note-strong', dataset: { test: 'bank-instruction' } }, D.bankNoteStrong(order.order_no)),
            facts([
              [D.bankAccountName, bank.account_name, 'account_name'],
              [D.bankName, bank.bank_name, 'bank_name'],
              [D.bankAccountNo, h('span', { class: 'dues-account-no' }, bank.account_no || D.none), 'account_no'],
              [D.bankAmount, h('span', { class: 'money dues-due' }, formatFen(order.amount_due_fen)), 'amount_due'],
            ]),
            bank.note ? notice(bank.note, 'warning') : null,
            h('p', { class: 'page-lead' }, D.bankAfter)),
          order.status !== 'awaiting_payment' ? notice(`${D.orderStatus}：${order.status_label || D.orderStatuses[order.status]}`, 'warning') : null,
          h('div', { class: 'actions' },
            button(D.qrBackToOrder, { variant: 'secondary', size: 'lg', onClick: () => ctx.back() })));
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        fill(body, loadError(err, load));
      }
    }
    load();
    return page(D.bankTitle, h('p', { class: 'page-lead' }, D.bankLead), body);
  },
};
