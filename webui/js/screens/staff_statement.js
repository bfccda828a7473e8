import { F } from '../strings/staff_dues.zh.js';
import { h, nextId } from '../components/dom.js';
import { button } from '../components/button.js';
import { table } from '../components/table.js';
import { openDialog } from '../components/dialog.js';
import { page, notice } from '../components/page.js';
import { importBankStatement, formatFen } from '../api_staff_dues.js';

// 导入银行流水: a bank statement (CSV: 交易日期, 金额, 流水号, 摘要, 付款人) chosen as a file or
// pasted. 【预览】 (apply:false) shows each line's result and the counts; 【确认入账】 (apply:true)
// then credits every matched line at once. Changing the text after a preview asks for a new
// preview, so what is credited is what was seen.
const RESULTS = ['matched', 'unmatched', 'mismatched', 'duplicate', 'invalid'];
const EXAMPLE = '交易日期,金额,流水号,摘要,付款人\n2026-03-15,"1,300.00",B20260315001,会费 D20260310000123,北京某某知识产权代理有限公司';

// Bank exports are UTF-8 or GBK: decode strictly as UTF-8 first, else as GB18030 (a superset).
async function readCsv(file) {
  const buf = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

function countLines(lines, counts) {
  const c = { total: lines.length };
  for (const r of RESULTS) c[r] = Number(counts?.[r] ?? lines.filter((l) => l.result === r).length);
  return c;
}

export default {
  title: F.stmtTitle,
  auth: 'staff',
  render(ctx) {
    let previewed = null; // { csv, lines } of the last preview

    const format = h('div', { class: 'card stmt-format' },
      h('h2', { class: 'card-title' }, F.stmtFormatTitle),
      h('p', {}, F.stmtFormatLead),
      table([
        { key: 'name', label: F.stmtColCols.name, className: 'col-name', format: (c) => c[0] },
        { key: 'need', label: F.stmtColCols.need, className: 'col-need', format: (c) => c[1] },
        { key: 'meaning', label: F.stmtColCols.meaning, format: (c) => c[2] },
      ], F.stmtColumns, { caption: F.stmtFormatTitle, className: 'stmt-columns' }),
      h('p', { class: 'stmt-example-label' }, F.stmtExample),
      h('pre', { class: 'stmt-example' }, EXAMPLE));

    // --- input: a file or pasted text ---
    const fileId = nextId('stmt-file');
    const fileInput = h('input', { id: fileId, type: 'file', class: 'stmt-file-input', hidden: true, attrs: { accept: '.csv,text/csv,text/plain' } });
    const fileInfo = h('span', { class: 'stmt-file-info', attrs: { 'aria-live': 'polite' } });
    const textId = nextId('stmt-text');
    const text = h('textarea', {
      id: textId, class: 'input textarea stmt-text', rows: 8, placeholder: EXAMPLE,
      attrs: { spellcheck: 'false', 'aria-describedby': `${textId}-err` },
    });
    const textErr = h('div', { id: `${textId}-err`, class: 'field-error', attrs: { 'aria-live': 'polite' } });
    const textField = h('div', { class: 'field', dataset: { field: 'csv' } },
      h('label', { class: 'field-label is-required', htmlFor: textId }, F.stmtText), text, textErr);
    const setTextErr = (m) => { textErr.textContent = m || ''; textField.classList.toggle('has-error', !!m); };

    fileInput.addEventListener('change', async () => {
      const file = fileInput.files?.[0];
      if (!file) return;
      try {
        text.value = await readCsv(file);
        fileInfo.textContent = F.stmtFileRead(file.name);
        setTextErr('');
        onTextChanged();
      } catch {
        fileInfo.textContent = F.stmtFileError;
      }
      fileInput.value = '';
    });

    const previewBtn = button(F.stmtPreview, { variant: 'primary', size: 'lg', attrs: { 'data-action': 'preview' }, onClick: () => preview() });
    const applyBtn = button(F.stmtApplyNone, { variant: 'primary', size: 'lg', disabled: true, attrs: { 'data-action': 'apply' }, onClick: () => confirmApply() });
    const message = h('div', { class: 'form-message', attrs: { role: 'alert' } });
    const results = h('div', { class: 'stmt-results', attrs: { 'aria-live': 'polite' } });

    function onTextChanged() {
      if (previewed && text.value !== previewed.csv) {
        previewed = null;
        applyBtn.disabled = true;
        applyBtn.textContent = F.stmtApplyNone;
        results.replaceChildren(notice(F.stmtChanged, 'warning'));
      }
    }
    text.addEventListener('input', () => { fileInfo.textContent = ''; onTextChanged(); });

    function showLines(data, applied) {
      const lines = data.lines || [];
      const c = countLines(lines, data.counts);
      const grid = table([
        { key: 'line', label: F.stmtCols.line, className: 'col-line' },
        { key: 'date', label: F.stmtCols.date, className: 'col-date', format: (l) => l.date || F.none },
        { key: 'amount', label: F.stmtCols.amount, className: 'col-amount', format: (l) => (l.amount_fen == null || (l.result === 'invalid' && !l.amount_fen) ? F.none : formatFen(l.amount_fen)) },
        { key: 'bank_ref', label: F.stmtCols.bank_ref, className: 'col-ref', format: (l) => l.bank_ref || F.none },
        { key: 'order_no', label: F.stmtCols.order_no, className: 'col-no', format: (l) => l.order_no || F.none },
        {
          key: 'result', label: F.stmtCols.result, className: 'col-result',
          format: (l) => h('span', { class: ['stmt-result', `stmt-${l.result}`] }, applied && l.result === 'matched' ? F.stmtCredited : F.stmtResults[l.result] || l.result),
        },
        { key: 'message', label: F.stmtCols.message, className: 'col-message', format: (l) => l.message || '' },
      ], lines, { caption: applied ? F.stmtAppliedTitle : F.stmtPreviewTitle, className: 'stmt-table' });
      grid.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.line = lines[i].line; tr.dataset.result = lines[i].result; });
      const chips = h('div', { class: 'stmt-counts', dataset: { test: 'counts' } },
        RESULTS.map((r) => h('span', { class: ['stmt-count', `stmt-${r}`], dataset: { count: r } }, `${F.stmtResults[r]} ${c[r]}`)));
      return [
        h('h2', { class: 'section-title' }, applied ? F.stmtAppliedTitle : F.stmtPreviewTitle),
        h('p', { class: 'sr-only' }, F.stmtCounts(c)),
        chips,
        grid,
      ];
    }

    async function preview() {
      setTextErr('');
      message.classList.remove('is-shown');
      const csv = text.value;
      if (!csv.trim()) { setTextErr(F.stmtTextRequired); return; }
      previewBtn.disabled = true;
      previewBtn.textContent = F.busy;
      try {
        const data = await importBankStatement(csv, false);
        if (!ctx.alive()) return;
        const lines = data.lines || [];
        const matched = lines.filter((l) => l.result === 'matched');
        previewed = { csv, lines };
        applyBtn.disabled = matched.length === 0;
        applyBtn.textContent = matched.length ? F.stmtApply(matched.length) : F.stmtApplyNone;
        results.replaceChildren(...showLines(data, false), ...(matched.length ? [] : [notice(F.stmtNoMatched, 'warning')]));
        results.scrollIntoView({ block: 'nearest' }); // the results sit below the fold on a portrait kiosk
      } catch (err) {
        if (err.handled || !ctx.alive()) return;
        if (err.fields?.csv) setTextErr(err.fields.csv);
        else { message.textContent = err.message; message.classList.add('is-shown'); }
      } finally {
        previewBtn.disabled = false;
        previewBtn.textContent = F.stmtPreview;
      }
    }

    function confirmApply() {
      if (!previewed) return;
      const matched = previewed.lines.filter((l) => l.result === 'matched');
      const sum = matched.reduce((s, l) => s + Number(l.amount_fen || 0), 0);
      const msg = h('div', { class: 'form-message', attrs: { role: 'alert' } });
      const ok = button(F.stmtConfirm, {
        variant: 'primary', size: 'lg', attrs: { 'data-action': 'confirm-apply' },
        onClick: async () => {
          ok.disabled = true;
          ok.textContent = F.busy;
          try {
            const data = await importBankStatement(previewed.csv, true);
            d.close();
            if (!ctx.alive()) return;
            const credited = (data.lines || []).filter((l) => l.result === 'matched');
            const total = credited.reduce((s, l) => s + Number(l.amount_fen || 0), 0);
            previewed = null;
            applyBtn.disabled = true;
            applyBtn.textContent = F.stmtApplyNone;
            const done = notice(F.stmtApplied(credited.length, formatFen(total)), 'info');
            done.dataset.test = 'applied';
            results.replaceChildren(done, ...showLines(data, true));
            done.scrollIntoView({ block: 'start' });
          } catch (err) {
            if (err.handled) { d.close(); return; }
            msg.textContent = err.message;
            msg.classList.add('is-shown');
            ok.disabled = false;
            ok.textContent = F.stmtConfirm;
          }
        },
      });
      const d = openDialog({
        title: F.stmtConfirmTitle, role: 'alertdialog', className: 'dues-dialog',
        body: [h('p', {}, F.stmtConfirmBody(matched.length, formatFen(sum))), msg],
        actions: [button(F.cancel, { variant: 'secondary', size: 'lg', onClick: () => d.close() }), ok],
      });
    }

    const input = h('div', { class: 'card stmt-input' },
      h('div', { class: 'stmt-file-row' },
        h('label', { class: 'btn btn-secondary btn-lg stmt-file-btn', htmlFor: fileId, attrs: { role: 'button', tabindex: '0' },
          onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); fileInput.click(); } } }, F.stmtFile),
        fileInput, fileInfo),
      h('p', { class: 'field-hint' }, F.stmtFileHint),
      textField, message,
      h('div', { class: 'actions' }, previewBtn, applyBtn));

    return page(F.stmtTitle, h('p', { class: 'page-lead' }, F.stmtLead), format, input, results);
  },
};
