import { M } from '../strings/staff_members.zh.js';
import { h, append } from '../components/dom.js';
import { button } from '../components/button.js';
import { pager } from '../components/pager.js';
import { searchBar, filterChips } from '../components/search_bar.js';
import { table } from '../components/table.js';
import { page, loading, loadError } from '../components/page.js';
import { searchMembers } from '../api_staff_members.js';

// 会员查询 (every staff role): search by name part, code or member number, filter by type, page;
// 【查看】 opens the member's whole record. The query is in the route so 【返回】 comes back to it.
const TYPES = ['', 'agency', 'attorney', 'industry_org', 'non_practicing'];

export default {
  title: M.searchTitle,
  auth: 'staff',
  render(ctx) {
    const p = ctx.params;
    const state = {
      q: p.get('q') || '',
      type: TYPES.includes(p.get('type')) ? p.get('type') : '',
      page: Math.max(1, Number(p.get('page')) || 1),
    };
    const goState = (patch) => {
      Object.assign(state, patch);
      const q = new URLSearchParams(Object.entries(state).filter(([k, v]) => v && !(k === 'page' && v === 1)));
      ctx.go(`/staff/members${q.toString() ? `?${q}` : ''}`, { replace: true });
    };

    const form = searchBar({
      label: M.searchLabel, placeholder: M.searchPlaceholder, value: state.q, maxLength: 50,
      searchLabel: M.search, clearLabel: M.clear, onSearch: (q) => goState({ q, page: 1 }),
    });
    const filters = filterChips({
      label: M.typeFilter, values: TYPES, current: state.type, dataKey: 'type',
      labelOf: (t) => (t ? M.types[t] : M.typeAll), onPick: (t) => goState({ type: t, page: 1 }),
    });

    const results = h('div', { class: 'member-results', attrs: { 'aria-live': 'polite' } });
    const open = (m) => ctx.go(`/staff/member?id=${encodeURIComponent(m.id)}`);

    async function load() {
      results.replaceChildren(loading());
      try {
        const data = await searchMembers({ q: state.q, type: state.type, page: state.page });
        if (!ctx.alive()) return;
        const items = data.items || [];
        const total = Number(data.total) || 0;
        const pageNo = Number(data.page) || state.page;
        const pages = Math.max(1, Math.ceil(total / (Number(data.page_size) || 20)));
        const summary = h('div', { class: 'dir-summary' },
          h('span', { class: 'dir-total' }, M.total(total)), total ? h('span', {}, M.pageOf(pageNo, pages)) : null);
        if (!items.length) {
          results.replaceChildren(summary, h('div', { class: 'empty-state' }, h('div', { class: 'empty-title' }, M.empty)));
          return;
        }
        const grid = table([
          { key: 'name', label: M.cols.name, className: 'col-name', format: (m) => h('span', {}, m.name, h('span', { class: 'cell-sub' }, m.login_id)) },
          { key: 'type', label: M.cols.type, className: 'col-type', format: (m) => m.type_label },
          { key: 'status', label: M.cols.status, className: 'col-status', format: (m) => m.status_label },
          { key: 'member_no', label: M.cols.member_no, className: 'col-no', format: (m) => m.member_no || M.none },
          { key: 'agency', label: M.cols.agency, className: 'col-agency', format: (m) => m.agency?.name || M.none },
          { key: 'action', label: M.cols.action, className: 'col-open', format: (m) => button(M.open, { variant: 'secondary', attrs: { 'data-open': m.login_id }, onClick: () => open(m) }) },
        ], items, { caption: M.searchTitle, className: 'members-table' });
        grid.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.member = items[i].login_id; });
        results.replaceChildren();
        append(results, [summary, grid,
          pager({ page: pageNo, pages, labels: M, go: (n) => goState({ page: n }) })]);
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        results.replaceChildren(loadError(err, load));
      }
    }
    load();
    return page(M.searchTitle, h('p', { class: 'page-lead' }, M.searchLead),
      h('div', { class: 'card filter-bar' }, form, filters), results);
  },
};
