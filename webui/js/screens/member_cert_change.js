import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { defField } from '../components/form_field.js';
import { textArea } from '../components/text_area.js';
import { page, notice, loadInto } from '../components/page.js';
import { myCertChanges, requestCertChange, cancelCertChange } from '../api_cert_requests.js';
import { R } from '../strings/cert_requests.zh.js';
import { formatTime } from './apply_flow.js';

// 会员证信息修改申请: the certificate's name (and 资格证号 for attorneys and non-practising
// members) as they are, a form for the new values (only what changes), and the requests with
// their state, the reviewer's reason and 【撤回申请】 while one waits. One request at a time.
const KIND = { name: 'text', qualification_no: 'qualification_no' };

function requestCard(r, labels, onCancel) {
  return h('li', { class: 'card request-card', dataset: { request: r.id, status: r.status } },
    h('p', { class: 'request-state' }, R.stateOf(r.status_label)),
    Object.entries(r.after || {}).map(([k, v]) => h('p', { dataset: { change: k } }, R.changeLine(labels[k] || R.fieldLabels[k] || k, r.before?.[k], v))),
    r.note ? h('p', {}, R.noteLine(r.note)) : null,
    h('p', { class: 'request-at' }, R.filedAt(formatTime(r.created_at))),
    r.decision_reason ? h('p', { dataset: { test: 'decision-reason' } }, R.decisionLine(r.decision_reason)) : null,
    r.status === 'pending'
      ? button(R.cancelChange, { variant: 'secondary', size: 'lg', attrs: { 'data-action': 'cancel-change' }, onClick: () => onCancel(r) })
      : null);
}

export default {
  title: R.changeTitle,
  auth: 'member',
  render(ctx) {
    const body = h('div', { class: 'cert-change' });
    const result = h('div', { attrs: { 'aria-live': 'polite' } });
    const show = (msg, kind = 'info', test = 'change-result') => { result.replaceChildren(notice(msg, kind)); result.firstChild.dataset.test = test; };

    function form(data) {
      const fields = data.fields.map((f) => defField({ key: f.key, label: f.label, kind: KIND[f.key] || 'text', max_chars: 100 }, ''));
      const note = textArea({ label: R.noteLabel, name: 'note', rows: 3, maxLength: 200 });
      const message = h('div', { attrs: { 'aria-live': 'polite' } });
      const submit = button(R.submitChange, { variant: 'primary', size: 'lg', type: 'submit', attrs: { 'data-action': 'submit-change' } });
      const byKey = Object.fromEntries(fields.map((f) => [f.def.key, f]));
      return h('form', {
        class: 'card form', noValidate: true,
        onsubmit: async (e) => {
          e.preventDefault();
          fields.forEach((f) => f.clearError());
          note.clearError();
          const values = {};
          for (const f of fields) if (f.value().trim()) values[f.def.key] = f.value().trim();
          submit.disabled = true;
          try {
            await requestCertChange(values, note.value().trim());
            if (!ctx.alive()) return;
            show(R.changeFiled, 'info', 'change-filed');
            load();
          } catch (err) {
            if (err.handled) return;
            let first = null;
            for (const [key, msg] of Object.entries(err.fields || {})) {
              const f = byKey[key] || (key === 'note' ? note : null);
              if (f) { f.setError(msg); first = first || f; }
            }
            message.replaceChildren(notice(first ? R.fixFields : err.message, 'error'));
            if (first) { first.el.scrollIntoView({ block: 'center' }); first.input.focus?.({ preventScroll: true }); }
          } finally {
            submit.disabled = false;
          }
        },
      }, h('h2', { class: 'section-title' }, R.newTitle), h('p', { class: 'field-hint' }, R.newHint),
      fields.map((f) => f.el), note.el, message, h('div', { class: 'actions' }, submit));
    }

    async function cancel(r) {
      try {
        await cancelCertChange(r.id);
        if (!ctx.alive()) return;
        show(R.changeCancelled);
        load();
      } catch (err) {
        if (!err.handled) show(err.message, 'error');
      }
    }

    const load = () => loadInto(body, myCertChanges, (data) => {
      const labels = Object.fromEntries(data.fields.map((f) => [f.key, f.label]));
      return [
        h('div', { class: 'card' },
          h('h2', { class: 'section-title' }, R.currentTitle),
          h('dl', { class: 'facts' }, data.fields.map((f) =>
            h('div', { class: 'fact', dataset: { fact: f.key } }, h('dt', {}, f.label), h('dd', {}, f.current || R.none))))),
        data.can_request ? form(data) : notice(data.blocked?.message || '', 'warning'),
        data.fields.some((f) => f.key === 'qualification_no') && data.member_type === 'attorney' ? h('p', { class: 'field-hint' }, R.relogin) : null,
        h('h2', { class: 'section-title' }, R.historyTitle),
        data.requests.length
          ? h('ul', { class: 'request-list', dataset: { test: 'change-requests' } }, data.requests.map((r) => requestCard(r, labels, cancel)))
          : h('p', {}, R.historyEmpty),
      ];
    }, ctx.alive);

    load();
    return page(R.changeTitle, h('p', { class: 'page-lead' }, R.changeLead), result, body);
  },
};
