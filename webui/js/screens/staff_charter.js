import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { field, showFieldErrors } from '../components/field.js';
import { textArea } from '../components/text_area.js';
import { page, notice, loadInto } from '../components/page.js';
import { contentPage, saveContentPage } from '../api.js';

// 章程编辑 (admin): the charter shown before every application.
export default {
  title: S.chTitle,
  auth: 'staff',
  render(ctx) {
    const box = h('div', { class: 'card' });
    const result = h('div', { attrs: { 'aria-live': 'polite' } });
    loadInto(box, () => contentPage('charter'), (data) => {
      const title = field({ label: S.chPageTitle, name: 'title', required: true, maxLength: 100, ime: 'text' });
      const body = textArea({ label: S.chBody, name: 'body', required: true, rows: 18 });
      title.setValue(data.title || '');
      body.setValue(data.body || '');
      const message = h('div', { class: 'form-message', attrs: { role: 'alert' } });
      const save = button(S.chSave, { variant: 'primary', size: 'lg', type: 'submit' });
      return h('form', {
        class: 'form',
        noValidate: true,
        onsubmit: async (e) => {
          e.preventDefault();
          title.clearError(); body.clearError(); message.classList.remove('is-shown'); result.replaceChildren();
          save.disabled = true; save.textContent = S.busy;
          try {
            await saveContentPage('charter', title.value().trim(), body.value());
            if (!ctx.alive()) return;
            result.replaceChildren(notice(S.chSaved));
            result.firstChild.dataset.test = 'saved';
          } catch (err) {
            if (err.handled) return;
            if (!showFieldErrors({ title, body }, err)) { message.textContent = err.message; message.classList.add('is-shown'); }
          } finally {
            save.disabled = false; save.textContent = S.chSave;
          }
        },
      }, title.el, body.el, message, h('div', {}, save));
    }, ctx.alive);
    return page(S.chTitle, h('p', { class: 'page-lead' }, S.chLead), result, box);
  },
};
