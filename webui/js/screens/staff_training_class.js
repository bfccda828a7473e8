import { T } from '../strings/training.zh.js';
import { h, append, nextId } from '../components/dom.js';
import { button } from '../components/button.js';
import { table } from '../components/table.js';
import { page, notice, loading, loadError, loadInto } from '../components/page.js';
import { trainingClass, trainingRows, importTraining } from '../api_training.js';
import { formatTime } from '../api_staff_dues.js';
import { forbidden, paging, classDates, takeSavedFlash } from './staff_training.js';

// One 培训班 (reviewer, admin): its facts and counts, then for 报名 and for 成绩 the CSV import
// and the imported rows a page at a time. An import reads the chosen file in the browser (a desk
// PC; the kiosk has no files to browse) and sends its text: 【预览】 (apply:false) shows the
// report, every problem with its line; 【确认导入】 (apply:true) is offered only for a preview with
// no problems, and writes all of it or, if the server still finds a problem (422), nothing.
const KINDS = ['registrations', 'scores'];
const MAX_BYTES = 1024 * 1024;

const COLUMNS = {
  registrations: [
    { key: 'login_id', label: T.cols.login_id, className: 'col-no', format: (r) => r.attorney.login_id },
    { key: 'name', label: T.cols.attorney, className: 'col-name', format: (r) => r.attorney.name },
    { key: 'registered_on', label: T.cols.registered_on, className: 'col-date', format: (r) => r.registered_on },
    { key: 'status', label: T.cols.status, className: 'col-status', format: (r) => r.status_label },
  ],
  scores: [
    { key: 'login_id', label: T.cols.login_id, className: 'col-no', format: (r) => r.attorney.login_id },
    { key: 'name', label: T.cols.attorney, className: 'col-name', format: (r) => r.attorney.name },
    { key: 'score', label: T.cols.score, className: 'col-score', format: (r) => r.score },
    { key: 'result', label: T.cols.result, className: 'col-result', format: (r) => r.result_label },
    { key: 'exam_date', label: T.cols.exam_date, className: 'col-date', format: (r) => r.exam_date },
  ],
};

// The file's text, or throws a message to show: UTF-8 only (the daemon refuses anything else; a
// GBK file decoded loosely would arrive as mojibake, so it is refused here with the same hint).
async function readCsv(file) {
  if (file.size > MAX_BYTES) throw new Error(T.fileTooLarge);
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw new Error(T.fileNotUtf8);
  }
  if (!text.trim()) throw new Error(T.fileEmpty);
  return text;
}

// The report of a preview ('preview'), an apply ('applied') or a refused apply ('rejected').
function reportView(report, state) {
  const applied = state === 'applied';
  const problems = report.problems || [];
  const counts = h('div', { class: 'stmt-counts', dataset: { test: 'counts' } },
    ['rows', 'created', 'updated', 'unchanged'].map((k) => h('span', { class: 'stmt-count', dataset: { count: k } }, `${T.counts[k]} ${Number(report[k]) || 0}`)),
    h('span', { class: ['stmt-count', problems.length && 'stmt-invalid'], dataset: { count: 'problems' } }, `${T.counts.problems} ${problems.length}`));
  const changes = (Number(report.created) || 0) + (Number(report.updated) || 0);
  let summary;
  if (applied) summary = notice(T.applied(report), 'info');
  else if (state === 'rejected') summary = notice(T.rejected(problems.length), 'error');
  else if (problems.length) summary = notice(T.previewBad(problems.length), 'error');
  else summary = notice(changes ? T.previewOk : T.previewOkNothing, changes ? 'info' : 'warning');
  summary.dataset.test = state === 'preview' ? (problems.length ? 'has-problems' : 'preview-ok') : state;
  const out = [h('h3', { class: 'card-title' }, state === 'preview' ? T.previewTitle : T.appliedTitle), h('p', { class: 'sr-only' }, T.countsText(report)), counts, summary];
  if (problems.length) {
    const grid = table([
      { key: 'line', label: T.problemCols.line, className: 'col-line', format: (p) => (p.line ? T.lineNo(p.line) : T.wholeFile) },
      { key: 'message', label: T.problemCols.message, className: 'col-message', format: (p) => p.message },
    ], problems, { caption: T.previewTitle, className: 'stmt-table training-problems' });
    grid.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.line = problems[i].line; tr.dataset.result = 'invalid'; });
    out.push(grid);
  }
  return out;
}

