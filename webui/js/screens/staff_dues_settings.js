import { F } from '../strings/staff_dues.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { field } from '../components/field.js';
import { textArea } from '../components/text_area.js';
import { page, loadInto } from '../components/page.js';
import { keyboard } from '../components/keyboard.js';
import { duesSettings, saveDuesSettings } from '../api_staff_dues.js';

// 收款账户设置: the bank account members see when they choose 转账汇款 (户名, 开户银行, 账号,
// 汇款说明), saved with PUT /staff/dues/settings.
export default {
  title: F.setTitle,
  auth: 'staff',
  render(ctx) {
    const box = h('div', { class: 'card narrow' });
    const result = h('div', { attrs: { 'aria-live': 'polite' } });

    function view(s) {
      const fields = {
        bank_account_name: field({ label: F.setFields.bank_account_name, name: 'bank_account_name', required: true, maxLength: 100, ime: 'text' }),
        bank_name: field({ label: F.setFields.bank_name, name: 'bank_name', required: true, maxLength: 100, ime: 'text' }),
        bank_account_no: field({ label: F.setFields.bank_account_no, name: 'bank_account_no', required: true, keyboard: true, inputMode: 'numeric', maxLength: 40 }),
        bank_note: textArea({ label: F.setFields.bank_note, name: 'bank_note', required: true, rows: 4, maxLength: 300, placeholder: F.setNotePlaceholder }),
      };
      for (const [k, f] of Object.entries(fields)) f.setValue(s[k] ?? '');
      const message = h('div', { class: 'form-message', attrs: { role: 'alert' } });
      const save = button(F.setSave, { variant: 'primary', size: 'lg', type: 'submit', attrs: { 'data-action': 'save' } });
      return h('form', {
        class: 'form', noValidate: true,
        onsubmit: async (e) => {
          e.preventDefault();
          keyboard.close();
          result.replaceChildren();
          message.classList.remove('is-shown');
          Object.values(fields).forEach((f) => f.clearError());
          let ok = true;
          for (const k of Object.keys(fields)) {
            if (!fields[k].value().trim()) { fields[k].setError(F.setRequired(F.setFields[k])); ok = false; }
          }
          if (!ok) { message.textContent = F.formError; message.classList.add('is-shown'); return; }
          save.disabled = true;
          save.textContent = F.busy;
          try {
            const body = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.value().trim()]));
            await saveDuesSettings(body);
            if (!ctx.alive()) return;
            result.replaceChildren(h('div', { class: 'notice', attrs: { role: 'status' }, dataset: { test: 'saved' } }, F.setSaved));
          } catch (err) {
            if (err.handled || !ctx.alive()) return;
            let shown = false;
            for (const [k, m] of Object.entries(err.fields || {})) if (fields[k]) { fields[k].setError(m); shown = true; }
            message.textContent = shown ? F.formError : err.message;
            message.classList.add('is-shown');
          } finally {
            save.disabled = false;
            save.textContent = F.setSave;
          }
        },
      }, Object.values(fields).map((f) => f.el), message, h('div', {}, save));
    }

    loadInto(box, duesSettings, view, ctx.alive);
    return page(F.setTitle, h('p', { class: 'page-lead' }, F.setLead), result, box);
  },
};
