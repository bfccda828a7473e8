import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { textArea } from '../components/text_area.js';
import { showFieldErrors } from '../components/field.js';
import { page, notice, loadInto } from '../components/page.js';
import { keyboard } from '../components/keyboard.js';
import { api, kioskSettings } from '../api.js';
import { K } from '../strings/kiosk.zh.js';

// 首页通知 (admin): the short notice the kiosk's home screen shows to everybody who walks up —
// it is the attract screen after every idle reset. Empty removes it.
export default {
  title: K.title,
  auth: 'staff',
  render(ctx) {
    const box = h('div', { class: 'card' });
    const result = h('div', { attrs: { 'aria-live': 'polite' } });
    loadInto(box, kioskSettings, (data) => {
      const text = textArea({ label: K.label, name: 'notice', rows: 3, maxLength: 200, placeholder: K.placeholder });
      text.setValue(data.notice || '');
      const message = h('div', { class: 'form-message', attrs: { role: 'alert' } });
      const save = button(K.save, { variant: 'primary', size: 'lg', type: 'submit', attrs: { 'data-action': 'save-notice' } });
      return h('form', {
        class: 'form', noValidate: true,
        onsubmit: async (e) => {
          e.preventDefault();
          keyboard.close();
          text.clearError(); message.classList.remove('is-shown'); result.replaceChildren();
          save.disabled = true; save.textContent = K.busy;
          try {
            const r = await api.put('/staff/kiosk/notice', { notice: text.value() });
            if (!ctx.alive()) return;
            text.setValue(r.notice);
            result.replaceChildren(notice(r.notice ? K.saved : K.removed));
            result.firstChild.dataset.test = 'notice-saved';
          } catch (err) {
            if (err.handled || !ctx.alive()) return;
            if (!showFieldErrors({ notice: text }, err)) { message.textContent = err.message; message.classList.add('is-shown'); }
          } finally {
            save.disabled = false; save.textContent = K.save;
          }
        },
      }, text.el, message, h('div', {}, save));
    }, ctx.alive);
    return page(K.title, h('p', { class: 'page-lead' }, K.lead), result, box);
  },
};
