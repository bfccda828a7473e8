// The 会员证 / 证书核验 / printing API (CONTRACT.md "Certificates (会员证), printing and 证书核验 —
// issue 7"): JSON calls go through api.js; the QR scan posts raw pixels (or a PNG) with the same
// CSRF and error handling. Image and PDF routes are plain URLs (<img src>, <a href download>): the
// session cookie goes with them, and the server names the downloaded file.

import { api, API_BASE, ApiError, seg, query } from './api.js';
import { S } from './strings.zh.js';
import { getSession } from './session.js';

// --- public: 证书核验 -----------------------------------------------------------------

// what: { no } | { qr } | { d, s } → Verification.
export const verifyCertificate = (what) => api.post('/certificates/verify', what);

// Posts one image to /certificates/scan. pixels: Uint8Array of w×h 8-bit grey values, or a Blob
// of type image/png (then w and h are not needed). → {found, qr_text?, verification?, message?}
export async function scanImage(pixels, w, h) {
  const isPng = typeof Blob !== 'undefined' && pixels instanceof Blob;
  const headers = { Accept: 'application/json', 'Content-Type': isPng ? 'image/png' : 'application/octet-stream' };
  const csrf = getSession()?.csrf;
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const path = `/certificates/scan${isPng ? '' : query({ w, h })}`;
  let res;
  try {
    res = await fetch(API_BASE + path, { method: 'POST', headers, body: pixels, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError({ status: 0, code: 'network', message: S.networkError });
  }
  let data = null;
  try { data = await res.json(); } catch { data = null; }
  if (res.ok && data) return data;
  const e = data?.error || {};
  throw new ApiError({ status: res.status, code: e.code || `http_${res.status}`, message: e.message || S.unknownError, fields: e.fields });
}

// --- member --------------------------------------------------------------------------

export const memberCertificates = () => api.get('/member/certificates');
export const printCertificate = (id) => api.post(`/member/certificates/${seg(id)}/print`, {});
export const memberPrintJob = (id) => api.get(`/member/print-jobs/${seg(id)}`);
export const memberPreviewUrl = (id, dpi = 96) => `${API_BASE}/member/certificates/${seg(id)}/preview.png?dpi=${dpi}`;
export const memberPdfUrl = (id, size = 'a4') => `${API_BASE}/member/certificates/${seg(id)}/pdf?size=${seg(size)}`;

// --- staff ---------------------------------------------------------------------------

export const staffCertificates = ({ q, status, page = 1 } = {}) => api.get(`/staff/certificates${query({ q, status, page })}`);
export const staffMemberCertificates = (memberId) => api.get(`/staff/members/${seg(memberId)}/certificates`);
export const issueCertificate = (memberId, year, reason) => api.post(`/staff/members/${seg(memberId)}/certificates`, { year, reason });
export const reissueCertificate = (id, reason) => api.post(`/staff/certificates/${seg(id)}/reissue`, { reason });
export const voidCertificate = (id, reason) => api.post(`/staff/certificates/${seg(id)}/void`, { reason });
export const staffPrintCertificate = (id) => api.post(`/staff/certificates/${seg(id)}/print`, {});
export const staffPreviewUrl = (id, dpi = 96) => `${API_BASE}/staff/certificates/${seg(id)}/preview.png?dpi=${dpi}`;
export const staffPdfUrl = (id, size = 'a4') => `${API_BASE}/staff/certificates/${seg(id)}/pdf?size=${seg(size)}`;

export const staffPrinter = () => api.get('/staff/printer');
export const printTestPage = () => api.post('/staff/printer/test-page', {});
export const reprintJob = (id) => api.post(`/staff/print-jobs/${seg(id)}/reprint`, {});
export const cancelPrintJob = (id) => api.post(`/staff/print-jobs/${seg(id)}/cancel`, {});

// --- shared helpers ------------------------------------------------------------------

// 'in_force' | 'void' | 'expired' for a Certificate object.
export function certState(cert) {
  if (!cert) return 'void';
  if (cert.status === 'void') return 'void';
  return cert.in_force ? 'in_force' : 'expired';
}

// Keeps the digits of a typed certificate number (the server also ignores spaces).
export const certDigits = (text) => String(text || '').replace(/\D+/g, '');
