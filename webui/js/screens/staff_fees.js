import { F } from '../strings/staff_dues.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { field } from '../components/field.js';
import { page, notice, loadInto } from '../components/page.js';
import { keyboard } from '../components/keyboard.js';
import { duesYears, saveDuesYear, formatFen, fenToInput, parseYuan, todayShanghai } from '../api_staff_dues.js';

// 会费标准: per year, the payment window (缴费时间) and the amount of every fee class, edited
// in 元 and saved as integer fen (PUT /staff/dues/years/{year}). The year is in the route, so a
// year that does not exist yet (【新增…年度】) opens as a draft prefilled from the year before.

export const FEE_CLASSES = ['agency_vice_president', 'agency_standing_director', 'agency_director', 'agency_ordinary',
  'attorney', 'industry_org', 'non_practicing'];
const AGENCY_CLASSES = FEE_CLASSES.slice(0, 4);
const MAX_FEN = 10_000_000; // the server's limit per class (100,000.00 元)

// The association's published standard (2019): the draft values when no year exists yet.
const STANDARD = {
  window: ['03-01', '04-30'],
  fees: {
    agency_vice_president: 5_000_000, agency_standing_director: 600_000, agency_director: 100_000,
    agency_ordinary: 100_000, attorney: 30_000, industry_org: 100_000, non_practicing: 30_000,
  },
};

function shiftDate(date, year) {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(date || '');
  if (!m) return '';
  const day = m[1] === '02' && m[2] === '29' ? '28' : m[2];
  return `${year}-${m[1]}-${day}`;
}

// The values the form starts with for `year`: the saved ones, or a draft.
function startValues(years, year) {
  const saved = years.find((y) => y.year === year);
  if (saved) {
    const fees = Object.fromEntries((saved.fees || []).map((f) => [f.fee_class, f.amount_fen]));
    return { saved: true, window_start: saved.window_start, window_end: saved.window_end, fees, labels: saved.fees || [] };
  }
  const before = years.filter((y) => y.year < year);
  const from = before.length ? before[before.length - 1] : years[years.length - 1];
  if (from) {
    const v = startValues(years, from.year);
    return { ...v, saved: false, from: from.year, window_start: shiftDate(v.window_start, year), window_end: shiftDate(v.window_end, year) };
  }
  return { saved: false, from: null, window_start: `${year}-${STANDARD.window[0]}`, window_end: `${year}-${STANDARD.window[1]}`, fees: STANDARD.fees, labels: [] };
}

// Which fee class a server field key names: "fees.attorney", "fees[4].amount_fen", "attorney".
function classOfKey(key, sent) {
  const parts = String(key).split(/[.[\]]+/).filter(Boolean);
  const named = parts.find((p) => FEE_CLASSES.includes(p));
  if (named) return named;
  const idx = parts.find((p) => /^\d+$/.test(p));
  return idx !== undefined && parts[0] === 'fees' ? sent[Number(idx)]?.fee_class : null;
}

