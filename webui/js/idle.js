// Kiosk idle timer. Any touch, pointer, key or wheel activity restarts it. When
// `warnS` seconds remain, onWarn fires (the app shows a countdown dialog); at zero,
// onExpire fires (the app logs out and resets to home). While disarmed (the clean home
// screen) it does nothing. hold(untilMs) keeps the reset from coming before that moment (a
// screen that must not be reset, e.g. a payment QR code while it is valid); the countdown then
// shows the time to that moment. hold(0) releases it.

const ACTIVITY = ['pointerdown', 'touchstart', 'keydown', 'wheel', 'input'];

export class IdleTimer {
  constructor({ resetS, warnS, onTick, onWarn, onExpire }) {
    this.resetS = resetS;
    this.warnS = warnS;
    this.onTick = onTick;
    this.onWarn = onWarn;
    this.onExpire = onExpire;
    this.armed = false;
    this.warned = false;
    this.deadline = 0;
    this.lastShown = null;
    this.interval = null;
    this.holdUntil = 0;
    this.activity = () => { if (this.armed) this.restart(); };
  }

  start() {
    for (const ev of ACTIVITY) window.addEventListener(ev, this.activity, { capture: true, passive: true });
    this.interval = setInterval(() => this.#tick(), 200);
  }

  configure({ resetS, warnS }) {
    this.resetS = resetS;
    this.warnS = warnS;
    this.restart();
  }

  setArmed(armed) {
    this.armed = armed;
    this.restart();
  }

  hold(untilMs) {
    this.holdUntil = Number(untilMs) > 0 ? Number(untilMs) : 0;
    this.restart();
  }

  restart() {
    this.deadline = Math.max(Date.now() + this.resetS * 1000, this.holdUntil);
    this.warned = false;
    this.lastShown = null;
    this.#tick();
  }

  remaining() {
    return Math.max(0, Math.ceil((this.deadline - Date.now()) / 1000));
  }

  #tick() {
    if (!this.armed) {
      if (this.lastShown !== 'off') { this.lastShown = 'off'; this.onTick(null, false); }
      return;
    }
    const left = this.remaining();
    const warning = left <= this.warnS;
    if (this.lastShown !== left) {
      this.lastShown = left;
      this.onTick(left, warning && this.warned);
    }
    if (left <= 0) {
      this.armed = false;
      this.onExpire();
      return;
    }
    if (warning && !this.warned) {
      this.warned = true;
      this.onWarn(left);
      this.onTick(left, true);
    }
  }
}

// Settings: the server's, overridable for tests with ?idle=N&warn=M in the page URL.
export function idleSettings(server = {}, search = location.search) {
  const pos = (v) => (Number.isFinite(Number(v)) && Number(v) > 0 ? Math.floor(Number(v)) : null);
  const q = new URLSearchParams(search);
  const resetS = pos(q.get('idle')) ?? pos(server.idle_reset_s) ?? 120;
  let warnS = pos(q.get('warn')) ?? pos(server.idle_warning_s) ?? 20;
  if (warnS >= resetS) warnS = Math.max(1, resetS - 1);
  return { resetS, warnS };
}
