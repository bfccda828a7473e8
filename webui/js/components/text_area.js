import { h, nextId } from './dom.js';
import { keyboard } from './keyboard.js';

// A labelled multi-line text field with an error slot (the textarea twin of field()). It takes
// Chinese through the on-screen keyboard's pinyin.
export function textArea({ label, name, required, rows = 6, maxLength, placeholder } = {}) {
  const id = nextId(`f-${name}`);
  const input = h('textarea', {
    id, name, class: 'input textarea', rows, placeholder,
    attrs: { maxlength: maxLength, 'aria-describedby': `${id}-err`, 'aria-required': required ? 'true' : undefined },
  });
  keyboard.bind(input, { ime: 'text' });
  const error = h('div', { id: `${id}-err`, class: 'field-error', attrs: { 'aria-live': 'polite' } });
  const el = h('div', { class: 'field', dataset: { field: name } },
    h('label', { class: ['field-label', required && 'is-required'], htmlFor: id }, label), input, error);
  return {
    el,
    input,
    value: () => input.value,
    setValue: (v) => { input.value = v ?? ''; },
    setError(msg) { error.textContent = msg || ''; el.classList.toggle('has-error', !!msg); input.setAttribute('aria-invalid', msg ? 'true' : 'false'); },
    clearError() { this.setError(''); },
  };
}
