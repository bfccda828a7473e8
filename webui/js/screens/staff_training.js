import { T } from '../strings/training.zh.js';
import { h, append } from '../components/dom.js';
import { button } from '../components/button.js';
import { field, showFieldErrors } from '../components/field.js';
import { keyboard } from '../components/keyboard.js';
import { pager } from '../components/pager.js';
import { table } from '../components/table.js';
import { page, notice, loading, loadError, loadInto } from '../components/page.js';
import { getSession } from '../session.js';
import { trainingClasses, trainingClass, createTrainingClass, updateTrainingClass } from '../api_training.js';

// 培训班管理 (reviewer, admin): the classes, newest start first, a page at a time (the page is in
// the route so 【返回】 comes back to it); 【新建培训班】 and 【修改培训班信息】 share one form whose
// field errors come from the server. Finance and desk have no part in training: they are told so.
const ROLES = ['reviewer', 'admin'];

// The 无权限 notice for a role without training, or for the server's 403; null when allowed.
export function forbidden(err) {
  if (err ? err.status === 403 && err.code === 'forbidden' : !ROLES.includes(getSession()?.role)) {
    const n = notice(T.forbidden, 'error');
    n.dataset.test = 'forbidden';
    return n;
  }
  return null;
}

// A paged list's summary and pager: { pages, summary, pagerFor(go) }.
export function paging(data, fallbackPage) {
  const total = Number(data.total) || 0;
  const pageNo = Number(data.page) || fallbackPage;
  const pages = Math.max(1, Math.ceil(total / (Number(data.page_size) || 20)));
  return {
    summary: h('div', { class: 'dir-summary' }, h('span', { class: 'dir-total' }, T.total(total)),
      total ? h('span', {}, T.pageOf(pageNo, pages)) : null),
    pagerFor: (go) => pager({ page: pageNo, pages, labels: T, go }),
  };
}

// 2026-03-10 至 2026-03-12, each date kept on one line.
export function classDates(c) {
  const day = (d) => h('span', { style: { whiteSpace: 'nowrap' } }, d);
  return h('span', {}, c.start_date === c.end_date ? day(c.start_date) : [day(c.start_date), T.datesTo, day(c.end_date)]);
}

// What the form just saved ('created' | 'updated'), said once by the class page it leads to.
let savedFlash = null;
export function takeSavedFlash() {
  const f = savedFlash;
  savedFlash = null;
  return f;
}

export default {
  title: T.listTitle,
  auth: 'staff',
  render(ctx) {
    const denied = forbidden();
    if (denied) return page(T.listTitle, denied);
    const pageNo = Math.max(1, Number(ctx.params.get('page')) || 1);
    const results = h('div', { class: 'training-classes', attrs: { 'aria-live': 'polite' } });
    const open = (c) => ctx.go(`/staff/training/class?id=${encodeURIComponent(c.id)}`);

    async function load() {
      results.replaceChildren(loading());
      try {
        const data = await trainingClasses({ page: pageNo });
        if (!ctx.alive()) return;
        const items = data.items || [];
        const p = paging(data, pageNo);
        if (!items.length) {
          results.replaceChildren(h('div', { class: 'empty-state' },
            h('div', { class: 'empty-title' }, T.listEmpty), h('p', { class: 'empty-hint' }, T.listEmptyHint)));
          return;
        }
        const grid = table([
          { key: 'name', label: T.cols.name, className: 'col-name', format: (c) => c.name },
          { key: 'dates', label: T.cols.dates, className: 'col-dates', format: classDates },
          { key: 'place', label: T.cols.place, className: 'col-place', format: (c) => c.place },
          { key: 'hours', label: T.cols.hours, className: 'col-hours', format: (c) => String(c.hours) },
          { key: 'action', label: T.cols.action, className: 'col-open', format: (c) => button(T.open, { variant: 'secondary', attrs: { 'data-open': c.id }, onClick: () => open(c) }) },
        ], items, { caption: T.listTitle, className: 'training-table' });
        grid.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.class = items[i].id; });
        results.replaceChildren();
        append(results, [p.summary, grid, p.pagerFor((n) => ctx.go(`/staff/training${n > 1 ? `?page=${n}` : ''}`, { replace: true }))]);
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        results.replaceChildren(forbidden(err) || loadError(err, load));
      }
    }
    load();
    return page(T.listTitle, h('p', { class: 'page-lead' }, T.listLead),
      h('div', { class: 'actions' },
        button(T.create, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'create-class' }, onClick: () => ctx.go('/staff/training/form') })),
      results);
  },
};

