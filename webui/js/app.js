// App shell: hash router, navigation stack for 【返回】, login guards, and the kiosk idle
// reset. Screens are modules in screens/ exporting { title, auth, render(ctx) }.

import { S } from './strings.zh.js';
import { h } from './components/dom.js';
import { createShell } from './components/shell.js';
import { openDialog, closeAllDialogs } from './components/dialog.js';
import { button } from './components/button.js';
import { keyboard } from './components/keyboard.js';
import { afterTap } from './components/pointer.js';
import { page, notice } from './components/page.js';
import { setApiHooks, kioskSettings, probeSession, logout } from './api.js';
import { getSession } from './session.js';
import { IdleTimer, idleSettings } from './idle.js';

import home from './screens/home.js';
import guide from './screens/guide.js';
import faq from './screens/faq.js';
import directory from './screens/directory.js';
import apply from './screens/apply.js';
import applyForm from './screens/apply_form.js';
import memberLogin from './screens/member_login.js';
import staffLogin from './screens/staff_login.js';
import passwordChange from './screens/password_change.js';
import memberCenter from './screens/member_center.js';
import staffConsole from './screens/staff_console.js';
import comingSoon from './screens/coming_soon.js';
import memberApplication from './screens/member_application.js';
import memberMessages from './screens/member_messages.js';
import staffReview from './screens/staff_review.js';
import staffReviewDetail from './screens/staff_review_detail.js';
import staffCalendar from './screens/staff_calendar.js';
import staffCharter from './screens/staff_charter.js';
import staffMessage from './screens/staff_message.js';
import staffSms from './screens/staff_sms.js';
// 会费缴纳 (issue 6)
import duesBank from './screens/dues_bank.js';
import duesConfirm from './screens/dues_confirm.js';
import duesItems from './screens/dues_items.js';
import duesOrder from './screens/dues_order.js';
import duesOrders from './screens/dues_orders.js';
import duesPaid from './screens/dues_paid.js';
import duesQr from './screens/dues_qr.js';
import duesReceipt from './screens/dues_receipt.js';
import duesReduction from './screens/dues_reduction.js';
import duesYear from './screens/dues_year.js';
import staffDuesSettings from './screens/staff_dues_settings.js';
import staffFees from './screens/staff_fees.js';
import staffOrder from './screens/staff_order.js';
import staffOrders from './screens/staff_orders.js';
import staffStatement from './screens/staff_statement.js';
import staffTiers from './screens/staff_tiers.js';
// 会员证, printing and 证书核验 (issue 7)
import memberCertificate from './screens/member_certificate.js';
import verify from './screens/verify.js';
import staffPrinter from './screens/staff_printer.js';
import staffStatus from './screens/staff_status.js';
import staffCertificates from './screens/staff_certificates.js';
import staffMemberCertificates from './screens/staff_member_certificates.js';
// 会员资料, 会员信息修改, 退会 (issue 8, profile)
import memberProfile from './screens/member_profile.js';
import memberProfileEdit from './screens/member_profile_edit.js';
import staffWithdrawals from './screens/staff_withdrawals.js';
// 会员查询 (issue 8, staff members)
import staffMembers from './screens/staff_members.js';
import staffMemberRecord from './screens/staff_member_record.js';
// 会员证信息修改申请, 会员证邮寄申请 (issue 8, certificate requests)
import memberCertChange from './screens/member_cert_change.js';
import memberCertMail from './screens/member_cert_mail.js';
import staffCertChanges from './screens/staff_cert_changes.js';
import staffCertMail from './screens/staff_cert_mail.js';
// 代为填写入会申请 with the check-character override (issue 8, staff gaps)
import staffApplicationEntry from './screens/staff_application_entry.js';
// 培训班管理 (issue 8, training, staff side)
import staffTraining, { staffTrainingForm } from './screens/staff_training.js';
import staffTrainingClass from './screens/staff_training_class.js';
// 报名信息, 成绩查询, 会费缴纳信息 (issue 8, member records)
import { registrationsScreen, scoresScreen } from './screens/member_training.js';
import { ownDuesHistoryScreen, attorneyDuesHistoryScreen } from './screens/member_dues_history.js';
// 招聘信息 (issue 8, jobs)
import jobs from './screens/jobs.js';
import jobDetail from './screens/job_detail.js';
import memberJobs from './screens/member_jobs.js';
import memberJobForm from './screens/member_job_form.js';
import staffJobs from './screens/staff_jobs.js';
// 首页通知 (issue 9, the attract screen)
import staffKioskNotice from './screens/staff_kiosk_notice.js';
import staffUnlock from './screens/staff_unlock.js';

