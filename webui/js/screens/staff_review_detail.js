import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { openDialog } from '../components/dialog.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { staffApplication, approveApplication, rejectApplication } from '../api.js';
import { formatTime } from './apply_flow.js';
import { M } from '../strings/staff_members.zh.js';
import { ST } from '../strings/status.zh.js';
import { keyboard } from '../components/keyboard.js';

// 入会申请详情: every field (label / value), the applicant's history, and 【通过】 (with a
// confirmation) / 【退回】 (with a required reason) while it is 待审核.
export default {
  title: S.rvDetailTitle,
  auth: 'staff',
  render(ctx) {
    const id = ctx.params.get('id') || '';
    const result = h('div', { class: 'decision-result', attrs: { 'aria-live': 'polite' } });
    const body = h('div', { class: 'review-detail' });

    const fact = (key, value) => h('div', { class: 'fact', dataset: { fact: key } }, h('dt', {}, S.rvFacts[key]), h('dd', {}, value || S.mcNone));

    function approve(app) {
      const msg = h('div', { class: 'form-message', attrs: { role: 'alert' } });
      const ok = button(S.rvApproveConfirm, {
        variant: 'primary', size: 'lg', attrs: { 'data-action': 'confirm-approve' },
        onClick: async () => {
          ok.disabled = true;
          ok.textContent = S.rvBusy;
          try {
            const r = await approveApplication(app.id);
            d.close();
            if (!ctx.alive()) return;
            result.replaceChildren(notice(S.rvApproved(r.member_no, r.login_id), 'info'));
            result.firstChild.dataset.test = 'approved';
            load();
          } catch (err) {
            if (err.handled) { d.close(); return; }
            msg.textContent = err.message;
            msg.classList.add('is-shown');
            ok.disabled = false;
            ok.textContent = S.rvApproveConfirm;
          }
        },
      });
      const d = openDialog({
        title: S.rvApproveTitle,
        role: 'alertdialog',
        body: [h('p', {}, S.rvApproveBody(app.name)), msg],
        actions: [button(S.rvCancel, { variant: 'secondary', size: 'lg', onClick: () => d.close() }), ok],
      });
    }

    function reject(app) {
      const reasonId = 'reject-reason';
      const area = h('textarea', { id: reasonId, class: 'input textarea', rows: 4, placeholder: S.rvReasonPlaceholder, attrs: { maxlength: 500, 'aria-describedby': `${reasonId}-err`, 'aria-required': 'true' } });
      keyboard.bind(area, { ime: 'text' }); // reasons take Chinese at the kiosk too
      const err = h('div', { id: `${reasonId}-err`, class: 'field-error', attrs: { 'aria-live': 'polite' } });
      const fieldEl = h('div', { class: 'field', dataset: { field: 'reason' } },
        h('label', { class: 'field-label is-required', htmlFor: reasonId }, S.rvReason), area, err);
      const ok = button(S.rvRejectConfirm, {
        variant: 'danger', size: 'lg', attrs: { 'data-action': 'confirm-reject' },
        onClick: async () => {
          err.textContent = '';
          fieldEl.classList.remove('has-error');
          ok.disabled = true;
          ok.textContent = S.rvBusy;
          try {
            await rejectApplication(app.id, area.value.trim());
            d.close();
            if (!ctx.alive()) return;
            result.replaceChildren(notice(S.rvRejected, 'warning'));
            result.firstChild.dataset.test = 'rejected';
            load();
          } catch (e) {
            if (e.handled) { d.close(); return; }
            err.textContent = e.fields?.reason || e.message;
            fieldEl.classList.add('has-error');
            ok.disabled = false;
            ok.textContent = S.rvRejectConfirm;
          }
        },
      });
      const d = openDialog({
        title: S.rvRejectTitle,
        body: [fieldEl],
        actions: [button(S.rvCancel, { variant: 'secondary', size: 'lg', onClick: () => d.close() }), ok],
      });
      area.focus();
    }

    function show(data) {
      const app = data.application || {};
      const history = (data.history || []).filter((x) => x.id !== app.id);
      const decision = app.status === 'submitted'
        ? h('div', { class: 'decision-bar card' },
          button(S.rvApprove, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'approve' }, onClick: () => approve(app) }),
          button(S.rvReject, { variant: 'danger', size: 'lg', attrs: { 'data-action': 'reject' }, onClick: () => reject(app) }))
        : null;
      body.replaceChildren(
        h('div', { class: 'card', dataset: { status: app.status } },
          h('h2', { class: 'member-name' }, app.name || ''),
          h('dl', { class: 'facts' },
            h('div', { class: 'fact', dataset: { fact: 'status' } }, h('dt', {}, S.rvFacts.status),
              h('dd', { class: `status-${app.status}` }, app.status_label || S.rvStatus[app.status] || '',
                app.overdue ? h('span', { class: 'badge badge-overdue' }, S.rvOverdue) : null)),
            fact('type', app.type_label || S.memberTypes[app.member_type]),
            fact('applicant_key', app.applicant_key),
            fact('submitted_at', formatTime(app.submitted_at)),
            fact('due_date', app.due_date_estimated
              ? h('span', {}, app.due_date, h('span', { class: 'due-estimated', dataset: { test: 'estimated' }, attrs: { title: ST.estimatedHint } }, ST.estimated))
              : app.due_date),
            app.decided_at ? fact('decided_at', formatTime(app.decided_at)) : null,
            app.decided_by ? fact('decided_by', app.decided_by) : null,
            app.reject_reason ? fact('reject_reason', app.reject_reason) : null)),
        decision,
        h('h2', { class: 'section-title' }, S.rvFieldsTitle),
        h('div', { class: 'card' }, h('dl', { class: 'facts app-fields' }, (app.fields || []).map((f) =>
          h('div', { class: 'fact', dataset: { fact: f.key } }, h('dt', {}, f.label), h('dd', {}, f.value === '' || f.value == null ? S.mcNone : String(f.value)))))),
        // Check-character overrides staff accepted when they entered the application (issue 8).
        (app.check_overrides || []).length ? h('div', { class: 'card', dataset: { test: 'check-overrides' } },
          h('h3', {}, M.overridesTitle),
          h('ul', {}, app.check_overrides.map((o) => h('li', { dataset: { override: o.field } }, M.overrideLine(o))))) : null,
        h('h2', { class: 'section-title' }, S.rvHistoryTitle),
        h('div', { class: 'card' }, history.length
          ? h('ul', { class: 'history-list' }, history.map((x) => h('li', { dataset: { app: x.id } },
            h('span', {}, formatTime(x.submitted_at)),
            h('span', { class: `status-${x.status}` }, x.status_label || S.rvStatus[x.status] || ''),
            x.reject_reason ? h('span', {}, S.applyRejectedReason(x.reject_reason)) : null)))
          : h('p', { class: 'hint-note' }, S.rvHistoryEmpty)));
    }

    async function load() {
      if (!body.firstChild) body.replaceChildren(loading());
      try {
        const data = await staffApplication(id);
        if (!ctx.alive()) return;
        show(data);
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        body.replaceChildren(loadError(err, load));
      }
    }
    load();
    return page(S.rvDetailTitle, result, body);
  },
};
