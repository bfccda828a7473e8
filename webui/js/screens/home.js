import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { icon } from '../components/icons.js';
import { button } from '../components/button.js';
import { getSession } from '../session.js';
import { kioskSettings } from '../api.js';
import { K } from '../strings/kiosk.zh.js';

// 平台首页: the seven service tiles, a strip for a logged-in session, and the staff link. It is
// the kiosk's attract screen after every idle reset, with the 首页通知 staff set, if any.
const TILES = [
  // 会员中心: members go to their center; everyone else lands on 入会指南 (manual).
  { key: 'member', to: () => (getSession()?.kind === 'member' ? '/member' : '/guide'), featured: true },
  { key: 'guide', to: () => '/guide' },
  { key: 'apply', to: () => '/apply' },
  { key: 'directory', to: () => '/directory' },
  { key: 'jobs', to: () => '/jobs' },
  { key: 'faq', to: () => '/faq' },
  { key: 'verify', to: () => '/verify' },
];

export default {
  title: S.homeTitle,
  allowDuringPasswordChange: true,
  render(ctx) {
    const session = getSession();
    const tiles = h('div', { class: 'tiles' }, TILES.map((t) => h('button', {
      type: 'button',
      class: ['tile', `tile-${t.key}`, t.featured && 'tile-featured'],
      dataset: { tile: t.key },
      onclick: () => ctx.go(t.to()),
    },
    icon(t.key, 'tile-icon'),
    h('span', { class: 'tile-text' },
      h('span', { class: 'tile-title' }, S.tiles[t.key].title),
      h('span', { class: 'tile-desc' }, S.tiles[t.key].desc)))));

    let strip = null;
    if (session) {
      const isStaff = session.kind === 'staff';
      strip = h('div', { class: 'session-strip card' },
        h('span', { class: 'session-strip-text' }, isStaff ? S.staffWelcome(session.name || session.login_id) : S.mcWelcome(session.name || session.login_id)),
        button(isStaff ? S.staffTitle : S.mcTitle, { variant: 'primary', onClick: () => ctx.go(isStaff ? '/staff' : '/member') }),
        button(S.logout, { variant: 'secondary', onClick: () => ctx.resetToHome() }));
    }

    const noticeSlot = h('div', { attrs: { 'aria-live': 'polite' } });
    kioskSettings().then((k) => {
      if (!ctx.alive() || !k?.notice) return;
      noticeSlot.replaceChildren(h('div', { class: 'notice home-notice', dataset: { test: 'home-notice' }, attrs: { role: 'note' } },
        h('strong', { class: 'home-notice-label' }, K.homeLabel), h('span', {}, k.notice)));
    }).catch(() => {});

    return h('section', { class: 'page page-home' },
      h('div', { class: 'home-hero' },
        h('h1', { class: 'home-title' }, S.homeWelcome),
        h('p', { class: 'home-lead' }, S.homeLead)),
      noticeSlot,
      strip,
      tiles,
      h('div', { class: 'home-footer' },
        h('button', { type: 'button', class: 'btn btn-link staff-link', onclick: () => ctx.go('/staff/login') },
          icon('lock', 'icon icon-sm'), S.staffLoginLink)));
  },
};