const ROUTES = {
  '/': home,
  '/guide': guide,
  '/faq': faq,
  '/directory': directory,
  '/apply': apply,
  '/apply/form': applyForm,
  '/login': memberLogin,
  '/staff/login': staffLogin,
  '/password': passwordChange,
  '/member': memberCenter,
  '/staff': staffConsole,
  '/soon': comingSoon,
  '/member/application': memberApplication,
  '/member/messages': memberMessages,
  '/staff/applications': staffReview,
  '/staff/application': staffReviewDetail,
  '/staff/calendar': staffCalendar,
  '/staff/charter': staffCharter,
  '/staff/message': staffMessage,
  '/staff/sms': staffSms,
  '/member/dues': duesYear,
  '/member/dues/bank': duesBank,
  '/member/dues/confirm': duesConfirm,
  '/member/dues/items': duesItems,
  '/member/dues/order': duesOrder,
  '/member/dues/orders': duesOrders,
  '/member/dues/paid': duesPaid,
  '/member/dues/qr': duesQr,
  '/member/dues/receipt': duesReceipt,
  '/member/dues/reduction': duesReduction,
  '/staff/dues/agencies': staffTiers,
  '/staff/dues/fees': staffFees,
  '/staff/dues/order': staffOrder,
  '/staff/dues/orders': staffOrders,
  '/staff/dues/settings': staffDuesSettings,
  '/staff/dues/statement': staffStatement,
  '/member/certificate': memberCertificate,
  '/verify': verify,
  '/staff/printer': staffPrinter,
  '/staff/status': staffStatus,
  '/staff/certificates': staffCertificates,
  '/staff/certificates/member': staffMemberCertificates,
  // 会员资料, 会员信息修改, 退会 (issue 8, profile)
  '/member/profile': memberProfile,
  '/member/profile/edit': memberProfileEdit,
  '/staff/withdrawals': staffWithdrawals,
  // 会员查询 (issue 8, staff members)
  '/staff/members': staffMembers,
  '/staff/member': staffMemberRecord,
  // 会员证信息修改申请, 会员证邮寄申请 (issue 8, certificate requests)
  '/member/certificate/change': memberCertChange,
  '/member/certificate/mail': memberCertMail,
  '/staff/certificate-changes': staffCertChanges,
  '/staff/certificate-mail': staffCertMail,
  // 代为填写入会申请 (issue 8, staff gaps)
  '/staff/applications/new': staffApplicationEntry,
  // 培训班管理 (issue 8, training, staff side)
  '/staff/training': staffTraining,
  '/staff/training/form': staffTrainingForm,
  '/staff/training/class': staffTrainingClass,
  '/staff/kiosk-notice': staffKioskNotice,
  '/staff/unlock': staffUnlock,
  // 报名信息, 成绩查询, 会费缴纳信息 (issue 8, member records)
  '/member/training/registrations': registrationsScreen,
  '/member/training/scores': scoresScreen,
  '/member/dues/history': ownDuesHistoryScreen,
  '/member/dues/history/attorneys': attorneyDuesHistoryScreen,
  // 招聘信息 (issue 8, jobs)
  '/jobs': jobs,
  '/jobs/detail': jobDetail,
  '/member/jobs': memberJobs,
  '/member/jobs/new': memberJobForm,
  '/member/jobs/edit': memberJobForm,
  '/staff/jobs': staffJobs,
};

const HOME = '#/';
const stack = []; // hashes of the screens the 【返回】 button walks back through
let pendingMode = null; // how the next hashchange was caused: 'push' | 'replace' | 'back'
let renderSeq = 0;
let shell;
let idle;
let idleDialog = null;

// --- routing --------------------------------------------------------------------------

