import { h } from './dom.js';
import { button } from './button.js';

// 上一页 / 第p/n页 / 下一页 under a paged list; nothing when there is one page. `go(page)` loads a page.
//   pager({ page: 2, pages: 5, labels: { prev, next, pageOf }, go: (p) => … })
export function pager({ page, pages, labels, go }) {
  if (pages <= 1) return null;
  return h('div', { class: 'pager' },
    button(labels.prev, { variant: 'secondary', disabled: page <= 1, onClick: () => go(page - 1) }),
    h('span', { class: 'pager-info' }, labels.pageOf(page, pages)),
    button(labels.next, { variant: 'secondary', disabled: page >= pages, onClick: () => go(page + 1) }));
}
