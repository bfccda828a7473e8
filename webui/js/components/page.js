import { h, append } from './dom.js';
import { S } from '../strings.zh.js';
import { button } from './button.js';

// Building blocks for a screen's content area.

export function page(title, ...children) {
  return h('section', { class: 'page' },
    title ? h('h1', { class: 'page-title' }, title) : null,
    ...children);
}

export function card(...children) {
  return h('div', { class: 'card' }, ...children);
}

export function notice(text, kind = 'info') {
  return h('div', { class: ['notice', `notice-${kind}`], attrs: { role: kind === 'error' ? 'alert' : 'status' } }, text);
}

export function loading() {
  return h('div', { class: 'loading', attrs: { role: 'status' } }, h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }), S.loading);
}

// An error panel for a failed load, with a retry button.
export function loadError(err, onRetry) {
  return h('div', { class: 'card load-error', attrs: { role: 'alert' } },
    h('h2', { class: 'card-title' }, S.loadFailed),
    h('p', {}, err?.message || S.unknownError),
    onRetry ? button(S.retry, { variant: 'primary', onClick: onRetry }) : null);
}

// Replaces a container's content with the result of an async loader, showing a spinner
// meanwhile and an error panel (with retry) on failure. `alive()` says whether the screen
// is still shown; late results for a screen that was left are dropped.
export async function loadInto(container, loader, renderFn, alive = () => true) {
  container.replaceChildren(loading());
  try {
    const data = await loader();
    if (!alive()) return;
    container.replaceChildren();
    append(container, [renderFn(data)]);
  } catch (err) {
    if (!alive() || err?.handled) return;
    container.replaceChildren(loadError(err, () => loadInto(container, loader, renderFn, alive)));
  }
}
