// The member's records (CONTRACT.md "Training registrations and scores", member side, and
// "会费缴纳信息"): 报名信息, 成绩查询 and the dues history with its receipts.
import { api, seg, query } from './api.js';

// kind: 'registrations' | 'scores'
export const trainingRecords = (kind, { attorneyId, page = 1, pageSize } = {}) =>
  api.get(`/member/training/${seg(kind)}${query({ attorney_id: attorneyId, page, page_size: pageSize })}`);
// scope: 'self' | 'attorneys' (agencies only)
export const duesHistory = ({ scope = 'self', attorneyId } = {}) =>
  api.get(`/member/dues/history${query({ scope, attorney_id: attorneyId })}`);
export const historyReceipt = (orderId) => api.get(`/member/dues/history/receipts/${seg(orderId)}`);
