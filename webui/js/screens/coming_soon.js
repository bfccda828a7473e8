import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { page } from '../components/page.js';

// 招聘信息 and 证书核验 until they are built.
export default {
  title: S.comingSoon,
  render(ctx) {
    const what = ctx.params.get('what');
    const title = S.soonTitles[what] || S.comingSoon;
    return page(title,
      h('div', { class: 'card placeholder' },
        h('p', { class: 'placeholder-title' }, S.soonBodies[what] || S.comingSoon),
        h('p', { class: 'placeholder-hint' }, S.comingSoonBody)),
      h('div', { class: 'actions' }, button(S.home, { variant: 'primary', size: 'lg', onClick: () => ctx.goHome() })));
  },
};
