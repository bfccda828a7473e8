import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { defField } from '../components/form_field.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { applicationForm } from '../api.js';
import { memberProfile, saveProfile, profileChanges } from '../api_profile.js';
import { P } from '../strings/profile.zh.js';
import { formatTime } from './apply_flow.js';

// 会员信息修改: the profile fields that need no approval (the server marks them editable), drawn
// from the same field definitions as the application form; only changed values are sent, the
// server checks them as the form does, and each saved change shows in 修改记录.
export default {
  title: P.editTitle,
  auth: 'member',
  render(ctx) {
    const body = h('div', { class: 'profile-edit' });
    const changes = h('div', { class: 'card profile-changes', dataset: { test: 'changes' } });

    const showChanges = async () => {
      try {
        const { items = [] } = await profileChanges();
        if (!ctx.alive()) return;
        changes.replaceChildren(h('h2', { class: 'section-title' }, P.changesTitle),
          items.length
            ? h('ul', { class: 'change-list' }, items.map((c) => h('li', { dataset: { key: c.key } },
              h('span', { class: 'change-at' }, formatTime(c.at)), ' ', P.change(c.label, c.before, c.after))))
            : h('p', {}, P.changesEmpty));
      } catch { /* the list is a convenience; the form still works */ }
    };

    const load = async () => {
      body.replaceChildren(loading());
      try {
        const data = await memberProfile();
        if (!ctx.alive()) return;
        if (!data.can_edit) { body.replaceChildren(notice(data.member?.status === 'withdrawn' ? P.withdrawn : P.notEditable, 'warning')); return; }
        const { form } = await applicationForm(data.member.type);
        if (!ctx.alive()) return;
        const values = Object.fromEntries((data.fields || []).map((f) => [f.key, f.value]));
        const editable = new Set((data.fields || []).filter((f) => f.editable).map((f) => f.key));
        const fields = (form.fields || []).filter((d) => editable.has(d.key)).map((d) => defField({ ...d, readonly: false }, values[d.key] ?? ''));
        if (!fields.length) { body.replaceChildren(notice(P.editNone)); return; }
        const byKey = Object.fromEntries(fields.map((f) => [f.def.key, f]));
        const message = h('div', { attrs: { 'aria-live': 'polite' } });
        const submit = button(P.save, { variant: 'primary', size: 'lg', type: 'submit', attrs: { 'data-action': 'save-profile' } });
        const formEl = h('form', {
          class: 'form', noValidate: true,
          onsubmit: async (e) => {
            e.preventDefault();
            fields.forEach((f) => f.clearError());
            const changed = {};
            for (const f of fields) if (f.value().trim() !== String(values[f.def.key] ?? '')) changed[f.def.key] = f.value().trim();
            if (!Object.keys(changed).length) { message.replaceChildren(notice(P.nothingChanged)); return; }
            submit.disabled = true;
            try {
              await saveProfile(changed);
              if (!ctx.alive()) return;
              Object.assign(values, changed);
              message.replaceChildren(notice(P.saved(Object.keys(changed).length)));
              message.firstChild.dataset.test = 'saved';
              showChanges();
            } catch (err) {
              if (err.handled) return;
              let first = null;
              for (const [key, msg] of Object.entries(err.fields || {})) {
                if (byKey[key]) { byKey[key].setError(msg); first = first || byKey[key]; }
              }
              message.replaceChildren(notice(first ? P.fixFields : err.message, 'error'));
              if (first) { first.el.scrollIntoView({ block: 'center' }); first.input.focus?.({ preventScroll: true }); }
            } finally {
              submit.disabled = false;
            }
          },
        }, h('p', { class: 'page-lead' }, P.editLead), fields.map((f) => f.el), message, h('div', { class: 'actions' }, submit));
        body.replaceChildren(h('div', { class: 'card' }, formEl));
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        body.replaceChildren(loadError(err, load));
      }
    };
    load();
    showChanges();
    return page(P.editTitle, body, changes);
  },
};
