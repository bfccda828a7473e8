import { h } from './dom.js';
import { S } from '../strings.zh.js';
import { afterTap } from './pointer.js';
import { request } from '../api.js';

// On-screen keyboard: letters, digits and @ . - for ids, phones and e-mail, and pinyin for
// Chinese text (names, addresses, searches).
// One instance, docked at the bottom of the screen. It opens when a bound field gets focus,
// types at the caret of that field, and keeps the field visible above itself (the page gets
// bottom padding the height of the keyboard and is scrolled as needed). Keys never take focus
// (pointerdown is cancelled), so the caret stays in the field.
//
// Pinyin (fields bound with { ime: 'text' | 'name' }): letters collect in a composition shown
// in the candidate bar; the daemon (GET /ime, CONTRACT.md "Pinyin input") answers candidates,
// each saying how many letters it stands for. Tapping one types it and leaves the rest of the
// letters to convert; 退格 takes letters back before characters; 空格 picks the first
// candidate; 中/英 switches to letters for the field. Name fields ask for surnames first, then
// given-name characters once the field holds the surname.

const ROWS = [
  ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
  ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
  ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', '@'],
  ['shift', 'z', 'x', 'c', 'v', 'b', 'n', 'm', '.', '-'],
  ['mode', 'clear', 'space', 'backspace', 'done'],
];
const PAGE = 7; // candidates in the bar at once
const MAX_PINYIN = 60; // what GET /ime takes
const CACHE = 200; // lookups remembered (backspacing over letters asks nothing again)
// Inputs with a caret the keyboard can type at; others (type=email, number) have no selection
// API, so text goes at the end and 退格 takes from the end.
const CARET_TYPES = new Set(['text', 'search', 'url', 'tel', 'password']);
const hasCaret = (el) => el instanceof HTMLTextAreaElement || CARET_TYPES.has(el.type);

class OnScreenKeyboard {
  constructor() {
    this.el = null;
    this.target = null;
    this.shift = false;
    this.pendingClose = false;
    this.ime = ''; // the target's pinyin kind ('' = letters only)
    this.pinyin = false; // pinyin mode on for the target
    this.buffer = ''; // pinyin letters not yet converted
    this.cands = [];
    this.page = 0;
    this.seq = 0;
    this.cache = new Map();
    this.unavailable = false; // the daemon has no dictionary: letters only
  }

  // Marks an input as one the keyboard serves; `ime` ('text' or 'name') lets it type Chinese;
  // `date` makes it a digits-only date entry (see dateEntry below).
  bind(input, { ime, date } = {}) {
    input.dataset.osk = '1';
    if (ime) input.dataset.oskIme = ime;
    if (date) input.dataset.oskDate = '1';
  }

