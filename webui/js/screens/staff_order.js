import { F } from '../strings/staff_dues.zh.js';
import { h, append } from '../components/dom.js';
import { button } from '../components/button.js';
import { field } from '../components/field.js';
import { textArea } from '../components/text_area.js';
import { table } from '../components/table.js';
import { openDialog } from '../components/dialog.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { keyboard } from '../components/keyboard.js';
import {
  duesOrder, approveReduction, rejectReduction, confirmBankReceipt,
  formatFen, fenToInput, parseYuan, formatTime, todayShanghai,
} from '../api_staff_dues.js';
import { statusBadge } from './staff_orders.js';

// 会费订单详情: payer, items, amounts, contact, the reduction request, payments and gateway
// attempts; and what finance does by the order's state:
//   减免审批中 — 【批准减免】 with the amount (prefilled with the request; equal to the total is a
//                full waiver that settles the order) or 【驳回减免】 with a required reason;
//   待支付     — 【确认收款】 of a bank transfer (amount, date, bank reference), confirmed first.

const fact = (key, label, value) => h('div', { class: 'fact', dataset: { fact: key } }, h('dt', {}, label), h('dd', {}, value ?? F.none));

// A confirmation dialog whose 【确认】 runs `action`; an error stays in the dialog.
function confirmDialog({ title, text, confirmLabel, variant = 'primary', dataAction, action }) {
  const msg = h('div', { class: 'form-message', attrs: { role: 'alert' } });
  const ok = button(confirmLabel, {
    variant, size: 'lg', attrs: { 'data-action': dataAction },
    onClick: async () => {
      ok.disabled = true;
      ok.textContent = F.busy;
      try {
        await action();
        d.close();
      } catch (err) {
        if (err.handled) { d.close(); return; }
        if (err.closeDialog) { d.close(); return; }
        msg.textContent = err.message;
        msg.classList.add('is-shown');
        ok.disabled = false;
        ok.textContent = confirmLabel;
      }
    },
  });
  const d = openDialog({
    title, role: 'alertdialog', className: 'dues-dialog',
    body: [h('p', {}, text), msg],
    actions: [button(F.cancel, { variant: 'secondary', size: 'lg', onClick: () => d.close() }), ok],
  });
  return d;
}

