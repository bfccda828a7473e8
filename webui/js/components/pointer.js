// Runs a layout change only after the current tap has finished (pointerup and its click),
// so nothing moves or disappears under a finger between touch-down and touch-up.
// Listens on window in the capture phase, ahead of the idle timer's listeners.
let down = false;
let queue = [];

function flush() {
  const fns = queue;
  queue = [];
  for (const fn of fns) fn();
}

window.addEventListener('pointerdown', () => { down = true; }, true);
const up = () => {
  down = false;
  if (queue.length) setTimeout(flush, 0); // after the click that follows pointerup
};
window.addEventListener('pointerup', up, true);
window.addEventListener('pointercancel', up, true);

export function afterTap(fn) {
  if (down) queue.push(fn);
  else fn();
}