  install(root = document.body) {
    if (this.el) return;
    this.pinyinText = h('span', { class: 'osk-ime-pinyin', dataset: { test: 'ime-pinyin' } });
    this.candRow = h('div', { class: 'osk-ime-cands', attrs: { role: 'listbox', 'aria-label': S.osk.candidates } });
    this.prevKey = this.#barKey('prev', '‹', S.osk.prevPage);
    this.nextKey = this.#barKey('next', '›', S.osk.nextPage);
    this.bar = h('div', { class: 'osk-ime', hidden: true, dataset: { test: 'ime-bar' } },
      this.pinyinText, this.candRow, this.prevKey, this.nextKey);
    const keys = h('div', { class: 'osk-keys' });
    for (const row of ROWS) {
      const r = h('div', { class: 'osk-row' });
      for (const key of row) r.append(this.#key(key));
      keys.append(r);
    }
    this.el = h('div', { class: 'osk', hidden: true, attrs: { role: 'group', 'aria-label': S.osk.label } }, this.bar, keys);
    root.append(this.el);

    document.addEventListener('focusin', (e) => {
      const t = e.target;
      if ((t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement) && t.dataset.osk === '1' && !t.readOnly && !t.disabled) {
        this.pendingClose = false;
        if (t !== this.target || !this.isOpen()) this.open(t);
      } else if (this.isOpen() && !this.el.contains(t)) {
        this.#closeSoon();
      }
    });
    window.addEventListener('resize', () => this.#keepVisible());
  }

  isOpen() {
    return !!this.el && !this.el.hidden;
  }

  open(input) {
    if (!this.el) this.install();
    if (this.target !== input) this.#resetComposition();
    this.target = input;
    this.ime = input.dataset.oskIme || '';
    this.pinyin = !!this.ime && !this.unavailable;
    this.el.hidden = false;
    this.el.classList.toggle('osk-has-ime', !!this.ime);
    this.el.classList.toggle('osk-date', input.dataset.oskDate === '1');
    document.body.classList.add('osk-open');
    this.#render();
    document.documentElement.style.setProperty('--osk-height', `${this.el.offsetHeight}px`);
    this.#keepVisible();
  }

  close() {
    this.pendingClose = false;
    this.#resetComposition();
    if (!this.el || this.el.hidden) return;
    this.el.hidden = true;
    this.target = null;
    this.#setShift(false);
    document.body.classList.remove('osk-open');
    document.documentElement.style.setProperty('--osk-height', '0px');
  }

  // The idle reset and 退出登录: nothing of the last person stays — not the letters being
  // composed, not 大写, not the lookups remembered from what they typed.
  reset() {
    this.close();
    this.#setShift(false);
    this.cache.clear();
  }

  // A focus change caused by a tap closes the keyboard only after that tap's click has
  // landed, so the layout does not move under the finger.
  #closeSoon() {
    this.pendingClose = true;
    afterTap(() => { if (this.pendingClose) this.close(); });
  }

  #noFocus(btn) {
    btn.addEventListener('pointerdown', (e) => e.preventDefault());
    btn.addEventListener('mousedown', (e) => e.preventDefault());
    return btn;
  }

