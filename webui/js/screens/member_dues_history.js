import { MR } from '../strings/member_records.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { table } from '../components/table.js';
import { page, loading, loadError } from '../components/page.js';
import { duesHistory } from '../api_member_records.js';
import { formatFen, formatTime } from '../api_dues.js';
import { statusBadge } from './dues_common.js';
import {
  routeState, recordsView, notVisible, pagesOf, pointer, typeLabel, attorneyCell, PAGE_SIZE,
} from './member_records_common.js';

// 代理机构会费缴纳信息 and 专利代理师会费缴纳信息 (GET /member/dues/history): one line per member and
// year with the amount, status and 申报系统单号, and 【查看收据】 for a paid year the member may open.
//   代理机构会费缴纳信息: the member's own years (agencies, industry organisations, non-practising
//     members); an attorney is pointed to 专利代理师会费缴纳信息.
//   专利代理师会费缴纳信息: an agency sees all of its attorneys' years with a filter by attorney; an
//     attorney their own; other types are pointed to 代理机构会费缴纳信息.
// The server does not page the history (a few lines per year); the page splits it by PAGE_SIZE.
const OWN_PATH = '/member/dues/history';
const ATTORNEYS_PATH = '/member/dues/history/attorneys';

function historyTable(items, withAttorney, openReceipt) {
  const sub = (text) => (text ? h('span', { class: 'cell-sub' }, text) : null);
  // Who placed the order, when it was not the member itself (an agency for its attorney).
  const payer = (r) => {
    if (!r.payer || r.payer.member_id === r.member.member_id) return '';
    return r.status === 'paid' ? MR.paidBy(r.payer.name) : MR.declaredBy(r.payer.name);
  };
  const grid = table([
    { key: 'year', label: MR.duesCols.year, className: 'col-year', format: (r) => MR.yearValue(r.year) },
    withAttorney ? { key: 'attorney', label: MR.duesCols.attorney, className: 'col-attorney', format: (r) => attorneyCell(r.member) } : null,
    {
      key: 'amount', label: MR.duesCols.amount, className: 'col-amount',
      format: (r) => h('span', {}, h('span', { class: 'money' }, formatFen(r.amount_fen)), sub(r.fee_label)),
    },
    {
      key: 'status', label: MR.duesCols.status, className: 'col-status',
      format: (r) => h('span', {}, statusBadge(r), sub(r.paid_at ? MR.paidAt(formatTime(r.paid_at)) : '')),
    },
    {
      key: 'order_no', label: MR.duesCols.order_no, className: 'col-no',
      format: (r) => h('span', {}, h('span', { class: 'order-no', dataset: { test: 'order-no' } }, r.order_no || MR.none), sub(payer(r))),
    },
    {
      key: 'receipt', label: MR.duesCols.receipt, className: 'col-open',
      format: (r) => (r.receipt
        ? button(MR.openReceipt, { variant: 'secondary', attrs: { 'data-action': 'receipt', 'data-order': r.order_no }, onClick: () => openReceipt(r) })
        : MR.none),
    },
  ].filter(Boolean), items, { caption: MR.duesCols.year, className: 'records-table dues-history-table' });
  grid.querySelectorAll('tbody tr').forEach((tr, i) => {
    tr.dataset.year = items[i].year;
    tr.dataset.member = items[i].member?.login_id || '';
    tr.dataset.status = items[i].status;
  });
  return grid;
}

// which: 'own' (代理机构会费缴纳信息) | 'attorneys' (专利代理师会费缴纳信息)
function duesHistoryScreen(which) {
  const title = which === 'own' ? MR.agencyDuesTitle : MR.attorneyDuesTitle;
  const path = which === 'own' ? OWN_PATH : ATTORNEYS_PATH;
  return {
    title,
    auth: 'member',
    render(ctx) {
      const type = ctx.session?.member_type;
      const { state, go } = routeState(ctx, path);
      const body = h('div', { class: 'member-records dues-history', attrs: { 'aria-live': 'polite' } });
      const lead = which === 'own'
        ? (type === 'agency' ? MR.agencyDuesLead : MR.ownDuesLead)
        : MR.attorneyDuesLead;
      const shell = page(title, h('p', { class: 'page-lead' }, lead), body);

      // Pages that hold nothing for this member type point to the one that does.
      if (which === 'own' && type === 'attorney') {
        body.append(pointer(MR.attorneyOwnDues, { label: MR.toAttorneyDues, action: 'to-attorney-dues', to: () => ctx.go(ATTORNEYS_PATH) }));
        return shell;
      }
      if (which === 'attorneys' && type !== 'agency' && type !== 'attorney') {
        body.append(pointer(MR.noAttorneyDuesForType(typeLabel(ctx)),
          { test: 'no-records-for-type', label: MR.toOwnDues, action: 'to-own-dues', to: () => ctx.go(OWN_PATH) }));
        return shell;
      }
      const scope = which === 'attorneys' && type === 'agency' ? 'attorneys' : 'self';
      const openReceipt = (r) => ctx.go(`/member/dues/receipt?id=${encodeURIComponent(r.order_id)}&via=history`);

      async function load() {
        body.replaceChildren(loading());
        try {
          const data = await duesHistory({ scope, attorneyId: scope === 'attorneys' ? state.attorney : undefined });
          if (!ctx.alive()) return;
          const all = data.items || [];
          const pages = pagesOf(all.length);
          const pageNo = Math.min(state.page, pages);
          const items = all.slice((pageNo - 1) * PAGE_SIZE, pageNo * PAGE_SIZE);
          const agency = scope === 'attorneys';
          body.replaceChildren(...recordsView({
            agency, viewer: which === 'attorneys', attorneys: data.attorneys, state, go,
            total: all.length, pageNo, pages, list: items.length ? historyTable(items, agency, openReceipt) : null,
            empty: [
              h('div', { class: 'empty-title' }, agency ? MR.duesEmptyAttorneys : MR.duesEmpty),
              h('div', { class: 'actions' }, button(MR.toDues, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'to-dues' }, onClick: () => ctx.go('/member/dues') })),
            ],
          }));
        } catch (err) {
          if (!ctx.alive() || err.handled) return;
          const hidden = notVisible(err, state, go);
          if (hidden) { body.replaceChildren(hidden); return; }
          body.replaceChildren(loadError(err, load));
        }
      }
      load();
      return shell;
    },
  };
}

export const ownDuesHistoryScreen = duesHistoryScreen('own');
export const attorneyDuesHistoryScreen = duesHistoryScreen('attorneys');