function parse(hash) {
  const raw = (hash || HOME).replace(/^#/, '') || '/';
  const [path, qs = ''] = raw.split('?');
  return { path: path || '/', params: new URLSearchParams(qs) };
}

// `target` is a route like '/login?type=agency'.
export function go(target, { replace = false } = {}) {
  const hash = `#${target.startsWith('/') ? target : `/${target}`}`;
  pendingMode = replace ? 'replace' : 'push';
  if (location.hash === hash) { onHashChange(); return; }
  if (replace) location.replace(hash);
  else location.hash = hash;
}

export function back() {
  if (stack.length > 1) {
    pendingMode = 'back';
    const prev = stack[stack.length - 2];
    if (location.hash === prev) onHashChange();
    else location.hash = prev;
  } else {
    goHome();
  }
}

function goHome() {
  stack.length = 0;
  go('/', { replace: true });
}

// The route of the current screen, for `next=` parameters.
export function currentRoute() {
  return (location.hash || HOME).replace(/^#/, '') || '/';
}

// Only our own routes may be used as a `next` target.
export function safeNext(next, fallback) {
  if (typeof next === 'string' && next.startsWith('/') && ROUTES[parse(`#${next}`).path]) return next;
  return fallback;
}

function onHashChange() {
  const hash = location.hash || HOME;
  let mode = pendingMode;
  pendingMode = null;
  if (!mode) mode = stack.length > 1 && stack[stack.length - 2] === hash ? 'back' : 'push';
  if (mode === 'back') {
    stack.pop();
    if (stack[stack.length - 1] !== hash) stack.push(hash);
  } else if (mode === 'replace' && stack.length) {
    stack[stack.length - 1] = hash;
  } else if (stack[stack.length - 1] !== hash) {
    stack.push(hash);
  }
  if (parse(hash).path === '/') stack.splice(0, stack.length, hash);
  render(hash);
}

function render(hash) {
  const { path, params } = parse(hash);
  const screen = ROUTES[path];
  const seq = ++renderSeq;
  keyboard.close();
  closeAllDialogs();
  idleDialog = null;
  if (idle && idle.holdUntil) idle.hold(0); // a hold belongs to the screen that asked for it

  if (screen) {
    // Login guards: a screen for members or staff needs that session; a session that
    // still has its default password may only change it.
    const session = getSession();
    const need = typeof screen.auth === 'function' ? screen.auth(params) : screen.auth;
    if (need && session?.kind !== need && !(need === 'any' && session)) {
      const login = need === 'staff' ? '/staff/login' : '/login';
      go(`${login}?next=${encodeURIComponent(currentRoute())}`, { replace: true });
      return;
    }
    if (session?.must_change_password && !screen.allowDuringPasswordChange) {
      go(`/password?next=${encodeURIComponent(currentRoute())}`, { replace: true });
      return;
    }
  }

  const ctx = {
    params,
    go,
    back,
    goHome,
    resetToHome,
    safeNext,
    alive: () => seq === renderSeq,
    session: getSession(),
    // Keeps the idle reset from coming before untilEpochMs while this screen is shown (0: release).
    holdIdle: (untilEpochMs) => { if (idle && seq === renderSeq) idle.hold(untilEpochMs); },
  };
  let node;
  if (screen) {
    document.title = screen.title ? `${screen.title} · ${S.docTitle}` : S.docTitle;
    node = screen.render(ctx);
  } else {
    document.title = S.docTitle;
    node = page(S.notFoundTitle, notice(S.notFoundBody));
  }
  shell.setNavVisible(path !== '/');
  shell.main.replaceChildren(node);
  shell.main.dataset.route = path;
  window.scrollTo(0, 0);
  updateIdleArming();
}

// --- idle reset -----------------------------------------------------------------------

function updateIdleArming() {
  if (!idle) return;
  const atHome = parse(location.hash).path === '/';
  idle.setArmed(!atHome || !!getSession());
}

const idleWarnText = (left) => (getSession() ? S.idleWarnBody(left) : S.idleWarnBodyGuest(left));

function showIdleWarning(left) {
  const body = h('p', { class: 'idle-warning-text', attrs: { 'aria-live': 'assertive' } }, idleWarnText(left));
  idleDialog = openDialog({
    title: S.idleWarnTitle,
    role: 'alertdialog',
    className: 'idle-dialog',
    body: [body],
    actions: [button(S.idleContinue, { variant: 'primary', size: 'lg', onClick: () => idle.restart() })],
  });
  idleDialog.text = body;
}

function onIdleTick(left, warning) {
  shell.setIdle(left, warning);
  if (idleDialog) {
    if (!warning || left === null) {
      // A touch restarted the timer: the dialog goes once that touch is over.
      const d = idleDialog;
      idleDialog = null;
      afterTap(() => d.close());
    } else {
      idleDialog.text.textContent = idleWarnText(left);
    }
  }
}

// Logs out (if logged in), drops every screen, form and piece of in-memory data, and
// shows a fresh home screen. Used by the idle reset and by 退出登录.
export async function resetToHome() {
  keyboard.reset();
  closeAllDialogs();
  idleDialog = null;
  shell.main.replaceChildren();
  if (getSession()) await logout();
  stack.length = 0;
  goHome();
}

// --- start-up -------------------------------------------------------------------------

async function start() {
  document.documentElement.lang = 'zh-CN';
  shell = createShell({ onBack: back, onHome: goHome });
  document.body.replaceChildren(shell.root);
  keyboard.install(document.body);
  document.addEventListener('contextmenu', (e) => e.preventDefault()); // no long-press menus on the kiosk

  setApiHooks({
    passwordChangeRequired() {
      if (parse(location.hash).path !== '/password') {
        go(`/password?next=${encodeURIComponent(currentRoute())}`, { replace: true });
      }
    },
    unauthenticated() {
      const { path, params } = parse(location.hash);
      const screen = ROUTES[path];
      const need = screen && (typeof screen.auth === 'function' ? screen.auth(params) : screen.auth);
      if (!need) return false;
      const login = need === 'staff' ? '/staff/login' : '/login';
      go(`${login}?next=${encodeURIComponent(currentRoute())}`, { replace: true });
      return true;
    },
  });

  const [settings] = await Promise.all([
    kioskSettings().catch(() => ({})),
    probeSession().catch(() => null),
  ]);
  idle = new IdleTimer({
    ...idleSettings(settings),
    onTick: onIdleTick,
    onWarn: showIdleWarning,
    onExpire: () => { resetToHome(); },
  });
  idle.start();

  window.addEventListener('hashchange', onHashChange);
  pendingMode = 'push';
  onHashChange();
  document.documentElement.dataset.ready = '1';
}

start();