export default {
  title: T.classTitle,
  auth: 'staff',
  render(ctx) {
    const id = ctx.params.get('id');
    const denied = forbidden();
    if (denied) return page(T.classTitle, denied);
    const title = h('h1', { class: 'page-title' }, T.classTitle);
    const flash = h('div', { attrs: { 'aria-live': 'polite' } });
    let saved = takeSavedFlash();
    const facts = h('div', { class: 'card training-facts' });
    const sections = h('div', {});

    function loadFacts() {
      return loadInto(facts, () => trainingClass(id), ({ class: c }) => {
        title.textContent = c.name;
        if (saved) {
          const n = notice(saved === 'created' ? T.created(c.name) : T.updated(c.name));
          n.dataset.test = 'saved';
          flash.append(n);
          saved = null;
        }
        const rows = [
          ['dates', classDates(c)], ['place', c.place], ['hours', T.hoursText(c.hours)],
          ['registrations', T.count(c.registrations)], ['scores', T.countRows(c.scores)],
          ['updated', c.updated_at ? T.updatedLine(formatTime(c.updated_at), c.updated_by) : T.none],
        ];
        return [
          h('dl', { class: 'facts' }, rows.map(([k, v]) => h('div', { class: 'fact', dataset: { fact: k } }, h('dt', {}, T.facts[k]), h('dd', {}, v)))),
          h('div', { class: 'actions' },
            button(T.edit, { variant: 'secondary', size: 'lg', attrs: { 'data-action': 'edit-class' }, onClick: () => ctx.go(`/staff/training/form?id=${encodeURIComponent(id)}`) })),
        ];
      }, ctx.alive);
    }

    function kindSection(kind) {
      const K = T.kinds[kind];
      let rowsPage = 1;
      let chosen = null; // { name, csv } of the file read
      let previewed = false; // the chosen file was previewed with no problems

      // --- the rows imported so far ---
      const list = h('div', { class: 'training-rows', dataset: { test: `${kind}-rows` }, attrs: { 'aria-live': 'polite' } });
      async function loadRows() {
        list.replaceChildren(loading());
        try {
          const data = await trainingRows(id, kind, { page: rowsPage });
          if (!ctx.alive()) return;
          const items = data.items || [];
          if (!items.length) { list.replaceChildren(h('p', { class: 'empty-note' }, K.empty)); return; }
          const p = paging(data, rowsPage);
          const grid = table(COLUMNS[kind], items, { caption: K.title, className: `training-${kind}-table` });
          grid.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.login = items[i].attorney.login_id; });
          list.replaceChildren();
          append(list, [p.summary, grid, p.pagerFor((n) => { rowsPage = n; loadRows(); })]);
        } catch (err) {
          if (!ctx.alive() || err.handled) return;
          list.replaceChildren(loadError(err, loadRows));
        }
      }

      // --- the import ---
      const fileId = nextId(`training-${kind}-file`);
      const fileInput = h('input', { id: fileId, type: 'file', class: 'stmt-file-input', hidden: true, attrs: { accept: '.csv,text/csv,text/plain', 'data-file': kind } });
      const fileInfo = h('span', { class: 'stmt-file-info', dataset: { test: 'file-info' }, attrs: { 'aria-live': 'polite' } });
      const message = h('div', { class: 'form-message', attrs: { role: 'alert' } });
      const report = h('div', { class: 'stmt-results training-report', dataset: { test: `${kind}-report` }, attrs: { 'aria-live': 'polite' } });
      const previewBtn = button(T.preview, { variant: 'primary', size: 'lg', attrs: { 'data-action': `preview-${kind}` }, onClick: () => run(false) });
      const applyBtn = button(T.apply, { variant: 'primary', size: 'lg', disabled: true, attrs: { 'data-action': `apply-${kind}` }, onClick: () => run(true) });
      const showMessage = (m) => { message.textContent = m || ''; message.classList.toggle('is-shown', !!m); };
      const setPreviewed = (ok) => { previewed = ok; applyBtn.disabled = !ok; };

      fileInput.addEventListener('change', async () => {
        const file = fileInput.files?.[0];
        fileInput.value = '';
        if (!file) return;
        chosen = null;
        setPreviewed(false);
        report.replaceChildren();
        showMessage('');
        fileInfo.textContent = '';
        try {
          chosen = { name: file.name, csv: await readCsv(file) };
          fileInfo.textContent = T.fileRead(file.name);
        } catch (err) {
          showMessage(err.message || T.fileError);
        }
      });

      async function run(apply) {
        showMessage('');
        if (!chosen) { showMessage(T.needFile); return; }
        if (apply && !previewed) return;
        const btn = apply ? applyBtn : previewBtn;
        previewBtn.disabled = true;
        applyBtn.disabled = true;
        btn.textContent = T.busy;
        try {
          const r = await importTraining(id, kind, chosen.csv, apply);
          if (!ctx.alive()) return;
          report.replaceChildren(...reportView(r, apply && r.applied ? 'applied' : 'preview'));
          if (apply) {
            chosen = null;
            fileInfo.textContent = '';
            setPreviewed(false);
            rowsPage = 1;
            loadRows();
            loadFacts();
          } else {
            setPreviewed(!(r.problems || []).length && (Number(r.created) || 0) + (Number(r.updated) || 0) > 0);
          }
          report.scrollIntoView({ block: 'nearest' });
        } catch (err) {
          if (err.handled || !ctx.alive()) return;
          setPreviewed(false);
          const denied403 = forbidden(err);
          if (denied403) { report.replaceChildren(denied403); return; }
          if (err.code === 'import_rejected' && err.report) {
            report.replaceChildren(...reportView(err.report, 'rejected'));
          } else {
            showMessage(err.fields?.csv || err.message);
          }
        } finally {
          previewBtn.disabled = false;
          applyBtn.disabled = !previewed;
          previewBtn.textContent = T.preview;
          applyBtn.textContent = T.apply;
        }
      }

      const importCard = h('div', { class: 'card training-import', dataset: { import: kind } },
        h('h3', { class: 'card-title' }, K.importTitle),
        h('p', {}, T.importLead),
        h('p', { class: 'stmt-example-label' }, T.headerLabel),
        h('pre', { class: 'stmt-example', dataset: { test: 'header' } }, K.header),
        h('p', { class: 'stmt-example-label' }, T.exampleLabel),
        h('pre', { class: 'stmt-example' }, K.example),
        h('p', { class: 'field-hint' }, K.rules),
        h('div', { class: 'stmt-file-row' },
          h('label', {
            class: 'btn btn-secondary btn-lg stmt-file-btn', htmlFor: fileId, attrs: { role: 'button', tabindex: '0', 'data-action': `choose-${kind}` },
            onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); fileInput.click(); } },
          }, T.chooseFile),
          fileInput, fileInfo),
        h('p', { class: 'field-hint' }, T.fileHint),
        message,
        h('div', { class: 'actions' }, previewBtn, applyBtn),
        report);

      loadRows();
      return h('section', { class: 'training-kind', dataset: { kind } },
        h('h2', { class: 'section-title' }, K.title), importCard, list);
    }

    loadFacts();
    sections.append(...KINDS.map(kindSection));
    return h('section', { class: 'page' }, title, flash, facts, sections);
  },
};
