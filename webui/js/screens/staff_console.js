import { S } from '../strings.zh.js';
import { F } from '../strings/staff_dues.zh.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { notice, loadInto } from '../components/page.js';
import { staffHome } from '../api.js';
import { duesOrders } from '../api_staff_dues.js';
import { getSession } from '../session.js';
import { C } from '../strings/certificates.zh.js';
import { M } from '../strings/staff_members.zh.js';
import { P } from '../strings/profile.zh.js';
import { R } from '../strings/cert_requests.zh.js';
import { A } from '../strings/staff_apply.zh.js';
import { T } from '../strings/training.zh.js';
import { J } from '../strings/jobs.zh.js';
import { ST } from '../strings/status.zh.js';
import { K } from '../strings/kiosk.zh.js';
import { U } from '../strings/unlock.zh.js';

// Staff console: who is logged in and with which role, and the work of that role
// (入会审核 and 工作日历 for reviewers and admins; the 会费 screens for finance and admins; 会员证 for
// admin, desk and reviewer; 打印机 for admin and desk).
const FINANCE = ['finance', 'admin'];
const MENU = [
  ['review', '/staff/applications', ['reviewer', 'admin']],
  ['apply_for', '/staff/applications/new', ['reviewer', 'admin'], A.menu.apply_for],
  ['calendar', '/staff/calendar', ['reviewer', 'admin']],
  ['charter', '/staff/charter', ['admin']],
  ['messages', '/staff/message', ['admin']],
  ['kiosk_notice', '/staff/kiosk-notice', ['admin'], K.menu],
  ['sms', '/staff/sms', ['admin']],
  ['dues_orders', '/staff/dues/orders', FINANCE],
  ['dues_statement', '/staff/dues/statement', FINANCE],
  ['dues_fees', '/staff/dues/fees', FINANCE],
  ['dues_tiers', '/staff/dues/agencies', FINANCE],
  ['dues_settings', '/staff/dues/settings', FINANCE],
  ['certificates', '/staff/certificates', ['admin', 'desk', 'reviewer']],
  ['printer', '/staff/printer', ['admin', 'desk']],
  // 会员查询 (issue 8): every staff role may search and look.
  ['members', '/staff/members', ['admin', 'reviewer', 'finance', 'desk']],
  ['withdrawals', '/staff/withdrawals', ['reviewer', 'admin']],
  // 会员证信息修改申请, 会员证邮寄申请 (issue 8): a row may carry its own label.
  ['cert_changes', '/staff/certificate-changes', ['reviewer', 'admin'], R.menu.cert_changes],
  ['cert_mail', '/staff/certificate-mail', ['desk', 'admin'], R.menu.cert_mail],
  // 培训班管理 (issue 8): reviewers keep the dealings with members; finance and desk have no part.
  ['training', '/staff/training', ['reviewer', 'admin'], T.menu.training],
  // 招聘信息 (issue 8): reviewers approve or reject agencies' postings.
  ['jobs', '/staff/jobs', ['reviewer', 'admin'], J.menu],
  // 设备状态 (issue 9): every staff role sees how the appliance is.
  ['status', '/staff/status', ['admin', 'reviewer', 'finance', 'desk'], ST.menu],
  // 解除登录锁定 (issue 11): the desk lifts a member's or the kiosk's login lock.
  ['unlock', '/staff/unlock', ['desk', 'admin'], U.menu],
];
export default {
  title: S.staffTitle,
  auth: 'staff',
  render(ctx) {
    const summary = h('div', { class: 'card member-summary' });
    const role = getSession()?.role;
    const menu = h('div', { class: 'menu-grid staff-menu' }, MENU.filter(([, , roles]) => roles.includes(role)).map(([key, to, , label]) =>
      h('button', { type: 'button', class: 'menu-item', dataset: { menu: key }, onclick: () => ctx.go(to) },
        h('span', { class: 'menu-label' }, label || S.staffMenu[key] || F.menu[key] || C.menu[key] || M.menu[key] || P.menu[key]))));
    // 会费订单 says how many fee reductions wait for a decision.
    const ordersItem = menu.querySelector('[data-menu="dues_orders"]');
    if (ordersItem) {
      duesOrders({ status: 'reduction_pending' }).then((d) => {
        const n = Number(d.total) || 0;
        if (n && ctx.alive()) ordersItem.append(h('span', { class: 'badge badge-pending', dataset: { test: 'pending-badge' } }, F.menuPending(n)));
      }).catch(() => {});
    }
    loadInto(summary, staffHome, ({ staff: s = {} }) => [
      h('h2', { class: 'member-name' }, S.staffWelcome(s.name || s.login_id || '')),
      h('dl', { class: 'facts' },
        [[S.staffFields.name, s.name, 'name'], [S.staffFields.login_id, s.login_id, 'login_id'],
          [S.staffFields.role, s.role_label || S.staffRoles[s.role] || s.role, 'role']]
          .map(([label, value, key]) => h('div', { class: 'fact', dataset: { fact: key } }, h('dt', {}, label), h('dd', {}, value || S.mcNone)))),
    ], ctx.alive);
    return h('section', { class: 'page' },
      h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, S.staffTitle),
        button(S.logout, { variant: 'danger', onClick: () => ctx.resetToHome(), attrs: { 'data-action': 'logout' } })),
      summary,
      menu.childElementCount ? h('h2', { class: 'section-title' }, S.staffMenuTitle) : null,
      menu.childElementCount ? menu : null,
      notice(C.consoleMore));
  },
};
