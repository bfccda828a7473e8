import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { loading, loadError } from '../components/page.js';
import { applicationForm, memberApplication } from '../api.js';
import { getSession } from '../session.js';
import { startApplyFlow, memberApplicationInto } from './apply_flow.js';

// 入会申请 of one type: charter → form → success. Agencies and attorneys reach it only
// after logging in (manual); their form comes with the roster's values
// (GET /member/application), the others get the public form definition.
const TYPES = ['agency', 'attorney', 'industry_org', 'non_practicing'];
const NEEDS_LOGIN = new Set(['agency', 'attorney']);

export default {
  title: S.applyTitle,
  auth: (params) => (NEEDS_LOGIN.has(params.get('type')) ? 'member' : null),
  render(ctx) {
    const type = TYPES.includes(ctx.params.get('type')) ? ctx.params.get('type') : 'industry_org';
    const title = h('h1', { class: 'page-title' }, S.applyButtons[type]);
    const body = h('div', { class: 'apply-flow', dataset: { type } });
    const member = NEEDS_LOGIN.has(type) && getSession()?.kind === 'member';
    const load = async () => {
      body.replaceChildren(loading());
      try {
        if (member) {
          const data = await memberApplication();
          if (!ctx.alive()) return;
          memberApplicationInto(ctx, body, data);
        } else {
          const { form } = await applicationForm(type);
          if (!ctx.alive()) return;
          startApplyFlow(ctx, body, { form });
        }
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        body.replaceChildren(loadError(err, load));
      }
    };
    load();
    return h('section', { class: 'page page-apply' }, title, body);
  },
};
