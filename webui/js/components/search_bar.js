import { h } from './dom.js';
import { button } from './button.js';
import { field } from './field.js';
import { keyboard } from './keyboard.js';

// A search field with the on-screen keyboard and 【搜索】【清除】 buttons. onSearch(text) gets the
// trimmed text ('' for 清除).
export function searchBar({ label, name = 'q', placeholder, value = '', maxLength = 64, searchLabel, clearLabel, onSearch, ime = 'text' }) {
  const f = field({ label, name, placeholder, keyboard: true, maxLength, ime });
  f.setValue(value);
  f.input.setAttribute('enterkeyhint', 'search');
  return h('form', {
    class: 'dir-search', attrs: { role: 'search' },
    onsubmit: (e) => { e.preventDefault(); keyboard.close(); onSearch(f.value().trim()); },
  }, f.el, h('div', { class: 'dir-search-actions' },
    button(searchLabel, { variant: 'primary', type: 'submit', attrs: { 'data-action': 'search' } }),
    button(clearLabel, { variant: 'secondary', onClick: () => onSearch('') })));
}

// A row of chips filtering a list: one pressed. values: ['', 'a', …]; labelOf(v) names each.
export function filterChips({ label, values, current, labelOf, dataKey, onPick }) {
  return h('div', { class: 'filter-row', attrs: { role: 'group', 'aria-label': label } },
    h('span', { class: 'filter-label' }, label),
    values.map((v) => h('button', {
      type: 'button', class: 'btn btn-chip', dataset: { [dataKey]: v || 'all' },
      attrs: { 'aria-pressed': current === v ? 'true' : 'false' },
      onclick: () => onPick(v),
    }, labelOf(v))));
}
