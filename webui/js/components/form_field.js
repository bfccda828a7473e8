import { h, nextId } from './dom.js';
import { S } from '../strings.zh.js';
import { keyboard } from './keyboard.js';

// A form field built from a server definition (CONTRACT.md `Field`):
// {key, label, kind, required, readonly, max_chars?, choices?}. Label (red star when
// required), the input for its kind, and an error slot under it.
//   const f = defField(def, value); f.value(); f.setValue(v); f.setError(msg);

// Kinds typed with letters/digits only: served by the on-screen keyboard.
const OSK_KINDS = new Set(['uscc', 'resident_id', 'mobile', 'phone', 'email', 'postcode', 'url',
  'agency_code', 'qualification_no', 'practice_no', 'count']);
const INPUT_MODE = { date: 'numeric', mobile: 'tel', phone: 'tel', postcode: 'numeric', count: 'numeric', email: 'email', url: 'url',
  agency_code: 'numeric', qualification_no: 'numeric', practice_no: 'numeric' };
// Free text takes Chinese through the keyboard's pinyin; people's names rank surnames and
// given-name characters first.
const IME_KINDS = new Set(['text', 'textarea']);
const PERSON_NAME_KEYS = new Set(['name', 'head_name', 'contact_name', 'recipient', 'contact_person', 'legal_representative']);
const MAX = { date: 10, uscc: 18, resident_id: 18, mobile: 14, postcode: 6, agency_code: 5, qualification_no: 7, practice_no: 11, count: 6 };

export function defField(def, initial = '') {
  const id = nextId(`f-${def.key}`);
  const errId = `${id}-err`;
  const readonly = !!def.readonly;
  const error = h('div', { id: errId, class: 'field-error', attrs: { 'aria-live': 'polite' } });
  const label = h('label', { class: ['field-label', def.required && 'is-required'], htmlFor: id }, def.label);
  let control;
  let getValue;
  let setValue;
  const row = h('div', { class: 'field-input-row' });

  if (def.kind === 'choice' && !readonly) {
    const name = `${id}-choice`;
    const radios = (def.choices || []).map((c) => h('input', { type: 'radio', name, value: c, class: 'choice-radio' }));
    control = h('div', {
      class: 'choices',
      id,
      attrs: { role: 'radiogroup', 'aria-labelledby': `${id}-lbl`, 'aria-describedby': errId, 'aria-required': def.required ? 'true' : undefined },
    }, radios.map((r) => h('label', { class: 'choice' }, r, h('span', { class: 'choice-text' }, r.value))));
    label.id = `${id}-lbl`;
    label.removeAttribute('for');
    getValue = () => radios.find((r) => r.checked)?.value || '';
    setValue = (v) => { for (const r of radios) r.checked = r.value === v; };
  } else if (def.kind === 'textarea') {
    control = h('textarea', {
      id, name: def.key, class: 'input textarea', rows: 4, readOnly: readonly,
      attrs: { maxlength: def.max_chars, 'aria-describedby': errId, 'aria-required': def.required ? 'true' : undefined },
    });
    getValue = () => control.value;
    setValue = (v) => { control.value = v ?? ''; };
  } else {
    // Dates are typed as digits on the on-screen keyboard (YYYY-MM-DD, impossible dates
    // refused key by key), not with the browser's date picker, which touch alone cannot drive
    // well and which shows the month before the year.
    const type = def.kind === 'email' && !readonly ? 'email' : 'text';
    control = h('input', {
      id, name: def.key, type, class: ['input', readonly && 'is-readonly'], readOnly: readonly, autocomplete: 'off',
      attrs: {
        autocapitalize: 'off', autocorrect: 'off', spellcheck: 'false',
        maxlength: def.max_chars || MAX[def.kind],
        inputmode: INPUT_MODE[def.kind],
        placeholder: def.kind === 'date' && !readonly ? S.osk.datePlaceholder : undefined,
        'aria-describedby': errId,
        'aria-required': def.required ? 'true' : undefined,
        'aria-readonly': readonly ? 'true' : undefined,
      },
    });
    getValue = () => control.value;
    setValue = (v) => { control.value = v ?? ''; };
  }
  row.append(control);
  const ime = IME_KINDS.has(def.kind) ? (PERSON_NAME_KEYS.has(def.key) ? 'name' : 'text') : '';
  if ((OSK_KINDS.has(def.kind) || ime || def.kind === 'date') && !readonly) {
    keyboard.bind(control, { ime, date: def.kind === 'date' });
    row.append(h('button', {
      type: 'button',
      class: 'btn btn-ghost field-kbd',
      attrs: { 'aria-label': `${S.osk.open}：${def.label}` },
      onclick: () => { control.focus(); keyboard.open(control); },
    }, S.osk.open));
  }
  setValue(initial == null ? '' : String(initial));

  const el = h('div', { class: ['field', readonly && 'is-readonly'], dataset: { field: def.key, kind: def.kind } }, label, row, error);
  return {
    def,
    el,
    input: control,
    value: () => getValue(),
    setValue,
    setError(msg) {
      error.textContent = msg || '';
      el.classList.toggle('has-error', !!msg);
      control.setAttribute('aria-invalid', msg ? 'true' : 'false');
    },
    clearError() { this.setError(''); },
  };
}
