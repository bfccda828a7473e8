import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { defField } from '../components/form_field.js';
import { textArea } from '../components/text_area.js';
import { filterChips } from '../components/search_bar.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { keyboard } from '../components/keyboard.js';
import { applicationForm } from '../api.js';
import { memberRecord } from '../api_staff_members.js';
import { submitForApplicant } from '../api_staff_apply.js';
import { A } from '../strings/staff_apply.zh.js';

// 代为填写入会申请 (reviewer, admin): staff type in an applicant's paper form. Agencies and
// attorneys come from the roster (?member=id, opened from the member's record); the other two
// types start here. When 统一社会信用代码 or 身份证号 fails only its check character, the field
// offers the override of SPEC §4: a tick and a reason, sent as check_overrides and audited.
const TYPES = ['agency', 'attorney', 'industry_org', 'non_practicing'];
const ROSTER = new Set(['agency', 'attorney']);
const OVERRIDABLE = new Set(['uscc', 'id_number']);

function overrideBox(f) {
  const reason = textArea({ label: A.overrideReason, name: `${f.def.key}_override`, rows: 2, maxLength: 200 });
  const tick = h('input', { type: 'checkbox', class: 'agree-check', id: `${f.def.key}-override-tick` });
  const reasonSlot = h('div', { hidden: true }, reason.el, h('p', { class: 'field-hint' }, A.overrideHint));
  tick.addEventListener('change', () => { reasonSlot.hidden = !tick.checked; if (tick.checked) reason.input.focus(); });
  const el = h('div', { class: 'override-box', dataset: { override: f.def.key } },
    h('label', { class: 'agree-label', htmlFor: tick.id }, tick, h('span', {}, A.override)), reasonSlot);
  return { el, reason, active: () => tick.checked };
}

export default {
  title: A.title,
  auth: 'staff',
  render(ctx) {
    const memberId = ctx.params.get('member') || '';
    let type = TYPES.includes(ctx.params.get('type')) ? ctx.params.get('type') : '';
    const body = h('div', { class: 'staff-apply' });
    const chooser = h('div', {});

    function drawChooser() {
      if (memberId) { chooser.replaceChildren(); return; }
      chooser.replaceChildren(h('div', { class: 'card filter-bar' }, filterChips({
        label: A.chooseType, values: TYPES, current: type, dataKey: 'type', labelOf: (t) => A.types[t],
        onPick: (t) => { type = t; drawChooser(); load(); },
      })));
    }

    function success() {
      keyboard.close();
      body.replaceChildren(h('div', { class: 'card result-card', attrs: { role: 'status' } },
        h('p', { class: 'result-text', dataset: { test: 'staff-apply-done' } }, A.done),
        h('div', { class: 'actions' },
          button(A.toQueue, { variant: 'primary', size: 'lg', onClick: () => ctx.go('/staff/applications') }),
          memberId ? null : button(A.another, { size: 'lg', onClick: () => load() }))));
      window.scrollTo(0, 0);
    }

    function drawForm(form, member) {
      const prefill = {};
      if (member) {
        const keyField = form.fields.find((d) => d.readonly && (d.key === 'agency_code' || d.key === 'qualification_no'));
        if (keyField) prefill[keyField.key] = member.login_id;
        prefill[form.fields[0].key] = member.name;
        if (member.agency?.name) prefill.agency_name = member.agency.name;
      }
      const fields = {};
      const overrides = {};
      const els = form.fields.map((d) => {
        const f = defField(d, prefill[d.key] ?? '');
        fields[d.key] = f;
        if (!OVERRIDABLE.has(d.key)) return f.el;
        const box = overrideBox(f);
        box.el.hidden = true;
        overrides[d.key] = box;
        return h('div', {}, f.el, box.el);
      });
      const charterTick = h('input', { type: 'checkbox', class: 'agree-check', id: 'staff-apply-charter' });
      const message = h('div', { class: 'form-message', attrs: { role: 'alert', 'aria-live': 'assertive' }, dataset: { test: 'staff-apply-message' } });
      const showMessage = (text) => { message.textContent = text || ''; message.classList.toggle('is-shown', !!text); };
      const submit = button(A.submit, { variant: 'primary', size: 'lg', type: 'submit', className: 'btn-block', attrs: { 'data-action': 'staff-apply-submit' } });
      const formEl = h('form', {
        class: 'form apply-form', noValidate: true,
        onsubmit: async (e) => {
          e.preventDefault();
          keyboard.close();
          showMessage('');
          if (!charterTick.checked) { showMessage(A.charterMissing); message.scrollIntoView({ block: 'center' }); return; }
          const values = {};
          for (const [key, f] of Object.entries(fields)) {
            f.clearError();
            if (!f.def.readonly && f.value().trim()) values[key] = f.value().trim();
          }
          const chosen = {};
          for (const [key, box] of Object.entries(overrides)) {
            box.reason.clearError();
            if (!box.el.hidden && box.active()) chosen[key] = box.reason.value().trim();
          }
          submit.disabled = true;
          submit.textContent = A.busy;
          try {
            await submitForApplicant({ type: form.type, memberId, fields: values, overrides: chosen });
            if (ctx.alive()) success();
          } catch (err) {
            if (err.handled || !ctx.alive()) return;
            let first = null;
            for (const [key, msg] of Object.entries(err.fields || {})) {
              const base = key.endsWith('_override') ? key.slice(0, -'_override'.length) : key;
              if (key !== base && overrides[base]) { overrides[base].reason.setError(msg); first = first || overrides[base].reason; continue; }
              if (!fields[key]) continue;
              fields[key].setError(msg);
              first = first || fields[key];
              // Only a check-character failure may be overridden (the server checks this too).
              if (overrides[key] && /校验位/.test(msg)) overrides[key].el.hidden = false;
            }
            showMessage(first ? A.fixFields : err.message);
            (first ? first.el : message).scrollIntoView({ block: 'center' });
          } finally {
            if (submit.isConnected) { submit.disabled = false; submit.textContent = A.submit; }
          }
        },
      }, member ? h('p', { class: 'page-lead', dataset: { test: 'applicant' } }, A.applicant(member.name, member.login_id)) : null,
      els, h('label', { class: 'agree-label', htmlFor: charterTick.id }, charterTick, h('span', {}, A.charter)), message, submit);
      body.replaceChildren(h('div', { class: 'card apply-form-card' }, h('h2', { class: 'card-title form-title' }, form.title), formEl));
    }

    async function load() {
      if (!type && !memberId) { body.replaceChildren(); return; }
      body.replaceChildren(loading());
      try {
        let member = null;
        if (memberId) {
          ({ member } = await memberRecord(memberId));
          type = member.type;
        }
        if (ROSTER.has(type) && !member) {
          body.replaceChildren(notice(A.lead), h('div', { class: 'actions' },
            button(A.findMember, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'find-member' }, onClick: () => ctx.go(`/staff/members?type=${type}`) })));
          return;
        }
        const { form } = await applicationForm(type);
        if (ctx.alive()) drawForm(form, member);
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        body.replaceChildren(loadError(err, load));
      }
    }

    drawChooser();
    load();
    return page(A.title, h('p', { class: 'page-lead' }, A.lead), chooser, body);
  },
};
