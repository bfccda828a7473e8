// The staff 会员查询 API (CONTRACT.md "Staff member search and record — issue 8").
import { api, seg } from './api.js';

export function searchMembers({ q, type, page = 1, pageSize = 20 }) {
  const params = new URLSearchParams(Object.entries({ q, type, page, page_size: pageSize })
    .filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [k, String(v)]));
  return api.get(`/staff/members?${params}`);
}
export const memberRecord = (id) => api.get(`/staff/members/${seg(id)}`);
export const changeAgency = (id, agencyId, reason) =>
  api.post(`/staff/members/${seg(id)}/agency`, { agency_id: agencyId, reason });
