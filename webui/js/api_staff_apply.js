// 代为填写入会申请 (CONTRACT.md "Staff member search and record, …": POST /staff/applications).
import { api } from './api.js';

export const submitForApplicant = ({ type, memberId, fields, overrides }) => api.post('/staff/applications', {
  type, agree_charter: true, fields,
  ...(memberId ? { member_id: Number(memberId) } : {}),
  ...(overrides && Object.keys(overrides).length ? { check_overrides: overrides } : {}),
});
