import { h } from './dom.js';

// A data table. columns: [{ key, label, className, format(row) }]. Cells carry a data-label
// so narrow screens can stack each row as a card (see .table in theme.css).
export function table(columns, rows, { caption, className } = {}) {
  return h('div', { class: ['table-wrap', className] },
    h('table', { class: 'table' },
      caption ? h('caption', { class: 'sr-only' }, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.className }, c.label)))),
      h('tbody', {}, rows.map((row) => h('tr', {},
        columns.map((c) => h('td', { class: c.className, dataset: { label: c.label } },
          c.format ? c.format(row) : String(row[c.key] ?? ''))))))));
}
