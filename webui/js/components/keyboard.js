import { h } from './dom.js';
import { S } from '../strings.zh.js';
import { afterTap } from './pointer.js';

// On-screen keyboard for ids, passwords and searches (letters, digits, @ . -).
// One instance, docked at the bottom of the screen. It opens when a bound field gets
// focus, types at the caret of that field, and keeps the field visible above itself
// (the page gets bottom padding the height of the keyboard and is scrolled as needed).
// Keys never take focus (pointerdown is cancelled), so the caret stays in the field.

const ROWS = [
  ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
  ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
  ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', '@'],
  ['shift', 'z', 'x', 'c', 'v', 'b', 'n', 'm', '.', '-'],
  ['clear', 'backspace', 'done'],
];

class OnScreenKeyboard {
  constructor() {
    this.el = null;
    this.target = null;
    this.shift = false;
    this.pendingClose = false;
  }

  // Marks an input as one the keyboard serves.
  bind(input) {
    input.dataset.osk = '1';
  }

  install(root = document.body) {
    if (this.el) return;
    this.el = h('div', { class: 'osk', hidden: true, attrs: { role: 'group', 'aria-label': S.osk.label } });
    for (const row of ROWS) {
      const r = h('div', { class: 'osk-row' });
      for (const key of row) r.append(this.#key(key));
      this.el.append(r);
    }
    root.append(this.el);

    document.addEventListener('focusin', (e) => {
      const t = e.target;
      if (t instanceof HTMLInputElement && t.dataset.osk === '1' && !t.readOnly && !t.disabled) {
        this.pendingClose = false;
        this.open(t);
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
    this.target = input;
    this.el.hidden = false;
    document.body.classList.add('osk-open');
    document.documentElement.style.setProperty('--osk-height', `${this.el.offsetHeight}px`);
    this.#keepVisible();
  }

  close() {
    this.pendingClose = false;
    if (!this.el || this.el.hidden) return;
    this.el.hidden = true;
    this.target = null;
    this.#setShift(false);
    document.body.classList.remove('osk-open');
    document.documentElement.style.setProperty('--osk-height', '0px');
  }

  // A focus change caused by a tap closes the keyboard only after that tap's click has
  // landed, so the layout does not move under the finger.
  #closeSoon() {
    this.pendingClose = true;
    afterTap(() => { if (this.pendingClose) this.close(); });
  }

  #key(key) {
    const labels = { shift: S.osk.shift, backspace: S.osk.backspace, clear: S.osk.clear, done: S.osk.done };
    const special = key in labels;
    const btn = h('button', {
      type: 'button',
      class: ['osk-key', special && `osk-${key}`],
      tabIndex: -1,
      dataset: { key },
      attrs: { 'aria-pressed': key === 'shift' ? 'false' : undefined },
    }, special ? labels[key] : key);
    btn.addEventListener('pointerdown', (e) => e.preventDefault());
    btn.addEventListener('mousedown', (e) => e.preventDefault());
    btn.addEventListener('click', () => this.#press(key));
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
    if (!input || !input.isConnected) { this.close(); return; }
    if (document.activeElement !== input) input.focus({ preventScroll: true });
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? input.value.length;
    if (key === 'clear') {
      input.value = '';
    } else if (key === 'backspace') {
      if (start !== end) input.setRangeText('', start, end, 'end');
      else if (start > 0) input.setRangeText('', start - 1, start, 'end');
    } else {
      const ch = this.shift ? key.toUpperCase() : key;
      const max = input.maxLength > 0 ? input.maxLength : Infinity;
      if (input.value.length - (end - start) >= max) return;
      input.setRangeText(ch, start, end, 'end');
    }
    input.dispatchEvent(new Event('input', { bubbles: true }));
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

export const keyboard = new OnScreenKeyboard();
