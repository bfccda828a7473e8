import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { page } from '../components/page.js';

// Placeholder for the application forms (a later issue). Agencies and attorneys reach it
// only after logging in.
const TYPES = ['agency', 'attorney', 'industry_org', 'non_practicing'];

export default {
  title: S.applyTitle,
  auth: (params) => (['agency', 'attorney'].includes(params.get('type')) ? 'member' : null),
  render(ctx) {
    const type = TYPES.includes(ctx.params.get('type')) ? ctx.params.get('type') : null;
    return page(type ? S.applyButtons[type] : S.applyTitle,
      h('div', { class: 'card placeholder' },
        h('p', { class: 'placeholder-title' }, S.applyFormSoon),
        h('p', { class: 'placeholder-hint' }, S.applyFormSoonHint)),
      h('div', { class: 'actions' },
        button(S.home, { variant: 'primary', size: 'lg', onClick: () => ctx.goHome() })));
  },
};
