import { M } from '../strings/staff_members.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { field } from '../components/field.js';
import { notice } from '../components/page.js';
import { keyboard } from '../components/keyboard.js';
import { searchMembers, changeAgency } from '../api_staff_members.js';

// 【变更执业机构】 on an attorney's record (reviewer, admin): find the new agency by name or 机构代码,
// pick it, give a reason; the server audits the change. `reload` redraws the record after it.
export function agencyChange(attorney, ctx, reload) {
  let picked = null;
  const find = field({ label: M.agencySearch, name: 'agency_q', placeholder: M.agencyPlaceholder, keyboard: true, maxLength: 50, ime: 'text' });
  const choices = h('div', { class: 'agency-choices', attrs: { 'aria-live': 'polite' } });
  const reasonId = 'agency-reason';
  const reason = h('textarea', { id: reasonId, class: 'input textarea', rows: 3, placeholder: M.reasonPlaceholder, attrs: { maxlength: 200, 'aria-required': 'true', 'aria-describedby': `${reasonId}-err` } });
  keyboard.bind(reason, { ime: 'text' }); // reasons take Chinese at the kiosk too
  const reasonErr = h('div', { id: `${reasonId}-err`, class: 'field-error', attrs: { 'aria-live': 'polite' } });
  const reasonField = h('div', { class: 'field', dataset: { field: 'reason' } },
    h('label', { class: 'field-label is-required', htmlFor: reasonId }, M.reason), reason, reasonErr);
  const result = h('div', { class: 'agency-result' });
  const setReasonError = (msg) => { reasonErr.textContent = msg || ''; reasonField.classList.toggle('has-error', !!msg); };

  async function lookUp(e) {
    e.preventDefault();
    keyboard.close();
    find.clearError();
    try {
      const data = await searchMembers({ q: find.value().trim(), type: 'agency', pageSize: 10 });
      if (!ctx.alive()) return;
      const items = (data.items || []).filter((a) => a.id !== attorney.agency?.id);
      choices.replaceChildren(...(items.length ? items.map((a) => button(`${M.agencyPick}：${a.name}（${a.login_id}）`, {
        variant: 'secondary', size: 'lg', attrs: { 'data-agency': a.login_id },
        onClick: () => { picked = a; find.clearError(); choices.replaceChildren(h('p', { class: 'picked', dataset: { test: 'picked' } }, M.agencyPicked(a.name))); },
      })) : [h('p', { class: 'empty-note' }, M.agencyNone)]));
    } catch (err) {
      if (!err.handled) find.setError(err.fields?.q || err.message);
    }
  }

  const submit = button(M.submitChange, {
    variant: 'primary', size: 'lg', attrs: { 'data-action': 'change-agency' },
    onClick: async () => {
      setReasonError('');
      find.clearError();
      submit.disabled = true;
      try {
        const r = await changeAgency(attorney.id, picked ? picked.id : 0, reason.value.trim());
        if (!ctx.alive()) return;
        result.replaceChildren(notice(M.changed(r.member.agency?.name || ''), 'success'));
        result.firstChild.dataset.test = 'agency-changed';
        setTimeout(() => { if (ctx.alive()) reload(); }, 1200);
      } catch (err) {
        if (err.handled) return;
        setReasonError(err.fields?.reason || '');
        if (err.fields?.agency_id) find.setError(err.fields.agency_id);
        if (!err.fields) result.replaceChildren(notice(err.message, 'error'));
      } finally {
        submit.disabled = false;
      }
    },
  });
  return h('div', { class: 'card record-section', dataset: { section: 'agency-change' } },
    h('h2', { class: 'card-title' }, M.changeAgency),
    h('p', { class: 'page-lead' }, M.changeAgencyLead),
    h('form', { class: 'dir-search', attrs: { role: 'search' }, onsubmit: lookUp }, find.el,
      h('div', { class: 'dir-search-actions' }, button(M.search, { variant: 'secondary', type: 'submit', attrs: { 'data-action': 'find-agency' } }))),
    choices, reasonField, submit, result);
}
