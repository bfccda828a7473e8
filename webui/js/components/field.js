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
  if (useKeyboard || ime) {
    keyboard.bind(input, { ime });
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

// Shows an API error's per-field messages on the matching fields. Returns true if any
// field message was shown.
export function showFieldErrors(fields, err) {
  let shown = false;
  for (const [name, msg] of Object.entries(err?.fields || {})) {
    if (fields[name]) { fields[name].setError(msg); shown = true; }
  }
  return shown;
}
