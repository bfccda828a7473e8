import { h } from '../components/dom.js';
import { pager } from '../components/pager.js';
import { page, loadInto } from '../components/page.js';
import { publicJobs } from '../api_jobs.js';
import { J } from '../strings/jobs.zh.js';
import { jobSummary } from './job_common.js';

// 招聘信息 (public): postings a reviewer approved that are still valid, newest first, one large
// card each (a tap opens the detail), ten to a page.
const PAGE_SIZE = 10;

export default {
  title: J.title,
  render(ctx) {
    let pageNo = Number(ctx.params.get('page')) || 1;
    const list = h('div', { class: 'jobs-public', attrs: { 'aria-live': 'polite' } });
    const load = () => loadInto(list, () => publicJobs({ page: pageNo, pageSize: PAGE_SIZE }), (data) => {
      const items = data.items || [];
      const total = Number(data.total) || 0;
      if (!items.length) {
        return h('div', { class: 'empty-state', attrs: { role: 'status' } },
          h('div', { class: 'empty-title' }, J.empty), h('p', { class: 'empty-hint' }, J.emptyHint));
      }
      const pages = Math.max(1, Math.ceil(total / (Number(data.page_size) || PAGE_SIZE)));
      return [
        h('p', { class: 'dir-summary' }, J.total(total)),
        h('ul', { class: 'job-list', dataset: { test: 'public-jobs' } }, items.map((j) => h('li', {},
          h('button', {
            type: 'button', class: 'card job-card', dataset: { job: j.id },
            onclick: () => ctx.go(`/jobs/detail?id=${encodeURIComponent(j.id)}`),
          },
          h('span', { class: 'job-title' }, j.title),
          h('span', { class: 'job-agency' }, j.agency?.name || ''),
          jobSummary(j),
          h('span', { class: 'job-until' }, J.validUntilOf(j.valid_until)))))),
        pager({ page: pageNo, pages, labels: J, go: (p) => { pageNo = p; load(); window.scrollTo(0, 0); } }),
      ];
    }, ctx.alive);
    load();
    return page(J.title, h('p', { class: 'page-lead' }, J.lead), list);
  },
};
