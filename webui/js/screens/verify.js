import { C } from '../strings/certificates.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { field } from '../components/field.js';
import { page } from '../components/page.js';
import { keyboard } from '../components/keyboard.js';
import { verifyCertificate, certDigits } from '../api_certificates.js';
import { cameraScanner, scanPicture } from './verify_camera.js';

// 证书核验 (public): a 10-digit certificate number typed on the on-screen keyboard, the QR code
// held to the camera (【扫描二维码】), or a photo of it (【上传图片】). The verdict is shown large:
// genuine green, void / expired amber, not genuine red, with the certificate's facts. The QR's own
// URL (#/verify?d=…&s=…) opens this screen and verifies at once.
const MARKS = { genuine: '✓', void: '!', expired: '!', not_genuine: '✕' };

function verdictCard(v) {
  const verdict = MARKS[v.verdict] ? v.verdict : 'not_genuine';
  const c = v.certificate;
  const fact = (key, value) => h('div', { class: 'fact', dataset: { fact: key } },
    h('dt', {}, C.facts[key]), h('dd', {}, value === undefined || value === null || value === '' ? C.none : String(value)));
  return h('div', {
    class: ['verdict', `verdict-${verdict}`],
    attrs: { role: 'alert' },
    dataset: { test: 'verdict', verdict },
  },
  h('div', { class: 'verdict-head' },
    h('span', { class: 'verdict-mark', attrs: { 'aria-hidden': 'true' } }, MARKS[verdict]),
    h('div', { class: 'verdict-text' },
      h('div', { class: 'verdict-title', dataset: { test: 'verdict-title' } }, C.verdicts[verdict]),
      v.message && v.message !== C.verdicts[verdict]
        ? h('div', { class: 'verdict-message', dataset: { test: 'verdict-message' } }, v.message) : null)),
  c ? h('dl', { class: 'facts verdict-facts' },
    fact('cert_no', c.cert_no),
    fact('name', c.name),
    fact('member_type', c.member_type_label),
    fact('member_no', c.member_no),
    fact('valid_until', c.valid_until),
    fact('issued_on', c.issued_on),
    c.version ? fact('version', C.versionValue(c.version)) : null) : null);
}

// Scrolls the least that shows el below the sticky header (its top first if it is taller).
function scrollIntoSight(el) {
  const r = el.getBoundingClientRect();
  const top = (document.querySelector('.shell-top')?.getBoundingClientRect().bottom || 0) + 16;
  const bottom = window.innerHeight - 16;
  if (r.bottom > bottom) window.scrollBy(0, Math.min(r.top - top, r.bottom - bottom));
  else if (r.top < top) window.scrollBy(0, r.top - top);
}

// The certificate number takes digits only: while its field has focus the on-screen keyboard
// shows just its digit row and the editing keys (.osk-digits in theme.css).
function digitsOnlyKeyboard(input) {
  const on = () => document.body.classList.add('osk-digits');
  const off = () => document.body.classList.remove('osk-digits');
  input.addEventListener('focus', on);
  input.addEventListener('blur', off);
  window.addEventListener('hashchange', off, { once: true });
}

