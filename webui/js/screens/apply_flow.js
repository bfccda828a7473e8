import { S } from '../strings.zh.js';
import { h, paragraphs } from '../components/dom.js';
import { button } from '../components/button.js';
import { defField } from '../components/form_field.js';
import { showFieldErrors } from '../components/field.js';
import { notice, loadInto } from '../components/page.js';
import { keyboard } from '../components/keyboard.js';
import { contentPage, submitApplication } from '../api.js';

// The 入会申请 flow shared by the public 入会申请 screens and the member center:
// charter (tick “已阅读并同意…” to enable 【同意并申请】) → the form of the type, built from the
// server's definition → the success message. Also the pages for the other stages of a
// member's application (under review / approved).

function formatTime(s) {
  return s ? String(s).replace('T', ' ').replace(/(:\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/, '$1').slice(0, 16) : S.mcNone;
}
export { formatTime };

// container: the element the flow draws into. form: the server's Form. prefill: {key:value}.
// rejected: the last Application when it was rejected (its reason is shown above the form).
export function startApplyFlow(ctx, container, { form, prefill = {}, rejected = null }) {
  const show = (...nodes) => {
    keyboard.close();
    container.replaceChildren(...nodes.filter(Boolean));
    window.scrollTo(0, 0);
  };

  const rejectedNotice = rejected && rejected.reject_reason
    ? h('div', { class: 'notice notice-error reject-notice', attrs: { role: 'alert' }, dataset: { test: 'reject-reason' } },
      h('div', { class: 'reject-title' }, S.applyRejectedTitle),
      h('div', { class: 'reject-reason' }, S.applyRejectedReason(rejected.reject_reason)),
      h('div', { class: 'reject-hint' }, S.applyRejectedHint))
    : null;

  // --- step 1: the charter ---
  function charterStep() {
    const title = h('h2', { class: 'card-title' }, S.applyCharterTitle);
    const body = h('div', { class: 'prose charter-body', attrs: { tabindex: '0' } });
    loadInto(body, () => contentPage('charter'), (data) => {
      if (data.title) title.textContent = data.title;
      return paragraphs(data.body);
    }, ctx.alive);
    const agreeBtn = button(S.applyAgreeButton, { variant: 'primary', size: 'lg', disabled: true, attrs: { 'data-action': 'agree' }, onClick: () => formStep() });
    const tick = h('input', { type: 'checkbox', class: 'agree-check', id: 'agree-charter', onchange: () => { agreeBtn.disabled = !tick.checked; } });
    show(
      rejectedNotice,
      h('p', { class: 'page-lead' }, S.applyCharterLead),
      h('div', { class: 'card charter-card' }, title, body),
      h('div', { class: 'agree-bar card' },
        h('label', { class: 'agree-label', htmlFor: 'agree-charter' }, tick, h('span', {}, S.applyAgree)),
        agreeBtn));
  }

  // --- step 2: the form ---
  function formStep() {
    const fields = {};
    const els = (form.fields || []).map((def) => {
      const f = defField(def, prefill?.[def.key] ?? '');
      fields[def.key] = f;
      return f.el;
    });
    const message = h('div', { class: 'form-message', attrs: { role: 'alert', 'aria-live': 'assertive' }, dataset: { test: 'apply-message' } });
    const showMessage = (text) => { message.textContent = text || ''; message.classList.toggle('is-shown', !!text); };
    const submit = button(S.applySubmit, { variant: 'primary', size: 'lg', type: 'submit', className: 'btn-block' });
    const formEl = h('form', {
      class: 'form apply-form',
      noValidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        keyboard.close();
        showMessage('');
        const values = {};
        for (const [key, f] of Object.entries(fields)) {
          f.clearError();
          if (f.def.readonly) continue;
          const v = f.value().trim();
          if (v) values[key] = v;
        }
        submit.disabled = true;
        submit.textContent = S.applyBusy;
        try {
          await submitApplication(form.type, values);
          if (!ctx.alive()) return;
          successStep();
        } catch (err) {
          if (err.handled || !ctx.alive()) return;
          const first = showFieldErrors(fields, err);
          const extra = Object.entries(err.fields || {}).filter(([k]) => !fields[k]).map(([, m]) => m);
          if (err.status === 400 && first) showMessage([S.applyFormError, ...extra].join(' '));
          else showMessage([err.message, ...extra].join(' '));
          if (!first) message.scrollIntoView({ block: 'center' });
        } finally {
          if (submit.isConnected) { submit.disabled = false; submit.textContent = S.applySubmit; }
        }
      },
    }, els, message, submit);
    show(
      rejectedNotice,
      h('p', { class: 'page-lead' }, S.applyFormLead),
      h('div', { class: 'card apply-form-card' },
        h('h2', { class: 'card-title form-title' }, form.title || S.applyButtons[form.type]),
        formEl));
  }

  // --- step 3: done ---
  function successStep() {
    show(h('div', { class: 'card result-card', attrs: { role: 'status' } },
      h('p', { class: 'result-text', dataset: { test: 'apply-success' } }, S.applySuccess),
      h('div', { class: 'actions' }, button(S.home, { variant: 'primary', size: 'lg', onClick: () => ctx.goHome() }))));
  }

  charterStep();
}

// The page for a member's application that is not open for (re)submission.
export function stagePage(ctx, data) {
  const app = data.application || {};
  if (data.stage === 'under_review') {
    return h('div', { class: 'card status-card', dataset: { stage: 'under_review' } },
      h('h2', { class: 'card-title' }, S.applyUnderReviewTitle),
      h('p', {}, S.applyUnderReviewBody),
      h('dl', { class: 'facts' },
        h('div', { class: 'fact', dataset: { fact: 'submitted_at' } }, h('dt', {}, S.applySubmittedAt), h('dd', {}, formatTime(app.submitted_at))),
        h('div', { class: 'fact', dataset: { fact: 'due_date' } }, h('dt', {}, S.applyDueDate), h('dd', {}, app.due_date || S.mcNone))));
  }
  if (data.stage === 'approved') {
    return h('div', { class: 'card status-card', dataset: { stage: 'approved' } },
      h('h2', { class: 'card-title' }, S.applyApprovedTitle),
      h('p', { class: 'result-text', dataset: { test: 'approved-text' } }, S.applyApprovedBody(data.member_no || S.mcNone)),
      h('dl', { class: 'facts' },
        h('div', { class: 'fact', dataset: { fact: 'member_no' } }, h('dt', {}, S.applyMemberNo), h('dd', {}, data.member_no || S.mcNone))),
      h('div', { class: 'actions' },
        button(S.applyDuesLink, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'dues' }, onClick: () => ctx.go('/member/dues') })));
  }
  return h('div', { class: 'card status-card', dataset: { stage: data.stage || '' } },
    h('h2', { class: 'card-title' }, S.applyWithdrawnTitle),
    h('p', {}, S.applyWithdrawnBody));
}

// Draws a logged-in member's application (GET /member/application) into `container`.
export function memberApplicationInto(ctx, container, data) {
  if (data.stage === 'apply') {
    const last = data.application;
    startApplyFlow(ctx, container, {
      form: data.form,
      prefill: data.prefill || {},
      rejected: last && last.status === 'rejected' ? last : null,
    });
  } else {
    container.replaceChildren(stagePage(ctx, data));
  }
}
