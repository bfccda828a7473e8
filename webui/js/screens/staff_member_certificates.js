import { C } from '../strings/certificates.zh.js';
import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { field } from '../components/field.js';
import { textArea } from '../components/text_area.js';
import { openDialog } from '../components/dialog.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { getSession } from '../session.js';
import {
  staffMemberCertificates, issueCertificate, reissueCertificate, voidCertificate, staffPrintCertificate,
  staffPrinter, staffPreviewUrl, staffPdfUrl, certState,
} from '../api_certificates.js';
import { statusBadge, certFacts, previewImage, printTracker, fill } from './cert_common.js';

// One member's 会员证 history for staff, newest first, with what the role may do:
// 预览 and 下载PDF (everyone here), 打印 and 补发/手动签发 (admin, desk), 重新签发 and 作废 (admin).
// Every decision asks for a reason (it goes into the audit log).
const PRINT_ROLES = ['admin', 'desk'];

// This year in Asia/Shanghai.
const thisYear = () => new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();

// A dialog with a required reason (and, for 补发, a year). onSubmit(values) → a promise; its
// ApiError's fields land on the fields, other errors above the buttons.
function reasonDialog({ title, lead, confirmLabel, variant = 'primary', withYear = false, onSubmit }) {
  const year = withYear ? field({ label: C.issueYear, name: 'year', keyboard: true, maxLength: 4, inputMode: 'numeric', required: true }) : null;
  if (year) year.setValue(String(thisYear()));
  const reason = textArea({ label: C.reason, name: 'reason', required: true, rows: 3, maxLength: 500, placeholder: C.reasonPlaceholder });
  const msg = h('div', { class: 'form-message', attrs: { role: 'alert' } });
  const ok = button(confirmLabel, {
    variant, size: 'lg', attrs: { 'data-action': 'confirm' },
    onClick: async () => {
      msg.classList.remove('is-shown');
      reason.clearError();
      year?.clearError();
      const values = { reason: reason.value().trim() };
      let bad = false;
      if (year) {
        values.year = Number(year.value().trim());
        if (!/^\d{4}$/.test(year.value().trim())) { year.setError(C.issueYearInvalid); bad = true; }
      }
      if (!values.reason) { reason.setError(C.reasonRequired); bad = true; }
      if (bad) return;
      ok.disabled = true;
      ok.textContent = C.busy;
      try {
        await onSubmit(values);
        d.close();
      } catch (err) {
        if (err.handled) { d.close(); return; }
        let shown = false;
        if (err.fields?.reason) { reason.setError(err.fields.reason); shown = true; }
        if (err.fields?.year && year) { year.setError(err.fields.year); shown = true; }
        if (!shown) { msg.textContent = err.message; msg.classList.add('is-shown'); }
        ok.disabled = false;
        ok.textContent = confirmLabel;
      }
    },
  });
  const d = openDialog({
    title,
    role: variant === 'danger' ? 'alertdialog' : 'dialog',
    className: 'cert-dialog',
    body: [lead ? h('p', { class: 'cert-dialog-lead' }, lead) : null, year?.el, reason.el, msg],
    actions: [button(C.cancel, { variant: 'secondary', size: 'lg', attrs: { 'data-action': 'dialog-cancel' }, onClick: () => d.close() }), ok],
  });
  if (!year) reason.input.focus();
  return d;
}

function previewDialog(cert) {
  const d = openDialog({
    title: C.previewTitle(cert.cert_no),
    className: 'cert-preview-dialog',
    body: [previewImage(staffPreviewUrl(cert.id, 96), cert, 'cert-preview-large')],
    actions: [button(C.close, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'close-preview' }, onClick: () => d.close() })],
  });
}

