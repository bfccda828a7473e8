import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { defField } from '../components/form_field.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { myJob, createJob, updateJob } from '../api_jobs.js';
import { J } from '../strings/jobs.zh.js';

// 发布 / 修改招聘信息 (agency): the posting form. Numbers and the phone are typed on the on-screen
// keyboard; 薪资面议 is a large tick box that hides the range; 有效期至 has a date field and
// large buttons for 1个月 … 1年. The server checks every field and answers next to it; an edit
// goes back to review.
const DEFS = [
  { key: 'title', kind: 'text', required: true, max_chars: 50 },
  { key: 'positions', kind: 'text', required: true, max_chars: 100 },
  { key: 'headcount', kind: 'count', required: true, max_chars: 3 },
  { key: 'place', kind: 'text', required: true, max_chars: 50 },
  { key: 'pay_min', kind: 'count', required: true, max_chars: 7 },
  { key: 'pay_max', kind: 'count', required: true, max_chars: 7 },
  { key: 'contact_name', kind: 'text', required: true, max_chars: 50 },
  { key: 'contact_phone', kind: 'phone', required: true },
  { key: 'valid_until', kind: 'date', required: true },
  { key: 'requirements', kind: 'textarea', max_chars: 2000 },
].map((d) => ({ ...d, label: J.labels[d.key] }));

// Today + n days in Asia/Shanghai, "YYYY-MM-DD".
function inDays(n) {
  return new Date(Date.now() + 8 * 3600 * 1000 + n * 86400 * 1000).toISOString().slice(0, 10);
}

function formValues(j) {
  if (!j) return {};
  return {
    title: j.title, positions: j.positions, headcount: j.headcount, place: j.place,
    pay_min: j.pay?.negotiable ? '' : j.pay?.min, pay_max: j.pay?.negotiable ? '' : j.pay?.max,
    contact_name: j.contact_name, contact_phone: j.contact_phone, valid_until: j.valid_until, requirements: j.requirements,
  };
}

export default {
  title: J.newTitle,
  auth: 'member',
  render(ctx) {
    const id = ctx.params.get('id') || '';
    const body = h('div', { class: 'job-form-slot' }, loading());

    function form(job) {
      const initial = formValues(job);
      const fields = DEFS.map((d) => defField(d, initial[d.key] ?? ''));
      const byKey = Object.fromEntries(fields.map((f) => [f.def.key, f]));
      const tick = h('input', { type: 'checkbox', class: 'agree-check', id: 'pay-negotiable', name: 'pay_negotiable', checked: !!job?.pay?.negotiable });
      const range = h('div', { class: 'job-pay-range' }, byKey.pay_min.el, byKey.pay_max.el);
      const syncPay = () => { range.hidden = tick.checked; };
      tick.addEventListener('change', () => { byKey.pay_min.clearError(); byKey.pay_max.clearError(); syncPay(); });
      syncPay();
      const negotiable = h('label', { class: 'agree-label job-negotiable', htmlFor: 'pay-negotiable', dataset: { field: 'pay_negotiable' } },
        tick, h('span', {}, J.labels.pay_negotiable));
      const periods = h('div', { class: 'chips job-periods', attrs: { role: 'group', 'aria-label': J.validFor } },
        J.periods.map(([days, label]) => h('button', {
          type: 'button', class: 'btn btn-chip', dataset: { days },
          onclick: () => { byKey.valid_until.setValue(inDays(days)); byKey.valid_until.clearError(); },
        }, label)));
      byKey.valid_until.el.append(periods);
      for (const f of fields) f.input.addEventListener('input', () => f.clearError());

      const message = h('div', { attrs: { 'aria-live': 'polite' } });
      const submit = button(id ? J.submitEdit : J.submitNew, { variant: 'primary', size: 'lg', type: 'submit', attrs: { 'data-action': 'submit-job' } });
      const el = h('form', {
        class: 'card form job-form', noValidate: true,
        onsubmit: async (e) => {
          e.preventDefault();
          fields.forEach((f) => f.clearError());
          message.replaceChildren();
          const values = Object.fromEntries(fields.map((f) => [f.def.key, f.value().trim()]));
          values.pay_negotiable = tick.checked;
          submit.disabled = true;
          try {
            if (id) await updateJob(id, values);
            else await createJob(values);
            if (ctx.alive()) ctx.go(`/member/jobs?done=${id ? 'saved' : 'filed'}`, { replace: true });
          } catch (err) {
            submit.disabled = false;
            if (err.handled) return;
            let first = null;
            for (const [key, msg] of Object.entries(err.fields || {})) if (byKey[key]) { byKey[key].setError(msg); first = first || byKey[key]; }
            message.replaceChildren(notice(first ? J.fixFields : err.message, 'error'));
            if (first) { first.el.scrollIntoView({ block: 'center' }); first.input.focus?.({ preventScroll: true }); }
          }
        },
      },
      id ? notice(J.editNote, 'warning') : null,
      byKey.title.el, byKey.positions.el, byKey.headcount.el, byKey.place.el,
      negotiable, range, byKey.contact_name.el, byKey.contact_phone.el, byKey.valid_until.el, byKey.requirements.el,
      message, h('div', { class: 'actions' }, submit));
      body.replaceChildren(el);
    }

    async function load() {
      if (!id) { form(null); return; }
      body.replaceChildren(loading());
      try {
        const { job } = await myJob(id);
        if (ctx.alive()) form(job);
      } catch (err) {
        if (ctx.alive() && !err.handled) body.replaceChildren(loadError(err, load));
      }
    }
    load();
    return page(id ? J.editTitle : J.newTitle, h('p', { class: 'page-lead' }, J.formLead), body);
  },
};
