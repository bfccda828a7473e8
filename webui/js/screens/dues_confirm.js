import { D } from '../strings/dues.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { keyboard } from '../components/keyboard.js';
import { duesQuote, placeOrder, parseIds, saveContactDraft, contactDraft, clearContactDraft } from '../api_dues.js';
import { itemsTable, contactForm, applyFieldErrors, fill } from './dues_common.js';

// 会费缴纳申报确认单 (manual): the ticked items and the total, the contact (姓名*, 手机号*, 邮箱*,
// 办公电话; prefilled from the quote), 【减免申请缴费】 (→ 减免申请 with the same selection and
// contact) and 【确认申报缴费】 (places the order → 订单详情).

// Shows a 409 item_unavailable: which items, and the way back to the list.
export function unavailablePanel(ctx, err, items, year) {
  // The server's reasons usually name the item already; otherwise the name goes in front.
  const names = Object.entries(err.fields || {}).map(([id, why]) => {
    const it = items.find((x) => String(x.member_id) === id);
    return h('li', {}, it && !String(why).includes(it.name) ? D.unavailableItem(it.name, why) : why);
  });
  return h('div', { class: 'notice notice-error dues-unavailable', attrs: { role: 'alert' }, dataset: { test: 'item-unavailable' } },
    h('div', { class: 'reject-title' }, D.unavailableTitle),
    names.length ? h('ul', { class: 'hint-list' }, names) : h('p', {}, err.message),
    button(D.backToList, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'back-to-list' }, onClick: () => ctx.go(`/member/dues/items?year=${encodeURIComponent(year)}`) }));
}

export default {
  title: D.confirmTitle,
  auth: 'member',
  render(ctx) {
    const year = Number(ctx.params.get('year')) || null;
    const ids = parseIds(ctx.params.get('ids'));
    const body = h('div', { class: 'dues-confirm' });

    function show(quote) {
      const items = quote.items || [];
      const contact = contactForm(contactDraft(year, ids) || quote.contact || {});
      const message = h('div', { class: 'form-message', attrs: { role: 'alert', 'aria-live': 'assertive' }, dataset: { test: 'confirm-message' } });
      const problem = h('div', { class: 'dues-problem' });
      const showMessage = (text) => { message.textContent = text || ''; message.classList.toggle('is-shown', !!text); };

      const reduce = button(D.reductionApply, {
        variant: 'secondary', size: 'lg', attrs: { 'data-action': 'reduction' },
        onClick: () => {
          keyboard.close();
          saveContactDraft(year, ids, contact.value());
          ctx.go(`/member/dues/reduction?year=${encodeURIComponent(year)}&ids=${ids.join(',')}`);
        },
      });
      const confirm = button(D.confirmOrder, {
        variant: 'primary', size: 'lg', attrs: { 'data-action': 'confirm' },
        onClick: async () => {
          keyboard.close();
          contact.clear();
          showMessage('');
          fill(problem);
          const missing = contact.checkRequired();
          if (missing) { showMessage(D.formError); missing.el.scrollIntoView({ block: 'center' }); return; }
          confirm.disabled = true;
          reduce.disabled = true;
          confirm.textContent = D.busy;
          try {
            const { order } = await placeOrder(year, ids, contact.value());
            clearContactDraft();
            if (!ctx.alive()) return;
            ctx.go(`/member/dues/order?id=${encodeURIComponent(order.id)}`, { replace: true });
          } catch (err) {
            if (err.handled || !ctx.alive()) return;
            if (err.code === 'item_unavailable') {
              fill(problem, unavailablePanel(ctx, err, items, year)); // (the buttons stay off: see finally)
              problem.scrollIntoView({ block: 'center' });
            } else {
              const [first, rest] = applyFieldErrors(contact.fields, err);
              showMessage([first ? D.formError : err.message, ...rest].join(' '));
              (first ? first.el : message).scrollIntoView({ block: 'center' });
            }
          } finally {
            if (confirm.isConnected) {
              const stuck = !!problem.firstChild;
              confirm.disabled = stuck;
              reduce.disabled = stuck;
              confirm.textContent = D.confirmOrder;
            }
          }
        },
      });
      fill(body,
        h('div', { class: 'card' },
          h('h2', { class: 'card-title' }, D.itemsYear(quote.year || year)),
          itemsTable(items, quote.total_fen)),
        h('div', { class: 'card' },
          h('h2', { class: 'card-title' }, D.contactTitle),
          h('form', { class: 'form dues-contact-form', noValidate: true, onsubmit: (e) => { e.preventDefault(); confirm.click(); } },
            contact.el, message)),
        problem,
        h('div', { class: 'actions dues-actions dues-confirm-actions' }, reduce, confirm));
    }

    async function load() {
      fill(body, loading());
      try {
        const quote = await duesQuote(year, ids);
        if (!ctx.alive()) return;
        show(quote);
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        if (err.code === 'item_unavailable') fill(body, unavailablePanel(ctx, err, [], year));
        else if (err.status === 400 || err.status === 409) {
          fill(body, notice(err.message, 'error'), h('div', { class: 'actions' },
            button(D.backToList, { variant: 'primary', size: 'lg', onClick: () => ctx.go(`/member/dues/items?year=${encodeURIComponent(year)}`) })));
        } else fill(body, loadError(err, load));
      }
    }
    load();
    return page(D.confirmTitle, h('p', { class: 'page-lead' }, D.confirmLead), body);
  },
};
