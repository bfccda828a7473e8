import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { notice, loadInto } from '../components/page.js';
import { staffHome } from '../api.js';

// Staff console (placeholder): who is logged in and with which role.
export default {
  title: S.staffTitle,
  auth: 'staff',
  render(ctx) {
    const summary = h('div', { class: 'card member-summary' });
    loadInto(summary, staffHome, ({ staff: s = {} }) => [
      h('h2', { class: 'member-name' }, S.staffWelcome(s.name || s.login_id || '')),
      h('dl', { class: 'facts' },
        [[S.staffFields.name, s.name, 'name'], [S.staffFields.login_id, s.login_id, 'login_id'],
          [S.staffFields.role, s.role_label || S.staffRoles[s.role] || s.role, 'role']]
          .map(([label, value, key]) => h('div', { class: 'fact', dataset: { fact: key } }, h('dt', {}, label), h('dd', {}, value || S.mcNone)))),
    ], ctx.alive);
    return h('section', { class: 'page' },
      h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, S.staffTitle),
        button(S.logout, { variant: 'danger', onClick: () => ctx.resetToHome(), attrs: { 'data-action': 'logout' } })),
      summary,
      notice(S.staffMore));
  },
};
