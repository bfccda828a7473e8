// 招聘信息 (CONTRACT.md "招聘信息 (job postings)").
import { api, seg, query } from './api.js';

export const publicJobs = ({ page = 1, pageSize = 10 } = {}) => api.get(`/jobs${query({ page, page_size: pageSize })}`);
export const publicJob = (id) => api.get(`/jobs/${seg(id)}`);

export const myJobs = () => api.get('/member/jobs');
export const myJob = (id) => api.get(`/member/jobs/${seg(id)}`);
export const createJob = (form) => api.post('/member/jobs', form);
export const updateJob = (id, form) => api.put(`/member/jobs/${seg(id)}`, form);
export const closeJob = (id) => api.post(`/member/jobs/${seg(id)}/close`, {});

export const staffJobs = ({ status = 'pending', page = 1 } = {}) => api.get(`/staff/jobs${query({ status, page })}`);
export const approveJob = (id) => api.post(`/staff/jobs/${seg(id)}/approve`, {});
export const rejectJob = (id, reason) => api.post(`/staff/jobs/${seg(id)}/reject`, { reason });
