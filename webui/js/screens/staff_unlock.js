import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { field, showFieldErrors } from '../components/field.js';
import { page, notice } from '../components/page.js';
import { keyboard } from '../components/keyboard.js';
import { api } from '../api.js';
import { U } from '../strings/unlock.zh.js';

// 解除登录锁定 (desk, admin): a member who mistyped a password five times, or the kiosk itself
// after failures on many different accounts, need not wait for the lock to end by itself.
// POST /staff/auth/unlock (audited) lifts the lock of one account or of one client address.
const LOCAL_KIOSK = '127.0.0.1';

export default {
  title: U.title,
  auth: 'staff',
  render(ctx) {
    const result = h('div', { attrs: { 'aria-live': 'polite' } });
    const name = 'unlock-target';
    const radios = Object.entries(U.targets).map(([value, label]) => {
      const r = h('input', { type: 'radio', name, value, class: 'choice-radio', onchange: () => show() });
      return { r, el: h('label', { class: 'choice', dataset: { target: value } }, r, h('span', { class: 'choice-text' }, label)) };
    });
    radios[0].r.checked = true;
    const targetError = h('div', { class: 'field-error', attrs: { 'aria-live': 'polite' } });
    const target = h('div', { class: 'field', dataset: { field: 'kind' } },
      h('div', { class: 'field-label', id: 'unlock-target-lbl' }, U.target),
      h('div', { class: 'choices', attrs: { role: 'radiogroup', 'aria-labelledby': 'unlock-target-lbl' } }, radios.map((x) => x.el)),
      targetError);
    const loginId = field({ label: U.loginId, name: 'login_id', keyboard: true, maxLength: 32, hint: U.memberHint });
    const address = field({ label: U.address, name: 'address', keyboard: true, maxLength: 45, hint: U.addressHint });
    address.setValue(LOCAL_KIOSK);
    const hint = loginId.el.querySelector('.field-hint');
    const chosen = () => radios.find((x) => x.r.checked).r.value;
    function show() {
      const kind = chosen();
      loginId.el.hidden = kind === 'address';
      address.el.hidden = kind !== 'address';
      if (hint) hint.textContent = kind === 'staff' ? U.staffHint : U.memberHint;
      result.replaceChildren();
    }
    show();

    const message = h('div', { class: 'form-message', attrs: { role: 'alert' } });
    const submit = button(U.submit, { variant: 'primary', size: 'lg', type: 'submit', attrs: { 'data-action': 'unlock' } });
    const form = h('form', {
      class: 'form', noValidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        keyboard.close();
        loginId.clearError(); address.clearError(); targetError.textContent = '';
        message.classList.remove('is-shown'); result.replaceChildren();
        const kind = chosen();
        const body = kind === 'address'
          ? { address: address.value().trim() }
          : { kind, login_id: loginId.value().trim() };
        // The server answers an empty request with an error on `address`; say it on the field shown.
        if (kind !== 'address' && !body.login_id) { loginId.setError(U.loginId + '不能为空'); loginId.input.focus(); return; }
        submit.disabled = true; submit.textContent = U.busy;
        try {
          await api.post('/staff/auth/unlock', body);
          if (!ctx.alive()) return;
          const what = kind === 'address' ? `${U.targets.address} ${body.address}` : `${U.targets[kind]} ${body.login_id}`;
          result.replaceChildren(notice(U.done(what), 'success'));
          result.firstChild.dataset.test = 'unlocked';
        } catch (err) {
          if (err.handled || !ctx.alive()) return;
          if (!showFieldErrors({ kind: { setError: (m) => { targetError.textContent = m || ''; }, el: target, input: radios[0].r }, login_id: loginId, address }, err)) {
            message.textContent = err.message;
            message.classList.add('is-shown');
          }
        } finally {
          submit.disabled = false; submit.textContent = U.submit;
        }
      },
    }, target, loginId.el, address.el, message, h('div', {}, submit));
    return page(U.title, h('p', { class: 'page-lead' }, U.lead), result, h('div', { class: 'card' }, form));
  },
};
