// fetch wrapper for /api/v1 (see firmware/src/api/CONTRACT.md).
// - JSON in and out; the session's CSRF token on every non-GET request.
// - An error body {"error":{code,message,fields,report?}} becomes a thrown ApiError (`report`:
//   an import's line-by-line report, sent with 422 import_rejected).
// - 403 password_change_required and 401 unauthenticated are reported to the app
//   (hooks set by app.js), which routes to the forced-change screen or to the right login;
//   such errors come back with `handled = true` so screens do not also show them.

import { S } from './strings.zh.js';
import { getSession, setSession, clearSession } from './session.js';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  constructor({ status, code, message, fields, retryAfter, report }) {
    super(message || S.unknownError);
    this.name = 'ApiError';
    this.status = status;
    this.code = code || 'unknown';
    this.fields = fields || null;
    this.retryAfter = retryAfter ?? null;
    this.report = report ?? null;
    this.handled = false;
  }
}

const hooks = {
  passwordChangeRequired: null, // (err) => void
  unauthenticated: null, // (err) => bool (true if it rerouted)
};

export function setApiHooks(h) {
  Object.assign(hooks, h);
}

// opts.quiet: do not call the routing hooks (used by the session probe and logout).
export async function request(method, path, body, opts = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const csrf = getSession()?.csrf;
  if (method !== 'GET' && method !== 'HEAD' && csrf) headers['X-CSRF-Token'] = csrf;

  let res;
  try {
    res = await fetch(API_BASE + path, init);
  } catch {
    throw new ApiError({ status: 0, code: 'network', message: S.networkError });
  }
  let data = null;
  const text = await res.text();
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (res.ok) return data ?? {};

  const e = data?.error || {};
  const retryHeader = Number(res.headers.get('Retry-After'));
  const err = new ApiError({
    status: res.status,
    code: e.code || (res.status === 401 ? 'unauthenticated' : `http_${res.status}`),
    message: e.message || (res.status === 0 ? S.networkError : S.unknownError),
    fields: e.fields,
    report: e.report,
    retryAfter: e.retry_after_s ?? (Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : null),
  });
  if (!opts.quiet) {
    if (err.status === 403 && err.code === 'password_change_required' && hooks.passwordChangeRequired) {
      hooks.passwordChangeRequired(err);
      err.handled = true;
    } else if (err.status === 401 && err.code === 'unauthenticated') {
      clearSession();
      if (hooks.unauthenticated && hooks.unauthenticated(err)) err.handled = true;
    }
  }
  throw err;
}

export const api = {
  get: (path, opts) => request('GET', path, undefined, opts),
  post: (path, body = {}, opts) => request('POST', path, body, opts),
  put: (path, body = {}, opts) => request('PUT', path, body, opts),
  del: (path, opts) => request('DELETE', path, undefined, opts),
};

// A query string of the set parameters (empty, null and undefined ones left out); shared by the
// api_*.js modules.
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

// --- endpoints -------------------------------------------------------------------------

export const kioskSettings = () => api.get('/kiosk/settings', { quiet: true });

export async function login(kind, loginId, password) {
  const data = await api.post('/auth/login', { kind, login_id: loginId, password }, { quiet: true });
  setSession(data.session);
  return data.session;
}

export async function logout() {
  try {
    await api.post('/auth/logout', {}, { quiet: true });
  } catch {
    // Already gone on the server: forgetting it here is all that is left to do.
  } finally {
    clearSession();
  }
}

// Asks the server which session this browser has; null if none.
export async function probeSession() {
  try {
    const data = await api.get('/auth/session', { quiet: true });
    setSession(data.session);
    return data.session;
  } catch (err) {
    if (err.status === 401) { clearSession(); return null; }
    throw err;
  }
}

export async function changePassword(oldPassword, newPassword) {
  const data = await api.post('/auth/password', { old_password: oldPassword, new_password: newPassword });
  setSession(data.session);
  return data.session;
}

export const faq = () => api.get('/content/faq');
export const contentPage = (slug) => api.get(`/content/pages/${encodeURIComponent(slug)}`);
export const directory = ({ q, type, page = 1, pageSize = 20 }) =>
  api.get(`/directory${query({ q, type, page, page_size: pageSize })}`);
export const memberHome = () => api.get('/member/home');
export const staffHome = () => api.get('/staff/home');

// 入会申请 (issue 3)
// One path segment, escaped; shared by the api_*.js modules.
export const seg = (s) => encodeURIComponent(s);
export const applicationForm = (type) => api.get(`/applications/forms/${seg(type)}`);
export const submitApplication = (type, fields) => api.post(`/applications/${seg(type)}`, { agree_charter: true, fields });
export const memberApplication = () => api.get('/member/application');
export const memberMessages = () => api.get('/member/messages');
export const markMessageRead = (id) => api.post(`/member/messages/${seg(id)}/read`, {});

// staff
export const staffApplications = ({ type, status, overdue, page = 1, pageSize = 50 }) =>
  api.get(`/staff/applications${query({ type, status, overdue: overdue ? 1 : '', page, page_size: pageSize })}`);
export const staffApplication = (id) => api.get(`/staff/applications/${seg(id)}`);
export const approveApplication = (id) => api.post(`/staff/applications/${seg(id)}/approve`, {});
export const rejectApplication = (id, reason) => api.post(`/staff/applications/${seg(id)}/reject`, { reason });
export const staffCalendar = (year) => api.get(`/staff/calendar${query({ year })}`);
export const putCalendarDay = (day, kind, name) => api.put(`/staff/calendar/${seg(day)}`, { kind, name });
export const deleteCalendarDay = (day) => api.del(`/staff/calendar/${seg(day)}`);
export const saveContentPage = (slug, title, body) => api.put(`/staff/pages/${seg(slug)}`, { title, body });
export const postStaffMessage = (msg) => api.post('/staff/messages', msg);
export const staffSms = () => api.get('/staff/sms');
