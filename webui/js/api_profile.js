// 会员资料, 会员信息修改 and 退会 (CONTRACT.md "会员资料, 会员信息修改 and 退会").
import { api, seg, query } from './api.js';

export const memberProfile = () => api.get('/member/profile');
export const saveProfile = (fields) => api.put('/member/profile', { fields });
export const profileChanges = () => api.get('/member/profile/changes');
export const requestWithdrawal = (reason) => api.post('/member/withdrawals', reason ? { reason } : {});
export const cancelWithdrawal = (id) => api.post(`/member/withdrawals/${seg(id)}/cancel`, {});

export const staffWithdrawals = ({ status = 'pending', page = 1 } = {}) => api.get(`/staff/withdrawals${query({ status, page })}`);
export const approveWithdrawal = (id) => api.post(`/staff/withdrawals/${seg(id)}/approve`, {});
export const rejectWithdrawal = (id, reason) => api.post(`/staff/withdrawals/${seg(id)}/reject`, { reason });
