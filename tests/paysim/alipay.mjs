// Alipay OpenAPI (当面付 precreate / query / close) on POST /gateway.do: RSA2 request signatures
// checked with the app's public key, answers and notifications signed with the Alipay key.
import { randomUUID, sign, verify } from 'node:crypto';
import { ALIPAY_APP_ID, ALIPAY_SELLER_ID, forgeryKey } from './keys.mjs';
import { alipayTime, fenToYuan, parseAlipayTime, randomAlnum, send, yuanToFen } from './util.mjs';
import { holdAnswer } from './hold.mjs';

const METHODS = { 'alipay.trade.precreate': 'create', 'alipay.trade.query': 'query', 'alipay.trade.close': 'close' };
const OUT_TRADE_NO = /^[0-9A-Za-z_]{1,64}$/;
const DEFAULT_TIMEOUT_MIN = 120; // a precreated QR code lives 2 hours unless told otherwise
const MAX_FEN = 100000000 * 100;

const STATUS = { NOTPAY: 'WAIT_BUYER_PAY', SUCCESS: 'TRADE_SUCCESS', CLOSED: 'TRADE_CLOSED' };

const ok = (fields) => ({ code: '10000', msg: 'Success', ...fields });
const missing = (what) => ({ code: '40001', msg: 'Missing Required Arguments', sub_code: `isv.missing-${what}`, sub_msg: `缺少必选参数 ${what}` });
const invalid = (sub, subMsg) => ({ code: '40002', msg: 'Invalid Arguments', sub_code: `isv.${sub}`, sub_msg: subMsg });
const business = (sub, subMsg, extra = {}) => ({ code: '40004', msg: 'Business Failed', sub_code: sub, sub_msg: subMsg, ...extra });
const badParam = (subMsg, extra) => business('ACQ.INVALID_PARAMETER', `参数无效: ${subMsg}`, extra);