export default {
  title: F.feesTitle,
  auth: 'staff',
  render(ctx) {
    const thisYear = Number(todayShanghai().slice(0, 4));
    const asked = Number(ctx.params.get('year'));
    const wanted = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : null; // the server's range
    const body = h('div', { class: 'fees-body' });
    let flash = null;
    const current = { year: null }; // the year on screen, kept across reloads after a save
    const goYear = (y) => ctx.go(`/staff/dues/fees?year=${y}`, { replace: true });

    function view(data) {
      const years = (data.years || []).slice().sort((a, b) => a.year - b.year);
      const year = current.year || wanted
        || (years.some((y) => y.year === thisYear) ? thisYear : years.length ? years[years.length - 1].year : thisYear);
      current.year = year;
      const v = startValues(years, year);
      const known = years.map((y) => y.year);
      const nextYear = Math.max(thisYear - 1, year, ...known) + 1;

      const chips = [...new Set([...known, year])].sort((a, b) => a - b).map((y) => h('button', {
        type: 'button', class: 'btn btn-chip', dataset: { year: y },
        attrs: { 'aria-pressed': y === year ? 'true' : 'false' },
        onclick: () => goYear(y),
      }, F.feesYear(y)));
      const picker = h('div', { class: 'card filter-bar' },
        h('div', { class: 'filter-row', attrs: { role: 'group', 'aria-label': F.feesYearPicker } },
          h('span', { class: 'filter-label' }, F.feesYearPicker), chips,
          button(F.feesAddYear(nextYear), { variant: 'ghost', attrs: { 'data-action': 'add-year' }, onClick: () => goYear(nextYear) })));

      // --- the form ---
      const start = field({ label: F.feesWindowStart, name: 'window_start', type: 'date', required: true });
      const end = field({ label: F.feesWindowEnd, name: 'window_end', type: 'date', required: true });
      start.setValue(v.window_start || '');
      end.setValue(v.window_end || '');
      const labelOf = (c) => v.labels.find((f) => f.fee_class === c)?.fee_label || F.feeClasses[c];
      const fees = {};
      for (const c of FEE_CLASSES) {
        const f = field({ label: F.feesAmountLabel(labelOf(c)), name: c, keyboard: true, inputMode: 'decimal', maxLength: 14, required: true });
        f.input.classList.add('input-money');
        f.setValue(v.fees[c] == null ? '' : fenToInput(v.fees[c]));
        fees[c] = f;
      }
      const message = h('div', { class: 'form-message', attrs: { role: 'alert' } });
      const save = button(F.feesSave, { variant: 'primary', size: 'lg', type: 'submit', attrs: { 'data-action': 'save' } });
      const all = { window_start: start, window_end: end, ...fees };

      async function submit(e) {
        e.preventDefault();
        keyboard.close();
        Object.values(all).forEach((f) => f.clearError());
        message.classList.remove('is-shown');
        let ok = true;
        for (const f of [start, end]) if (!f.value()) { f.setError(F.feesWindowRequired); ok = false; }
        if (ok && end.value() < start.value()) { end.setError(F.feesWindowOrder); ok = false; }
        const sent = [];
        for (const c of FEE_CLASSES) {
          const fen = parseYuan(fees[c].value());
          if (fen === null) { fees[c].setError(F.amountInvalid); ok = false; } else if (fen > MAX_FEN) { fees[c].setError(F.amountTooLarge(formatFen(MAX_FEN))); ok = false; } else sent.push({ fee_class: c, amount_fen: fen });
        }
        if (!ok) { message.textContent = F.formError; message.classList.add('is-shown'); return; }
        save.disabled = true;
        save.textContent = F.busy;
        try {
          await saveDuesYear(year, { window_start: start.value(), window_end: end.value(), fees: sent });
          if (!ctx.alive()) return;
          flash = F.feesSaved(year);
          load();
        } catch (err) {
          if (err.handled || !ctx.alive()) return;
          let shown = false;
          for (const [key, msg] of Object.entries(err.fields || {})) {
            const target = all[key] || fees[classOfKey(key, sent)];
            if (target) { target.setError(msg); shown = true; }
          }
          message.textContent = shown ? F.formError : err.message;
          message.classList.add('is-shown');
        } finally {
          save.disabled = false;
          save.textContent = F.feesSave;
        }
      }

      const form = h('form', { class: 'form fees-form', noValidate: true, onsubmit: submit, dataset: { year } },
        h('div', { class: 'card' },
          h('h2', { class: 'card-title' }, F.feesWindowTitle),
          h('div', { class: 'fees-window' }, start.el, end.el)),
        h('div', { class: 'card' },
          h('h2', { class: 'card-title' }, F.feesAmountsTitle),
          h('h3', { class: 'fees-group' }, F.feeGroups.agency),
          h('div', { class: 'fees-grid' }, AGENCY_CLASSES.map((c) => fees[c].el)),
          h('p', { class: 'hint-note' }, F.feesAgencyNote),
          h('h3', { class: 'fees-group' }, F.feeGroups.individual),
          h('div', { class: 'fees-grid' }, FEE_CLASSES.slice(4).map((c) => fees[c].el))),
        message,
        h('div', { class: 'actions' }, save));

      const saved = flash;
      flash = null;
      return [
        picker,
        saved ? h('div', { class: 'notice', attrs: { role: 'status' }, dataset: { test: 'saved' } }, saved) : null,
        v.saved ? null : notice(F.feesNewYear(year, v.from), 'warning'),
        form,
      ];
    }

    const load = () => loadInto(body, duesYears, view, ctx.alive);
    load();
    return page(F.feesTitle, h('p', { class: 'page-lead' }, F.feesLead), body);
  },
};
