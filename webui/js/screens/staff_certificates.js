import { C } from '../strings/certificates.zh.js';
import { h, append } from '../components/dom.js';
import { button } from '../components/button.js';
import { field } from '../components/field.js';
import { table } from '../components/table.js';
import { page, loading, loadError } from '../components/page.js';
import { keyboard } from '../components/keyboard.js';
import { staffCertificates } from '../api_certificates.js';
import { statusBadge } from './cert_common.js';

// 会员证管理 (admin, desk, reviewer): search by name, certificate number or member number, filter
// by status, page; 【查看】 opens the member's certificates. The filters are in the route so
// 【返回】 comes back to the same list.
const STATUSES = ['', 'valid', 'void'];

export default {
  title: C.staffCertsTitle,
  auth: 'staff',
  render(ctx) {
    const p = ctx.params;
    const state = {
      q: p.get('q') || '',
      status: STATUSES.includes(p.get('status')) ? p.get('status') : '',
      page: Math.max(1, Number(p.get('page')) || 1),
    };
    const route = () => {
      const q = new URLSearchParams();
      if (state.q) q.set('q', state.q);
      if (state.status) q.set('status', state.status);
      if (state.page > 1) q.set('page', String(state.page));
      const s = q.toString();
      return `/staff/certificates${s ? `?${s}` : ''}`;
    };
    const goState = (patch) => { Object.assign(state, patch); ctx.go(route(), { replace: true }); };

    const search = field({ label: C.staffSearchLabel, name: 'q', placeholder: C.staffSearchPlaceholder, keyboard: true, maxLength: 64, ime: 'text' });
    search.setValue(state.q);
    search.input.setAttribute('enterkeyhint', 'search');
    const form = h('form', {
      class: 'dir-search', attrs: { role: 'search' },
      onsubmit: (e) => { e.preventDefault(); keyboard.close(); goState({ q: search.value().trim(), page: 1 }); },
    }, search.el, h('div', { class: 'dir-search-actions' },
      button(C.search, { variant: 'primary', type: 'submit', attrs: { 'data-action': 'search' } }),
      button(C.clear, { variant: 'secondary', onClick: () => goState({ q: '', page: 1 }) })));
    const filters = h('div', { class: 'filter-row', attrs: { role: 'group', 'aria-label': C.statusFilter } },
      h('span', { class: 'filter-label' }, C.statusFilter),
      STATUSES.map((s) => h('button', {
        type: 'button', class: 'btn btn-chip', dataset: { status: s || 'all' },
        attrs: { 'aria-pressed': state.status === s ? 'true' : 'false' },
        onclick: () => goState({ status: s, page: 1 }),
      }, s ? C.statusLabels[s] : C.statusAll)));

    const results = h('div', { class: 'cert-results', attrs: { 'aria-live': 'polite' } });
    const open = (c) => ctx.go(`/staff/certificates/member?id=${encodeURIComponent(c.member_id)}`);

    async function load() {
      results.replaceChildren(loading());
      try {
        const data = await staffCertificates({ q: state.q, status: state.status, page: state.page });
        if (!ctx.alive()) return;
        const items = data.items || [];
        const total = Number(data.total) || 0;
        const size = Number(data.page_size) || 20;
        const pageNo = Number(data.page) || state.page;
        const pages = Math.max(1, Math.ceil(total / size));
        const summary = h('div', { class: 'dir-summary' },
          h('span', { class: 'dir-total' }, C.total(total)),
          total ? h('span', {}, C.pageOf(pageNo, pages)) : null);
        if (!items.length) {
          results.replaceChildren(summary, h('div', { class: 'empty-state' }, h('div', { class: 'empty-title' }, C.staffCertsEmpty)));
          return;
        }
        const grid = table([
          { key: 'cert_no', label: C.cols.cert_no, className: 'col-no', format: (c) => h('span', { class: 'cert-no' }, c.cert_no) },
          {
            key: 'name', label: C.cols.nameAndNo, className: 'col-name',
            format: (c) => h('span', {}, c.name || C.none, h('span', { class: 'cell-sub cert-no' }, c.member_no || '')),
          },
          { key: 'member_type', label: C.cols.member_type, className: 'col-type', format: (c) => c.member_type_label || C.none },
          { key: 'status', label: C.cols.status, className: 'col-status', format: (c) => statusBadge(c) },
          { key: 'valid_until', label: C.cols.valid_until, className: 'col-date' },
          {
            key: 'action', label: C.cols.action, className: 'col-open',
            format: (c) => button(C.open, { variant: 'secondary', attrs: { 'data-open': c.cert_no }, onClick: () => open(c) }),
          },
        ], items, { caption: C.staffCertsTitle, className: 'certs-table' });
        grid.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.cert = items[i].cert_no; });
        results.replaceChildren();
        append(results, [summary, grid,
          pages > 1 ? h('div', { class: 'pager' },
            button(C.prev, { variant: 'secondary', disabled: pageNo <= 1, onClick: () => goState({ page: pageNo - 1 }) }),
            h('span', { class: 'pager-info' }, C.pageOf(pageNo, pages)),
            button(C.next, { variant: 'secondary', disabled: pageNo >= pages, onClick: () => goState({ page: pageNo + 1 }) })) : null]);
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        results.replaceChildren(loadError(err, load));
      }
    }
    load();
    return page(C.staffCertsTitle, h('p', { class: 'page-lead' }, C.staffCertsLead),
      h('div', { class: 'card filter-bar' }, form, filters), results);
  },
};
