import { h, clear, append } from './dom.js';

// A modal dialog: backdrop + centred card. Returns handles to update or close it.
//   const d = openDialog({ title, body: [nodes], actions: [buttons], role: 'alertdialog' });
const open = new Set();

export function openDialog({ title, body = [], actions = [], role = 'dialog', className } = {}) {
  const titleId = `dlg-${Math.random().toString(36).slice(2)}`;
  const bodyEl = h('div', { class: 'dialog-body' });
  append(bodyEl, [body]);
  const card = h('div', {
    class: ['dialog', className],
    attrs: { role, 'aria-modal': 'true', 'aria-labelledby': titleId },
  },
  h('h2', { id: titleId, class: 'dialog-title' }, title),
  bodyEl,
  h('div', { class: 'dialog-actions' }, actions));
  const backdrop = h('div', { class: 'dialog-backdrop' }, card);
  document.body.append(backdrop);
  const handle = {
    el: card,
    setBody(...nodes) { clear(bodyEl); append(bodyEl, nodes); },
    close() { backdrop.remove(); open.delete(handle); },
    isOpen: () => backdrop.isConnected,
  };
  open.add(handle);
  const first = card.querySelector('.dialog-actions button');
  if (first) first.focus({ preventScroll: true });
  return handle;
}

export function closeAllDialogs() {
  for (const d of [...open]) d.close();
}
