import { h } from '../components/dom.js';
import { J } from '../strings/jobs.zh.js';

// What the public page, the agency and the reviewers all show of a posting (CONTRACT.md `job`).

// A compact card line: 岗位 · 人数 · 地点 · 薪资.
export function jobSummary(j) {
  return h('p', { class: 'job-summary' },
    h('span', {}, j.positions), h('span', {}, J.headcountOf(j.headcount)),
    h('span', {}, j.place), h('span', { class: 'job-pay' }, j.pay?.text || ''));
}

// Every field as facts, the requirements as written (line breaks kept).
export function jobFacts(j) {
  const rows = [
    ['agency', j.agency?.name], ['positions', j.positions], ['headcount', J.headcountOf(j.headcount)],
    ['place', j.place], ['pay', j.pay?.text], ['contact_name', j.contact_name],
    ['contact_phone', j.contact_phone], ['valid_until', j.valid_until],
  ];
  return [
    h('dl', { class: 'facts job-facts' }, rows.map(([key, value]) =>
      h('div', { class: 'fact', dataset: { fact: key } }, h('dt', {}, J.fields[key]), h('dd', {}, value || J.none)))),
    j.requirements
      ? h('div', { class: 'job-requirements', dataset: { fact: 'requirements' } },
        h('h3', { class: 'job-requirements-title' }, J.fields.requirements), h('p', {}, j.requirements))
      : null,
  ];
}
