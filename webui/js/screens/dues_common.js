// Pieces the member's 会费缴纳 screens share: the items table with its total, the contact form
// (on-screen keyboard for mobile, e-mail and phone), order facts and the status badge.

import { D } from '../strings/dues.zh.js';
import { h } from '../components/dom.js';
import { defField } from '../components/form_field.js';
import { formatFen } from '../api_dues.js';

export const CONTACT_KEYS = ['name', 'mobile', 'email', 'office_phone'];
const CONTACT_KIND = { name: 'text', mobile: 'mobile', email: 'email', office_phone: 'phone' };
const CONTACT_MAX = { name: 40, mobile: 14, email: 80, office_phone: 30 };

// items: [{name, login_id, fee_label, amount_fen}] → a table with a 合计 row.
export function itemsTable(items, totalFen) {
  let sum = 0;
  for (const it of items) sum += Number(it.amount_fen) || 0;
  const total = totalFen ?? sum;
  return h('div', { class: 'table-wrap dues-table-wrap' },
    h('table', { class: 'table dues-table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, D.colName), h('th', { scope: 'col' }, D.colCode),
        h('th', { scope: 'col' }, D.colFee), h('th', { scope: 'col', class: 'col-amount' }, D.colAmount))),
      h('tbody', {}, items.map((it) => h('tr', { dataset: { memberId: it.member_id ?? '' } },
        h('td', { dataset: { label: D.colName } }, it.name || ''),
        h('td', { dataset: { label: D.colCode } }, it.login_id || D.none),
        h('td', { dataset: { label: D.colFee } }, it.fee_label || ''),
        h('td', { class: 'col-amount money', dataset: { label: D.colAmount } }, formatFen(it.amount_fen))))),
      h('tfoot', {}, h('tr', { class: 'dues-total-row' },
        h('th', { scope: 'row', colSpan: 3 }, D.total),
        h('td', { class: 'col-amount money', dataset: { test: 'items-total', label: D.total } }, formatFen(total))))));
}

// The contact form: { el, fields: {'contact.name': f, …}, value(), setErrors(err), clear() }.
export function contactForm(initial = {}) {
  const fields = {};
  const els = CONTACT_KEYS.map((key) => {
    const f = defField({
      key: `contact.${key}`,
      label: D.contact[key],
      kind: CONTACT_KIND[key],
      required: key !== 'office_phone',
      max_chars: CONTACT_MAX[key],
    }, initial?.[key] ?? '');
    fields[`contact.${key}`] = f;
    return f.el;
  });
  return {
    el: h('div', { class: 'dues-contact' }, els),
    fields,
    value() {
      const out = {};
      for (const key of CONTACT_KEYS) out[key] = fields[`contact.${key}`].value().trim();
      return out;
    },
    // Marks empty required fields before the round trip; returns the first one or null.
    checkRequired() {
      let first = null;
      for (const key of CONTACT_KEYS) {
        const f = fields[`contact.${key}`];
        if (f.def.required && !f.value().trim()) { f.setError(D.required(D.contact[key])); first = first || f; }
      }
      return first;
    },
    clear() { for (const f of Object.values(fields)) f.clearError(); },
  };
}

// Puts an API error's `fields` on the matching fields; returns [firstField, unmatchedMessages].
export function applyFieldErrors(fields, err) {
  let first = null;
  const rest = [];
  for (const [key, msg] of Object.entries(err?.fields || {})) {
    if (fields[key]) { fields[key].setError(msg); first = first || fields[key]; } else rest.push(msg);
  }
  return [first, rest];
}

export function statusBadge(order) {
  return h('span', { class: ['dues-status', `dues-status-${order.status}`], dataset: { status: order.status } },
    order.status_label || D.orderStatuses[order.status] || order.status);
}

export function facts(rows) {
  return h('dl', { class: 'facts dues-facts' }, rows.filter(Boolean).map(([label, value, key]) =>
    h('div', { class: 'fact', dataset: { fact: key } }, h('dt', {}, label),
      h('dd', {}, value === null || value === undefined || value === '' ? D.none : value))));
}

// The 申报系统单号, large, with a copy button (the kiosk may have no clipboard: then it says to
// write the number down).
export function orderNoBlock(orderNo) {
  const msg = h('span', { class: 'dues-copy-msg', attrs: { 'aria-live': 'polite' } });
  const copy = h('button', {
    type: 'button', class: 'btn btn-ghost dues-copy', dataset: { action: 'copy' },
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(orderNo);
        msg.textContent = D.copied;
      } catch {
        const sel = window.getSelection();
        const range = document.createRange();
        range.selectNodeContents(no);
        sel.removeAllRanges();
        sel.addRange(range);
        msg.textContent = D.copyFailed;
      }
    },
  }, D.copy);
  const no = h('span', { class: 'dues-order-no', dataset: { test: 'order-no' } }, orderNo);
  return h('div', { class: 'dues-order-no-block' },
    h('div', { class: 'dues-order-no-label' }, D.orderNo), no, h('div', { class: 'dues-copy-row' }, copy, msg));
}

// el.replaceChildren() without the null / false entries (replaceChildren would print them).
export function fill(el, ...nodes) {
  el.replaceChildren(...nodes.flat().filter((n) => n !== null && n !== undefined && n !== false));
  return el;
}
