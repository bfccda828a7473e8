import { h } from './dom.js';
import { S } from '../strings.zh.js';
import { icon } from './icons.js';

// The kiosk frame around every screen: association header, the large 【返回】 and
// 【返回首页】 buttons, the idle countdown in the corner, and the content area.
export function createShell({ onBack, onHome }) {
  const backBtn = h('button', { type: 'button', class: 'btn btn-nav', onclick: onBack, attrs: { 'data-nav': 'back' } },
    icon('back', 'icon icon-sm'), S.back);
  const homeBtn = h('button', { type: 'button', class: 'btn btn-nav', onclick: onHome, attrs: { 'data-nav': 'home' } },
    icon('home', 'icon icon-sm'), S.home);
  const corner = h('div', { class: 'idle-corner', hidden: true, attrs: { 'aria-label': S.idleCornerLabel, role: 'timer' } });
  const nav = h('nav', { class: 'toolbar', attrs: { 'aria-label': S.appSub } },
    h('div', { class: 'toolbar-inner' }, backBtn, homeBtn));
  const main = h('main', { id: 'main', class: 'shell-main', tabIndex: -1 });
  const top = h('header', { class: 'shell-top' },
    h('div', { class: 'brand-bar' },
      h('div', { class: 'brand' },
        icon('emblem', 'brand-emblem'),
        h('div', { class: 'brand-text' },
          h('div', { class: 'brand-name' }, S.appName),
          h('div', { class: 'brand-sub' }, S.appSub))),
      corner),
    nav);
  const root = h('div', { class: 'shell' }, top, main);

  return {
    root,
    main,
    setNavVisible(visible) { nav.hidden = !visible; root.classList.toggle('is-home', !visible); },
    setIdle(seconds, warning) {
      corner.hidden = seconds === null;
      corner.textContent = seconds === null ? '' : S.idleCorner(seconds);
      corner.classList.toggle('is-warning', !!warning);
    },
  };
}
