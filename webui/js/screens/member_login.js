import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { page } from '../components/page.js';
import { loginForm } from './login_form.js';

// Member login. Hints say what the default account and password are for each type.
export default {
  title: S.loginTitle,
  allowDuringPasswordChange: true,
  render(ctx) {
    const type = ctx.params.get('type');
    const next = ctx.safeNext(ctx.params.get('next'), '/member');
    const { form } = loginForm({
      kind: 'member',
      onDone: (session) => {
        if (session.must_change_password) ctx.go(`/password?next=${encodeURIComponent(next)}`, { replace: true });
        else ctx.go(next, { replace: true });
      },
    });
    const lead = S.applyLoginNote[type] ? h('p', { class: 'page-lead' }, S.applyLoginNote[type]) : null;
    const hints = h('div', { class: 'card hint-card' },
      h('h2', { class: 'card-title' }, S.loginHintTitle),
      h('ul', { class: 'hint-list' }, S.loginHints.map(([t, text]) => h('li', { class: t === type ? 'is-current' : '', dataset: { type: t } }, text))),
      h('p', { class: 'hint-note' }, S.loginDefaultNote));
    return page(S.loginTitle, lead, h('div', { class: 'split' }, h('div', { class: 'card' }, form), hints));
  },
};
