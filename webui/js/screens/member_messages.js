import { S } from '../strings.zh.js';
import { h, paragraphs } from '../components/dom.js';
import { page, loadInto } from '../components/page.js';
import { memberMessages, markMessageRead } from '../api.js';
import { formatTime } from './apply_flow.js';

// 会员消息: the member's messages, newest first; unread ones are marked. Tapping one opens
// it and marks it read.
export default {
  title: S.msgTitle,
  auth: 'member',
  render(ctx) {
    const list = h('div', { class: 'msg-list' });
    const count = h('span', { class: 'badge msg-unread-count', dataset: { test: 'unread-count' } });
    const setCount = (n) => { count.textContent = S.unreadCount(n); count.hidden = !n; count.dataset.count = String(n); };
    let unread = 0;
    loadInto(list, memberMessages, (data) => {
      unread = Number(data.unread) || 0;
      setCount(unread);
      const items = data.items || [];
      if (!items.length) return h('div', { class: 'empty-state' }, h('div', { class: 'empty-title' }, S.msgEmpty));
      return items.map((m) => {
        const bodyId = `msg-body-${m.id}`;
        const mark = h('span', { class: 'badge msg-unread' }, S.msgUnread);
        mark.hidden = !m.unread;
        const body = h('div', { class: 'msg-body prose', id: bodyId, hidden: true }, paragraphs(m.body));
        const head = h('button', {
          type: 'button',
          class: 'msg-head',
          attrs: { 'aria-expanded': 'false', 'aria-controls': bodyId },
          onclick: async () => {
            const open = body.hidden;
            body.hidden = !open;
            head.setAttribute('aria-expanded', open ? 'true' : 'false');
            if (open && m.unread) {
              m.unread = false;
              mark.hidden = true;
              item.classList.remove('is-unread');
              unread = Math.max(0, unread - 1);
              setCount(unread);
              try { await markMessageRead(m.id); } catch { /* shown as read here; the server retries next time */ }
            }
          },
        },
        h('span', { class: 'msg-title' }, m.title),
        h('span', { class: 'msg-meta' },
          h('span', { class: 'msg-kind' }, S.msgKinds[m.kind] || ''),
          h('span', { class: 'msg-date' }, formatTime(m.created_at)),
          mark));
        const item = h('div', { class: ['msg-item', m.unread && 'is-unread'], dataset: { msg: m.id } }, head, body);
        return item;
      });
    }, ctx.alive);
    setCount(0);
    return page(S.msgTitle, h('div', { class: 'msg-lead-row' }, h('p', { class: 'page-lead' }, S.msgLead), count), list);
  },
};
