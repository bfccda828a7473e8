// The "timeout" failure: keep a gateway request unanswered for 30 s, or until the client gives up
// and closes the connection, whichever comes first. Timers are tracked so shutdown can clear them.
const HOLD_MS = 30000;

export function holdAnswer(ctx, req, res, answer) {
  const timer = setTimeout(() => {
    ctx.holds.delete(timer);
    if (!res.destroyed && !res.writableEnded) answer();
  }, HOLD_MS);
  timer.unref();
  ctx.holds.add(timer);
  res.on('close', () => {
    clearTimeout(timer);
    ctx.holds.delete(timer);
  });
}
