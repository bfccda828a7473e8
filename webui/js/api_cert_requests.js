// 会员证信息修改申请 and 会员证邮寄申请 (CONTRACT.md "会员证信息修改申请 and 会员证邮寄申请").
import { api, seg, query } from './api.js';

export const myCertChanges = () => api.get('/member/certificate-changes');
export const requestCertChange = (values, note) => api.post('/member/certificate-changes', { values, note });
export const cancelCertChange = (id) => api.post(`/member/certificate-changes/${seg(id)}/cancel`, {});
export const myCertMail = () => api.get('/member/certificate-mail');
export const requestCertMail = (form) => api.post('/member/certificate-mail', form);

export const staffCertChanges = ({ status = 'pending', page = 1 } = {}) => api.get(`/staff/certificate-changes${query({ status, page })}`);
export const approveCertChange = (id) => api.post(`/staff/certificate-changes/${seg(id)}/approve`, {});
export const rejectCertChange = (id, reason) => api.post(`/staff/certificate-changes/${seg(id)}/reject`, { reason });
export const staffCertMail = ({ status = 'pending', page = 1 } = {}) => api.get(`/staff/certificate-mail${query({ status, page })}`);
export const markCertMailSent = (id, courier, tracking_no) => api.post(`/staff/certificate-mail/${seg(id)}/sent`, { courier, tracking_no });
export const cancelCertMail = (id, reason) => api.post(`/staff/certificate-mail/${seg(id)}/cancel`, { reason });
