import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { openDialog } from '../components/dialog.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { myJobs, closeJob } from '../api_jobs.js';
import { J } from '../strings/jobs.zh.js';
import { jobSummary } from './job_common.js';
import { formatTime } from './apply_flow.js';

// 招聘信息 in the 会员中心 (agencies): 【发布招聘信息】 and the agency's postings with their state
// (待审核 / 已发布 / 未通过 with the reason / 已关闭 / 已过期), 【修改】 (back to review) and 【关闭】
// after a confirmation. Other member types are told the page is for 代理机构 only.
export default {
  title: J.mineTitle,
  auth: 'member',
  render(ctx) {
    const result = h('div', { attrs: { 'aria-live': 'polite' } });
    const body = h('div', { class: 'member-jobs' }, loading());
    const done = ctx.params.get('done');
    if (done === 'filed' || done === 'saved') {
      result.replaceChildren(notice(done === 'filed' ? J.filed : J.saved));
      result.firstChild.dataset.test = `job-${done}`;
    }

    function confirmClose(j) {
      const go = button(J.closeGo, {
        variant: 'danger', size: 'lg', attrs: { 'data-action': 'confirm-close' },
        onClick: async () => {
          go.disabled = true;
          try {
            await closeJob(j.id);
            d.close();
            if (!ctx.alive()) return;
            result.replaceChildren(notice(J.closed(j.title)));
            result.firstChild.dataset.test = 'job-closed';
            load();
          } catch (err) {
            go.disabled = false;
            if (!err.handled) d.setBody(h('p', {}, J.closeConfirm(j.title)), notice(err.message, 'error'));
          }
        },
      });
      const d = openDialog({
        title: J.closeTitle, role: 'alertdialog', body: [h('p', {}, J.closeConfirm(j.title))],
        actions: [button(J.cancel, { size: 'lg', onClick: () => d.close() }), go],
      });
    }

    function card(j) {
      return h('li', { class: 'card request-card job-own', dataset: { job: j.id, status: j.expired && j.status === 'approved' ? 'expired' : j.status } },
        h('p', { class: 'request-state' }, J.stateOf(j.status_label), j.public ? h('span', { class: 'badge job-public-badge' }, J.publicNote) : null),
        h('h3', { class: 'job-title' }, j.title),
        jobSummary(j),
        h('p', {}, J.validUntilOf(j.valid_until)),
        j.reject_reason ? h('p', { class: 'job-reject-reason', dataset: { test: 'reject-reason' } }, J.rejectReasonOf(j.reject_reason)) : null,
        h('p', { class: 'request-at' }, J.updatedOf(formatTime(j.updated_at))),
        j.editable ? h('div', { class: 'job-actions' },
          button(J.edit, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'edit-job' }, onClick: () => ctx.go(`/member/jobs/edit?id=${encodeURIComponent(j.id)}`) }),
          button(J.close, { variant: 'danger', size: 'lg', attrs: { 'data-action': 'close-job' }, onClick: () => confirmClose(j) })) : null);
    }

    async function load() {
      body.replaceChildren(loading());
      try {
        const data = await myJobs();
        if (!ctx.alive()) return;
        const items = data.items || [];
        body.replaceChildren(
          data.can_create
            ? h('div', { class: 'actions' }, button(J.create, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'new-job' }, onClick: () => ctx.go('/member/jobs/new') }))
            : notice(data.blocked?.message || '', 'warning'),
          items.length ? h('ul', { class: 'request-list', dataset: { test: 'my-jobs' } }, items.map(card)) : h('p', {}, J.mineEmpty));
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        if (err.status === 403) {
          body.replaceChildren(h('div', { dataset: { test: 'agency-only' } }, notice(J.agencyOnly, 'warning')),
            h('div', { class: 'actions' }, button(J.toPublic, { size: 'lg', attrs: { 'data-action': 'to-public' }, onClick: () => ctx.go('/jobs') })));
        } else {
          body.replaceChildren(loadError(err, load));
        }
      }
    }
    load();
    return page(J.mineTitle, h('p', { class: 'page-lead' }, J.mineLead), result, body);
  },
};
