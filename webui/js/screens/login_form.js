import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { field, showFieldErrors } from '../components/field.js';
import { login } from '../api.js';

// The login form shared by the member and the staff login screens.
//   kind: 'member' | 'staff'; next: route after login; onDone(session).
export function loginForm({ kind, idLabel = S.loginId, onDone }) {
  const id = field({ label: idLabel, name: 'login_id', placeholder: S.loginIdPlaceholder, keyboard: true, required: true, maxLength: 64 });
  const pw = field({ label: S.password, name: 'password', type: 'password', placeholder: S.passwordPlaceholder, keyboard: true, required: true, maxLength: 64 });
  const message = h('div', { class: 'form-message', attrs: { role: 'alert', 'aria-live': 'assertive' }, dataset: { test: 'login-message' } });
  const submit = button(S.loginSubmit, { variant: 'primary', size: 'lg', type: 'submit', className: 'btn-block' });

  const showMessage = (text) => {
    message.textContent = text || '';
    message.classList.toggle('is-shown', !!text);
  };

  const form = h('form', {
    class: 'form login-form',
    noValidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      id.clearError();
      pw.clearError();
      showMessage('');
      const loginId = id.value().trim();
      const password = pw.value();
      let bad = false;
      if (!loginId) { id.setError(S.loginIdRequired); bad = true; }
      if (!password) { pw.setError(S.passwordRequired); bad = true; }
      if (bad) return;
      submit.disabled = true;
      submit.textContent = S.loginBusy;
      try {
        const session = await login(kind, loginId, password);
        onDone(session);
      } catch (err) {
        pw.setValue('');
        if (err.code === 'login_locked') {
          showMessage(err.retryAfter ? S.loginLocked(err.retryAfter) : S.loginLockedNoTime);
          message.dataset.code = 'login_locked';
        } else if (err.code === 'bad_credentials') {
          showMessage(err.message || S.loginBadCredentials);
          message.dataset.code = 'bad_credentials';
        } else {
          if (!showFieldErrors({ login_id: id, password: pw }, err)) showMessage(err.message);
          message.dataset.code = err.code;
        }
      } finally {
        if (submit.isConnected) {
          submit.disabled = false;
          submit.textContent = S.loginSubmit;
        }
      }
    },
  }, id.el, pw.el, message, submit);
  return { form, id, pw };
}
