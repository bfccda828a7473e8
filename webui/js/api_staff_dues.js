// The finance staff's 会费 API (CONTRACT.md "Dues and payments", staff side; roles finance and
// admin), plus the conversions between the wire's integer fen and the 元 people read and type.
// Money never goes through floating point: amounts are integers of fen from parse to display.

import { api, seg, query } from './api.js';

// --- endpoints -----------------------------------------------------------------------

export const duesYears = () => api.get('/staff/dues/years');
// body: { window_start, window_end, fees: [{ fee_class, amount_fen }] }
export const saveDuesYear = (year, body) => api.put(`/staff/dues/years/${seg(year)}`, body);

export const duesAgencies = ({ q, page = 1 } = {}) => api.get(`/staff/dues/agencies${query({ q, page })}`);
export const setAgencyTier = (memberId, tier) => api.put(`/staff/dues/agencies/${seg(memberId)}/tier`, { tier });

export const duesOrders = ({ status, q, page = 1 } = {}) =>
  api.get(`/staff/dues/orders${query({ status: status === 'all' ? '' : status, q, page })}`);
export const duesOrder = (id) => api.get(`/staff/dues/orders/${seg(id)}`);
export const approveReduction = (id, amountFen) =>
  api.post(`/staff/dues/orders/${seg(id)}/reduction`, { decision: 'approve', amount_fen: amountFen });
export const rejectReduction = (id, reason) =>
  api.post(`/staff/dues/orders/${seg(id)}/reduction`, { decision: 'reject', reason });
// body: { amount_fen, date: 'YYYY-MM-DD', bank_ref }
export const confirmBankReceipt = (id, body) => api.post(`/staff/dues/orders/${seg(id)}/bank-receipt`, body);

export const importBankStatement = (csv, apply) => api.post('/staff/dues/bank-statement', { csv, apply: !!apply });

export const duesSettings = () => api.get('/staff/dues/settings');
export const saveDuesSettings = (s) => api.put('/staff/dues/settings', s);

// --- money ---------------------------------------------------------------------------

// Amounts above this many fen are not money this system handles (and stay exact integers).
const MAX_FEN = 1e12;

function groupThousands(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

// 130000 → "1,300.00"; -5 → "-0.05". Non-integers and non-numbers give "".
export function yuanText(fen) {
  const n = Number(fen);
  if (!Number.isSafeInteger(n)) return '';
  const abs = Math.abs(n);
  const cents = String(abs % 100).padStart(2, '0');
  return `${n < 0 ? '-' : ''}${groupThousands(String(Math.trunc(abs / 100)))}.${cents}`;
}

// 130000 → "1,300.00 元".
export function formatFen(fen) {
  const t = yuanText(fen);
  return t ? `${t} 元` : '—';
}

// An amount in 元 as typed into an input: 130000 → "1300.00" (no grouping, so it can be edited).
export function fenToInput(fen) {
  return yuanText(fen).replace(/,/g, '');
}

// "1,300.00", "1300", "1300.5", "300 元" → integer fen; anything else (negative, three
// decimals, letters, "") → null. Parsed from the digits, never through a float.
export function parseYuan(text) {
  const s = String(text ?? '').trim().replace(/\s*元$/, '').replace(/^¥\s*/, '');
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const whole = m[1].replace(/,/g, '').replace(/^0+(?=\d)/, '');
  if (whole.length > 10) return null;
  const fen = Number(whole) * 100 + Number((m[2] || '').padEnd(2, '0'));
  return fen <= MAX_FEN ? fen : null;
}

// --- time ----------------------------------------------------------------------------

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000; // Asia/Shanghai has no daylight saving time

function shanghaiParts(iso) {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return null;
  const d = new Date(t + SHANGHAI_OFFSET_MS);
  const p = (n) => String(n).padStart(2, '0');
  return { date: `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`, time: `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}` };
}

// "2026-12-03T06:00:00Z" → "2026-12-03 14:00" (Asia/Shanghai); a bare date stays as it is.
export function formatTime(iso) {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const p = shanghaiParts(iso);
  return p ? `${p.date} ${p.time}` : String(iso);
}

// Today's date in Asia/Shanghai, YYYY-MM-DD.
export function todayShanghai() {
  return shanghaiParts(new Date().toISOString()).date;
}
