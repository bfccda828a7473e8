import { D } from '../strings/dues.zh.js';
import { fill } from './dues_common.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { startPayment, paymentStatus, formatFen } from '../api_dues.js';

// 支付宝支付 / 微信支付 (manual: 扫描二维码进行付款): opens (or reuses) the QR payment, shows the
// daemon's QR SVG large — as a data: URL in an <img>, so no markup from the wire is parsed into
// the page — with the method, the amount and a countdown to its expiry. It polls the status every
// 2 s and moves on to 缴费成功 by itself once paid. While the QR is valid the kiosk's idle reset
// waits (ctx.holdIdle). Expired: 【重新生成二维码】. Gateway down (503): the message and 转账汇款.
const POLL_MS = 2000;

export default {
  title: D.qrTitle.wechat,
  auth: 'member',
  render(ctx) {
    const id = ctx.params.get('id');
    const method = ctx.params.get('method') === 'alipay' ? 'alipay' : 'wechat';
    const idQ = `id=${encodeURIComponent(id)}`;
    const body = h('div', { class: ['dues-qr', `dues-qr-${method}`] });
    let pollTimer = null;
    let tickTimer = null;
    let gen = 0; // one generation per QR shown; stale timers and answers are dropped
    document.title = D.qrTitle[method];

    const stopTimers = () => { clearTimeout(pollTimer); clearInterval(tickTimer); pollTimer = null; tickTimer = null; };
    const alive = (g) => ctx.alive() && g === gen;

    const toBank = () => ctx.go(`/member/dues/bank?${idQ}`, { replace: true });
    const toOrder = () => ctx.back();

    function paid() {
      stopTimers();
      ctx.holdIdle(0);
      fill(body, notice(D.qrPaid));
      ctx.go(`/member/dues/paid?${idQ}`, { replace: true });
    }

    function expired(g) {
      if (!alive(g)) return;
      stopTimers();
      ctx.holdIdle(0);
      const qr = body.querySelector('.dues-qr-frame');
      if (qr) qr.classList.add('is-expired');
      const status = body.querySelector('.dues-qr-status');
      const renew = button(D.qrRenew, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'renew' }, onClick: () => open() });
      const replacement = h('div', { class: 'dues-qr-status is-expired', dataset: { test: 'qr-expired' }, attrs: { role: 'status' } },
        h('p', {}, D.qrExpired), h('div', { class: 'actions' }, renew,
          button(D.qrToBank, { variant: 'secondary', size: 'lg', onClick: toBank })));
      if (status) status.replaceWith(replacement); else body.append(replacement);
      for (const sel of ['.dues-qr-left', '.dues-qr-idle', '.dues-pay-link']) body.querySelector(sel)?.remove();
    }

    function showAttempt(attempt, g) {
      // The local clock decides the countdown: the server's seconds_left, counted from now.
      const expiresAt = Date.now() + Math.max(0, Number(attempt.seconds_left) || 0) * 1000;
      ctx.holdIdle(expiresAt);
      const img = h('img', {
        class: 'dues-qr-img',
        alt: D.qrAlt(D.qrTitle[method]),
        src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(attempt.qr_svg || '')}`,
        dataset: { test: 'qr' },
      });
      const left = h('div', { class: 'dues-qr-left', attrs: { role: 'timer', 'aria-live': 'off' }, dataset: { test: 'qr-left' } });
      const link = attempt.pay_link ? h('a', {
        class: 'btn btn-secondary btn-lg dues-pay-link', href: attempt.pay_link, target: '_blank', rel: 'noopener',
        dataset: { action: 'pay-link' },
      }, D.qrPayLink) : null;
      fill(body,
        h('div', { class: 'card dues-qr-card', dataset: { method } },
          h('div', { class: 'dues-qr-scan' }, D.qrScan[method]),
          h('div', { class: 'dues-qr-frame' }, img),
          h('div', { class: 'dues-qr-amount' }, h('span', {}, `${D.qrAmount}：`),
            h('span', { class: 'money dues-due', dataset: { test: 'qr-amount' } }, formatFen(attempt.amount_fen))),
          left,
          h('p', { class: 'dues-qr-status', attrs: { role: 'status' } }, D.qrWaiting),
          h('p', { class: 'dues-qr-idle' }, D.qrIdleNote),
          link),
        h('div', { class: 'actions dues-qr-actions' },
          button(D.qrBackToOrder, { variant: 'secondary', size: 'lg', onClick: toOrder })));

      const tick = () => {
        if (!alive(g)) { stopTimers(); return; }
        const s = Math.max(0, Math.ceil((expiresAt - Date.now()) / 1000));
        left.textContent = D.qrLeft(Math.floor(s / 60), s % 60);
        if (s <= 0) expired(g);
      };
      tick();
      tickTimer = setInterval(tick, 500);
      const poll = async () => {
        if (!alive(g)) return;
        try {
          const st = await paymentStatus(id);
          if (!alive(g)) return;
          if (st.paid || st.status === 'paid') { paid(); return; }
          if (st.status !== 'awaiting_payment') { notPayable(st.order?.status_label); return; }
          if (st.attempt && st.attempt.id === attempt.id && st.attempt.state === 'closed') { expired(g); return; }
        } catch (err) {
          if (err.handled || !alive(g)) return;
          // A network blip: keep polling; the QR stays valid at the gateway.
        }
        if (alive(g) && tickTimer) pollTimer = setTimeout(poll, POLL_MS);
      };
      pollTimer = setTimeout(poll, POLL_MS);
    }

    function notPayable(label) {
      stopTimers();
      ctx.holdIdle(0);
      fill(body, notice(label ? `${D.qrNotPayable}（${label}）` : D.qrNotPayable, 'warning'),
        h('div', { class: 'actions' }, button(D.qrBackToOrder, { variant: 'primary', size: 'lg', onClick: toOrder })));
    }

    async function open() {
      stopTimers();
      const g = ++gen;
      fill(body, loading());
      try {
        const { attempt } = await startPayment(id, method);
        if (!alive(g)) return;
        if (attempt.state === 'paid') { paid(); return; }
        showAttempt(attempt, g);
      } catch (err) {
        if (!alive(g) || err.handled) return;
        if (err.code === 'gateway_unavailable' || err.code === 'method_unavailable') {
          fill(body,
            h('div', { class: 'notice notice-error dues-gateway-down', attrs: { role: 'alert' }, dataset: { test: 'gateway-error' } }, err.message),
            h('div', { class: 'actions' },
              button(D.qrToBank, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'to-bank' }, onClick: toBank }),
              button(D.retry, { variant: 'secondary', size: 'lg', attrs: { 'data-action': 'retry' }, onClick: () => open() }),
              button(D.qrBackToOrder, { variant: 'secondary', size: 'lg', onClick: toOrder })));
        } else if (err.code === 'not_payable' || err.status === 409) {
          notPayable(null);
          body.prepend(notice(err.message, 'error'));
        } else {
          fill(body, loadError(err, () => open()));
        }
      }
    }
    open();
    return page(D.qrTitle[method], h('p', { class: 'page-lead' }, D.qrLead), body);
  },
};
