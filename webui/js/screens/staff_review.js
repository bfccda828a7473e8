import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { table } from '../components/table.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { staffApplications } from '../api.js';
import { formatTime } from './apply_flow.js';
import { ST } from '../strings/status.zh.js';

// 入会审核: the queue of applications (submitted first, oldest due first), filtered by
// type, status and 已超期. The filters live in the route so 【返回】 from a detail comes back
// to the same view.
const TYPES = ['agency', 'attorney', 'industry_org', 'non_practicing'];
const STATUSES = ['submitted', 'approved', 'rejected', 'all'];

export default {
  title: S.rvTitle,
  auth: 'staff',
  render(ctx) {
    const p = ctx.params;
    const state = {
      type: TYPES.includes(p.get('type')) ? p.get('type') : '',
      status: STATUSES.includes(p.get('status')) ? p.get('status') : 'submitted',
      overdue: p.get('overdue') === '1',
    };
    const route = () => {
      const q = new URLSearchParams();
      if (state.type) q.set('type', state.type);
      q.set('status', state.status);
      if (state.overdue) q.set('overdue', '1');
      return `/staff/applications?${q}`;
    };
    const setFilter = (patch) => { Object.assign(state, patch); ctx.go(route(), { replace: true }); };

    const chip = (label, pressed, onClick, data) => h('button', {
      type: 'button', class: 'btn btn-chip', dataset: data, attrs: { 'aria-pressed': pressed ? 'true' : 'false' }, onclick: onClick,
    }, label);
    const filters = h('div', { class: 'card filter-bar' },
      h('div', { class: 'filter-row', attrs: { role: 'group', 'aria-label': S.rvTypeFilter } },
        h('span', { class: 'filter-label' }, S.rvTypeFilter),
        ['', ...TYPES].map((t) => chip(t ? S.memberTypes[t] : S.rvAll, state.type === t, () => setFilter({ type: t }), { type: t || 'all' }))),
      h('div', { class: 'filter-row', attrs: { role: 'group', 'aria-label': S.rvStatusFilter } },
        h('span', { class: 'filter-label' }, S.rvStatusFilter),
        STATUSES.map((s) => chip(S.rvStatus[s], state.status === s, () => setFilter({ status: s }), { status: s })),
        chip(S.rvOverdueOnly, state.overdue, () => setFilter({ overdue: !state.overdue }), { filter: 'overdue' })));

    const results = h('div', { class: 'review-results', attrs: { 'aria-live': 'polite' } });
    const load = async () => {
      results.replaceChildren(loading());
      try {
        const data = await staffApplications({ type: state.type, status: state.status, overdue: state.overdue, pageSize: 100 });
        if (!ctx.alive()) return;
        const items = data.items || [];
        const summary = h('div', { class: 'dir-summary' },
          h('span', { class: 'dir-total' }, S.dirTotal(Number(data.total) || items.length)),
          data.today ? h('span', {}, S.rvToday(data.today)) : null);
        // The working-day calendar of a coming year is missing: due dates are estimates.
        const warning = data.calendar?.message
          ? h('div', { dataset: { test: 'calendar-warning' } }, notice(data.calendar.message, 'warning')) : null;
        if (!items.length) {
          results.replaceChildren(...[warning, summary].filter(Boolean), h('div', { class: 'empty-state' }, h('div', { class: 'empty-title' }, S.rvEmpty)));
          return;
        }
        const grid = table([
          { key: 'name', label: S.rvCols.name, className: 'col-name' },
          { key: 'type', label: S.rvCols.type, className: 'col-type', format: (r) => r.type_label || S.memberTypes[r.member_type] || '' },
          { key: 'submitted_at', label: S.rvCols.submitted_at, className: 'col-date', format: (r) => formatTime(r.submitted_at) },
          {
            key: 'due_date', label: S.rvCols.due_date, className: 'col-date',
            format: (r) => h('span', {}, r.due_date || '',
              r.due_date_estimated ? h('span', { class: 'due-estimated', dataset: { test: 'estimated' }, attrs: { title: ST.estimatedHint } }, ST.estimated) : null,
              r.overdue ? h('span', { class: 'badge badge-overdue', dataset: { test: 'overdue' } }, S.rvOverdue) : null),
          },
          { key: 'status', label: S.rvCols.status, className: 'col-status', format: (r) => h('span', { class: `status-${r.status}` }, r.status_label || S.rvStatus[r.status] || r.status) },
          {
            key: 'open', label: S.rvCols.open, className: 'col-open',
            format: (r) => h('button', { type: 'button', class: 'btn btn-secondary', dataset: { open: r.id }, onclick: () => ctx.go(`/staff/application?id=${encodeURIComponent(r.id)}`) }, S.rvOpen),
          },
        ], items, { caption: S.rvTitle, className: 'review-table' });
        // Mark rows: overdue ones stand out; each row carries its id.
        grid.querySelectorAll('tbody tr').forEach((tr, i) => {
          tr.dataset.app = items[i].id;
          tr.dataset.status = items[i].status;
          if (items[i].overdue) tr.classList.add('is-overdue');
        });
        results.replaceChildren(...[warning, summary, grid].filter(Boolean));
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        results.replaceChildren(loadError(err, load));
      }
    };
    load();
    return page(S.rvTitle, filters, results);
  },
};
