// 设备状态 (CONTRACT.md "设备状态 (staff status)").
import { api } from './api.js';

export const staffStatus = () => api.get('/staff/status');
