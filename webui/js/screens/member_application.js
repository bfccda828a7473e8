import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { loading, loadError } from '../components/page.js';
import { memberApplication } from '../api.js';
import { memberApplicationInto } from './apply_flow.js';

// 会员中心 → 入会申请: by the stage of the member's application, the charter + form
// (prefilled; a rejection's reason above it), the under-review status, or the approval
// message with 【缴纳会费入口】 (manual).
export default {
  title: S.applyTitle,
  auth: 'member',
  render(ctx) {
    const title = h('h1', { class: 'page-title' }, S.applyTitle);
    const body = h('div', { class: 'apply-flow' });
    const load = async () => {
      body.replaceChildren(loading());
      try {
        const data = await memberApplication();
        if (!ctx.alive()) return;
        memberApplicationInto(ctx, body, data);
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        body.replaceChildren(loadError(err, load));
      }
    };
    load();
    return h('section', { class: 'page page-apply' }, title, body);
  },
};