/** The RSA2 signing string: drop `excluded` keys and empty values, sort by key, join raw k=v. */
export function signingString(params, excluded) {
  return Object.keys(params)
    .filter((k) => !excluded.includes(k) && params[k] !== '' && params[k] !== undefined && params[k] !== null)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

// Real Alipay escapes "/" as "\/" in its JSON. Doing the same here means a merchant that checks
// the signature over a re-serialised object instead of the raw text received fails at once.
// ("/" can only occur inside JSON strings, so the replacement keeps the text valid JSON.)
const alipayJson = (obj) => JSON.stringify(obj).replace(/\//g, '\\/');

export function makeAlipay(ctx) {
  const { state, keys } = ctx;

  function answerOpts() {
    const s = state.switches;
    return s.apply_to === 'answers' || s.apply_to === 'both' ? s : {};
  }

  /** `{"<key>":<text>,"sign":"…"}`, the signature over <text> exactly as embedded. */
  function signedResponse(key, obj) {
    const opts = answerOpts();
    let text = alipayJson(obj);
    const signature = sign('sha256', Buffer.from(text, 'utf8'), opts.forge ? forgeryKey() : keys.alipay.alipayKey).toString('base64');
    if (opts.tamper) text = text.replace(/^\{/, '{"tampered":"1",');
    return `{"${key}":${text},"sign":"${signature}"}`;
  }

  function gatewayChecks(p) {
    if (!p.app_id) return missing('app-id');
    if (p.app_id !== ALIPAY_APP_ID) return invalid('invalid-app-id', `无效的AppID参数 ${p.app_id}`);
    if (!p.charset) return missing('charset');
    if (p.charset.toLowerCase() !== 'utf-8') return invalid('invalid-charset', '字符集错误 (the simulator accepts utf-8 only)');
    if (!p.sign_type) return missing('signature-type');
    if (p.sign_type !== 'RSA2') return invalid('invalid-signature-type', '无效的签名类型 (RSA2 expected)');
    if (!p.sign) return missing('signature');
    if (!p.timestamp) return missing('timestamp');
    if (parseAlipayTime(p.timestamp) === null) return invalid('invalid-timestamp', '非法的时间戳参数 (yyyy-MM-dd HH:mm:ss)');
    if (!p.version) return missing('version');
    if (p.version !== '1.0') return invalid('invalid-version', '版本号错误 (1.0 expected)');
    if (p.format && p.format.toUpperCase() !== 'JSON') return invalid('invalid-format', '参数格式错误 (JSON expected)');
    return null;
  }

  function checkSignature(p) {
    // Requests keep sign_type in the signing string (unlike notifications).
    const content = signingString(p, ['sign']);
    try {
      if (verify('sha256', Buffer.from(content, 'utf8'), keys.alipay.appPublic, Buffer.from(p.sign, 'base64'))) return null;
    } catch {
      /* an unparsable signature is simply a wrong one */
    }
    return invalid('invalid-signature', `验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：${content}`);
  }

  // Like real Alipay, a precreated trade nobody has scanned yet does not exist for query/close.
  function visible(trade) {
    return trade && trade.scanned ? trade : null;
  }

  function findTrade(biz) {
    if (biz.out_trade_no) return state.find('alipay', String(biz.out_trade_no));
    if (biz.trade_no) return [...state.trades.values()].find((t) => t.gateway === 'alipay' && t.gateway_trade_no === biz.trade_no) ?? null;
    return undefined;
  }

  // Scanned trades whose time ran out are closed by Alipay itself.
  function autoClose(trade) {
    if (trade && trade.scanned && state.isExpired(trade)) state.close(trade);
  }

  function precreate(p, biz) {
    const no = biz.out_trade_no;
    if (typeof no !== 'string' || !OUT_TRADE_NO.test(no)) return badParam('out_trade_no must be 1–64 of letters, digits, underscore');
    const fen = typeof biz.total_amount === 'string' ? yuanToFen(biz.total_amount) : null;
    if (fen === null || fen < 1 || fen > MAX_FEN)
      return badParam('total_amount must be a yuan string 0.01–100000000 with at most 2 decimals', { out_trade_no: no });
    if (typeof biz.subject !== 'string' || biz.subject.length < 1 || biz.subject.length > 256)
      return badParam('subject must be a string of 1–256 characters', { out_trade_no: no });
    let expireMs = Date.now() + DEFAULT_TIMEOUT_MIN * 60000;
    if (biz.time_expire !== undefined) {
      expireMs = parseAlipayTime(biz.time_expire);
      if (expireMs === null) return badParam('time_expire must be yyyy-MM-dd HH:mm:ss', { out_trade_no: no });
    } else if (biz.timeout_express !== undefined) {
      const m = /^(\d{1,5})([mhd])$/.exec(String(biz.timeout_express));
      if (!m) return badParam('timeout_express must be like 15m, 2h or 1d', { out_trade_no: no });
      expireMs = Date.now() + Number(m[1]) * { m: 60000, h: 3600000, d: 86400000 }[m[2]];
    }
    if (p.notify_url && !/^https?:\/\/\S+$/.test(p.notify_url)) return invalid('invalid-parameter', 'notify_url 格式错误');

    const fingerprint = JSON.stringify([fen, biz.subject]);
    const old = state.find('alipay', no);
    if (old) {
      autoClose(old);
      if (old.state === 'SUCCESS') return business('ACQ.TRADE_HAS_SUCCESS', '交易已被支付', { out_trade_no: no });
      if (old.state === 'CLOSED') return business('ACQ.TRADE_HAS_CLOSE', '交易已经关闭', { out_trade_no: no });
      if (old.fingerprint !== fingerprint) return business('ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改', { out_trade_no: no });
      return ok({ out_trade_no: no, qr_code: old.pay_url });
    }
    const trade = state.create('alipay', {
      out_trade_no: no,
      amount_fen: fen,
      description: biz.subject,
      notify_url: p.notify_url || null,
      expire_ms: expireMs,
      fingerprint,
    });
    return ok({ out_trade_no: no, qr_code: trade.pay_url });
  }

  function query(biz) {
    const found = findTrade(biz);
    if (found === undefined) return badParam('out_trade_no or trade_no is required');
    autoClose(found);
    const trade = visible(found);
    const notExist = business('ACQ.TRADE_NOT_EXIST', '交易不存在', {
      out_trade_no: biz.out_trade_no, buyer_pay_amount: '0.00', invoice_amount: '0.00', point_amount: '0.00', receipt_amount: '0.00',
    });
    if (!trade) return notExist;
    const paid = trade.state === 'SUCCESS';
    const reported = fenToYuan(state.reportedFen(trade));
    const r = ok({
      trade_no: trade.gateway_trade_no,
      out_trade_no: trade.out_trade_no,
      buyer_logon_id: '159****0000',
      trade_status: STATUS[trade.state],
      total_amount: paid ? reported : fenToYuan(trade.amount_fen),
      buyer_pay_amount: paid ? reported : '0.00',
      point_amount: '0.00',
      invoice_amount: paid ? reported : '0.00',
      receipt_amount: paid ? reported : '0.00',
    });
    if (paid) Object.assign(r, { send_pay_date: alipayTime(trade.paid_ms), buyer_user_id: trade.payer_id });
    return r;
  }

  function close(biz) {
    const found = findTrade(biz);
    if (found === undefined) return badParam('out_trade_no or trade_no is required');
    autoClose(found);
    if (found && !found.scanned) {
      // Alipay answers "does not exist" for an unscanned QR code. The simulator still closes the
      // trade, so its page cannot be paid afterwards (stricter than real Alipay, see README).
      state.close(found);
    }
    const trade = visible(found);
    if (!trade) return business('ACQ.TRADE_NOT_EXIST', '交易不存在', { out_trade_no: biz.out_trade_no });
    if (trade.state === 'SUCCESS') return business('ACQ.TRADE_STATUS_ERROR', '交易状态不合法', { out_trade_no: trade.out_trade_no });
    state.close(trade);
    return ok({ trade_no: trade.gateway_trade_no, out_trade_no: trade.out_trade_no });
  }

  async function handle(req, res, url, body) {
    // Parameters may come in the query string, the form body, or both (the SDKs put the common
    // parameters in the query and biz_content in the body).
    const p = Object.fromEntries(url.searchParams);
    const ctype = String(req.headers['content-type'] ?? '');
    if (body && (ctype.startsWith('application/x-www-form-urlencoded') || ctype === '')) {
      for (const [k, v] of new URLSearchParams(body)) p[k] = v;
    }
    const op = METHODS[p.method] ?? null;
    const key = op ? `${p.method.replace(/\./g, '_')}_response` : 'error_response';
    const entry = state.logRequest({
      gateway: 'alipay', method: req.method, path: req.url.split('?')[0], api: p.method ?? null, operation: op,
      signature_ok: false, error: null, status: null,
    });
    const answer = (obj, status = 200) => {
      entry.status = status;
      if (obj.code !== '10000') {
        entry.error = entry.error ?? obj.sub_code ?? obj.code;
        entry.message = obj.sub_msg ?? obj.msg;
      }
      send(res, status, signedResponse(key, obj), { 'Content-Type': 'application/json; charset=utf-8' });
    };
    if (req.method !== 'POST' && req.method !== 'GET') return answer(invalid('invalid-method', 'HTTP 方法错误'), 405);
    if (!p.method) return answer(missing('method'));
    if (!op) return answer(invalid('invalid-method', `不存在的方法名 ${p.method}`));
    const gw = gatewayChecks(p);
    if (gw) return answer(gw);
    const bad = checkSignature(p);
    entry.signature_ok = !bad;
    if (bad) return answer(bad);

    const failure = state.takeFailure(op);
    if (typeof failure === 'number') {
      entry.error = `injected ${failure}`;
      return answer({ code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error', sub_msg: '系统繁忙' }, failure);
    }
    let biz;
    try {
      biz = JSON.parse(p.biz_content ?? '');
    } catch {
      biz = null;
    }
    let result;
    if (!biz || typeof biz !== 'object' || Array.isArray(biz)) result = missing('biz-content');
    else result = op === 'create' ? precreate(p, biz) : op === 'query' ? query(biz) : close(biz);
    if (failure === 'timeout') {
      entry.error = 'injected timeout';
      return holdAnswer(ctx, req, res, () => answer(result));
    }
    return answer(result);
  }

  // ---- notifications --------------------------------------------------------------------------

  function buildNotification(trade) {
    const fen = fenToYuan(state.reportedFen(trade));
    const params = {
      notify_time: alipayTime(Date.now()),
      notify_type: 'trade_status_sync',
      notify_id: `${randomUUID().replace(/-/g, '')}${randomAlnum(4)}`,
      app_id: ALIPAY_APP_ID,
      auth_app_id: ALIPAY_APP_ID,
      charset: 'utf-8',
      version: '1.0',
      sign_type: 'RSA2',
      trade_no: trade.gateway_trade_no,
      out_trade_no: trade.out_trade_no,
      buyer_id: trade.payer_id,
      buyer_logon_id: '159****0000',
      seller_id: ALIPAY_SELLER_ID,
      trade_status: 'TRADE_SUCCESS',
      total_amount: fen,
      receipt_amount: fen,
      invoice_amount: fen,
      buyer_pay_amount: fen,
      point_amount: '0.00',
      gmt_create: alipayTime(trade.created_ms),
      gmt_payment: alipayTime(trade.paid_ms),
      subject: trade.description,
      // A JSON value inside a form field, as the real notification carries: it must survive the
      // merchant's URL decoding unchanged for the signature to verify.
      fund_bill_list: JSON.stringify([{ amount: fen, fundChannel: 'ALIPAYACCOUNT' }]),
    };
    return { id: params.notify_id, params };
  }

  function prepareDelivery(trade, message, opts) {
    const params = { ...message.params };
    // Notifications leave both sign and sign_type out of the signing string.
    const content = signingString(params, ['sign', 'sign_type']);
    params.sign = sign('sha256', Buffer.from(content, 'utf8'), opts.forge ? forgeryKey() : keys.alipay.alipayKey).toString('base64');
    if (opts.tamper) {
      // The most tempting change for an attacker: the amount.
      const fen = yuanToFen(params.total_amount) ?? 0;
      params.total_amount = fenToYuan(fen + 100);
    }
    return {
      body: new URLSearchParams(params).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
    };
  }

  // Alipay stops retrying only when the body is exactly "success".
  const isDelivered = (_status, body) => body === 'success';

  return { handle, buildNotification, prepareDelivery, isDelivered };
}
