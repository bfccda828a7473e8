// Pieces the member's record pages share (报名信息, 成绩查询, 会费缴纳信息): the filter and page kept
// in the route (so 【返回】 from a receipt comes back to them), the page body (the agency's attorney
// filter, the count line, the list, the pager), and the notice with a way to another page.

import { MR } from '../strings/member_records.zh.js';
import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { pager } from '../components/pager.js';
import { filterChips } from '../components/search_bar.js';
import { notice } from '../components/page.js';

// { attorney: member id as text or '', page } from ?attorney=&page=, and go(patch) that replaces
// the route with the changed state.
export function routeState(ctx, path) {
  const p = ctx.params;
  const state = {
    attorney: /^\d{1,12}$/.test(p.get('attorney') || '') ? p.get('attorney') : '',
    page: Math.max(1, Math.floor(Number(p.get('page'))) || 1),
  };
  const go = (patch) => {
    const next = { ...state, ...patch };
    const q = new URLSearchParams(Object.entries(next).filter(([k, v]) => v && !(k === 'page' && v === 1)));
    ctx.go(`${path}${q.toString() ? `?${q}` : ''}`, { replace: true });
  };
  return { state, go };
}

// The agency's attorney filter: 【全部专利代理师】 and one chip per attorney (name and 资格证号).
function attorneyFilter(attorneys, current, onPick) {
  if (!attorneys?.length) return null;
  const byId = new Map(attorneys.map((a) => [String(a.member_id), a]));
  return h('div', { class: 'card filter-bar records-filter' }, filterChips({
    label: MR.attorneyFilter,
    values: ['', ...byId.keys()],
    current,
    dataKey: 'attorney',
    labelOf: (id) => (id ? MR.attorneyChip(byId.get(id)) : MR.attorneyAll),
    onPick: (id) => onPick(id),
  }));
}

// Lines per page on the record pages (a portrait kiosk screen shows ten without scrolling far).
export const PAGE_SIZE = 10;

export const pagesOf = (total, pageSize = PAGE_SIZE) => Math.max(1, Math.ceil((Number(total) || 0) / (Number(pageSize) || PAGE_SIZE)));

// The body of a record page: who sees what, the agency's filter, 共N条 / 第p/n页, the list (or the
// empty state) and the pager. `agency`: the rows are the agency's attorneys'; `viewer`: show the
// line saying who sees what; `list`: the table, or null when there are no rows (then `empty`).
export function recordsView({ agency, viewer = true, attorneys, state, go, total, pageNo, pages, list, empty }) {
  return [
    viewer ? h('p', { class: 'records-viewer' }, MR.viewer[agency ? 'agency' : 'attorney']) : null,
    agency ? attorneyFilter(attorneys, state.attorney, (id) => go({ attorney: id, page: 1 })) : null,
    h('div', { class: 'dir-summary', dataset: { test: 'records-total' } },
      h('span', { class: 'dir-total' }, MR.total(total)), total ? h('span', {}, MR.pageOf(pageNo, pages)) : null),
    list || h('div', { class: 'empty-state', dataset: { test: 'records-empty' } }, empty),
    pager({ page: pageNo, pages, labels: MR, go: (n) => go({ page: n }) }),
  ].filter(Boolean);
}

// An attorney id in the route that this member may not see (404): the server's message and a way
// back to all of them. null for any other error.
export function notVisible(err, state, go) {
  if (err.status !== 404 || !state.attorney) return null;
  return pointer(err.message, { kind: 'error', label: MR.attorneyAll, action: 'all-attorneys', to: () => go({ attorney: '', page: 1 }) });
}

// A notice (what this page holds for this member) and, if given, a button to another page.
export function pointer(text, { kind = 'info', test = 'records-notice', label, action, to } = {}) {
  const n = notice(text, kind);
  n.dataset.test = test;
  return h('div', { class: 'records-pointer' }, n, to ? h('div', { class: 'actions' },
    button(label, { variant: 'primary', size: 'lg', attrs: { 'data-action': action }, onClick: to })) : null);
}

export const typeLabel = (ctx) => S.memberTypes[ctx.session?.member_type] || '';

// Name over 资格证号 in one cell.
export const attorneyCell = (a) => h('span', {}, a?.name || MR.none, h('span', { class: 'cell-sub' }, a?.login_id || ''));
