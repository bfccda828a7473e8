import { D } from '../strings/dues.zh.js';
import { fill } from './dues_common.js';
import { h } from '../components/dom.js';
import { button } from '../components/button.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { duesItems, duesQuote, formatFen } from '../api_dues.js';

// 待缴费清单 (manual): one row per item with a large checkbox — an agency's own item and one per
// linked attorney. Items that cannot be ticked (not applied, under review, paid, in an order)
// are shown disabled with their hint. The running total follows the ticks; 【提交】 asks for the
// quote and goes on to the 申报确认单.
export default {
  title: D.itemsTitle,
  auth: 'member',
  render(ctx) {
    const year = Number(ctx.params.get('year')) || null;
    const preselect = new Set(String(ctx.params.get('ids') || '').split(',').filter(Boolean).map(Number));
    const body = h('div', { class: 'dues-items' });

    function row(item, onChange) {
      const box = h('input', {
        type: 'checkbox',
        class: 'dues-check',
        disabled: !item.selectable,
        checked: item.selectable && (preselect.size ? preselect.has(item.member_id) : item.role === 'self'),
        attrs: { 'aria-label': `${D.colSelect}：${item.name}` },
        onchange: onChange,
      });
      const stateText = item.state === 'in_order' && item.order_no ? D.inOrder(item.order_no) : (item.state_label || item.state);
      return {
        item,
        box,
        el: h('label', {
          class: ['dues-item', !item.selectable && 'is-disabled', `state-${item.state}`],
          dataset: { memberId: item.member_id, login: item.login_id, state: item.state },
        },
        box,
        h('div', { class: 'dues-item-main' },
          h('div', { class: 'dues-item-name' },
            h('span', {}, item.name),
            item.role === 'self' ? h('span', { class: 'badge badge-muted' }, D.selfTag) : null,
            item.agency_requested ? h('span', { class: 'badge dues-badge-request' }, D.agencyRequested) : null),
          h('div', { class: 'dues-item-meta' },
            h('span', { class: 'dues-item-code' }, `${item.type_label || ''} ${item.login_id || ''}`.trim()),
            h('span', { class: 'dues-item-fee' }, item.fee_label || '')),
          item.hint ? h('div', { class: 'dues-item-hint', dataset: { test: 'hint' } }, item.hint) : null),
        h('div', { class: 'dues-item-side' },
          h('div', { class: 'dues-item-amount money' }, formatFen(item.amount_fen)),
          h('div', { class: ['dues-item-state', `dues-state-${item.state}`] }, stateText))),
      };
    }

    function show(data) {
      const items = data.items || [];
      if (!items.length) {
        fill(body, notice(D.itemsEmpty), h('div', { class: 'actions' },
          button(D.toMemberCenter, { variant: 'secondary', size: 'lg', onClick: () => ctx.go('/member') })));
        return;
      }
      const totalEl = h('div', { class: 'dues-total', attrs: { 'aria-live': 'polite' }, dataset: { test: 'total' } });
      const message = h('div', { class: 'form-message', attrs: { role: 'alert' } });
      const rows = [];
      const selected = () => rows.filter((r) => r.box.checked && !r.box.disabled);
      const update = () => {
        const sel = selected();
        let sum = 0;
        for (const r of sel) sum += Number(r.item.amount_fen) || 0; // integer fen
        totalEl.textContent = D.selectedTotal(sel.length, formatFen(sum));
        submit.disabled = sel.length === 0;
        message.classList.remove('is-shown');
      };
      const submit = button(D.submit, {
        variant: 'primary', size: 'lg', className: 'dues-submit', attrs: { 'data-action': 'submit' },
        onClick: async () => {
          const ids = selected().map((r) => r.item.member_id);
          if (!ids.length) { message.textContent = D.pickOne; message.classList.add('is-shown'); return; }
          submit.disabled = true;
          submit.textContent = D.busy;
          try {
            await duesQuote(year, ids); // checks the selection before the confirm screen
            if (!ctx.alive()) return;
            ctx.go(`/member/dues/confirm?year=${encodeURIComponent(year)}&ids=${ids.join(',')}`);
          } catch (err) {
            if (err.handled || !ctx.alive()) return;
            const why = Object.entries(err.fields || {}).map(([id, m]) => {
              const r = rows.find((x) => String(x.item.member_id) === id);
              return D.unavailableItem(r ? r.item.name : id, m);
            });
            message.textContent = [err.message, ...why].join(' ');
            message.classList.add('is-shown');
            submit.disabled = false;
            submit.textContent = D.submit;
          }
        },
      });
      for (const item of items) rows.push(row(item, update));
      const selectable = rows.filter((r) => !r.box.disabled);
      const all = selectable.length > 1 ? button(D.selectAll, {
        variant: 'ghost', attrs: { 'data-action': 'select-all' },
        onClick: () => { for (const r of selectable) r.box.checked = true; update(); },
      }) : null;
      // Items already in an unpaid order: that order is resumed from 我的缴费订单.
      const inOrder = items.some((it) => it.state === 'in_order') ? button(D.openOrder, {
        variant: 'secondary', attrs: { 'data-action': 'open-orders' }, onClick: () => ctx.go('/member/dues/orders'),
      }) : null;
      fill(body,
        h('div', { class: 'dues-items-head' }, h('div', { class: 'dues-items-year' }, D.itemsYear(data.year || year)),
          h('div', { class: 'dues-items-tools' }, inOrder, all)),
        h('div', { class: 'dues-item-list', attrs: { role: 'group', 'aria-label': D.itemsTitle } }, rows.map((r) => r.el)),
        h('div', { class: 'card dues-submit-bar' }, totalEl, message, submit));
      update();
    }

    async function load() {
      fill(body, loading());
      try {
        const data = await duesItems(year);
        if (!ctx.alive()) return;
        show(data);
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        if (err.code === 'choose_payment_first') { ctx.go('/member/dues', { replace: true }); return; }
        if (err.status === 400 || err.status === 403) {
          fill(body, notice(err.message, 'error'), h('div', { class: 'actions' },
            button(D.yearTitle, { variant: 'primary', size: 'lg', onClick: () => ctx.go('/member/dues') }),
            button(D.ordersTitle, { variant: 'secondary', size: 'lg', onClick: () => ctx.go('/member/dues/orders') })));
          return;
        }
        fill(body, loadError(err, load));
      }
    }
    load();
    return page(D.itemsTitle, h('p', { class: 'page-lead' }, D.itemsLead), body);
  },
};
