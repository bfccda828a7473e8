// The page a demo user reaches from the QR code: shows the trade and lets them pay or cancel.
// zh-CN, inline CSS, no external assets (the kiosk network may have no Internet), big buttons.
import { MERCHANT_NAME } from './keys.mjs';
import { escapeHtml, fenToYuan, send } from './util.mjs';
import { payTrade, REFUSAL_TEXT } from './actions.mjs';

const BRAND = {
  wechat: { name: '微信支付', color: '#07c160' },
  alipay: { name: '支付宝', color: '#1677ff' },
};

function stateLabel(state, trade) {
  if (trade.state === 'SUCCESS') return '已支付';
  if (trade.state === 'CLOSED') return '已关闭';
  if (state.isExpired(trade)) return '已过期';
  return '待支付';
}

function page(state, trade, { message = '', tone = 'info' } = {}) {
  const b = BRAND[trade.gateway];
  const label = stateLabel(state, trade);
  const payable = label === '待支付';
  const action = `/pay/${trade.gateway}/${trade.token}`;
  const buttons = payable
    ? `<form method="post" action="${action}/confirm"><button class="pay" type="submit">确认支付</button></form>
       <form method="post" action="${action}/cancel"><button class="cancel" type="submit">取消</button></form>`
    : '';
  const note = message ? `<p class="msg ${tone}" role="status">${escapeHtml(message)}</p>` : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${b.name} · 模拟支付</title>
<style>
  body { margin: 0; font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; background: #f2f3f5; color: #1f2329; }
  header { background: ${b.color}; color: #fff; padding: 20px; font-size: 22px; font-weight: 600; }
  main { max-width: 520px; margin: 0 auto; padding: 20px; }
  .card { background: #fff; border-radius: 12px; padding: 24px; text-align: center; }
  .merchant { font-size: 18px; color: #646a73; }
  .desc { font-size: 18px; margin: 8px 0 16px; }
  .amount { font-size: 44px; font-weight: 700; margin: 8px 0; }
  .state { display: inline-block; padding: 4px 14px; border-radius: 14px; background: #eef0f3; font-size: 16px; }
  .no { color: #8f959e; font-size: 13px; margin-top: 12px; word-break: break-all; }
  form { margin: 16px 0 0; }
  button { width: 100%; min-height: 64px; font-size: 22px; border-radius: 10px; border: 0; cursor: pointer; }
  .pay { background: ${b.color}; color: #fff; }
  .cancel { background: #fff; color: #1f2329; border: 1px solid #d0d3d6; }
  .msg { padding: 14px; border-radius: 10px; font-size: 18px; }
  .msg.info { background: #e8f7ee; } .msg.error { background: #fdecec; color: #b42318; }
  .sim { color: #8f959e; font-size: 13px; text-align: center; margin-top: 24px; }
</style></head>
<body>
<header>${b.name}</header>
<main>
  <div class="card">
    <div class="merchant">收款方：${escapeHtml(MERCHANT_NAME)}</div>
    <div class="desc">${escapeHtml(trade.description)}</div>
    <div class="amount">¥${fenToYuan(trade.amount_fen)}</div>
    <div>金额（元） <span class="state" data-state="${escapeHtml(trade.state)}">${label}</span></div>
    <div class="no">商户订单号 ${escapeHtml(trade.out_trade_no)}</div>
  </div>
  ${note}
  ${buttons}
  <p class="sim">模拟支付页面，仅用于演示和测试，不会产生任何真实扣款。</p>
</main>
</body></html>`;
}

const html = (res, status, body) => send(res, status, body, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });

export function makePayPage(ctx) {
  const { state } = ctx;

  async function handle(req, res, url) {
    const m = /^\/pay\/(wechat|alipay)\/([A-Za-z0-9]+)(?:\/(confirm|cancel))?$/.exec(url.pathname);
    const trade = m ? state.byToken.get(m[2]) : null;
    if (!trade || trade.gateway !== m[1]) {
      return html(res, 404, '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>订单不存在</title><p style="font-size:20px;padding:20px">订单不存在或二维码已失效。</p></html>');
    }
    const action = m[3];
    if (!action && req.method === 'GET') {
      // Opening the page is the scan: from now on Alipay admits the trade exists.
      trade.scanned = true;
      return html(res, 200, page(state, trade));
    }
    if (!action || req.method !== 'POST') return html(res, 405, page(state, trade, { message: '请求方式错误', tone: 'error' }));
    if (action === 'cancel') return html(res, 200, page(state, trade, { message: '已取消支付，可关闭此页面。' }));

    trade.scanned = true;
    const r = payTrade(ctx, trade);
    if (!r.ok) {
      const status = r.error === 'already_paid' ? 200 : 409;
      return html(res, status, page(state, trade, { message: REFUSAL_TEXT[r.error], tone: r.error === 'already_paid' ? 'info' : 'error' }));
    }
    // The person does not wait for the merchant's answer; the attempts are recorded on the trade.
    r.sending.catch(() => {});
    return html(res, 200, page(state, trade, { message: '支付成功' }));
  }

  return { handle };
}
