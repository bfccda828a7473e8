import { D } from '../strings/dues.zh.js';
import { fill } from './dues_common.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { openDialog } from '../components/dialog.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { duesHome, attorneyChoice } from '../api_dues.js';

// 选择缴费年份 (manual): large year buttons and 【进入会费缴纳系统】. An attorney first chooses
// between 个人缴费 (a confirm dialog with the manual's exact text; 确定 records `personal` and goes
// on, 取消 stays and waits for the agency) and 通知所属代理机构缴费 (records `agency`).
export default {
  title: D.yearTitle,
  auth: 'member',
  render(ctx) {
    const body = h('div', { class: 'dues-year' });
    const state = { data: null, year: null };

    const enterItems = () => ctx.go(`/member/dues/items?year=${encodeURIComponent(state.year)}`);

    function yearStep() {
      const { data } = state;
      const years = data.years || [];
      if (state.year === null) {
        const def = years.find((y) => y.year === data.default_year && y.open) || years.find((y) => y.open);
        state.year = def ? def.year : null;
      }
      const enter = button(D.enter, {
        variant: 'primary', size: 'lg', className: 'dues-enter', attrs: { 'data-action': 'enter' },
        disabled: state.year === null, onClick: () => onEnter(),
      });
      const grid = h('div', { class: 'dues-years', attrs: { role: 'group', 'aria-label': D.yearTitle } },
        years.map((y) => h('button', {
          type: 'button',
          class: 'dues-year-btn',
          disabled: !y.open,
          dataset: { year: y.year },
          attrs: { 'aria-pressed': state.year === y.year ? 'true' : 'false' },
          onclick: () => { state.year = y.year; yearStep(); },
        },
        h('span', { class: 'dues-year-num' }, D.yearButton(y.year)),
        h('span', { class: 'dues-year-window' }, y.open ? D.yearWindow(y.window_start, y.window_end) : `${D.yearClosed}（${D.yearWindow(y.window_start, y.window_end)}）`))));
      const m = data.member || {};
      fill(body,
        m.good_standing ? notice(D.goodStanding(m.valid_until || D.none)) : null,
        h('p', { class: 'page-lead' }, D.yearLead),
        grid,
        h('div', { class: 'actions dues-actions' }, enter));
    }

    function onEnter() {
      const att = state.data.attorney;
      // The attorney's recorded choice is for the year GET /member/dues describes.
      const choice = att && (att.year === undefined || att.year === state.year) ? att.choice : null;
      if (att && choice !== 'personal') choiceStep(choice === 'agency' ? D.agencyNotifiedBefore : null);
      else enterItems();
    }

    function choiceStep(message, kind = 'info') {
      const att = state.data.attorney || {};
      const status = h('div', { class: 'dues-choice-status', attrs: { 'aria-live': 'polite' }, dataset: { test: 'choice-status' } },
        message ? notice(message, kind) : null);
      const personal = button(D.choicePersonal, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'personal' }, onClick: () => confirmPersonal(status) });
      const agency = button(D.choiceAgency, { variant: 'secondary', size: 'lg', attrs: { 'data-action': 'agency' }, onClick: () => notifyAgency(status, agency) });
      fill(body,
        h('div', { class: 'card dues-choice' },
          h('h2', { class: 'card-title' }, `${D.choiceTitle} · ${D.yearButton(state.year)}`),
          h('p', {}, D.choiceLead),
          att.agency_name ? h('p', { class: 'dues-agency-name' }, D.choiceAgencyName(att.agency_name)) : null,
          h('div', { class: 'dues-choice-buttons' }, personal, agency),
          status));
    }

    function confirmPersonal(status) {
      const dlg = openDialog({
        title: D.personalConfirmTitle,
        role: 'alertdialog',
        className: 'dues-confirm-dialog',
        body: [h('p', { class: 'dues-dialog-text', dataset: { test: 'personal-confirm' } }, D.personalConfirm)],
        actions: [
          button(D.cancel, {
            variant: 'secondary', size: 'lg', attrs: { 'data-action': 'dialog-cancel' },
            onClick: () => { dlg.close(); fill(status, notice(D.waitAgency)); },
          }),
          button(D.ok, {
            variant: 'primary', size: 'lg', attrs: { 'data-action': 'dialog-ok' },
            onClick: async (e) => {
              e.currentTarget.disabled = true;
              try {
                await attorneyChoice(state.year, 'personal');
                dlg.close();
                if (ctx.alive()) enterItems();
              } catch (err) {
                dlg.close();
                if (!err.handled && ctx.alive()) fill(status, notice(err.message, 'error'));
              }
            },
          }),
        ],
      });
    }

    async function notifyAgency(status, btn) {
      btn.disabled = true;
      try {
        await attorneyChoice(state.year, 'agency');
        if (!ctx.alive()) return;
        state.data.attorney = { ...(state.data.attorney || {}), choice: 'agency', year: state.year, agency_requested: true };
        fill(status, notice(D.agencyNotified(state.data.attorney.agency_name), 'info'));
      } catch (err) {
        if (!err.handled && ctx.alive()) fill(status, notice(err.message, 'error'));
      } finally {
        if (btn.isConnected) btn.disabled = false;
      }
    }

    async function load() {
      fill(body, loading());
      try {
        state.data = await duesHome();
        if (!ctx.alive()) return;
        yearStep();
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        if (err.code === 'not_approved') {
          fill(body, h('div', { class: 'card status-card', dataset: { test: 'not-approved' } },
            h('h2', { class: 'card-title' }, D.notApprovedTitle),
            h('p', {}, err.message),
            h('div', { class: 'actions' },
              button(D.toApplication, { variant: 'primary', size: 'lg', onClick: () => ctx.go('/member/application') }))));
        } else {
          fill(body, loadError(err, load));
        }
      }
    }
    load();
    return page(D.yearTitle, body);
  },
};
