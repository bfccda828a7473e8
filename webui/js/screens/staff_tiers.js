import { F } from '../strings/staff_dues.zh.js';
import { h, append } from '../components/dom.js';
import { button } from '../components/button.js';
import { field } from '../components/field.js';
import { openDialog } from '../components/dialog.js';
import { page, notice, loading, loadError } from '../components/page.js';
import { keyboard } from '../components/keyboard.js';
import { duesAgencies, setAgencyTier } from '../api_staff_dues.js';

// 会员单位级别: find agencies by code or name and set each one's tier (副会长单位 / 常务理事单位 /
// 理事单位 / 普通会员单位) with large choice buttons; a change is confirmed first, since it
// decides the unit fee. The search and page live in the route.
const TIERS = ['vice_president', 'standing_director', 'director', 'ordinary'];
const PAGE_SIZE = 20;

export default {
  title: F.tiersTitle,
  auth: 'staff',
  render(ctx) {
    const state = { q: ctx.params.get('q') || '', page: Math.max(1, Number(ctx.params.get('page')) || 1) };
    const route = () => {
      const q = new URLSearchParams();
      if (state.q) q.set('q', state.q);
      if (state.page > 1) q.set('page', String(state.page));
      const s = q.toString();
      return `/staff/dues/agencies${s ? `?${s}` : ''}`;
    };
    const goState = (patch) => { Object.assign(state, patch); ctx.go(route(), { replace: true }); };

    const search = field({ label: F.tiersSearchLabel, name: 'q', placeholder: F.tiersSearchPlaceholder, keyboard: true, maxLength: 64, ime: 'text' });
    search.setValue(state.q);
    search.input.setAttribute('enterkeyhint', 'search');
    const form = h('form', {
      class: 'dir-search', attrs: { role: 'search' },
      onsubmit: (e) => { e.preventDefault(); keyboard.close(); goState({ q: search.value().trim(), page: 1 }); },
    }, search.el, h('div', { class: 'dir-search-actions' },
      button(F.search, { variant: 'primary', type: 'submit' }),
      button(F.clear, { variant: 'secondary', onClick: () => goState({ q: '', page: 1 }) })));

    const flash = h('div', { class: 'decision-result', attrs: { 'aria-live': 'polite' } });
    const results = h('div', { class: 'tier-results' });

    function tierLabel(a) {
      return a.tier ? (a.tier_label || F.tiers[a.tier] || a.tier) : F.tierNone;
    }

    function change(a, tier, row) {
      const msg = h('div', { class: 'form-message', attrs: { role: 'alert' } });
      const ok = button(F.tiersConfirm, {
        variant: 'primary', size: 'lg', attrs: { 'data-action': 'confirm-tier' },
        onClick: async () => {
          ok.disabled = true;
          ok.textContent = F.busy;
          try {
            const r = await setAgencyTier(a.member_id, tier);
            d.close();
            if (!ctx.alive()) return;
            a.tier = r.tier || tier;
            a.tier_label = F.tiers[a.tier];
            row.replaceWith(agencyRow(a));
            flash.replaceChildren(notice(F.tiersDone(a.name, F.tiers[a.tier]), 'info'));
            flash.firstChild.dataset.test = 'tier-changed';
          } catch (err) {
            if (err.handled) { d.close(); return; }
            msg.textContent = err.fields?.tier || err.message;
            msg.classList.add('is-shown');
            ok.disabled = false;
            ok.textContent = F.tiersConfirm;
          }
        },
      });
      const d = openDialog({
        title: F.tiersConfirmTitle,
        role: 'alertdialog',
        body: [h('p', {}, F.tiersConfirmBody(a.name, tierLabel(a), F.tiers[tier])), msg],
        actions: [button(F.cancel, { variant: 'secondary', size: 'lg', onClick: () => d.close() }), ok],
      });
    }

    function agencyRow(a) {
      const row = h('li', { class: 'tier-item card', dataset: { agency: a.login_id, member: a.member_id, tier: a.tier || '' } });
      const labelId = `tier-${a.member_id}`;
      row.append(
        h('div', { class: 'tier-head' },
          h('div', { class: 'tier-name', id: labelId }, a.name),
          h('div', { class: 'tier-meta' },
            h('span', {}, `${F.tiersCode}：${a.login_id}`),
            h('span', {}, `${F.tiersStatus}：${a.status_label || F.memberStatus[a.status] || a.status || F.none}`),
            h('span', { class: 'tier-current' }, `${F.tiersCurrent}：`, h('strong', {}, tierLabel(a))))),
        h('div', { class: 'tier-choices', attrs: { role: 'group', 'aria-labelledby': labelId } },
          TIERS.map((t) => h('button', {
            type: 'button', class: 'btn tier-choice', dataset: { tier: t },
            attrs: { 'aria-pressed': a.tier === t ? 'true' : 'false' },
            onclick: () => { if (a.tier !== t) change(a, t, row); },
          }, F.tiers[t]))));
      return row;
    }

    async function load() {
      results.replaceChildren(loading());
      try {
        const data = await duesAgencies({ q: state.q, page: state.page });
        if (!ctx.alive()) return;
        const items = data.items || [];
        const total = Number(data.total) || 0;
        const size = Number(data.page_size) || PAGE_SIZE;
        const pageNo = Number(data.page) || state.page;
        const pages = Math.max(1, Math.ceil(total / size));
        const summary = h('div', { class: 'dir-summary' },
          h('span', { class: 'dir-total' }, F.total(total)),
          total ? h('span', {}, F.pageOf(pageNo, pages)) : null);
        if (!items.length) {
          results.replaceChildren(summary, h('div', { class: 'empty-state' }, h('div', { class: 'empty-title' }, F.tiersEmpty)));
          return;
        }
        results.replaceChildren();
        append(results, [summary,
          h('ul', { class: 'tier-list' }, items.map(agencyRow)),
          pages > 1 ? h('div', { class: 'pager' },
            button(F.prev, { variant: 'secondary', disabled: pageNo <= 1, onClick: () => goState({ page: pageNo - 1 }) }),
            h('span', { class: 'pager-info' }, F.pageOf(pageNo, pages)),
            button(F.next, { variant: 'secondary', disabled: pageNo >= pages, onClick: () => goState({ page: pageNo + 1 }) })) : null]);
      } catch (err) {
        if (!ctx.alive() || err.handled) return;
        results.replaceChildren(loadError(err, load));
      }
    }
    load();
    return page(F.tiersTitle, h('p', { class: 'page-lead' }, F.tiersLead), h('div', { class: 'card' }, form), flash, results);
  },
};