  #key(key) {
    const labels = { shift: S.osk.shift, backspace: S.osk.backspace, clear: S.osk.clear, done: S.osk.done, space: S.osk.space, mode: S.osk.modeZh };
    const special = key in labels;
    const btn = this.#noFocus(h('button', {
      type: 'button',
      class: ['osk-key', special && `osk-${key}`],
      tabIndex: -1,
      dataset: { key },
      attrs: { 'aria-pressed': key === 'shift' || key === 'mode' ? 'false' : undefined },
    }, special ? labels[key] : key));
    btn.addEventListener('click', () => this.#press(key));
    return btn;
  }

  #barKey(key, text, label) {
    const btn = this.#noFocus(h('button', { type: 'button', class: `osk-ime-page osk-ime-${key}`, tabIndex: -1, dataset: { key }, attrs: { 'aria-label': label } }, text));
    btn.addEventListener('click', () => this.#turn(key === 'next' ? 1 : -1));
    return btn;
  }

  #setShift(on) {
    this.shift = on;
    if (!this.el) return;
    this.el.classList.toggle('osk-shifted', on);
    const shiftKey = this.el.querySelector('.osk-shift');
    if (shiftKey) shiftKey.setAttribute('aria-pressed', on ? 'true' : 'false');
    for (const b of this.el.querySelectorAll('.osk-key')) {
      const k = b.dataset.key;
      if (k.length === 1 && /[a-z]/.test(k)) b.textContent = on ? k.toUpperCase() : k;
    }
  }

  #press(key) {
    const input = this.target;
    if (key === 'done') { this.close(); return; }
    if (key === 'shift') { this.#setShift(!this.shift); return; }
    if (key === 'mode') {
      this.pinyin = !this.pinyin && !!this.ime && !this.unavailable;
      this.#resetComposition();
      this.#render();
      return;
    }
    if (!input || !input.isConnected) { this.close(); return; }
    if (document.activeElement !== input) input.focus({ preventScroll: true });
    if (input.dataset.oskDate === '1' && key !== 'clear') {
      const next = dateEntry(input.value, key);
      if (next === null) { this.#refuse(key); return; }
      input.value = next;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      return;
    }
    const composing = this.pinyin && this.buffer;
    if (this.pinyin && !this.shift && /^[a-z]$/.test(key)) {
      if (this.buffer.length < MAX_PINYIN) this.buffer += key;
      this.#lookup();
      return;
    }
    if (composing && key === 'backspace') {
      this.buffer = this.buffer.slice(0, -1);
      this.#lookup();
      return;
    }
    if (composing && key === 'space') {
      if (this.cands.length) this.#pick(0);
      return;
    }
    if (key === 'clear') {
      this.#resetComposition();
      this.#render();
      input.value = '';
    } else if (key === 'backspace') {
      if (!hasCaret(input)) {
        input.value = Array.from(input.value).slice(0, -1).join('');
        input.dispatchEvent(new Event('input', { bubbles: true }));
        return;
      }
      const start = input.selectionStart ?? input.value.length;
      const end = input.selectionEnd ?? input.value.length;
      if (start !== end) input.setRangeText('', start, end, 'end');
      else if (start > 0) {
        // A character outside the BMP is two code units: take both.
        const cut = start > 1 && /[\uDC00-\uDFFF]/.test(input.value[start - 1]) ? 2 : 1;
        input.setRangeText('', start - cut, start, 'end');
      }
    } else {
      const ch = key === 'space' ? ' ' : this.shift ? key.toUpperCase() : key;
      if (!this.#insert(ch)) return;
    }
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }

  // A key that would make the date impossible: the key flashes, nothing is typed.
  #refuse(key) {
    const btn = this.el.querySelector(`.osk-key[data-key="${key}"]`);
    if (!btn) return;
    btn.classList.remove('is-refused');
    void btn.offsetWidth; // restart the animation
    btn.classList.add('is-refused');
  }

  // Types text at the caret unless the field's maxlength would be passed.
  #insert(text) {
    const input = this.target;
    const max = input.maxLength > 0 ? input.maxLength : Infinity;
    if (!hasCaret(input)) {
      if (input.value.length + text.length > max) return false;
      input.value += text;
      return true;
    }
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? input.value.length;
    if (input.value.length - (end - start) + text.length > max) return false;
    input.setRangeText(text, start, end, 'end');
    return true;
  }

  #pick(i) {
    const c = this.cands[i];
    const input = this.target;
    if (!c || !input || !input.isConnected) return;
    if (document.activeElement !== input) input.focus({ preventScroll: true });
    if (!this.#insert(c.text)) return;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    this.buffer = this.buffer.slice(c.consumed);
    this.#lookup();
  }

  #turn(step) {
    const pages = Math.ceil(this.cands.length / PAGE);
    this.page = Math.min(Math.max(this.page + step, 0), Math.max(pages - 1, 0));
    this.#render();
  }

  #resetComposition() {
    this.buffer = '';
    this.cands = [];
    this.page = 0;
    this.seq += 1; // answers still on their way are dropped
  }

  // Asks the daemon for the candidates of the letters typed so far (the last answer wins).
  async #lookup() {
    const q = this.buffer;
    const seq = ++this.seq;
    this.page = 0;
    if (!q) { this.cands = []; this.#render(); return; }
    const kind = this.ime === 'name' ? (this.target?.value.trim() ? 'given_name' : 'name') : 'text';
    const key = `${kind}:${q}`;
    this.#render(); // the letters show at once; candidates follow
    let cands = this.cache.get(key);
    if (!cands) {
      try {
        const r = await request('GET', `/ime?q=${encodeURIComponent(q)}&kind=${kind}`, undefined, { quiet: true });
        cands = r.candidates || [];
      } catch (err) {
        if (seq !== this.seq) return;
        if (err.status === 503) this.#giveUpPinyin(q);
        return;
      }
      this.cache.set(key, cands);
      if (this.cache.size > CACHE) this.cache.delete(this.cache.keys().next().value);
    }
    if (seq !== this.seq) return;
    this.cands = cands;
    this.#render();
  }

  // No dictionary on the daemon: the letters typed go into the field and the keyboard stays
  // in letters mode, saying why.
  #giveUpPinyin(letters) {
    this.unavailable = true;
    this.pinyin = false;
    this.#resetComposition();
    if (this.target && this.#insert(letters)) this.target.dispatchEvent(new Event('input', { bubbles: true }));
    this.#render();
  }

  #render() {
    if (!this.el) return;
    const on = this.pinyin && !!this.ime;
    const mode = this.el.querySelector('.osk-mode');
    if (mode) {
      mode.textContent = on ? S.osk.modeZh : S.osk.modeEn;
      mode.setAttribute('aria-pressed', on ? 'true' : 'false');
      mode.setAttribute('aria-label', on ? S.osk.toLetters : S.osk.toPinyin);
    }
    this.el.classList.toggle('osk-pinyin', on);
    // The bar keeps its place while the field takes Chinese, so the keyboard does not jump.
    this.bar.hidden = !this.ime;
    this.pinyinText.textContent = on ? (this.buffer || S.osk.pinyinHint) : (this.unavailable ? S.osk.imeUnavailable : S.osk.lettersMode);
    this.pinyinText.classList.toggle('is-empty', !on || !this.buffer);
    const shown = on ? this.cands.slice(this.page * PAGE, (this.page + 1) * PAGE) : [];
    this.candRow.replaceChildren(...shown.map((c, i) => {
      const b = this.#noFocus(h('button', {
        type: 'button', class: 'osk-cand', tabIndex: -1, dataset: { cand: c.text },
        attrs: { role: 'option', 'aria-selected': 'false' },
      }, c.text));
      b.addEventListener('click', () => this.#pick(this.page * PAGE + i));
      return b;
    }));
    const pages = Math.ceil(this.cands.length / PAGE);
    this.prevKey.disabled = !on || this.page <= 0;
    this.nextKey.disabled = !on || this.page >= pages - 1;
  }

  // Scrolls the page so the focused field sits between the sticky header and the keyboard.
  #keepVisible() {
    const input = this.target;
    if (!input || !this.isOpen()) return;
    document.documentElement.style.setProperty('--osk-height', `${this.el.offsetHeight}px`);
    const kbTop = window.innerHeight - this.el.offsetHeight;
    const header = document.querySelector('.shell-top');
    const topLimit = header ? header.getBoundingClientRect().bottom : 0;
    const r = input.getBoundingClientRect();
    const margin = 16;
    if (r.bottom + margin > kbTop) window.scrollBy(0, r.bottom + margin - kbTop);
    else if (r.top - margin < topLimit) window.scrollBy(0, r.top - margin - topLimit);
  }
}

