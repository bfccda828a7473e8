import { M } from '../strings/staff_members.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { table } from '../components/table.js';
import { page, card, notice, loadInto } from '../components/page.js';
import { memberRecord } from '../api_staff_members.js';
import { agencyChange } from './staff_member_agency.js';
import { getSession } from '../session.js';
import { A } from '../strings/staff_apply.zh.js';

// One member's whole record (every staff role): type, status, validity, login id, member number,
// the profile with its labels, the agency or its attorneys, applications, dues orders,
// certificates (linked to the staff 会员证 screen), training and the audit trail. Reviewers and
// admins also get 【变更执业机构】 for an attorney.
const section = (title, key, ...body) => h('div', { class: 'card record-section', dataset: { section: key } },
  h('h2', { class: 'card-title' }, title), ...body);
const rowsOr = (rows, empty, render) => (rows?.length ? render(rows) : h('p', { class: 'empty-note' }, empty));
const facts = (pairs) => h('dl', { class: 'facts' }, pairs.map(([label, value, key]) =>
  h('div', { class: 'fact', dataset: { fact: key } }, h('dt', {}, label), h('dd', {}, value || M.none))));
const shanghai = (iso) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : M.none);
const detail = (a) => (a.after && typeof a.after === 'object' ? (a.after.reason || a.after.agency_name || a.after.status || '') : '');

export default {
  title: M.recordTitle,
  auth: 'staff',
  render(ctx) {
    const id = ctx.params.get('id');
    const body = h('div', { class: 'record' });
    const load = () => loadInto(body, () => memberRecord(id), (r) => {
      const m = r.member;
      const out = [
        card(h('h2', { class: 'member-name', dataset: { test: 'record-name' } }, m.name),
          facts([[M.facts.type, m.type_label, 'type'], [M.facts.status, m.status_label, 'status'],
            [M.facts.valid_until, m.valid_until, 'valid_until'], [M.facts.login_id, m.login_id, 'login_id'],
            [M.facts.member_no, m.member_no, 'member_no'],
            ...(m.type === 'attorney' ? [[M.facts.agency, m.agency?.name, 'agency']] : [])])),
      ];
      if (r.can_change_agency) out.push(agencyChange(m, ctx, load));
      // 代为填写入会申请: a roster agency or attorney who has not applied yet, for reviewers and admins.
      if (m.status === 'roster' && ['reviewer', 'admin'].includes(getSession()?.role)) {
        out.push(h('div', { class: 'actions' }, button(A.fromRecord, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'apply-for' },
          onClick: () => ctx.go(`/staff/applications/new?member=${encodeURIComponent(m.id)}`) })));
      }
      out.push(section(M.profile, 'profile',
        r.profile_source === 'application' ? notice(M.profileFromApplication) : null,
        rowsOr(r.profile, M.profileNone, (rows) => facts(rows.map((f) => [f.label, f.value, f.key])))));
      if (m.type === 'agency') {
        out.push(section(M.attorneys, 'attorneys', rowsOr(r.attorneys, M.noAttorneys, (rows) => table([
          { key: 'name', label: M.cols.name, format: (a) => a.name },
          { key: 'login_id', label: M.cols.login_id },
          { key: 'status', label: M.cols.status, format: (a) => a.status_label },
          { key: 'action', label: M.cols.action, format: (a) => button(M.open, { variant: 'secondary', onClick: () => ctx.go(`/staff/member?id=${a.id}`) }) },
        ], rows, { caption: M.attorneys }))));
      }
      out.push(section(M.applications, 'applications', rowsOr(r.applications, M.noApplications, (rows) => table([
        { key: 'submitted_at', label: M.appCols.submitted_at, format: (a) => shanghai(a.submitted_at) },
        { key: 'status', label: M.appCols.status, format: (a) => a.status_label },
        { key: 'decided', label: M.appCols.decided, format: (a) => (a.decided_at ? `${shanghai(a.decided_at)} ${a.decided_by || ''}` : M.none) },
        { key: 'reason', label: M.appCols.reason, format: (a) => a.reject_reason || M.none },
      ], rows, { caption: M.applications }))));
      out.push(section(M.dues, 'dues', rowsOr(r.dues_orders, M.noDues, (rows) => table([
        { key: 'year', label: M.duesCols.year },
        { key: 'order_no', label: M.duesCols.order_no },
        { key: 'amount', label: M.duesCols.amount, format: (o) => M.yuan(o.amount_due_fen ?? o.total_fen) },
        { key: 'status', label: M.duesCols.status, format: (o) => o.status_label || o.status },
      ], rows, { caption: M.dues }))));
      out.push(section(M.certificates, 'certificates', h('p', {}, M.certCount(r.certificates.length)),
        button(M.openCertificates, { variant: 'secondary', attrs: { 'data-action': 'certificates' }, onClick: () => ctx.go(`/staff/certificates/member?id=${m.id}`) })));
      const t = r.training || {};
      out.push(section(M.training, 'training',
        h('h3', {}, M.registrations), rowsOr(t.registrations, M.noTraining, (rows) => table([
          { key: 'class_name', label: M.trainCols.class_name },
          { key: 'attorney', label: M.trainCols.attorney },
          { key: 'registered_on', label: M.trainCols.registered_on },
          { key: 'status', label: M.trainCols.status, format: (x) => x.status_label },
        ], rows, { caption: M.registrations })),
        h('h3', {}, M.scores), rowsOr(t.scores, M.noTraining, (rows) => table([
          { key: 'class_name', label: M.trainCols.class_name },
          { key: 'attorney', label: M.trainCols.attorney },
          { key: 'score', label: M.trainCols.score },
          { key: 'result', label: M.trainCols.result, format: (x) => x.result_label },
          { key: 'exam_date', label: M.trainCols.exam_date },
        ], rows, { caption: M.scores }))));
      out.push(section(M.audit, 'audit', rowsOr(r.audit, M.noAudit, (rows) => table([
        { key: 'at', label: M.auditCols.at, format: (a) => shanghai(a.at) },
        { key: 'actor', label: M.auditCols.actor },
        { key: 'action', label: M.auditCols.action, format: (a) => M.actions[a.action] || a.action },
        { key: 'detail', label: M.auditCols.detail, format: detail },
      ], rows, { caption: M.audit, className: 'audit-table' }))));
      return out;
    }, ctx.alive);
    load();
    return page(M.recordTitle,
      h('div', { class: 'page-actions' }, button(M.back, { variant: 'secondary', attrs: { 'data-action': 'back' }, onClick: () => ctx.go('/staff/members') })),
      body);
  },
};
