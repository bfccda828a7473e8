import { S } from '../strings.zh.js';
import { h, paragraphs, nextId } from '../components/dom.js';
import { page, notice, loadInto } from '../components/page.js';
import { faq } from '../api.js';

// 常见问题: tap a question to open or close its answer (no hover).
function item({ question, answer }) {
  const id = nextId('faq');
  const answerEl = h('div', { id, class: 'faq-a', hidden: true }, paragraphs(answer));
  const q = h('button', {
    type: 'button',
    class: 'faq-q',
    attrs: { 'aria-expanded': 'false', 'aria-controls': id },
    onclick: () => {
      const open = q.getAttribute('aria-expanded') !== 'true';
      q.setAttribute('aria-expanded', open ? 'true' : 'false');
      answerEl.hidden = !open;
    },
  }, h('span', { class: 'faq-q-text' }, question), h('span', { class: 'faq-chevron', attrs: { 'aria-hidden': 'true' } }));
  return h('li', { class: 'faq-item' }, q, answerEl);
}

export default {
  title: S.faqTitle,
  render(ctx) {
    const list = h('div', { class: 'faq' });
    loadInto(list, faq, (data) => {
      const items = data.items || [];
      if (!items.length) return notice(S.faqEmpty);
      return h('ul', { class: 'faq-list' }, items.map(item));
    }, ctx.alive);
    return page(S.faqTitle, h('p', { class: 'page-lead' }, S.faqLead), list);
  },
};
