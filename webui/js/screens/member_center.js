import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { loadInto } from '../components/page.js';
import { memberHome, memberMessages } from '../api.js';
import { D } from '../strings/dues.zh.js';
import { duesHome } from '../api_dues.js';

// 会员中心: the member's summary and the manual's menu, every entry a working page (READY); an
// entry without a route would show as 即将开放. 会员消息 carries the unread count; the summary
// shows good standing.
const READY = {
  application: '/member/application', password: '/password', directory: '/directory', messages: '/member/messages',
  dues: '/member/dues', dues_orders: '/member/dues/orders', certificate: '/member/certificate',
  profile: '/member/profile', profile_edit: '/member/profile/edit',
  certificate_change: '/member/certificate/change', certificate_mail: '/member/certificate/mail',
  registrations: '/member/training/registrations', scores: '/member/training/scores',
  agency_dues: '/member/dues/history', attorney_dues: '/member/dues/history/attorneys',
  jobs: '/member/jobs', // agencies post; other member types are told the page is for 代理机构
};

function dl(rows) {
  return h('dl', { class: 'facts' }, rows.map(([label, value, key]) =>
    h('div', { class: 'fact', dataset: { fact: key } }, h('dt', {}, label), h('dd', {}, value || S.mcNone))));
}

export default {
  title: S.mcTitle,
  auth: 'member',
  render(ctx) {
    const summary = h('div', { class: 'card member-summary' });
    const menu = h('div', { class: 'menu-grid' }, [S.mcMenu[0], ...D.mcMenu, ...S.mcMenu.slice(1)].map(([key, label]) => {
      const to = READY[key];
      return h('button', {
        type: 'button',
        class: ['menu-item', !to && 'is-disabled'],
        disabled: !to,
        dataset: { menu: key },
        onclick: to ? () => ctx.go(to) : undefined,
      }, h('span', { class: 'menu-label' }, label), to ? null : h('span', { class: 'badge badge-muted' }, S.comingSoon));
    }));
    const title = h('h1', { class: 'page-title' }, S.mcTitle);
    const msgItem = menu.querySelector('[data-menu="messages"]');
    memberMessages().then((data) => {
      const n = Number(data.unread) || 0;
      if (!ctx.alive() || !n || !msgItem) return;
      msgItem.append(h('span', { class: 'badge badge-count', dataset: { test: 'unread-badge' }, attrs: { 'aria-label': S.unreadCount(n) } }, String(n)));
    }).catch(() => {});
    // 会籍状态 from the dues API (403 not_approved before approval: then nothing is shown).
    const standing = h('div', { class: 'dues-standing', attrs: { 'aria-live': 'polite' } });
    duesHome().then(({ member: dm = {} }) => {
      if (!ctx.alive()) return;
      standing.replaceChildren(dm.good_standing
        ? h('div', { class: 'notice dues-standing-good', dataset: { test: 'good-standing' } }, `${D.mcStanding}：${D.mcGood(dm.valid_until || D.none)}`)
        : h('div', { class: 'notice notice-warning dues-standing-unpaid', dataset: { test: 'unpaid' } },
          h('span', {}, `${D.mcStanding}：${D.mcUnpaid}`),
          button(D.mcPayNow, { variant: 'primary', attrs: { 'data-action': 'pay-dues' }, onClick: () => ctx.go('/member/dues') })));
    }).catch(() => {});
    loadInto(summary, memberHome, ({ member: m = {} }) => [
      h('h2', { class: 'member-name', dataset: { test: 'member-name' } }, m.name || m.login_id || ''),
      dl([
        [S.mcFields.type, m.type_label || S.memberTypes[m.type], 'type'],
        [S.mcFields.status, m.status_label || m.status, 'status'],
        [S.mcFields.member_no, m.member_no, 'member_no'],
        [S.mcFields.valid_until, m.valid_until, 'valid_until'],
        [S.mcFields.login_id, m.login_id, 'login_id'],
      ]),
    ], ctx.alive);
    return h('section', { class: 'page' },
      h('div', { class: 'page-head' }, title,
        button(S.logout, { variant: 'danger', onClick: () => ctx.resetToHome(), attrs: { 'data-action': 'logout' } })),
      summary,
      standing,
      h('h2', { class: 'section-title' }, S.mcMenuTitle),
      menu);
  },
};
