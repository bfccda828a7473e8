// The member's 会费缴纳 API (CONTRACT.md "Dues and payments", member side) and the money and
// time formatting its screens share. Money is integer fen from the wire to the screen: it is
// formatted and parsed as digits, never through floating point.

import { api, seg } from './api.js';
import { getSession } from './session.js';

// --- endpoints -----------------------------------------------------------------------

export const duesHome = () => api.get('/member/dues');
export const attorneyChoice = (year, choice) => api.post('/member/dues/attorney-choice', { year, choice });
export const duesItems = (year) => api.get(`/member/dues/items?year=${seg(year)}`);
export const duesQuote = (year, memberIds) => api.post('/member/dues/quote', { year, member_ids: memberIds });
// reduction: undefined, or { amount_fen, reason } (减免申请缴费)
export const placeOrder = (year, memberIds, contact, reduction) =>
  api.post('/member/dues/orders', { year, member_ids: memberIds, contact, ...(reduction ? { reduction } : {}) });
export const myOrders = () => api.get('/member/dues/orders');
export const duesOrder = (id) => api.get(`/member/dues/orders/${seg(id)}`);
export const startPayment = (id, method) => api.post(`/member/dues/orders/${seg(id)}/pay`, { method });
export const paymentStatus = (id) => api.get(`/member/dues/orders/${seg(id)}/status`);
export const cancelOrder = (id) => api.post(`/member/dues/orders/${seg(id)}/cancel`, {});
export const duesReceipt = (id) => api.get(`/member/dues/orders/${seg(id)}/receipt`);

// --- money ---------------------------------------------------------------------------

// 130000 → '1,300.00 元' (fen are an integer; the 元 part is grouped by threes).
export function formatFen(fen, { unit = true } = {}) {
  const n = Number(fen);
  if (!Number.isSafeInteger(n)) return '—';
  const neg = n < 0;
  const digits = String(Math.abs(n)).padStart(3, '0');
  const yuan = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = `${neg ? '-' : ''}${yuan}.${digits.slice(-2)}`;
  return unit ? `${text} 元` : text;
}

// '500' | '500.5' | '500.50' | '1,300.00' → fen as an integer; null when it is not an amount of
// 元 with at most two decimals. Parsed from the string, never via parseFloat.
export function parseYuan(text) {
  const s = String(text ?? '').trim().replace(/[,，\s]/g, '');
  const m = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  const frac = (m[2] || '').padEnd(2, '0');
  return Number(m[1]) * 100 + Number(frac);
}

// --- time ----------------------------------------------------------------------------

// A UTC ISO time → 'YYYY-MM-DD HH:mm' in Asia/Shanghai (UTC+8, no daylight saving).
export function formatTime(iso) {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return String(iso);
  const d = new Date(t + 8 * 3600 * 1000);
  const p = (v) => String(v).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

// --- ids in routes -------------------------------------------------------------------

export function parseIds(text) {
  return String(text || '').split(',').map((s) => s.trim()).filter((s) => /^\d+$/.test(s)).map(Number);
}

// --- the contact typed on the confirm screen, kept for 【减免申请缴费】 -------------------
// Keyed by login and selection, so another member or another selection never sees it. The app's
// idle reset logs out, and a new login has another key.

let draft = null;
const draftKey = (year, ids) => `${getSession()?.login_id || ''}|${year}|${[...ids].sort((a, b) => a - b).join(',')}`;

export function saveContactDraft(year, ids, contact) {
  draft = { key: draftKey(year, ids), contact: { ...contact } };
}

export function contactDraft(year, ids) {
  return draft && draft.key === draftKey(year, ids) ? { ...draft.contact } : null;
}

export function clearContactDraft() {
  draft = null;
}
