import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { field, showFieldErrors } from '../components/field.js';
import { page, notice } from '../components/page.js';
import { changePassword } from '../api.js';
import { getSession } from '../session.js';

// Password change. Forced (must_change_password) after a login with the default password:
// nothing else answers until it is done. Also reachable from the member center.
function precheck(loginId, pw) {
  if (pw.length < 8) return S.pwTooShort;
  if (pw.length > 64) return S.pwTooLong;
  if (!/[A-Za-z]/.test(pw) || !/[0-9]/.test(pw)) return S.pwNeedLetterDigit;
  if (loginId && pw === loginId) return S.pwSameAsId;
  return '';
}

export default {
  title: S.pwTitle,
  auth: 'any',
  allowDuringPasswordChange: true,
  render(ctx) {
    const session = getSession();
    const forced = !!session?.must_change_password;
    const fallback = session?.kind === 'staff' ? '/staff' : '/member';
    const next = ctx.safeNext(ctx.params.get('next'), fallback);

    const oldPw = field({ label: S.pwOld, name: 'old_password', type: 'password', keyboard: true, required: true, maxLength: 64 });
    const newPw = field({ label: S.pwNew, name: 'new_password', type: 'password', keyboard: true, required: true, maxLength: 64, hint: S.pwRule });
    const confirm = field({ label: S.pwConfirm, name: 'confirm_password', type: 'password', keyboard: true, required: true, maxLength: 64 });
    const message = h('div', { class: 'form-message', attrs: { role: 'alert', 'aria-live': 'assertive' } });
    const submit = button(S.pwSubmit, { variant: 'primary', size: 'lg', type: 'submit', className: 'btn-block' });
    const showMessage = (text) => { message.textContent = text || ''; message.classList.toggle('is-shown', !!text); };

    const form = h('form', {
      class: 'form',
      noValidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        [oldPw, newPw, confirm].forEach((f) => f.clearError());
        showMessage('');
        let bad = false;
        if (!oldPw.value()) { oldPw.setError(S.pwOldRequired); bad = true; }
        const policy = newPw.value() ? precheck(session?.login_id, newPw.value()) : S.pwNewRequired;
        if (policy) { newPw.setError(policy); bad = true; }
        if (!confirm.value()) { confirm.setError(S.pwConfirmRequired); bad = true; }
        else if (!policy && confirm.value() !== newPw.value()) { confirm.setError(S.pwMismatch); bad = true; }
        if (bad) { showMessage(S.pwFormError); return; }
        submit.disabled = true;
        submit.textContent = S.pwBusy;
        try {
          await changePassword(oldPw.value(), newPw.value());
          ctx.go(next, { replace: true });
        } catch (err) {
          if (err.handled) return;
          if (showFieldErrors({ old_password: oldPw, new_password: newPw }, err)) showMessage(S.pwFormError);
          else showMessage(err.message);
        } finally {
          if (submit.isConnected) { submit.disabled = false; submit.textContent = S.pwSubmit; }
        }
      },
    }, oldPw.el, newPw.el, confirm.el, message, submit);

    // Someone who does not want to go on (e.g. not their account) can still leave.
    const leave = forced
      ? h('div', { class: 'actions' }, button(S.logout, { variant: 'danger', onClick: () => ctx.resetToHome(), attrs: { 'data-action': 'logout' } }))
      : null;
    return page(forced ? S.pwForcedTitle : S.pwTitle,
      forced ? notice(S.pwForcedBody, 'warning') : null,
      h('p', { class: 'page-lead' }, S.pwManual),
      h('div', { class: 'card narrow' }, form),
      leave);
  },
};
