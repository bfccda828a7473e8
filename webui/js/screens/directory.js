import { S } from '../strings.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { field } from '../components/field.js';
import { table } from '../components/table.js';
import { page, loading, loadError } from '../components/page.js';
import { directory } from '../api.js';

// 会员名录: search by name or member number (Chinese substring), filter by type, page.
const TYPES = ['agency', 'attorney', 'industry_org', 'non_practicing'];
const PAGE_SIZE = 20;

export default {
  title: S.dirTitle,
  render(ctx) {
    const state = { q: '', type: '', page: 1 };
    let seq = 0;
    let composing = false;
    let debounce = null;

    const search = field({
      label: S.dirSearchLabel, name: 'q', placeholder: S.dirSearchPlaceholder, keyboard: true, maxLength: 64, ime: 'text',
    });
    search.input.setAttribute('enterkeyhint', 'search');
    search.input.addEventListener('compositionstart', () => { composing = true; });
    search.input.addEventListener('compositionend', () => { composing = false; schedule(); });
    search.input.addEventListener('input', () => { if (!composing) schedule(); });

    const form = h('form', {
      class: 'dir-search',
      attrs: { role: 'search' },
      onsubmit: (e) => { e.preventDefault(); submit(); },
    }, search.el,
    h('div', { class: 'dir-search-actions' },
      button(S.dirSearch, { variant: 'primary', type: 'submit' }),
      button(S.dirClear, { variant: 'secondary', onClick: () => { search.setValue(''); submit(); } })));

    const typeButtons = ['', ...TYPES].map((t) => h('button', {
      type: 'button',
      class: 'btn btn-chip',
      dataset: { type: t || 'all' },
      attrs: { 'aria-pressed': t === state.type ? 'true' : 'false' },
      onclick: () => { state.type = t; state.page = 1; syncTypes(); load(); },
    }, t ? S.memberTypes[t] : S.dirTypeAll));
    const types = h('div', { class: 'chips', attrs: { role: 'group', 'aria-label': S.dirTypeFilter } }, typeButtons);
    const syncTypes = () => typeButtons.forEach((b) => b.setAttribute('aria-pressed', (b.dataset.type === (state.type || 'all')) ? 'true' : 'false'));

    const results = h('div', { class: 'dir-results', attrs: { 'aria-live': 'polite' } });

    function schedule() {
      clearTimeout(debounce);
      debounce = setTimeout(() => { if (ctx.alive()) submit(); }, 400);
    }

    function submit() {
      clearTimeout(debounce);
      state.q = search.value().trim();
      state.page = 1;
      load();
    }

    async function load() {
      const mine = ++seq;
      results.replaceChildren(loading());
      try {
        const data = await directory({ q: state.q, type: state.type, page: state.page, pageSize: PAGE_SIZE });
        if (mine !== seq || !ctx.alive()) return;
        results.replaceChildren(...renderResults(data));
      } catch (err) {
        if (mine !== seq || !ctx.alive() || err.handled) return;
        results.replaceChildren(loadError(err, load));
      }
    }

    function renderResults(data) {
      const total = Number(data.total) || 0;
      const size = Number(data.page_size) || PAGE_SIZE;
      const pageNo = Number(data.page) || state.page;
      const pages = Math.max(1, Math.ceil(total / size));
      const items = data.items || [];
      const summary = h('div', { class: 'dir-summary' },
        h('span', { class: 'dir-total' }, S.dirTotal(total)),
        total ? h('span', { class: 'dir-pageinfo' }, S.dirPage(pageNo, pages)) : null);
      if (!items.length) {
        return [summary, h('div', { class: 'empty-state', attrs: { role: 'status' } },
          h('div', { class: 'empty-title' }, S.dirEmpty),
          h('p', { class: 'empty-hint' }, S.dirEmptyHint))];
      }
      const grid = table([
        { key: 'name', label: S.dirCols.name, className: 'col-name' },
        { key: 'member_no', label: S.dirCols.member_no, className: 'col-no' },
        { key: 'type', label: S.dirCols.type, className: 'col-type', format: (r) => r.type_label || S.memberTypes[r.type] || r.type || '' },
        { key: 'valid_until', label: S.dirCols.valid_until, className: 'col-date' },
      ], items, { caption: S.dirTitle, className: 'dir-table' });
      const goPage = (p) => { state.page = p; load(); window.scrollTo(0, 0); };
      const pager = h('div', { class: 'pager' },
        button(S.dirPrev, { variant: 'secondary', disabled: pageNo <= 1, onClick: () => goPage(pageNo - 1) }),
        h('span', { class: 'pager-info' }, S.dirPage(pageNo, pages)),
        button(S.dirNext, { variant: 'secondary', disabled: pageNo >= pages, onClick: () => goPage(pageNo + 1) }));
      return [summary, grid, pager];
    }

    load();
    return page(S.dirTitle, h('p', { class: 'page-lead' }, S.dirLead), h('div', { class: 'card' }, form, types), results);
  },
};
