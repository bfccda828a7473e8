import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { page } from '../components/page.js';
import { loginForm } from './login_form.js';

// Staff login (kiosk or office browser).
export default {
  title: S.staffLoginTitle,
  allowDuringPasswordChange: true,
  render(ctx) {
    const next = ctx.safeNext(ctx.params.get('next'), '/staff');
    const { form } = loginForm({
      kind: 'staff',
      idLabel: S.staffLoginId,
      onDone: (session) => {
        if (session.must_change_password) ctx.go(`/password?next=${encodeURIComponent(next)}`, { replace: true });
        else ctx.go(next, { replace: true });
      },
    });
    return page(S.staffLoginTitle, h('p', { class: 'page-lead' }, S.staffLoginLead), h('div', { class: 'card narrow' }, form));
  },
};
