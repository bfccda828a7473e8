import { MR } from '../strings/member_records.zh.js';
import { h } from '../components/dom.js';
import { table } from '../components/table.js';
import { page, loading, loadError } from '../components/page.js';
import { standingGate } from '../components/standing_gate.js';
import { trainingRecords } from '../api_member_records.js';
import {
  routeState, recordsView, notVisible, pagesOf, pointer, typeLabel, attorneyCell, PAGE_SIZE,
} from './member_records_common.js';

// 报名信息 and 成绩查询 (CONTRACT.md "Training registrations and scores", member side): an attorney
// sees their own rows; an agency every attorney's of its own, with a filter by attorney (touch
// chips); industry organisations and non-practising members have none and are told so. Paged by
// the server; the filter and page are kept in the route. Both need good standing (the gate).

// A date never breaks at its hyphens; a period breaks only around 至.
const date = (d) => h('span', { class: 'date' }, d || MR.none);
const periodCell = (c) => (c.start_date === c.end_date ? date(c.start_date) : h('span', {}, date(c.start_date), MR.periodTo, date(c.end_date)));
const classCell = (c, sub) => h('span', {}, c.name, h('span', { class: 'cell-sub' }, sub));

const KINDS = {
  registrations: {
    path: '/member/training/registrations',
    title: MR.registrationsTitle,
    lead: MR.registrationsLead,
    empty: MR.registrationsEmpty,
    className: 'training-registrations',
    columns: (agency) => [
      { key: 'class', label: MR.trainingCols.class, className: 'col-class', format: (r) => classCell(r.class, r.class.place) },
      { key: 'period', label: MR.trainingCols.period, className: 'col-period', format: (r) => periodCell(r.class) },
      { key: 'hours', label: MR.trainingCols.hours, className: 'col-hours', format: (r) => MR.hours(r.class.hours) },
      agency ? { key: 'attorney', label: MR.trainingCols.attorney, className: 'col-attorney', format: (r) => attorneyCell(r.attorney) } : null,
      { key: 'registered_on', label: MR.trainingCols.registered_on, className: 'col-date', format: (r) => date(r.registered_on) },
      {
        key: 'status', label: MR.trainingCols.status, className: 'col-status',
        format: (r) => h('span', { class: ['training-status', `training-status-${r.status}`] }, r.status_label || r.status),
      },
    ],
  },
  scores: {
    path: '/member/training/scores',
    title: MR.scoresTitle,
    lead: MR.scoresLead,
    empty: MR.scoresEmpty,
    className: 'training-scores',
    columns: (agency) => [
      { key: 'class', label: MR.trainingCols.class, className: 'col-class', format: (r) => classCell(r.class, MR.period(r.class.start_date, r.class.end_date)) },
      agency ? { key: 'attorney', label: MR.trainingCols.attorney, className: 'col-attorney', format: (r) => attorneyCell(r.attorney) } : null,
      { key: 'exam_date', label: MR.trainingCols.exam_date, className: 'col-date', format: (r) => date(r.exam_date) },
      { key: 'score', label: MR.trainingCols.score, className: 'col-score', format: (r) => h('span', { class: 'training-score' }, r.score) },
      {
        key: 'result', label: MR.trainingCols.result, className: 'col-status',
        format: (r) => h('span', { class: ['training-result', r.passed ? 'is-passed' : 'is-failed'] }, r.result_label),
      },
    ],
  },
};

function trainingScreen(kind) {
  const K = KINDS[kind];
  return {
    title: K.title,
    auth: 'member',
    render(ctx) {
      const { state, go } = routeState(ctx, K.path);
      const gateSlot = h('div', {});
      const body = h('div', { class: ['member-records', K.className], attrs: { 'aria-live': 'polite' } });
      let gated = false;

      async function load() {
        body.replaceChildren(loading());
        try {
          const data = await trainingRecords(kind, { attorneyId: state.attorney, page: state.page, pageSize: PAGE_SIZE });
          if (!ctx.alive()) return;
          if (data.scope === 'none') {
            body.replaceChildren(pointer(MR.noTrainingForType(typeLabel(ctx)), { test: 'no-records-for-type' }));
            return;
          }
          if (!gated) { gated = true; gateSlot.replaceChildren(standingGate(ctx, kind)); }
          const agency = data.scope === 'agency';
          const items = data.items || [];
          const total = Number(data.total) || 0;
          const pageNo = Number(data.page) || state.page;
          const pages = pagesOf(total, data.page_size);
          const grid = items.length ? table(K.columns(agency).filter(Boolean), items, { caption: K.title, className: 'records-table' }) : null;
          grid?.querySelectorAll('tbody tr').forEach((tr, i) => {
            tr.dataset.attorney = items[i].attorney?.login_id || '';
            tr.dataset.class = items[i].class?.id ?? '';
          });
          body.replaceChildren(...recordsView({
            agency, attorneys: data.attorneys, state, go, total, pageNo, pages, list: grid,
            empty: h('div', { class: 'empty-title' }, K.empty),
          }));
        } catch (err) {
          if (!ctx.alive() || err.handled) return;
          const hidden = notVisible(err, state, go);
          if (hidden) { body.replaceChildren(hidden); return; }
          body.replaceChildren(loadError(err, load));
        }
      }
      load();
      return page(K.title, h('p', { class: 'page-lead' }, K.lead), gateSlot, body);
    },
  };
}

export const registrationsScreen = trainingScreen('registrations');
export const scoresScreen = trainingScreen('scores');