export default {
  title: C.verifyTitle,
  allowDuringPasswordChange: true,
  render(ctx) {
    const result = h('div', { class: 'verify-result', attrs: { 'aria-live': 'polite' } });
    const message = h('div', { class: 'verify-message', attrs: { 'aria-live': 'polite' } });
    let seq = 0; // the latest request wins; earlier answers are dropped

    const setMessage = (text, kind = 'info') => {
      message.replaceChildren(text ? h('div', { class: ['notice', `notice-${kind}`], dataset: { test: 'verify-message', kind } }, text) : '');
    };
    const busy = () => {
      setMessage('');
      result.replaceChildren(h('div', { class: 'loading verify-busy', attrs: { role: 'status' } },
        h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }), C.verifying));
    };
    const showVerdict = (v) => {
      setMessage('');
      result.replaceChildren(verdictCard(v),
        h('div', { class: 'actions verify-again' },
          button(C.verifyAgain, { variant: 'secondary', size: 'lg', attrs: { 'data-action': 'again' }, onClick: again })));
      // In portrait the verdict sits below the controls: bring it into view, below the sticky header.
      requestAnimationFrame(() => { if (ctx.alive()) scrollIntoSight(result); });
    };

    async function verify(what) {
      const mine = ++seq;
      busy();
      try {
        const v = await verifyCertificate(what);
        if (mine !== seq || !ctx.alive()) return;
        showVerdict(v);
      } catch (err) {
        if (mine !== seq || !ctx.alive() || err.handled) return;
        result.replaceChildren();
        if (err.fields?.no) no.setError(err.fields.no);
        else setMessage(err.message, 'error');
      }
    }

    function again() {
      ++seq;
      result.replaceChildren();
      setMessage('');
      no.setValue('');
      no.clearError();
      no.input.focus();
    }

    // --- by number ---------------------------------------------------------------------
    const no = field({
      label: C.verifyNoLabel, name: 'no', placeholder: C.verifyNoPlaceholder, hint: C.verifyNoHint,
      keyboard: true, maxLength: 10, inputMode: 'numeric', required: true,
    });
    no.input.classList.add('verify-no-input');
    no.input.setAttribute('enterkeyhint', 'go');
    digitsOnlyKeyboard(no.input);
    no.input.addEventListener('input', () => {
      const digits = certDigits(no.value()).slice(0, 10);
      if (digits !== no.value()) no.setValue(digits);
      no.clearError();
    });
    const submitNo = () => {
      const digits = certDigits(no.value());
      if (digits.length !== 10) { no.setError(C.verifyNoInvalid); no.input.focus(); return; }
      no.clearError();
      keyboard.close();
      stopCamera();
      verify({ no: digits });
    };
    const form = h('form', {
      class: 'verify-form', attrs: { novalidate: true },
      onsubmit: (e) => { e.preventDefault(); submitNo(); },
    }, no.el, button(C.verifyButton, { variant: 'primary', size: 'lg', type: 'submit', className: 'verify-submit', attrs: { 'data-action': 'verify' } }));

    // --- camera ------------------------------------------------------------------------
    const video = h('video', { class: 'verify-video', attrs: { autoplay: true, muted: true, playsinline: true, 'aria-label': C.cameraVideoLabel } });
    const camStatus = h('p', { class: 'verify-camera-status', dataset: { test: 'camera-status' } });
    const cameraPanel = h('div', { class: 'card verify-camera', hidden: true, dataset: { test: 'camera' } },
      h('div', { class: 'verify-video-frame' }, video, h('div', { class: 'verify-aim', attrs: { 'aria-hidden': 'true' } })),
      h('p', { class: 'verify-camera-hint' }, C.cameraHint),
      camStatus,
      h('div', { class: 'actions' },
        button(C.cameraStop, { variant: 'danger', size: 'lg', attrs: { 'data-action': 'camera-stop' }, onClick: () => stopCamera() })));
    const scanner = cameraScanner({
      video,
      alive: ctx.alive,
      onFound: (answer) => { ++seq; answer.verification ? showVerdict(answer.verification) : setMessage(answer.message, 'warning'); },
      onMessage: (text, kind) => {
        if (kind === 'error') { cameraPanel.hidden = true; setMessage(text, 'error'); } else camStatus.textContent = text;
      },
      onStop: () => { cameraPanel.hidden = true; scanBtn.disabled = false; },
    });
    function stopCamera() { if (scanner.isRunning()) scanner.stop(); }
    const scanBtn = button(C.scanButton, {
      variant: 'secondary', size: 'lg', className: 'verify-alt-btn', attrs: { 'data-action': 'scan' },
      onClick: () => {
        ++seq;
        keyboard.close();
        result.replaceChildren();
        setMessage('');
        cameraPanel.hidden = false;
        scanBtn.disabled = true;
        scanner.start();
        scrollIntoSight(cameraPanel);
      },
    });

    // --- picture -----------------------------------------------------------------------
    const fileInput = h('input', {
      type: 'file', class: 'verify-file', hidden: true, tabIndex: -1,
      attrs: { accept: 'image/*', 'data-test': 'upload-input' },
    });
    fileInput.addEventListener('change', async () => {
      const file = fileInput.files?.[0];
      fileInput.value = '';
      if (!file) return;
      stopCamera();
      keyboard.close();
      const mine = ++seq;
      busy();
      result.querySelector('.verify-busy')?.replaceChildren(h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }), C.uploadReading);
      try {
        const answer = await scanPicture(file);
        if (mine !== seq || !ctx.alive()) return;
        if (answer.found && answer.verification) showVerdict(answer.verification);
        else { result.replaceChildren(); setMessage(answer.message || C.uploadNotFound, 'warning'); }
      } catch (err) {
        if (mine !== seq || !ctx.alive() || err.handled) return;
        result.replaceChildren();
        setMessage(err.code === 'bad_image' ? C.uploadBadFile : err.message, 'error');
      }
    });
    const uploadBtn = button(C.uploadButton, {
      variant: 'secondary', size: 'lg', className: 'verify-alt-btn', attrs: { 'data-action': 'upload' },
      onClick: () => fileInput.click(),
    });

    // Opened from a certificate's QR code: check it straight away.
    const d = ctx.params.get('d');
    const s = ctx.params.get('s');
    const given = certDigits(ctx.params.get('no'));
    if (d && s) verify({ d, s });
    else if (given.length === 10) { no.setValue(given); verify({ no: given }); }

    return page(C.verifyTitle,
      h('p', { class: 'page-lead' }, C.verifyLead),
      h('div', { class: 'verify-layout' },
        h('div', { class: 'verify-controls' },
          h('div', { class: 'card verify-card' }, form),
          h('div', { class: 'verify-or' }, h('span', {}, C.verifyOr)),
          h('div', { class: 'verify-alt' }, scanBtn, uploadBtn, fileInput)),
        // The camera, messages and the verdict: below the controls in portrait, beside them in landscape.
        h('div', { class: 'verify-output' }, cameraPanel, message, result)));
  },
};
