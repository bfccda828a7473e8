import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { field, showFieldErrors } from '../components/field.js';
import { textArea } from '../components/text_area.js';
import { page, notice } from '../components/page.js';
import { postStaffMessage } from '../api.js';

// 发布会员消息 (admin, reviewer): a notice to all members or to the member types chosen (one or more).
const TYPES = ['agency', 'attorney', 'industry_org', 'non_practicing'];

export default {
  title: S.pmTitle,
  auth: 'staff',
  render(ctx) {
    const state = { audience: 'all', types: new Set() };
    const chip = (label, data, onClick) => h('button', { type: 'button', class: 'btn btn-chip', dataset: data, onclick: onClick }, label);
    const audienceChips = [
      chip(S.pmAll, { audience: 'all' }, () => { state.audience = 'all'; sync(); }),
      chip(S.pmByType, { audience: 'type' }, () => { state.audience = 'type'; sync(); }),
    ];
    const typeChips = TYPES.map((t) => chip(S.memberTypes[t], { type: t }, () => {
      if (state.types.has(t)) state.types.delete(t); else state.types.add(t);
      sync();
    }));
    const typeRow = h('div', { class: 'field' }, h('span', { class: 'field-label' }, S.pmType), h('div', { class: 'chips', attrs: { role: 'group', 'aria-label': S.pmType } }, typeChips));
    function sync() {
      audienceChips.forEach((b) => b.setAttribute('aria-pressed', b.dataset.audience === state.audience ? 'true' : 'false'));
      typeChips.forEach((b) => b.setAttribute('aria-pressed', state.types.has(b.dataset.type) ? 'true' : 'false'));
      typeRow.hidden = state.audience !== 'type';
    }
    sync();
    const title = field({ label: S.pmMsgTitle, name: 'title', required: true, maxLength: 100, ime: 'text' });
    const body = textArea({ label: S.pmBody, name: 'body', required: true, rows: 8 });
    const message = h('div', { class: 'form-message', attrs: { role: 'alert' } });
    const result = h('div', { attrs: { 'aria-live': 'polite' } });
    const submit = button(S.pmSubmit, { variant: 'primary', size: 'lg', type: 'submit' });
    const form = h('form', {
      class: 'form',
      noValidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        title.clearError(); body.clearError(); message.classList.remove('is-shown'); result.replaceChildren();
        submit.disabled = true; submit.textContent = S.busy;
        try {
          const msg = { audience: state.audience, title: title.value().trim(), body: body.value().trim() };
          if (state.audience === 'type') msg.member_types = TYPES.filter((t) => state.types.has(t));
          await postStaffMessage(msg);
          if (!ctx.alive()) return;
          title.setValue(''); body.setValue('');
          result.replaceChildren(notice(S.pmDone));
          result.firstChild.dataset.test = 'published';
        } catch (err) {
          if (err.handled) return;
          if (!showFieldErrors({ title, body }, err)) { message.textContent = Object.values(err.fields || {})[0] || err.message; message.classList.add('is-shown'); }
        } finally {
          submit.disabled = false; submit.textContent = S.pmSubmit;
        }
      },
    },
    h('div', { class: 'field' }, h('span', { class: 'field-label is-required' }, S.pmAudience), h('div', { class: 'chips', attrs: { role: 'group', 'aria-label': S.pmAudience } }, audienceChips)),
    typeRow, title.el, body.el, message, h('div', {}, submit));
    return page(S.pmTitle, h('p', { class: 'page-lead' }, S.pmLead), result, h('div', { class: 'card' }, form));
  },
};
