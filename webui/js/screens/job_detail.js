import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { publicJob } from '../api_jobs.js';
import { J } from '../strings/jobs.zh.js';
import { jobFacts } from './job_common.js';
import { formatTime } from './apply_flow.js';

// 招聘详情 (public): one approved posting with every field; a posting that is no longer public
// (closed, expired, edited and waiting for review) says so.
export default {
  title: J.detailTitle,
  render(ctx) {
    const id = ctx.params.get('id') || '';
    const body = h('div', { class: 'job-detail', attrs: { 'aria-live': 'polite' } }, loading());
    const toList = h('div', { class: 'actions' },
      button(J.back, { size: 'lg', attrs: { 'data-action': 'to-list' }, onClick: () => ctx.go('/jobs') }));
    const load = async () => {
      body.replaceChildren(loading());
      try {
        const { job: j } = await publicJob(id);
        if (!ctx.alive()) return;
        body.replaceChildren(h('div', { class: 'card', dataset: { job: j.id } },
          h('h2', { class: 'job-detail-title', dataset: { test: 'job-title' } }, j.title),
          ...jobFacts(j),
          j.published_at ? h('p', { class: 'job-published' }, J.publishedOf(formatTime(j.published_at))) : null));
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        body.replaceChildren(err.status === 404 ? notice(J.notFound, 'warning') : loadError(err, load));
      }
    };
    load();
    return page(J.detailTitle, body, toList);
  },
};
