import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { openDialog } from '../components/dialog.js';
import { page, notice, loadInto } from '../components/page.js';
import { memberProfile, requestWithdrawal, cancelWithdrawal } from '../api_profile.js';
import { P } from '../strings/profile.zh.js';
import { formatTime } from './apply_flow.js';

// 会员资料: the member's data by type (the approved application, or what the roster knows), the
// member status and validity, and 【我要退会】 — a confirmation dialog with optional reasons as
// large buttons (touch only), then a withdrawal request staff process. A pending request can be
// withdrawn again.
function facts(rows) {
  return h('dl', { class: 'facts' }, rows.map(([label, value, key]) =>
    h('div', { class: 'fact', dataset: { fact: key } }, h('dt', {}, label), h('dd', {}, value || P.none))));
}

function withdrawalCard(w, onCancel) {
  if (!w) return null;
  return h('div', { class: 'card withdrawal', dataset: { test: 'withdrawal', status: w.status } },
    h('h2', { class: 'section-title' }, P.withdrawalTitle),
    h('p', {}, P.withdrawalState(w.status_label)),
    h('p', {}, P.withdrawalFiledAt(formatTime(w.created_at))),
    w.reason ? h('p', {}, P.withdrawalReason(w.reason)) : null,
    w.decision_reason ? h('p', { dataset: { test: 'decision-reason' } }, P.withdrawalDecision(w.decision_reason)) : null,
    w.status === 'pending'
      ? button(P.cancelWithdrawal, { variant: 'secondary', size: 'lg', attrs: { 'data-action': 'cancel-withdrawal' }, onClick: () => onCancel(w) })
      : null);
}

export default {
  title: P.title,
  auth: 'member',
  render(ctx) {
    const body = h('div', { class: 'profile' });
    const result = h('div', { attrs: { 'aria-live': 'polite' } });
    const show = (msg, kind = 'info') => { result.replaceChildren(notice(msg, kind)); result.firstChild.dataset.test = 'profile-result'; };
    const load = () => loadInto(body, memberProfile, (data) => {
      const m = data.member || {};
      return [
        h('div', { class: 'card member-summary' },
          h('h2', { class: 'member-name', dataset: { test: 'member-name' } }, m.name || m.login_id || ''),
          facts([
            [P.facts.type, m.type_label, 'type'], [P.facts.status, m.status_label, 'status'],
            [P.facts.member_no, m.member_no, 'member_no'], [P.facts.valid_until, m.valid_until, 'valid_until'],
            [P.facts.login_id, m.login_id, 'login_id'],
          ])),
        m.status === 'withdrawn' ? notice(P.withdrawn, 'warning') : null,
        withdrawalCard(data.withdrawal, cancel),
        h('div', { class: 'card' },
          h('h2', { class: 'section-title' }, P.fieldsTitle),
          facts((data.fields || []).map((f) => [f.label, f.value, f.key]))),
        h('div', { class: 'actions' },
          data.can_edit ? button(P.toEdit, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'edit-profile' }, onClick: () => ctx.go('/member/profile/edit') }) : null,
          data.can_withdraw ? button(P.withdraw, { variant: 'danger', size: 'lg', attrs: { 'data-action': 'withdraw' }, onClick: confirmWithdraw }) : null),
      ];
    }, ctx.alive);

    async function cancel(w) {
      try {
        await cancelWithdrawal(w.id);
        if (!ctx.alive()) return;
        show(P.cancelled);
        load();
      } catch (err) {
        if (!err.handled) show(err.message, 'error');
      }
    }

    function confirmWithdraw() {
      let reason = '';
      const chips = P.withdrawReasons.map((r) => h('button', {
        type: 'button', class: 'btn btn-chip', dataset: { reason: r }, attrs: { 'aria-pressed': 'false' },
        onclick: () => {
          reason = reason === r ? '' : r;
          chips.forEach((c) => c.setAttribute('aria-pressed', c.dataset.reason === reason ? 'true' : 'false'));
        },
      }, r));
      const error = h('div', { class: 'field-error', attrs: { 'aria-live': 'polite' } });
      const confirm = button(P.withdrawConfirm, {
        variant: 'danger', size: 'lg', attrs: { 'data-action': 'confirm-withdraw' },
        onClick: async () => {
          confirm.disabled = true;
          try {
            await requestWithdrawal(reason);
            dialog.close();
            if (!ctx.alive()) return;
            show(P.withdrawFiled);
            load();
          } catch (err) {
            confirm.disabled = false;
            if (!err.handled) error.textContent = err.fields?.reason || err.message;
          }
        },
      });
      const keep = button(P.withdrawKeep, { variant: 'secondary', size: 'lg', attrs: { 'data-action': 'keep' }, onClick: () => dialog.close() });
      const dialog = openDialog({
        title: P.withdrawTitle,
        role: 'alertdialog',
        body: [h('p', {}, P.withdrawPrompt),
          h('div', { class: 'field' }, h('span', { class: 'field-label' }, P.withdrawReasonLabel),
            h('div', { class: 'chips', attrs: { role: 'group', 'aria-label': P.withdrawReasonLabel } }, chips)),
          error],
        actions: [keep, confirm],
      });
    }

    load();
    return page(P.title, result, body);
  },
};
