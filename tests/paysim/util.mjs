// Small helpers shared by the simulator's modules (never by the daemon: the simulator must stay an
// independent implementation of the protocols).
import { randomBytes } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlnum(n) {
  const bytes = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += ALNUM[bytes[i] % ALNUM.length];
  return s;
}

export function randomDigits(n) {
  const bytes = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += String(bytes[i] % 10);
  return s;
}

// Both gateways speak China Standard Time (UTC+8, no daylight saving) whatever the host's zone.
function beijingParts(ms) {
  const d = new Date(ms + 8 * 3600 * 1000);
  const p = (v, w = 2) => String(v).padStart(w, '0');
  return {
    date: `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`,
    time: `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`,
    compact: `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}`,
  };
}

/** WeChat Pay v3 times: RFC 3339 with the +08:00 offset, e.g. 2026-12-03T14:50:00+08:00. */
export function rfc3339(ms) {
  const b = beijingParts(ms);
  return `${b.date}T${b.time}+08:00`;
}

/** Alipay times: "yyyy-MM-dd HH:mm:ss" in Beijing time. */
export function alipayTime(ms) {
  const b = beijingParts(ms);
  return `${b.date} ${b.time}`;
}

export function beijingDateCompact(ms) {
  return beijingParts(ms).compact;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
/** Milliseconds since the epoch, or null when the text is not an RFC 3339 date-time. */
export function parseRfc3339(text) {
  if (typeof text !== 'string' || !RFC3339.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

const ALIPAY_TS = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
/** Milliseconds since the epoch for a Beijing "yyyy-MM-dd HH:mm:ss", or null. */
export function parseAlipayTime(text) {
  const m = typeof text === 'string' && ALIPAY_TS.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - 8 * 3600 * 1000;
  // Reject 2026-02-30 and the like: the round trip must give back the same text.
  return alipayTime(ms) === text ? ms : null;
}

export function fenToYuan(fen) {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** "12.3" → 1230; null unless a positive-or-zero yuan amount with at most 2 decimals. */
export function yuanToFen(text) {
  const m = typeof text === 'string' && /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'));
}

export function readBody(req, limit = 1 << 20) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function send(res, status, body, headers = {}) {
  const buf = Buffer.from(body ?? '', 'utf8');
  res.writeHead(status, { 'Content-Length': buf.length, ...headers });
  res.end(buf);
}

export function sendJson(res, status, obj, headers = {}) {
  send(res, status, JSON.stringify(obj), { 'Content-Type': 'application/json; charset=utf-8', ...headers });
}

export function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