export default {
  title: C.memberCertsTitle,
  auth: 'staff',
  render(ctx) {
    const memberId = ctx.params.get('id') || '';
    const role = getSession()?.role;
    const canPrint = PRINT_ROLES.includes(role);
    const isAdmin = role === 'admin';
    const body = h('div', { class: 'staff-member-certs' });
    const result = h('div', { class: 'cert-result', attrs: { 'aria-live': 'polite' } });
    const say = (text, kind = 'info') => {
      result.replaceChildren(text ? notice(text, kind) : '');
      if (text) result.firstChild.dataset.test = 'cert-result';
    };
    const tracker = printTracker({
      alive: ctx.alive,
      onBusy: (busy) => { for (const b of body.querySelectorAll('[data-action="print"]')) b.disabled = busy; },
    });
    // staff follow their job in the printer's list (there is no per-job route for staff)
    const pollJob = async (jobId) => ((await staffPrinter()).jobs || []).find((j) => j.id === jobId) || null;

    function certCard(cert) {
      const state = certState(cert);
      const valid = cert.status === 'valid';
      const actions = [
        button(C.preview, { variant: 'secondary', attrs: { 'data-action': 'preview' }, onClick: () => previewDialog(cert) }),
        h('a', { class: 'btn btn-secondary', href: staffPdfUrl(cert.id), attrs: { download: '', 'data-action': 'pdf' } }, C.downloadPdf),
        canPrint && valid ? button(C.print, {
          variant: 'primary', attrs: { 'data-action': 'print' }, disabled: tracker.isRunning(),
          onClick: () => { say(''); tracker.start(() => staffPrintCertificate(cert.id), pollJob); },
        }) : null,
        isAdmin && valid ? button(C.reissue, {
          variant: 'secondary', attrs: { 'data-action': 'reissue' },
          onClick: () => reasonDialog({
            title: C.reissueTitle, lead: C.reissueBody(cert.cert_no), confirmLabel: C.reissue,
            onSubmit: async ({ reason }) => {
              const r = await reissueCertificate(cert.id, reason);
              say(C.reissued(r.certificate?.cert_no || ''));
              load();
            },
          }),
        }) : null,
        isAdmin && valid ? button(C.voidAction, {
          variant: 'danger', attrs: { 'data-action': 'void' },
          onClick: () => reasonDialog({
            title: C.voidTitle, lead: C.voidBody(cert.cert_no, cert.name), confirmLabel: C.voidConfirm, variant: 'danger',
            onSubmit: async ({ reason }) => {
              await voidCertificate(cert.id, reason);
              say(C.voided(cert.cert_no), 'warning');
              load();
            },
          }),
        }) : null,
      ];
      return h('div', { class: ['card', 'staff-cert', `staff-cert-${state}`], dataset: { cert: cert.cert_no, state } },
        h('div', { class: 'staff-cert-head' },
          h('h3', { class: 'staff-cert-no' }, h('span', { class: 'cert-no' }, cert.cert_no)),
          statusBadge(cert)),
        certFacts(cert, { keys: ['name', 'year', 'version', 'issued_on', 'valid_until', 'issue_reason', ...(cert.note ? ['note'] : [])] }),
        h('div', { class: 'actions staff-cert-actions' }, actions));
    }

    function show(data) {
      const m = data.member || {};
      const certs = data.certificates || [];
      const fact = (key, value) => (value ? h('div', { class: 'fact', dataset: { fact: key } }, h('dt', {}, C.memberFacts[key]), h('dd', {}, String(value))) : null);
      fill(body,
        h('div', { class: 'card member-summary' },
          h('h2', { class: 'member-name', dataset: { test: 'member-name' } }, m.name || ''),
          h('dl', { class: 'facts' },
            fact('type', m.type_label || S.memberTypes[m.type] || m.member_type_label),
            fact('member_no', m.member_no),
            fact('status', m.status_label),
            fact('valid_until', m.valid_until),
            fact('login_id', m.login_id)),
          canPrint ? h('div', { class: 'actions' }, button(C.issue, {
            variant: 'primary', size: 'lg', attrs: { 'data-action': 'issue' },
            onClick: () => reasonDialog({
              title: C.issueTitle, confirmLabel: C.submit, withYear: true,
              onSubmit: async ({ year, reason }) => {
                const r = await issueCertificate(memberId, year, reason);
                say(C.issued(r.certificate?.cert_no || ''));
                load();
              },
            }),
          })) : null),
        tracker.el,
        certs.length ? certs.map(certCard) : h('div', { class: 'empty-state' }, h('div', { class: 'empty-title' }, C.memberCertsEmpty)));
    }

    async function load() {
      if (!body.firstChild) body.replaceChildren(loading());
      try {
        const data = await staffMemberCertificates(memberId);
        if (!ctx.alive()) return;
        show(data);
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        body.replaceChildren(loadError(err, load));
      }
    }
    load();
    return page(C.memberCertsTitle, result, body);
  },
};
