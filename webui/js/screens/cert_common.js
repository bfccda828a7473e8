// Pieces the 会员证 screens (member and staff) share: the status badge, the facts list, the
// preview image with a retry, and the print tracker that follows a PrintJob until it is done.

import { C } from '../strings/certificates.zh.js';
import { h, clear, append } from '../components/dom.js';
import { button } from '../components/button.js';
import { certState } from '../api_certificates.js';

// Replaces el's children; null, false and nested arrays among nodes are skipped.
export function fill(el, ...nodes) {
  clear(el);
  append(el, nodes);
  return el;
}

export function statusBadge(cert) {
  const state = certState(cert);
  return h('span', { class: ['cert-status', `cert-status-${state}`], dataset: { test: 'cert-status', state } }, C.state[state]);
}

// The facts of a Certificate, in this order; `keys` picks some of them. The 作废原因 row is
// there whenever the certificate is void and has one.
const FACT_KEYS = ['cert_no', 'name', 'member_type', 'member_no', 'year', 'version', 'issued_on', 'valid_until', 'status'];

export function certFacts(cert, { keys = FACT_KEYS } = {}) {
  const value = {
    cert_no: () => h('span', { class: 'cert-no' }, cert.cert_no),
    name: () => cert.name,
    member_type: () => cert.member_type_label,
    member_no: () => cert.member_no,
    year: () => (cert.year ? C.yearValue(cert.year) : null),
    version: () => (cert.version ? C.versionValue(cert.version) : null),
    issued_on: () => cert.issued_on,
    valid_until: () => cert.valid_until,
    status: () => statusBadge(cert),
    issue_reason: () => C.issueReasons[cert.issue_reason] || cert.issue_reason,
    note: () => cert.note,
  };
  const rows = keys.map((key) => {
    const v = value[key]();
    return h('div', { class: 'fact', dataset: { fact: key } },
      h('dt', {}, C.facts[key]), h('dd', {}, v === undefined || v === null || v === '' ? C.none : v));
  });
  if (cert.status === 'void' && cert.void_reason) {
    rows.push(h('div', { class: 'fact', dataset: { fact: 'void_reason' } }, h('dt', {}, C.facts.void_reason), h('dd', {}, cert.void_reason)));
  }
  return h('dl', { class: 'facts cert-facts' }, rows);
}

// <img> of a preview URL inside a frame; a failed load shows a message and 【重试】.
export function previewImage(url, cert, className = '') {
  const frame = h('div', { class: ['cert-preview', className, 'is-loading'] });
  const status = h('div', { class: 'cert-preview-status', attrs: { role: 'status' } }, C.previewLoading);
  const img = h('img', { class: 'cert-preview-img', alt: C.previewAlt(cert.cert_no), dataset: { test: 'preview' }, draggable: false });
  const load = () => {
    frame.classList.add('is-loading');
    frame.classList.remove('has-error');
    status.replaceChildren(C.previewLoading);
    img.src = `${url}${url.includes('?') ? '&' : '?'}t=${Date.now()}`;
  };
  img.addEventListener('load', () => { frame.classList.remove('is-loading'); status.replaceChildren(); });
  img.addEventListener('error', () => {
    frame.classList.remove('is-loading');
    frame.classList.add('has-error');
    status.replaceChildren(h('p', {}, C.previewFailed), button(C.retry, { variant: 'secondary', onClick: load }));
  });
  frame.append(img, status);
  img.src = url;
  return frame;
}

// Follows one print job: start(submit, poll) calls submit() → {job}, then poll(jobId) → job
// every second until job.done, rendering state_label and message into `el`. onBusy(true|false)
// lets the screen disable its buttons meanwhile. alive() stops it when the screen is left.
export function printTracker({ alive, onBusy = () => {}, holdIdle = () => {} }) {
  const el = h('div', { class: 'print-status', attrs: { 'aria-live': 'polite' }, dataset: { test: 'print-status' } });
  let timer = null;
  let running = false;

  function show(job) {
    const kind = job.done ? (job.ok ? 'ok' : 'failed') : 'running';
    el.dataset.state = job.state;
    el.dataset.done = job.done ? '1' : '0';
    el.dataset.ok = job.ok ? '1' : '0';
    el.replaceChildren(h('div', { class: ['print-job', `print-job-${kind}`], attrs: { role: job.done ? 'alert' : 'status' } },
      h('div', { class: 'print-job-head' },
        job.done ? h('span', { class: 'print-job-mark', attrs: { 'aria-hidden': 'true' } }, job.ok ? '✓' : '!')
          : h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }),
        h('span', { class: 'print-job-label', dataset: { test: 'job-label' } }, job.state_label || job.state)),
      job.message ? h('p', { class: 'print-job-message', dataset: { test: 'job-message' } }, job.message) : null));
  }

  function error(message) {
    el.dataset.state = 'error';
    el.dataset.done = '1';
    el.dataset.ok = '0';
    el.replaceChildren(h('div', { class: 'print-job print-job-failed', attrs: { role: 'alert' } },
      h('div', { class: 'print-job-head' }, h('span', { class: 'print-job-mark', attrs: { 'aria-hidden': 'true' } }, '!'),
        h('span', { class: 'print-job-label', dataset: { test: 'job-label' } }, C.printFailed)),
      h('p', { class: 'print-job-message', dataset: { test: 'job-message' } }, message)));
  }

  function finish() {
    running = false;
    clearTimeout(timer);
    timer = null;
    holdIdle(0);
    onBusy(false);
  }

  async function start(submit, poll) {
    if (running) return;
    running = true;
    onBusy(true);
    holdIdle(Date.now() + 90 * 1000); // a print in progress is not cut off by the idle reset (at most 90 s)
    el.dataset.state = 'submitting';
    el.dataset.done = '0';
    el.replaceChildren(h('div', { class: 'print-job print-job-running', attrs: { role: 'status' } },
      h('div', { class: 'print-job-head' }, h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }),
        h('span', { class: 'print-job-label' }, C.printStarting))));
    let job;
    try {
      ({ job } = await submit());
    } catch (err) {
      if (!alive()) return;
      finish();
      if (!err.handled) error(err.message);
      return;
    }
    if (!alive()) return;
    show(job);
    const tick = async () => {
      if (!alive()) { finish(); return; }
      try {
        const next = await poll(job.id);
        if (!alive()) { finish(); return; }
        if (next) { job = next; show(job); }
      } catch (err) {
        if (!alive() || err.handled) { finish(); return; }
        // A network blip: keep asking; the job goes on at the printer.
      }
      if (job.done) finish();
      else timer = setTimeout(tick, 1000);
    };
    if (job.done) finish();
    else timer = setTimeout(tick, 1000);
  }

  return { el, start, isRunning: () => running, clear: () => { if (!running) el.replaceChildren(); } };
}