// The digits-only date entry: `value` (YYYY-MM-DD or a beginning of it) after `key`, or null
// when the key would make a date that cannot exist (a year outside 1900–2099, month 13, 31 June,
// 29 February of a common year). Hyphens come by themselves; 退格 takes a digit back.
export function dateEntry(value, key) {
  const digits = String(value || '').replace(/\D/g, '').slice(0, 8);
  let next;
  if (key === 'backspace') next = digits.slice(0, -1);
  else if (/^[0-9]$/.test(key)) next = digits + key;
  else return null;
  if (next.length > 8 || !datePrefixOk(next)) return null;
  // A part just completed gets its hyphen at once; after 退格 the hyphen goes with its digit.
  const typing = key !== 'backspace';
  let out = next.slice(0, 4);
  if (next.length > 4 || (next.length === 4 && typing)) out += '-';
  out += next.slice(4, 6);
  if (next.length > 6 || (next.length === 6 && typing)) out += '-';
  return out + next.slice(6, 8);
}

function datePrefixOk(s) {
  if (s.length >= 1 && !/[12]/.test(s[0])) return false;
  if (s.length >= 2 && !['19', '20'].includes(s.slice(0, 2))) return false;
  if (s.length >= 5 && !/[01]/.test(s[4])) return false;
  if (s.length >= 6) {
    const m = Number(s.slice(4, 6));
    if (m < 1 || m > 12) return false;
  }
  if (s.length >= 7 && !/[0-3]/.test(s[6])) return false;
  if (s.length === 8) {
    const y = Number(s.slice(0, 4));
    const m = Number(s.slice(4, 6));
    const d = Number(s.slice(6, 8));
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    if (d < 1 || d > days) return false;
  }
  if (s.length === 7 && s.slice(4, 6) === '02' && s[6] === '3') return false;
  return true;
}

export const keyboard = new OnScreenKeyboard();
