// The current login session as the server last described it (CONTRACT.md `Session`),
// or null. In memory only: nothing is written to storage on a shared kiosk.

let current = null;
const listeners = new Set();

export function getSession() {
  return current;
}

export function setSession(session) {
  current = session || null;
  for (const fn of listeners) fn(current);
}

export function clearSession() {
  setSession(null);
}

export function onSessionChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export const isMember = () => current?.kind === 'member';
export const isStaff = () => current?.kind === 'staff';
