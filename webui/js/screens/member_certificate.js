import { C } from '../strings/certificates.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { table } from '../components/table.js';
import { page, notice, loading, loadError } from '../components/page.js';
import {
  memberCertificates, printCertificate, memberPrintJob, memberPreviewUrl, memberPdfUrl, certState,
} from '../api_certificates.js';
import { standingGate } from '../components/standing_gate.js';
import { statusBadge, certFacts, previewImage, printTracker, fill } from './cert_common.js';

// 会员证 (manual: 电子版会员证，用户缴纳会费后，自动生成。支持在线打印以及pdf文件下载。): the preview,
// the certificate's facts and status, 【打印】 (the job followed every second until it is done)
// and 【下载PDF】 (the server names the file). No certificate yet: a pointer to 会费缴纳. Older
// versions are listed below and can be shown in the same place. A member not in good standing is
// told that above it (the standing gate).
export default {
  title: C.certTitle,
  auth: 'member',
  render(ctx) {
    const body = h('div', { class: 'cert-page' });
    // Unpaid: the standing notice leads to 会费缴纳, so the no-certificate card's own button goes.
    let gateUp = false;
    const gate = standingGate(ctx, 'certificate', {
      onShown: () => { gateUp = true; body.querySelector('[data-action="to-dues"]')?.parentElement.remove(); },
    });
    let data = null;
    let shownId = null;
    const tracker = printTracker({
      alive: ctx.alive,
      holdIdle: ctx.holdIdle,
      onBusy: (busy) => { for (const b of body.querySelectorAll('[data-action="print"]')) b.disabled = busy || b.dataset.void === '1'; },
    });

    function main(cert) {
      const state = certState(cert);
      const noPrint = state !== 'in_force'; // the server refuses void and expired certificates
      const printBtn = button(C.print, {
        variant: 'primary', size: 'lg', className: 'cert-print',
        attrs: { 'data-action': 'print', 'data-void': noPrint ? '1' : '0' },
        disabled: noPrint || tracker.isRunning(),
        onClick: () => tracker.start(() => printCertificate(cert.id), async (jobId) => (await memberPrintJob(jobId)).job),
      });
      const pdf = h('a', {
        class: 'btn btn-secondary btn-lg cert-pdf', href: memberPdfUrl(cert.id),
        attrs: { download: '', 'data-action': 'pdf' },
      }, C.downloadPdf);
      const printer = data.printer || {};
      return h('div', { class: 'card cert-main', dataset: { cert: cert.cert_no, state } },
        previewImage(memberPreviewUrl(cert.id, 110), cert),
        h('div', { class: 'cert-side' },
          h('div', { class: 'cert-head' }, h('h2', { class: 'member-name cert-name' }, cert.name || ''), statusBadge(cert)),
          certFacts(cert, { keys: ['cert_no', 'name', 'member_type', 'member_no', 'year', 'version', 'issued_on', 'valid_until'] }),
          noPrint ? notice(state === 'void' ? C.voidNoPrint : C.expiredNoPrint, 'warning') : null,
          !noPrint && printer.ready === false
            ? h('div', { class: 'notice notice-warning', dataset: { test: 'printer-not-ready' } }, C.printerNotReady(printer.message || C.none))
            : null,
          h('div', { class: 'actions cert-actions' }, printBtn, pdf),
          tracker.el));
    }

    function history(certs) {
      if (certs.length < 2) return null;
      const grid = table([
        { key: 'cert_no', label: C.cols.cert_no, className: 'col-no' },
        { key: 'year', label: C.cols.year, className: 'col-year' },
        { key: 'version', label: C.cols.version, className: 'col-version', format: (c) => C.versionValue(c.version) },
        { key: 'status', label: C.cols.status, className: 'col-status', format: (c) => statusBadge(c) },
        { key: 'issued_on', label: C.cols.issued_on, className: 'col-date' },
        { key: 'valid_until', label: C.cols.valid_until, className: 'col-date' },
        {
          key: 'action', label: C.cols.action, className: 'col-open',
          format: (c) => (c.id === shownId
            ? h('span', { class: 'cert-shown' }, C.historyShown)
            : button(C.historyShow, { variant: 'secondary', attrs: { 'data-show': c.cert_no }, onClick: () => show(c.id) })),
        },
      ], certs, { caption: C.historyTitle, className: 'cert-history' });
      grid.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.cert = certs[i].cert_no; });
      return [h('h2', { class: 'section-title' }, C.historyTitle), grid];
    }

    function show(id) {
      if (tracker.isRunning()) return; // the job's panel stays with the certificate being printed
      const certs = data.certificates || [];
      const cert = certs.find((c) => c.id === id) || data.current || certs[0];
      shownId = cert.id;
      tracker.clear();
      fill(body,
        data.current ? null : notice(C.notInForce, 'warning'),
        main(cert),
        history(certs));
    }

    function render() {
      const certs = data.certificates || [];
      if (!data.current && !certs.length) {
        body.replaceChildren(h('div', { class: 'card cert-none', dataset: { test: 'no-certificate' } },
          h('h2', { class: 'card-title' }, C.noCertTitle),
          h('p', {}, C.noCertBody),
          gateUp ? null : h('div', { class: 'actions' },
            button(C.toDues, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'to-dues' }, onClick: () => ctx.go(data.dues_url || '/member/dues') }))));
        return;
      }
      show((data.current || certs[0]).id);
    }

    async function load() {
      body.replaceChildren(loading());
      try {
        data = await memberCertificates();
        if (!ctx.alive()) return;
        render();
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        body.replaceChildren(loadError(err, load));
      }
    }
    load();
    return page(C.certTitle, h('p', { class: 'page-lead' }, C.certLead), gate, body);
  },
};