export default {
  title: F.orderTitle,
  auth: 'staff',
  render(ctx) {
    const id = ctx.params.get('id') || '';
    const result = h('div', { class: 'decision-result', attrs: { 'aria-live': 'polite' } });
    const body = h('div', { class: 'order-detail' });

    function flash(text, test, kind = 'info') {
      result.replaceChildren(notice(text, kind));
      result.firstChild.dataset.test = test;
      window.scrollTo(0, 0);
    }

    // Server field errors go to their field; the rest shows as the error of `fallback`.
    function fieldErrors(err, fields, fallback) {
      let shown = false;
      for (const [k, m] of Object.entries(err.fields || {})) if (fields[k]) { fields[k].setError(m); shown = true; }
      if (!shown) fallback(err.message);
    }

    // --- 减免审批 -------------------------------------------------------------------------
    function reductionCard(o) {
      const r = o.reduction;
      const total = Number(o.total_fen);
      const amount = field({ label: F.approveAmount, name: 'amount_fen', keyboard: true, inputMode: 'decimal', maxLength: 14, required: true });
      amount.input.classList.add('input-money');
      amount.setValue(fenToInput(r.requested_fen));
      const effect = h('p', { class: 'approve-effect', attrs: { 'aria-live': 'polite' }, dataset: { test: 'approve-effect' } });
      const check = () => {
        const fen = parseYuan(amount.value());
        effect.classList.remove('is-waiver', 'is-bad');
        if (fen === null) { effect.textContent = F.amountInvalid; effect.classList.add('is-bad'); return null; }
        if (fen <= 0 || fen > total) { effect.textContent = F.approveRange(formatFen(total)); effect.classList.add('is-bad'); return null; }
        if (fen === total) { effect.textContent = F.approveWaiver; effect.classList.add('is-waiver'); } else effect.textContent = F.approveAfter(formatFen(total - fen));
        return fen;
      };
      amount.input.addEventListener('input', () => { amount.clearError(); check(); });
      check();
      const approve = button(F.approve, {
        variant: 'primary', size: 'lg', attrs: { 'data-action': 'approve' },
        onClick: () => {
          keyboard.close();
          const fen = check();
          if (fen === null) { amount.setError(effect.textContent); return; }
          const waiver = fen === total;
          confirmDialog({
            title: F.approveTitle,
            text: waiver ? F.approveWaiver : `${F.orderReduction} ${formatFen(fen)}，${F.approveAfter(formatFen(total - fen))}`,
            confirmLabel: F.approveConfirm, dataAction: 'confirm-approve',
            action: async () => {
              try {
                const res = await approveReduction(o.id, fen);
                if (!ctx.alive()) return;
                const after = res.order || {};
                flash(after.status === 'paid' ? F.approvedWaiver : F.approved(formatFen(after.amount_due_fen)), 'approved');
                load();
              } catch (err) {
                if (err.fields?.amount_fen) { amount.setError(err.fields.amount_fen); err.closeDialog = true; }
                throw err;
              }
            },
          });
        },
      });
      const reject = button(F.reject, { variant: 'danger', size: 'lg', attrs: { 'data-action': 'reject' }, onClick: () => rejectDialog(o) });
      return h('div', { class: 'card reduction-decision', dataset: { test: 'reduction-decision' } },
        h('h2', { class: 'card-title' }, F.orderReductionTitle),
        h('p', {}, F.approveLead(formatFen(r.requested_fen), formatFen(total))),
        h('div', { class: 'reduction-reason' }, h('span', { class: 'muted' }, `${F.orderReductionFacts.reason}：`), r.reason || F.none),
        amount.el, effect,
        h('div', { class: 'decision-bar' }, approve, reject));
    }

    function rejectDialog(o) {
      const reason = textArea({ label: F.rejectReason, name: 'reason', required: true, rows: 4, maxLength: 200, placeholder: F.rejectPlaceholder });
      reason.input.addEventListener('input', () => reason.clearError());
      const ok = button(F.rejectConfirm, {
        variant: 'danger', size: 'lg', attrs: { 'data-action': 'confirm-reject' },
        onClick: async () => {
          reason.clearError();
          const text = reason.value().trim();
          if (!text) { reason.setError(F.rejectReasonRequired); reason.input.focus(); return; }
          ok.disabled = true;
          ok.textContent = F.busy;
          try {
            await rejectReduction(o.id, text);
            d.close();
            if (!ctx.alive()) return;
            flash(F.rejected, 'rejected', 'warning');
            load();
          } catch (e) {
            if (e.handled) { d.close(); return; }
            reason.setError(e.fields?.reason || e.message);
            ok.disabled = false;
            ok.textContent = F.rejectConfirm;
          }
        },
      });
      const d = openDialog({
        title: F.rejectTitle, className: 'dues-dialog',
        body: [reason.el],
        actions: [button(F.cancel, { variant: 'secondary', size: 'lg', onClick: () => d.close() }), ok],
      });
      reason.input.focus();
    }

    // --- 确认收款 (bank transfer) ----------------------------------------------------------
    function receiptCard(o) {
      const due = Number(o.amount_due_fen);
      const amount = field({ label: F.receiptAmount, name: 'amount_fen', keyboard: true, inputMode: 'decimal', maxLength: 14, required: true });
      amount.input.classList.add('input-money');
      amount.setValue(fenToInput(due));
      const date = field({ label: F.receiptDate, name: 'date', type: 'date', required: true });
      date.setValue(todayShanghai());
      date.input.max = todayShanghai();
      const ref = field({ label: F.receiptRef, name: 'bank_ref', keyboard: true, maxLength: 64, required: true, placeholder: F.receiptRefPlaceholder });
      const message = h('div', { class: 'form-message', attrs: { role: 'alert' } });
      const fields = { amount_fen: amount, date, bank_ref: ref };
      const showMessage = (m) => { message.textContent = m; message.classList.add('is-shown'); };
      const submit = button(F.receiptSubmit, { variant: 'primary', size: 'lg', type: 'submit', attrs: { 'data-action': 'bank-receipt' } });
      const form = h('form', {
        class: 'form receipt-form', noValidate: true,
        onsubmit: (e) => {
          e.preventDefault();
          keyboard.close();
          Object.values(fields).forEach((f) => f.clearError());
          message.classList.remove('is-shown');
          const fen = parseYuan(amount.value());
          const bankRef = ref.value().trim();
          let ok = true;
          if (fen === null) { amount.setError(F.amountInvalid); ok = false; } else if (fen !== due) { amount.setError(F.receiptAmountMismatch(formatFen(due))); ok = false; }
          if (!date.value()) { date.setError(F.receiptDateRequired); ok = false; }
          if (!bankRef) { ref.setError(F.receiptRefRequired); ok = false; }
          if (!ok) return;
          confirmDialog({
            title: F.receiptConfirmTitle,
            text: F.receiptConfirmBody(formatFen(fen), o.order_no, bankRef, date.value()),
            confirmLabel: F.receiptConfirm, dataAction: 'confirm-receipt',
            action: async () => {
              try {
                await confirmBankReceipt(o.id, { amount_fen: fen, date: date.value(), bank_ref: bankRef });
                if (!ctx.alive()) return;
                flash(F.receiptDone, 'received');
                load();
              } catch (err) {
                if (err.handled) throw err;
                if (err.code === 'duplicate_ref' && !err.fields?.bank_ref) err.fields = { ...(err.fields || {}), bank_ref: err.message };
                fieldErrors(err, fields, showMessage);
                err.closeDialog = true;
                throw err;
              }
            },
          });
        },
      },
      h('div', { class: 'receipt-grid' }, amount.el, date.el, ref.el), message, h('div', {}, submit));
      return h('div', { class: 'card receipt-card', dataset: { test: 'receipt' } },
        h('h2', { class: 'card-title' }, F.receiptTitle),
        h('p', { class: 'page-lead' }, F.receiptLead),
        form);
    }

    // --- the order -------------------------------------------------------------------------
    function show(data) {
      const o = data.order || {};
      const r = o.reduction;
      const contact = o.contact || {};
      const payments = data.payments || [];
      const attempts = data.attempts || [];
      const reductionFen = r?.status === 'approved' ? Number(r.decided_fen) : Number(o.total_fen) - Number(o.amount_due_fen);

      let action = null;
      if (o.status === 'reduction_pending' && r) action = reductionCard(o);
      else if (o.status === 'awaiting_payment') action = receiptCard(o);

      body.replaceChildren();
      append(body, [
        h('div', { class: ['card', 'order-head', o.status === 'reduction_pending' && 'is-pending'], dataset: { status: o.status } },
          h('div', { class: 'order-title-row' },
            h('h2', { class: 'member-name' }, o.payer?.name || F.none),
            statusBadge(o)),
          h('dl', { class: 'facts' },
            fact('order_no', F.orderFacts.order_no, h('span', { class: 'order-no' }, o.order_no)),
            fact('year', F.orderFacts.year, o.year),
            fact('payer_type', F.orderFacts.payer_type, o.payer?.type_label || F.memberTypes[o.payer?.type] || o.payer?.type),
            fact('created_at', F.orderFacts.created_at, formatTime(o.created_at)),
            o.expires_at && o.status !== 'paid' ? fact('expires_at', F.orderFacts.expires_at, formatTime(o.expires_at)) : null,
            o.paid_at ? fact('paid_at', F.orderFacts.paid_at, formatTime(o.paid_at)) : null,
            o.method ? fact('method', F.orderFacts.method, o.method_label || F.methods[o.method] || o.method) : null)),
        h('div', { class: 'card order-amounts' },
          h('dl', { class: 'amounts' },
            h('div', { class: 'amount', dataset: { amount: 'total' } }, h('dt', {}, F.orderTotal), h('dd', { class: 'money' }, formatFen(o.total_fen))),
            reductionFen > 0 ? h('div', { class: 'amount', dataset: { amount: 'reduction' } }, h('dt', {}, F.orderReduction), h('dd', { class: 'money' }, `-${formatFen(reductionFen)}`)) : null,
            h('div', { class: 'amount amount-due', dataset: { amount: 'due' } }, h('dt', {}, F.orderDue), h('dd', { class: 'money' }, formatFen(o.amount_due_fen))))),
        action,
        r && o.status !== 'reduction_pending' ? h('div', { class: 'card', dataset: { test: 'reduction' } },
          h('h2', { class: 'card-title' }, F.orderReductionTitle),
          h('dl', { class: 'facts' },
            fact('requested', F.orderReductionFacts.requested, formatFen(r.requested_fen)),
            fact('reason', F.orderReductionFacts.reason, r.reason),
            fact('reduction_status', F.orderReductionFacts.status, F.reductionStatus[r.status] || r.status),
            r.status === 'approved' ? fact('decided', F.orderReductionFacts.decided, formatFen(r.decided_fen)) : null,
            r.reject_reason ? fact('reject_reason', F.orderReductionFacts.reject_reason, r.reject_reason) : null,
            r.decided_at ? fact('decided_at', F.orderReductionFacts.decided_at, formatTime(r.decided_at)) : null)) : null,
        !action && o.status !== 'paid' ? notice(F.noActions) : null,
        h('h2', { class: 'section-title' }, F.orderItemsTitle),
        table([
          { key: 'name', label: F.orderItemCols.name, className: 'col-name' },
          { key: 'login_id', label: F.orderItemCols.login_id, className: 'col-login' },
          { key: 'fee_label', label: F.orderItemCols.fee_label, className: 'col-fee', format: (i) => i.fee_label || F.feeClasses[i.fee_class] || i.fee_class },
          { key: 'amount', label: F.orderItemCols.amount, className: 'col-amount', format: (i) => formatFen(i.amount_fen) },
        ], o.items || [], { caption: F.orderItemsTitle, className: 'order-items' }),
        h('h2', { class: 'section-title' }, F.orderContactTitle),
        h('div', { class: 'card' }, h('dl', { class: 'facts' },
          ['name', 'mobile', 'email', 'office_phone'].map((k) => fact(`contact_${k}`, F.orderContact[k], contact[k] || F.none)))),
        h('h2', { class: 'section-title' }, F.orderPaymentsTitle),
        payments.length ? table([
          { key: 'method', label: F.orderPaymentCols.method, className: 'col-method', format: (p) => F.methods[p.method] || p.method },
          { key: 'amount', label: F.orderPaymentCols.amount, className: 'col-amount', format: (p) => formatFen(p.amount_fen) },
          { key: 'external_ref', label: F.orderPaymentCols.external_ref, className: 'col-ref' },
          { key: 'paid_at', label: F.orderPaymentCols.paid_at, className: 'col-time', format: (p) => formatTime(p.paid_at) },
          { key: 'received_at', label: F.orderPaymentCols.received_at, className: 'col-time', format: (p) => formatTime(p.received_at) },
          { key: 'source', label: F.orderPaymentCols.source, className: 'col-source', format: (p) => F.paymentSources[p.source] || p.source || F.none },
          { key: 'outcome', label: F.orderPaymentCols.outcome, className: 'col-outcome', format: (p) => F.paymentOutcomes[p.outcome] || p.outcome || F.none },
          { key: 'recorded_by', label: F.orderPaymentCols.recorded_by, className: 'col-by', format: (p) => String(p.recorded_by || F.none).replace(/^staff:/, '') },
        ], payments, { caption: F.orderPaymentsTitle, className: 'order-payments' }) : h('p', { class: 'empty-note' }, F.orderPaymentsEmpty),
        h('h2', { class: 'section-title' }, F.orderAttemptsTitle),
        attempts.length ? table([
          { key: 'method', label: F.orderAttemptCols.method, format: (a) => a.method_label || F.methods[a.method] || a.method },
          { key: 'out_trade_no', label: F.orderAttemptCols.out_trade_no, className: 'col-ref' },
          { key: 'amount', label: F.orderAttemptCols.amount, className: 'col-amount', format: (a) => formatFen(a.amount_fen) },
          { key: 'state', label: F.orderAttemptCols.state, format: (a) => F.attemptStates[a.state] || a.state },
          { key: 'expires_at', label: F.orderAttemptCols.expires_at, format: (a) => formatTime(a.expires_at) },
        ], attempts, { caption: F.orderAttemptsTitle, className: 'order-attempts' }) : h('p', { class: 'empty-note' }, F.orderAttemptsEmpty)]);
    }

    async function load() {
      if (!body.firstChild) body.replaceChildren(loading());
      try {
        const data = await duesOrder(id);
        if (!ctx.alive()) return;
        show(data);
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        body.replaceChildren(loadError(err, load));
      }
    }
    load();
    return page(F.orderTitle, result, body);
  },
};
