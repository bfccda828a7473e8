import { h } from './dom.js';
import { button } from './button.js';
import { duesHome } from '../api_dues.js';
import { MR } from '../strings/member_records.zh.js';

// The notice of a page that needs a paid membership (good standing, GET /member/dues
// member.good_standing): when the member is not in good standing it says what the page needs and
// leads to 会费缴纳; otherwise it stays empty. It never blocks the page: reading goes on.
//   need: a key of MR.gateNeeds ('certificate', 'certificate_mail', 'registrations', 'scores')
// A member not yet approved (403 not_approved) is told the server's message, without the button.
// Other failures leave it empty: the page itself reports them. onShown() is called once the
// notice is up, so a page can drop a way to 会费缴纳 of its own (one button, not two).
export function standingGate(ctx, need, { onShown } = {}) {
  const el = h('div', { class: 'standing-gate', attrs: { 'aria-live': 'polite' }, dataset: { test: 'standing-gate' } });
  duesHome().then(({ member = {} }) => {
    if (!ctx.alive() || member.good_standing) return;
    el.replaceChildren(h('div', { class: 'notice notice-warning standing-gate-notice', dataset: { test: 'gate-unpaid', need } },
      h('div', { class: 'standing-gate-text' },
        h('strong', {}, MR.gateTitle),
        h('p', {}, MR.gateNeeds[need]),
        h('p', {}, MR.gateFooter)),
      button(MR.gatePay, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'gate-dues' }, onClick: () => ctx.go('/member/dues') })));
    onShown?.();
  }).catch((err) => {
    if (!ctx.alive() || err.handled || err.code !== 'not_approved') return;
    el.replaceChildren(h('div', { class: 'notice notice-warning', dataset: { test: 'gate-not-approved' } }, err.message));
  });
  return el;
}
