import { ST } from '../strings/status.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { table } from '../components/table.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { afterTap } from '../components/pointer.js';
import { staffStatus } from '../api_status.js';
import { formatTime } from '../api_dues.js';

// 设备状态 (every staff role): what `memberdeskctl status` prints. The daemon answers from its
// last checks (printer, gateways, SMS), so the screen refreshes every few seconds while shown.
const REFRESH_MS = 10000;

export function formatBytes(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return ST.none;
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u += 1; }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`;
}

function fact(key, label, value, sub) {
  return h('div', { class: 'fact', dataset: { fact: key } }, h('dt', {}, label),
    h('dd', {}, value ?? ST.none, sub ? h('span', { class: 'cell-sub' }, sub) : null));
}

function stateBadge(state, label) {
  const kind = state === 'ok' ? 'ready' : state === 'unreachable' ? 'not-ready' : 'pending';
  return h('span', { class: ['badge', `badge-${kind}`], dataset: { state } }, label);
}

function systemCard(r) {
  const last = r.backup?.last;
  return h('div', { class: 'card status-card', dataset: { test: 'status-system' } },
    h('h2', { class: 'card-title' }, ST.sections.system),
    h('dl', { class: 'facts status-facts' },
      fact('version', ST.facts.version, r.version),
      fact('uptime', ST.facts.uptime, typeof r.uptime_s === 'number' ? ST.uptime(r.uptime_s) : ST.none),
      fact('database', ST.facts.database, formatBytes(r.database?.size_bytes), r.database?.path),
      fact('backup', ST.facts.backup, last ? formatTime(last.at) : ST.facts.backupNone,
        last ? `${last.file}（${formatBytes(last.size_bytes)}）` : r.backup?.dir),
      fact('disk', ST.facts.disk, ST.diskOf(formatBytes(r.disk?.free_bytes), formatBytes(r.disk?.total_bytes)), r.disk?.path)));
}

function printerCard(p) {
  const body = !p ? notice(ST.printerNone, 'info')
    : h('div', { class: ['printer-state', p.ready ? 'is-ready' : 'is-not-ready'], dataset: { test: 'status-printer-state', state: p.state || '' } },
      h('div', { class: 'printer-state-head' },
        h('span', { class: 'printer-dot', attrs: { 'aria-hidden': 'true' } }),
        h('span', { class: 'printer-state-label' }, `${p.queue || ''} ${p.state_label || p.state || ''}`)),
      p.message ? h('p', { class: 'printer-message' }, p.message) : null);
  return h('div', { class: 'card status-card', dataset: { test: 'status-printer' } },
    h('h2', { class: 'card-title' }, ST.sections.printer), body);
}

function networkCard(list = []) {
  return h('div', { class: 'card status-card', dataset: { test: 'status-network' } },
    h('h2', { class: 'card-title' }, ST.sections.network),
    h('dl', { class: 'facts status-facts' }, list.map((n) =>
      h('div', { class: 'fact', dataset: { fact: `net-${n.key}`, state: n.state } }, h('dt', {}, n.label),
        h('dd', {}, stateBadge(n.state, ST.netState[n.state] || n.state),
          n.detail && n.detail !== ST.netState[n.state] ? h('span', { class: 'cell-sub' }, n.detail) : null,
          n.checked_at && n.state !== 'unused' ? h('span', { class: 'cell-sub' }, ST.checkedAt(formatTime(n.checked_at))) : null)))));
}

function calendarCard(cal, ctx) {
  const missing = cal?.missing_years || [];
  return h('div', { class: 'card status-card', dataset: { test: 'status-calendar' } },
    h('h2', { class: 'card-title' }, ST.sections.calendar),
    missing.length
      ? h('div', { dataset: { test: 'calendar-warning' } }, notice(cal.message, 'warning'),
        button(ST.openCalendar, { variant: 'secondary', attrs: { 'data-action': 'open-calendar' }, onClick: () => ctx.go('/staff/calendar') }))
      : h('p', { dataset: { test: 'calendar-ok' } }, ST.calendarOk));
}

function errorsCard(errors = []) {
  const body = !errors.length ? h('p', { dataset: { test: 'errors-none' } }, ST.errorsNone)
    : table([
      { key: 'at', label: ST.errorCols.at, className: 'col-date', format: (e) => formatTime(e.at) },
      { key: 'source', label: ST.errorCols.source, className: 'col-type', format: (e) => e.source_label || e.source },
      { key: 'subject', label: ST.errorCols.subject, className: 'col-name' },
      { key: 'detail', label: ST.errorCols.detail, className: 'col-message' },
    ], errors, { caption: ST.sections.errors, className: 'status-errors' });
  return h('div', { class: 'card status-card', dataset: { test: 'status-errors' } },
    h('h2', { class: 'card-title' }, ST.sections.errors), body);
}

export default {
  title: ST.title,
  auth: 'staff',
  render(ctx) {
    const box = h('div', { class: 'status-cards', attrs: { 'aria-live': 'polite' } });
    const updated = h('span', { class: 'printer-updated', dataset: { test: 'updated' } });
    let timer = null;
    let lastJson = '';
    let loaded = false;

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!ctx.alive()) return;
        if (document.visibilityState === 'visible') refresh();
        else schedule();
      }, REFRESH_MS);
    }

    async function refresh() {
      clearTimeout(timer);
      if (!loaded) box.replaceChildren(loading());
      try {
        const r = await staffStatus();
        if (!ctx.alive()) return;
        loaded = true;
        updated.textContent = ST.refreshedAt(formatTime(new Date().toISOString()).split(' ')[1] || '');
        const json = JSON.stringify(r);
        if (json !== lastJson) {
          lastJson = json;
          afterTap(() => {
            if (!ctx.alive()) return;
            box.replaceChildren(calendarCard(r.calendar, ctx), systemCard(r), printerCard(r.printer),
              networkCard(r.network), errorsCard(r.errors));
          });
        }
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        if (!loaded) { box.replaceChildren(loadError(err, refresh)); return; }
      }
      schedule();
    }
    refresh();

    const refreshBtn = button(ST.refresh, { variant: 'secondary', size: 'lg', attrs: { 'data-action': 'refresh' }, onClick: () => refresh() });
    return page(ST.title,
      h('p', { class: 'page-lead' }, ST.lead),
      h('div', { class: 'actions' }, refreshBtn, updated),
      box);
  },
};
