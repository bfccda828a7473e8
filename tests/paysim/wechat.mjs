// WeChat Pay API v3, Native payment, as seen from the merchant: create, query and close a trade,
// every request's Authorization checked against the merchant's public key, every answer and
// notification signed with a platform key (the 平台证书 or the 微信支付公钥).
import { createCipheriv, randomBytes, randomUUID, sign, verify } from 'node:crypto';
import { WECHAT_APPID, WECHAT_MCHID, forgeryKey } from './keys.mjs';
import { parseRfc3339, randomAlnum, rfc3339, send } from './util.mjs';
import { holdAnswer } from './hold.mjs';

const OUT_TRADE_NO = /^[0-9A-Za-z_\-*]{1,32}$/;
const MAX_SKEW_S = 300;

const STATE_DESC = { NOTPAY: '订单未支付', SUCCESS: '支付成功', CLOSED: '订单已关闭' };

function err(status, code, message, detail) {
  return { status, obj: detail ? { code, message, detail } : { code, message } };
}
const paramError = (field, issue) => err(400, 'PARAM_ERROR', `参数错误: ${field} ${issue}`, { field, location: 'body', issue });

/** Parses `WECHATPAY2-SHA256-RSA2048 k="v",k="v"`; null when it is not of that form. */
function parseAuthorization(header) {
  const m = /^WECHATPAY2-SHA256-RSA2048\s+(.+)$/.exec(header ?? '');
  if (!m) return null;
  const fields = {};
  const re = /\s*([a-z_]+)="([^"]*)"\s*(,|$)/gy;
  let part;
  let end = 0;
  while ((part = re.exec(m[1])) !== null) {
    fields[part[1]] = part[2];
    end = re.lastIndex;
    if (end >= m[1].length) break;
  }
  return end === m[1].length ? fields : null;
}

// Changes the bytes after signing, keeping the JSON valid: the merchant must notice through the
// signature, not through a parse error.
function tamperJson(body) {
  return body.endsWith('}') ? `${body.slice(0, -1)},"tampered":true}` : `${body} `;
}

