import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { field } from '../components/field.js';
import { table } from '../components/table.js';
import { openDialog } from '../components/dialog.js';
import { page, loading, loadError } from '../components/page.js';
import { staffCalendar, putCalendarDay, deleteCalendarDay } from '../api.js';

// 工作日历: the year's holidays (节假日) and make-up working days (调休上班) that the 5-working-
// day feedback deadline respects. Add or change a day, or remove one.
const KINDS = ['holiday', 'workday'];

export default {
  title: S.calTitle,
  auth: 'staff',
  render(ctx) {
    const thisYear = new Date().getFullYear();
    const year = Number(ctx.params.get('year')) || thisYear;
    const goYear = (y) => ctx.go(`/staff/calendar?year=${y}`, { replace: true });

    const yearBar = h('div', { class: 'cal-year' },
      button(S.calPrevYear, { variant: 'secondary', onClick: () => goYear(year - 1) }),
      h('span', { class: 'cal-year-label', dataset: { test: 'year' } }, S.calYear(year)),
      button(S.calNextYear, { variant: 'secondary', onClick: () => goYear(year + 1) }));

    // --- add a day ---
    const day = field({ label: S.calDay, name: 'day', type: 'date', required: true });
    day.input.min = `${year}-01-01`;
    day.input.max = `${year}-12-31`;
    let kind = 'holiday';
    const kindButtons = KINDS.map((k) => h('button', {
      type: 'button', class: 'btn btn-chip', dataset: { kind: k }, attrs: { 'aria-pressed': k === kind ? 'true' : 'false' },
      onclick: () => { kind = k; kindButtons.forEach((b) => b.setAttribute('aria-pressed', b.dataset.kind === kind ? 'true' : 'false')); },
    }, S.calKinds[k]));
    const kindField = h('div', { class: 'field', dataset: { field: 'kind' } },
      h('span', { class: 'field-label is-required', id: 'cal-kind-lbl' }, S.calKind),
      h('div', { class: 'chips', attrs: { role: 'group', 'aria-labelledby': 'cal-kind-lbl' } }, kindButtons),
      h('div', { class: 'field-error' }));
    const name = field({ label: S.calName, name: 'name', placeholder: S.calNamePlaceholder, maxLength: 50, ime: 'text' });
    const message = h('div', { class: 'form-message', attrs: { role: 'alert' } });
    const save = button(S.calSave, { variant: 'primary', size: 'lg', type: 'submit' });
    const form = h('form', {
      class: 'form',
      noValidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        day.clearError(); name.clearError();
        message.classList.remove('is-shown');
        if (!day.value()) { day.setError(S.calDayRequired); return; }
        save.disabled = true;
        try {
          await putCalendarDay(day.value(), kind, name.value().trim());
          if (!ctx.alive()) return;
          day.setValue(''); name.setValue('');
          load();
        } catch (err) {
          if (err.handled) return;
          const f = err.fields || {};
          if (f.day) day.setError(f.day);
          if (f.name) name.setError(f.name);
          if (!f.day && !f.name) { message.textContent = f.kind || err.message; message.classList.add('is-shown'); }
        } finally {
          save.disabled = false;
        }
      },
    }, h('div', { class: 'cal-form' }, day.el, kindField, name.el), message, h('div', {}, save));

    const list = h('div', { class: 'cal-list' });
    function confirmRemove(d) {
      const ok = button(S.calRemove, {
        variant: 'danger', size: 'lg', attrs: { 'data-action': 'confirm-remove' },
        onClick: async () => {
          ok.disabled = true;
          try { await deleteCalendarDay(d.day); dlg.close(); if (ctx.alive()) load(); } catch (err) {
            dlg.close();
            if (!err.handled) list.prepend(h('div', { class: 'notice notice-error', attrs: { role: 'alert' } }, err.message));
          }
        },
      });
      const dlg = openDialog({
        title: S.calRemoveTitle, role: 'alertdialog', body: [h('p', {}, S.calRemoveBody(d.day))],
        actions: [button(S.rvCancel, { variant: 'secondary', size: 'lg', onClick: () => dlg.close() }), ok],
      });
    }
    async function load() {
      list.replaceChildren(loading());
      try {
        const data = await staffCalendar(year);
        if (!ctx.alive()) return;
        const days = (data.days || []).slice().sort((a, b) => String(a.day).localeCompare(String(b.day)));
        if (!days.length) { list.replaceChildren(h('div', { class: 'empty-state' }, h('div', { class: 'empty-title' }, S.calEmpty))); return; }
        const grid = table([
          { key: 'day', label: S.calCols.day, className: 'col-day' },
          { key: 'kind', label: S.calCols.kind, className: 'col-kind', format: (d) => h('span', { class: `kind-${d.kind}` }, S.calKinds[d.kind] || d.kind) },
          { key: 'name', label: S.calCols.name, className: 'col-name' },
          { key: 'action', label: S.calCols.action, className: 'col-action', format: (d) => button(S.calRemove, { variant: 'secondary', attrs: { 'data-remove': d.day }, onClick: () => confirmRemove(d) }) },
        ], days, { caption: S.calTitle, className: 'cal-table' });
        grid.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.day = days[i].day; });
        list.replaceChildren(grid);
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        list.replaceChildren(loadError(err, load));
      }
    }
    load();
    return page(S.calTitle, h('p', { class: 'page-lead' }, S.calLead), yearBar,
      h('div', { class: 'card' }, h('h2', { class: 'card-title' }, S.calAddTitle), form),
      list);
  },
};
