import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { defField } from '../components/form_field.js';
import { page, notice, loadInto } from '../components/page.js';
import { myCertMail, requestCertMail } from '../api_cert_requests.js';
import { R } from '../strings/cert_requests.zh.js';
import { standingGate } from '../components/standing_gate.js';
import { formatTime } from './apply_flow.js';

// 会员证邮寄申请: 【申请邮寄】 opens the form with the recipient, phone and address taken from the
// profile (all editable); it needs this year's valid certificate (else a way to 会费缴纳). The
// requests show their state and, once sent, the courier and tracking number. A member not in good
// standing is told that above it (the standing gate).
const DEFS = [
  { key: 'recipient', label: R.recipient, kind: 'text', required: true, max_chars: 50 },
  { key: 'phone', label: R.phone, kind: 'phone', required: true },
  { key: 'address', label: R.address, kind: 'text', required: true, max_chars: 200 },
];

function requestCard(r) {
  return h('li', { class: 'card request-card', dataset: { request: r.id, status: r.status } },
    h('p', { class: 'request-state' }, R.stateOf(r.status_label)),
    h('p', {}, R.certLine(r.certificate.cert_no, r.certificate.year)),
    h('p', {}, R.sendTo(r.recipient, r.phone, r.address)),
    h('p', { class: 'request-at' }, R.filedAt(formatTime(r.created_at))),
    r.tracking_no ? h('p', { class: 'tracking', dataset: { test: 'tracking' } }, R.courierLine(r.courier, r.tracking_no)) : null,
    r.cancel_reason ? h('p', {}, R.cancelReasonLine(r.cancel_reason)) : null);
}

export default {
  title: R.mailTitle,
  auth: 'member',
  render(ctx) {
    const body = h('div', { class: 'cert-mail' });
    // Unpaid: the standing notice leads to 会费缴纳, so the page's own button goes.
    let gateUp = false;
    const gate = standingGate(ctx, 'certificate_mail', {
      onShown: () => { gateUp = true; body.querySelector('[data-action="to-dues"]')?.parentElement.remove(); },
    });
    const result = h('div', { attrs: { 'aria-live': 'polite' } });
    const show = (msg, kind = 'info', test = 'mail-result') => { result.replaceChildren(notice(msg, kind)); result.firstChild.dataset.test = test; };

    function form(prefill, slot) {
      const fields = DEFS.map((d) => defField(d, prefill[d.key] || ''));
      const byKey = Object.fromEntries(fields.map((f) => [f.def.key, f]));
      const message = h('div', { attrs: { 'aria-live': 'polite' } });
      const submit = button(R.submitMail, { variant: 'primary', size: 'lg', type: 'submit', attrs: { 'data-action': 'submit-mail' } });
      const el = h('form', {
        class: 'card form', noValidate: true,
        onsubmit: async (e) => {
          e.preventDefault();
          fields.forEach((f) => f.clearError());
          submit.disabled = true;
          try {
            await requestCertMail(Object.fromEntries(fields.map((f) => [f.def.key, f.value().trim()])));
            if (!ctx.alive()) return;
            show(R.mailFiled, 'info', 'mail-filed');
            load();
          } catch (err) {
            if (err.handled) return;
            let first = null;
            for (const [key, msg] of Object.entries(err.fields || {})) if (byKey[key]) { byKey[key].setError(msg); first = first || byKey[key]; }
            message.replaceChildren(notice(first ? R.fixFields : err.message, 'error'));
            if (first) { first.el.scrollIntoView({ block: 'center' }); first.input.focus?.({ preventScroll: true }); }
          } finally {
            submit.disabled = false;
          }
        },
      }, fields.map((f) => f.el), message, h('div', { class: 'actions' }, submit));
      slot.replaceChildren(el);
      fields[0].input.focus({ preventScroll: true });
    }

    const load = () => loadInto(body, myCertMail, (data) => {
      const slot = h('div', { class: 'mail-form-slot' });
      if (data.can_request) {
        slot.replaceChildren(h('div', { class: 'actions' },
          button(R.applyMail, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'apply-mail' }, onClick: () => form(data.prefill || {}, slot) })));
      } else {
        slot.replaceChildren(notice(data.blocked?.message || '', 'warning'));
        if (data.blocked?.code === 'no_certificate' && !gateUp) {
          slot.append(h('div', { class: 'actions' },
            button(R.toDues, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'to-dues' }, onClick: () => ctx.go('/member/dues') })));
        }
      }
      return [
        slot,
        h('h2', { class: 'section-title' }, R.mailHistoryTitle),
        data.requests.length
          ? h('ul', { class: 'request-list', dataset: { test: 'mail-requests' } }, data.requests.map(requestCard))
          : h('p', {}, R.mailHistoryEmpty),
      ];
    }, ctx.alive);

    load();
    return page(R.mailTitle, h('p', { class: 'page-lead' }, R.mailLead), gate, result, body);
  },
};
