import { h, nextId } from './dom.js';
import { S } from '../strings.zh.js';
import { keyboard } from './keyboard.js';

// A labelled form field with an error slot right under the input.
//   const f = field({ label: '账号', name: 'login_id', keyboard: true });
//   f.value(); f.setError('...'); f.clearError(); f.input.focus();
// `ime`: 'text' or 'name' when the field takes Chinese (the keyboard's pinyin; see keyboard.js).
export function field({ label, name, type = 'text', placeholder, hint, required, keyboard: useKeyboard,
  autocomplete = 'off', maxLength, inputMode, ime } = {}) {
  const id = nextId(`f-${name}`);
  const errId = `${id}-err`;
  // A date is typed as digits on the on-screen keyboard (see form_field.js).
  const date = type === 'date';
  if (date) {
    type = 'text';
    inputMode = 'numeric';
    maxLength = 10;
    placeholder = placeholder || S.osk.datePlaceholder;
  }
  const hintId = hint ? `${id}-hint` : undefined;
  const input = h('input', {
    id,
    name,
    type,
    class: 'input',
    placeholder,
    autocomplete,
    attrs: {
      autocapitalize: 'off',
      autocorrect: 'off',
      spellcheck: 'false',
      maxlength: maxLength,
      inputmode: inputMode,
      'aria-describedby': [hintId, errId].filter(Boolean).join(' '),
      'aria-required': required ? 'true' : undefined,
    },
  });
  const error = h('div', { id: errId, class: 'field-error', attrs: { 'aria-live': 'polite' } });
  const row = h('div', { class: 'field-input-row' }, input);
  if (useKeyboard || ime || date) {
    keyboard.bind(input, { ime, date });
    row.append(h('button', {
      type: 'button',
      class: 'btn btn-ghost field-kbd',
      attrs: { 'aria-label': `${S.osk.open}：${label}` },
      onclick: () => { input.focus(); keyboard.open(input); },
    }, S.osk.open));
  }
  const el = h('div', { class: 'field', dataset: { field: name } },
    // The required star is drawn by CSS (.is-required::after) so the label text stays the
    // field's plain name.
    h('label', { class: ['field-label', required && 'is-required'], htmlFor: id }, label),
    row,
    hint ? h('div', { id: hintId, class: 'field-hint' }, hint) : null,
    error);

  return {
    el,
    input,
    value: () => input.value,
    setValue: (v) => { input.value = v; },
    setError(msg) {
      error.textContent = msg || '';
      el.classList.toggle('has-error', !!msg);
      input.setAttribute('aria-invalid', msg ? 'true' : 'false');
    },
    clearError() { this.setError(''); },
  };
}

// Shows an API error's per-field messages on the matching fields and brings the first bad field
// — in the form's order (the order of `fields`), not the order of the server's answer — into view
// with the focus, so the on-screen keyboard opens on it and keeps it above itself. Returns that
// field, or null when no field message was shown.
export function showFieldErrors(fields, err) {
  const bad = err?.fields || {};
  let first = null;
  for (const [name, f] of Object.entries(fields)) {
    if (!f || !(name in bad)) continue;
    f.setError(bad[name]);
    first = first || f;
  }
  focusField(first);
  return first;
}

// Scrolls a field to the middle of the screen and focuses its control (a choice group: its
// first choice).
export function focusField(f) {
  if (!f?.el) return;
  f.el.scrollIntoView({ block: 'center' });
  const c = f.input;
  const target = c instanceof HTMLInputElement || c instanceof HTMLTextAreaElement ? c : c?.querySelector?.('input');
  target?.focus({ preventScroll: true });
}