export function makeWechat(ctx) {
  const { state, keys } = ctx;

  function chooseSigner(which) {
    if (which === 'alternate') which = state.alternate++ % 2 === 0 ? 'cert' : 'pubkey';
    return keys.wechat.signers[which];
  }

  /** Signed headers for body, and the body to send (differs only when tampering). */
  function signMessage(body, opts) {
    const signer = chooseSigner(opts.wechat_key);
    const timestamp = String(Math.floor(Date.now() / 1000) - (opts.stale ? 600 : 0));
    const nonce = randomAlnum(32);
    const message = Buffer.from(`${timestamp}\n${nonce}\n${body}\n`, 'utf8');
    const signature = opts.signtest
      ? `WECHATPAY/SIGNTEST/${randomBytes(48).toString('base64')}`
      : sign('sha256', message, opts.forge ? forgeryKey() : signer.key).toString('base64');
    return {
      body: opts.tamper && body ? tamperJson(body) : body,
      headers: {
        'Wechatpay-Timestamp': timestamp,
        'Wechatpay-Nonce': nonce,
        'Wechatpay-Signature': signature,
        'Wechatpay-Serial': signer.serial,
        'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
        'Request-ID': randomUUID(),
      },
    };
  }

  // Answers are signed honestly unless the switches were set to apply to answers too.
  function answerOpts() {
    const s = state.switches;
    const on = s.apply_to === 'answers' || s.apply_to === 'both';
    return on ? s : { wechat_key: s.wechat_key };
  }

  function sendAnswer(res, { status, obj }) {
    const body = obj === null || obj === undefined ? '' : JSON.stringify(obj);
    const signed = signMessage(body, answerOpts());
    const headers = { ...signed.headers };
    if (signed.body) headers['Content-Type'] = 'application/json; charset=utf-8';
    send(res, status, signed.body, headers);
  }

  function verifyRequest(req, body) {
    const a = parseAuthorization(req.headers.authorization);
    if (!a) return { ok: false, code: 'SIGN_ERROR', message: 'Authorization 头缺失或格式错误' };
    for (const k of ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no'])
      if (!a[k]) return { ok: false, code: 'SIGN_ERROR', message: `Authorization 缺少 ${k}` };
    if (a.mchid !== WECHAT_MCHID) return { ok: false, code: 'SIGN_ERROR', message: `商户号 ${a.mchid} 与签名不符` };
    if (a.serial_no.toUpperCase() !== keys.wechat.merchantSerial)
      return { ok: false, code: 'SIGN_ERROR', message: `商户证书序列号 ${a.serial_no} 不存在或已失效` };
    if (!/^\d{1,12}$/.test(a.timestamp) || Math.abs(Date.now() / 1000 - Number(a.timestamp)) > MAX_SKEW_S)
      return { ok: false, code: 'SIGN_ERROR', message: '请求时间戳已过期或与服务器时间相差超过5分钟' };
    // The URL signed is the path and query exactly as sent on the request line.
    const message = `${req.method}\n${req.url}\n${a.timestamp}\n${a.nonce_str}\n${body}\n`;
    let good = false;
    try {
      good = verify('sha256', Buffer.from(message, 'utf8'), keys.wechat.merchantPublic, Buffer.from(a.signature, 'base64'));
    } catch {
      good = false;
    }
    if (!good) return { ok: false, code: 'SIGN_ERROR', message: '签名错误，请检查后再试' };
    return { ok: true };
  }

  function transaction(trade) {
    const t = {
      appid: WECHAT_APPID,
      mchid: WECHAT_MCHID,
      out_trade_no: trade.out_trade_no,
      trade_type: 'NATIVE',
      trade_state: trade.state,
      trade_state_desc: STATE_DESC[trade.state],
      attach: trade.attach ?? '',
      amount: { total: trade.amount_fen, currency: 'CNY', payer_currency: 'CNY' },
    };
    if (trade.state === 'SUCCESS') {
      const fen = state.reportedFen(trade);
      Object.assign(t, {
        transaction_id: trade.gateway_trade_no,
        bank_type: 'OTHERS',
        success_time: rfc3339(trade.paid_ms),
        payer: { openid: trade.payer_id },
        amount: { total: fen, payer_total: fen, currency: 'CNY', payer_currency: 'CNY' },
      });
    }
    return t;
  }

  function create(body) {
    let b;
    try {
      b = JSON.parse(body);
    } catch {
      return err(400, 'PARAM_ERROR', '请求体不是合法的 JSON');
    }
    if (b === null || typeof b !== 'object' || Array.isArray(b)) return err(400, 'PARAM_ERROR', '请求体必须是 JSON 对象');
    if (b.appid !== WECHAT_APPID) return paramError('appid', `must be ${WECHAT_APPID}`);
    if (b.mchid !== WECHAT_MCHID) return paramError('mchid', `must be ${WECHAT_MCHID}`);
    if (typeof b.description !== 'string' || b.description.length < 1 || b.description.length > 127)
      return paramError('description', 'must be a string of 1–127 characters');
    if (typeof b.out_trade_no !== 'string' || !OUT_TRADE_NO.test(b.out_trade_no))
      return paramError('out_trade_no', 'must be 1–32 of [0-9A-Za-z_-*]');
    if (typeof b.notify_url !== 'string' || !/^https?:\/\/[^\s?#]+$/.test(b.notify_url) || b.notify_url.length > 255)
      return paramError('notify_url', 'must be an http(s) URL without a query string');
    let expireMs = null;
    if (b.time_expire !== undefined) {
      expireMs = parseRfc3339(b.time_expire);
      if (expireMs === null) return paramError('time_expire', 'must be an RFC 3339 date-time, e.g. 2026-12-03T15:00:00+08:00');
    }
    const amt = b.amount;
    if (amt === null || typeof amt !== 'object') return paramError('amount', 'is required');
    if (!Number.isInteger(amt.total) || amt.total <= 0) return paramError('amount.total', 'must be a positive integer (fen)');
    if (amt.currency !== undefined && amt.currency !== 'CNY') return paramError('amount.currency', 'must be CNY');
    if (b.attach !== undefined && (typeof b.attach !== 'string' || b.attach.length > 128))
      return paramError('attach', 'must be a string of at most 128 characters');

    // The same out_trade_no again: the same content gets the same code_url back (a safe retry),
    // anything else is refused as the real API does.
    const fingerprint = JSON.stringify([amt.total, b.description, b.attach ?? '']);
    const old = state.find('wechat', b.out_trade_no);
    if (old) {
      if (old.state === 'SUCCESS') return err(400, 'ORDERPAID', '该订单已支付');
      if (old.state === 'CLOSED') return err(400, 'ORDER_CLOSED', '订单已关闭');
      if (old.fingerprint !== fingerprint)
        return err(400, 'INVALID_REQUEST', '201 商户订单号重复', { issue: 'OUT_TRADE_NO_USED', location: 'body', field: 'out_trade_no' });
      return { status: 200, obj: { code_url: old.pay_url } };
    }
    const trade = state.create('wechat', {
      out_trade_no: b.out_trade_no,
      amount_fen: amt.total,
      description: b.description,
      attach: b.attach,
      notify_url: b.notify_url,
      expire_ms: expireMs,
      fingerprint,
    });
    return { status: 200, obj: { code_url: trade.pay_url } };
  }

  function query(no, url) {
    const mchid = url.searchParams.get('mchid');
    if (mchid !== WECHAT_MCHID) return err(400, 'PARAM_ERROR', `参数错误: mchid 必须为 ${WECHAT_MCHID}`, { field: 'mchid', location: 'query' });
    const trade = state.find('wechat', no);
    if (!trade) return err(404, 'ORDER_NOT_EXIST', '订单不存在');
    return { status: 200, obj: transaction(trade) };
  }

  function close(no, body) {
    let b;
    try {
      b = JSON.parse(body);
    } catch {
      return err(400, 'PARAM_ERROR', '请求体不是合法的 JSON');
    }
    if (b?.mchid !== WECHAT_MCHID) return paramError('mchid', `must be ${WECHAT_MCHID}`);
    const trade = state.find('wechat', no);
    if (!trade) return err(404, 'ORDER_NOT_EXIST', '订单不存在');
    if (trade.state === 'SUCCESS') return err(400, 'ORDERPAID', '订单已支付，不能关闭');
    state.close(trade); // closing a closed order again is a no-op: 204 both times
    return { status: 204, obj: null };
  }

  async function handle(req, res, url, body) {
    const path = url.pathname;
    let op = null;
    let no = null;
    let m;
    if (req.method === 'POST' && path === '/v3/pay/transactions/native') op = 'create';
    else if (req.method === 'GET' && (m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(path))) op = 'query';
    else if (req.method === 'POST' && (m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(path))) op = 'close';
    if (m) no = decodeURIComponent(m[1]);

    const auth = verifyRequest(req, body);
    const entry = state.logRequest({
      gateway: 'wechat', method: req.method, path: req.url, operation: op,
      signature_ok: auth.ok, error: auth.ok ? null : auth.code, message: auth.ok ? null : auth.message, status: null,
    });
    const answer = (result) => {
      entry.status = result.status;
      sendAnswer(res, result);
    };
    if (!op) {
      entry.error = 'NOT_FOUND';
      return answer(err(404, 'NOT_FOUND', `${req.method} ${path} 不存在`));
    }
    if (!auth.ok) return answer(err(401, auth.code, auth.message));

    const failure = state.takeFailure(op);
    if (typeof failure === 'number') {
      // An injected 5xx is refused before anything happens: the request has no effect.
      entry.error = `injected ${failure}`;
      return answer(err(failure, 'SYSTEM_ERROR', '系统错误'));
    }
    const result = op === 'create' ? create(body) : op === 'query' ? query(no, url) : close(no, body);
    entry.error = result.obj?.code ?? null;
    if (result.obj?.message && result.status >= 400) entry.message = result.obj.message;
    if (failure === 'timeout') {
      // The request takes effect but the answer is withheld, like a gateway that is slow or whose
      // answer is lost: the merchant must find out by querying.
      entry.error = `injected timeout${entry.error ? ` (${entry.error})` : ''}`;
      return holdAnswer(ctx, req, res, () => answer(result));
    }
    return answer(result);
  }

  // ---- notifications --------------------------------------------------------------------------

  /** The notification for a paid trade: the transaction, AES-256-GCM-encrypted with the APIv3 key. */
  function buildNotification(trade) {
    const nonce = randomAlnum(12);
    const associated = 'transaction';
    const cipher = createCipheriv('aes-256-gcm', keys.wechat.apiv3, Buffer.from(nonce, 'utf8'));
    cipher.setAAD(Buffer.from(associated, 'utf8'));
    const ct = Buffer.concat([cipher.update(JSON.stringify(transaction(trade)), 'utf8'), cipher.final(), cipher.getAuthTag()]);
    const id = randomUUID();
    const envelope = {
      id,
      create_time: rfc3339(Date.now()),
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: {
        original_type: 'transaction',
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext: ct.toString('base64'),
        associated_data: associated,
        nonce,
      },
    };
    return { id, body: JSON.stringify(envelope) };
  }

  function prepareDelivery(trade, message, opts) {
    const signed = signMessage(message.body, opts);
    return { body: signed.body, headers: { ...signed.headers, 'Content-Type': 'application/json' } };
  }

  // WeChat Pay counts any 2xx (the docs ask for 200 or 204) as received.
  const isDelivered = (status) => status >= 200 && status < 300;

  return { handle, buildNotification, prepareDelivery, isDelivered };
}
