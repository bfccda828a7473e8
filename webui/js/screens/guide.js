import { S } from '../strings.zh.js';
import { h, paragraphs } from '../components/dom.js';
import { button } from '../components/button.js';
import { card, notice, loadInto } from '../components/page.js';
import { contentPage } from '../api.js';
import { getSession } from '../session.js';

// 入会指南: the association's guide text (staff-edited), with 登录 and 入会申请 buttons.
export default {
  title: S.guideTitle,
  render(ctx) {
    const member = getSession()?.kind === 'member';
    const actions = h('div', { class: 'actions' },
      member
        ? button(S.mcTitle, { variant: 'primary', size: 'lg', onClick: () => ctx.go('/member') })
        : button(S.guideLogin, { variant: 'primary', size: 'lg', onClick: () => ctx.go(`/login?next=${encodeURIComponent('/member')}`) }),
      button(S.guideApply, { variant: 'secondary', size: 'lg', onClick: () => ctx.go('/apply') }));
    const body = h('div', { class: 'guide-body' });
    const title = h('h1', { class: 'page-title' }, S.guideTitle);
    const el = h('section', { class: 'page' }, title,
      member ? null : notice(S.guideNotLoggedIn),
      actions,
      card(body));
    loadInto(body, () => contentPage('guide'), (data) => {
      if (data.title) title.textContent = data.title;
      return h('div', { class: 'prose' }, paragraphs(data.body));
    }, ctx.alive);
    return el;
  },
};

