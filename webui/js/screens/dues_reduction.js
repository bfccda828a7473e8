import { D } from '../strings/dues.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { defField } from '../components/form_field.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { keyboard } from '../components/keyboard.js';
import { duesQuote, placeOrder, parseIds, parseYuan, formatFen, contactDraft, clearContactDraft } from '../api_dues.js';
import { itemsTable, contactForm, applyFieldErrors, fill } from './dues_common.js';
import { unavailablePanel } from './dues_confirm.js';

// 减免申请 (manual: 需要填写减免金额以及减免理由，审批通过后方可减免): the same selection and
// contact as the 申报确认单, the amount in 元 (digits and '.', parsed to integer fen from the
// string) and the reason. The order is placed with `reduction` and waits for finance's decision.
export default {
  title: D.reductionTitle,
  auth: 'member',
  render(ctx) {
    const year = Number(ctx.params.get('year')) || null;
    const ids = parseIds(ctx.params.get('ids'));
    const body = h('div', { class: 'dues-reduction' });

    function done(order) {
      fill(body, h('div', { class: 'card result-card', attrs: { role: 'status' }, dataset: { test: 'reduction-sent' } },
        h('p', { class: 'result-text' }, D.reductionSent),
        h('p', { class: 'dues-result-no' }, `${D.orderNo}：${order.order_no}`),
        h('div', { class: 'actions' },
          button(D.viewOrder, { variant: 'primary', size: 'lg', onClick: () => ctx.go(`/member/dues/order?id=${encodeURIComponent(order.id)}`, { replace: true }) }),
          button(D.toMemberCenter, { variant: 'secondary', size: 'lg', onClick: () => ctx.go('/member') }))));
    }

    function show(quote) {
      const items = quote.items || [];
      const total = Number(quote.total_fen) || 0;
      const amount = defField({ key: 'reduction.amount_fen', label: D.reductionAmount, kind: 'count', required: true, max_chars: 12 });
      amount.input.setAttribute('inputmode', 'decimal');
      // Digits and one '.', at most two decimals; anything else typed is dropped at once.
      amount.input.addEventListener('input', () => {
        const v = amount.input.value;
        let clean = v.replace(/[^\d.]/g, '');
        const dot = clean.indexOf('.');
        if (dot >= 0) clean = clean.slice(0, dot + 1) + clean.slice(dot + 1).replace(/\./g, '').slice(0, 2);
        if (clean !== v) amount.input.value = clean;
        amount.clearError();
      });
      const hint = h('div', { class: 'field-hint' }, D.reductionAmountHint(formatFen(total)));
      amount.el.insertBefore(hint, amount.el.querySelector('.field-error'));
      const reason = defField({ key: 'reduction.reason', label: D.reductionReason, kind: 'textarea', required: true, max_chars: 200 });
      reason.el.insertBefore(h('div', { class: 'field-hint' }, D.reductionReasonHint), reason.el.querySelector('.field-error'));
      const contact = contactForm(contactDraft(year, ids) || quote.contact || {});
      const fields = { ...contact.fields, 'reduction.amount_fen': amount, 'reduction.reason': reason };
      const message = h('div', { class: 'form-message', attrs: { role: 'alert', 'aria-live': 'assertive' } });
      const problem = h('div', { class: 'dues-problem' });
      const showMessage = (text) => { message.textContent = text || ''; message.classList.toggle('is-shown', !!text); };

      const submit = button(D.reductionSubmit, {
        variant: 'primary', size: 'lg', className: 'btn-block', attrs: { 'data-action': 'submit-reduction' },
        onClick: async () => {
          keyboard.close();
          for (const f of Object.values(fields)) f.clearError();
          showMessage('');
          fill(problem);
          let first = contact.checkRequired();
          const fen = parseYuan(amount.value());
          if (fen === null) { amount.setError(D.amountBad); first = first || amount; }
          else if (fen <= 0) { amount.setError(D.amountZero); first = first || amount; }
          else if (fen > total) { amount.setError(D.amountTooBig(formatFen(total))); first = first || amount; }
          const why = reason.value().trim();
          if ([...why].length < 5 || [...why].length > 200) { reason.setError(D.reasonBad); first = first || reason; }
          if (first) { showMessage(D.formError); first.el.scrollIntoView({ block: 'center' }); return; }
          submit.disabled = true;
          submit.textContent = D.busy;
          try {
            const { order } = await placeOrder(year, ids, contact.value(), { amount_fen: fen, reason: why });
            clearContactDraft();
            if (!ctx.alive()) return;
            done(order);
          } catch (err) {
            if (err.handled || !ctx.alive()) return;
            if (err.code === 'item_unavailable') {
              fill(problem, unavailablePanel(ctx, err, items, year));
              problem.scrollIntoView({ block: 'center' });
            } else {
              const [f, rest] = applyFieldErrors(fields, err);
              showMessage([f ? D.formError : err.message, ...rest].join(' '));
              (f ? f.el : message).scrollIntoView({ block: 'center' });
            }
          } finally {
            if (submit.isConnected) { submit.disabled = false; submit.textContent = D.reductionSubmit; }
          }
        },
      });
      fill(body,
        h('div', { class: 'card' }, h('h2', { class: 'card-title' }, D.itemsYear(quote.year || year)), itemsTable(items, total)),
        h('div', { class: 'card' },
          h('h2', { class: 'card-title' }, D.reductionTitle),
          h('form', { class: 'form', noValidate: true, onsubmit: (e) => { e.preventDefault(); submit.click(); } }, amount.el, reason.el)),
        h('div', { class: 'card' }, h('h2', { class: 'card-title' }, D.contactTitle), contact.el),
        message,
        problem,
        submit);
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
        else if (err.status === 400 || err.status === 409) fill(body, notice(err.message, 'error'));
        else fill(body, loadError(err, load));
      }
    }
    load();
    return page(D.reductionTitle, h('p', { class: 'page-lead' }, D.reductionLead), body);
  },
};
