import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { page } from '../components/page.js';
import { getSession } from '../session.js';

// 入会申请: the four buttons. Agencies and attorneys must log in first (manual); the
// others go straight to their application.
const TYPES = ['agency', 'attorney', 'industry_org', 'non_practicing'];
const NEEDS_LOGIN = new Set(['agency', 'attorney']);

export default {
  title: S.applyTitle,
  render(ctx) {
    const open = (type) => {
      const form = `/apply/form?type=${type}`;
      if (NEEDS_LOGIN.has(type) && getSession()?.kind !== 'member') {
        ctx.go(`/login?type=${type}&next=${encodeURIComponent(form)}`);
      } else {
        ctx.go(form);
      }
    };
    const buttons = h('div', { class: 'apply-grid' }, TYPES.map((t) => h('button', {
      type: 'button',
      class: 'apply-btn',
      dataset: { apply: t },
      onclick: () => open(t),
    },
    h('span', { class: 'apply-btn-title' }, S.applyButtons[t]),
    NEEDS_LOGIN.has(t) ? h('span', { class: 'badge' }, S.applyNeedsLogin) : null)));
    return page(S.applyTitle, h('p', { class: 'page-lead' }, S.applyLead), buttons);
  },
};