// /staff/training/form (new) and /staff/training/form?id=N (edit). Saving a new class replaces the
// form with the class page; saving an edit goes back to the class page it came from.
export const staffTrainingForm = {
  title: T.createTitle,
  auth: 'staff',
  render(ctx) {
    const id = ctx.params.get('id');
    const title = id ? T.editTitle : T.createTitle;
    const denied = forbidden();
    if (denied) return page(title, denied);
    const body = h('div', {});

    function form(c = {}) {
      const fields = {
        name: field({ label: T.fields.name, name: 'name', required: true, maxLength: 100, ime: 'text' }),
        start_date: field({ label: T.fields.start_date, name: 'start_date', type: 'date', required: true }),
        end_date: field({ label: T.fields.end_date, name: 'end_date', type: 'date', required: true }),
        place: field({ label: T.fields.place, name: 'place', required: true, maxLength: 100, ime: 'text' }),
        hours: field({ label: T.fields.hours, name: 'hours', required: true, keyboard: true, inputMode: 'numeric', maxLength: 4, hint: T.hoursHint }),
      };
      for (const [k, f] of Object.entries(fields)) {
        f.setValue(c[k] == null ? '' : String(c[k]));
        f.input.addEventListener('input', () => f.clearError());
      }
      const message = h('div', { class: 'form-message', attrs: { role: 'alert' } });
      const save = button(T.save, { variant: 'primary', size: 'lg', type: 'submit', attrs: { 'data-action': 'save-class' } });
      async function submit(e) {
        e.preventDefault();
        keyboard.close();
        Object.values(fields).forEach((f) => f.clearError());
        message.classList.remove('is-shown');
        const v = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.value().trim()]));
        // 学时 travels as a JSON integer; anything else is sent as typed for the server to refuse.
        if (/^\d{1,4}$/.test(v.hours)) v.hours = Number(v.hours);
        save.disabled = true;
        save.textContent = T.busy;
        try {
          const r = id ? await updateTrainingClass(id, v) : await createTrainingClass(v);
          if (!ctx.alive()) return;
          savedFlash = id ? 'updated' : 'created';
          if (id) ctx.back();
          else ctx.go(`/staff/training/class?id=${encodeURIComponent(r.class.id)}`, { replace: true });
        } catch (err) {
          if (err.handled || !ctx.alive()) return;
          const denied403 = forbidden(err);
          if (denied403) { body.replaceChildren(denied403); return; }
          const first = showFieldErrors(fields, err);
          message.textContent = first ? T.fixFields : err.message;
          message.classList.add('is-shown');
        } finally {
          save.disabled = false;
          save.textContent = T.save;
        }
      }
      return h('form', { class: 'card form training-form', noValidate: true, onsubmit: submit },
        Object.values(fields).map((f) => f.el), message,
        h('div', { class: 'actions' }, save, button(T.cancel, { size: 'lg', attrs: { 'data-action': 'cancel' }, onClick: () => ctx.back() })));
    }

    if (id) {
      loadInto(body, () => trainingClass(id).catch((err) => { if (forbidden(err)) return { denied: err }; throw err; }),
        (data) => (data.denied ? forbidden(data.denied) : form(data.class)), ctx.alive);
    } else {
      body.append(form());
    }
    return page(title, h('p', { class: 'page-lead' }, T.formLead), body);
  },
};
