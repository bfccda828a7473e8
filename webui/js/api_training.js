// 培训班 and their registrations and scores, staff side (CONTRACT.md "Training registrations and
// scores"; roles reviewer and admin). `kind` is 'registrations' or 'scores'.
import { api, seg, query } from './api.js';

const classPath = (id) => `/staff/training/classes/${seg(id)}`;

export const trainingClasses = ({ page = 1 } = {}) => api.get(`/staff/training/classes${query({ page })}`);
export const trainingClass = (id) => api.get(classPath(id));
// c: { name, start_date, end_date, place, hours }
export const createTrainingClass = (c) => api.post('/staff/training/classes', c);
export const updateTrainingClass = (id, c) => api.put(classPath(id), c);
export const trainingRows = (id, kind, { page = 1 } = {}) => api.get(`${classPath(id)}/${seg(kind)}${query({ page })}`);
// → Report; applying a file with problems throws ApiError 422 import_rejected with err.report.
export const importTraining = (id, kind, csv, apply) => api.post(`${classPath(id)}/${seg(kind)}/import`, { csv, apply: !!apply });
