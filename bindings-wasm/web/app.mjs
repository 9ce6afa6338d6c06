// The page: reads the submission (a file or pasted text) and the folder of its files, asks the wasm core
// for every issue, shows each one next to the field it names and in a table, and builds the ZIP the
// submission needs from the picked files, locally. Nothing leaves the page.
import {
  allIssueCodes,
  documentKinds,
  fileMap,
  init,
  pack,
  parseJson,
  StoreSubmitError,
  validate,
} from '../pkg/index.mjs';

const $ = (id) => document.getElementById(id);
const state = { files: null, report: null, document: null, zipUrl: null };

/** JSON pointer segment of a key (RFC 6901), as the core writes issue paths. */
const segment = (key) => String(key).replaceAll('~', '~0').replaceAll('/', '~1');

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('data-')) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) e.append(c);
  return e;
}

const MAX_TEXT = 160;
const MAX_ITEMS = 250;

/** The document as an outline: one `.field` per value, keyed by its JSON pointer in `nodes`. */
function renderTree(value, path, key, nodes) {
  const node = el('div', { class: 'field', 'data-path': path });
  nodes.set(path, node);
  const line = el('div', { class: 'line' });
  if (key !== null) line.append(el('span', { class: 'key' }, `${key}: `));
  node.append(line);
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    line.append(el('span', { class: 'punct' }, Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`));
    for (const [k, v] of entries.slice(0, MAX_ITEMS)) node.append(renderTree(v, `${path}/${segment(k)}`, k, nodes));
    if (entries.length > MAX_ITEMS) node.append(el('div', { class: 'field hint' }, `… ${entries.length - MAX_ITEMS} more`));
  } else {
    let text = JSON.stringify(value);
    if (text.length > MAX_TEXT) text = `${text.slice(0, MAX_TEXT)}… (${[...String(value)].length} characters)`;
    line.append(el('span', { class: 'value' }, text));
  }
  return node;
}

function issueItem(issue) {
  return el(
    'li',
    { class: `field-issue sev-${issue.severity}`, 'data-code': issue.code, 'data-path': issue.path },
    el('span', { class: `sev sev-${issue.severity}` }, issue.severity),
    ' ',
    el('code', {}, issue.code),
    ' ',
    el('span', { class: 'msg' }, issue.message),
  );
}

/** The nearest rendered field of a pointer: the field itself, or the closest parent the document has. */
function fieldOf(nodes, path) {
  let p = path;
  for (;;) {
    if (nodes.has(p)) return nodes.get(p);
    if (p === '') return null;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

function showReport(report, doc) {
  const issues = report.issues;
  const count = (s) => issues.filter((i) => i.severity === s).length;
  const [errors, warnings, infos] = [count('error'), count('warning'), count('info')];
  const summary = $('summary');
  summary.hidden = false;
  summary.className = errors ? 'has-errors' : warnings ? 'has-warnings' : 'clean';
  summary.replaceChildren(
    el(
      'div',
      { class: 'counts' },
      el('span', { class: 'errors', 'data-count': String(errors) }, `${errors} error${errors === 1 ? '' : 's'}`),
      el('span', { class: 'warnings', 'data-count': String(warnings) }, `${warnings} warning${warnings === 1 ? '' : 's'}`),
      ...(infos ? [el('span', { class: 'infos', 'data-count': String(infos) }, `${infos} note${infos === 1 ? '' : 's'}`)] : []),
    ),
    el(
      'div',
      { class: 'verdict' },
      report.valid
        ? `Valid ${report.kind ?? ''} submission${warnings ? ' (with warnings)' : ''}.`
        : `Not valid${report.kind ? ` as ${report.kind}` : ''}: fix the errors below before sending it.`,
    ),
    el('div', { class: 'hint' }, state.files ? `${state.files.size} files cross-checked.` : 'Files not cross-checked (no folder picked).'),
  );

  const body = $('issues').tBodies[0];
  body.replaceChildren(
    ...issues.map((i) =>
      el(
        'tr',
        { class: `sev-${i.severity}`, 'data-code': i.code, 'data-path': i.path },
        el('td', {}, el('span', { class: `sev sev-${i.severity}` }, i.severity)),
        el('td', { class: 'code' }, i.code),
        el('td', { class: 'path' }, i.path === '' ? '(document)' : i.path),
        el('td', { class: 'msg' }, i.message),
      ),
    ),
  );
  $('report').hidden = issues.length === 0;

  const nodes = new Map();
  const tree = doc === undefined ? el('div', { class: 'field', 'data-path': '' }, el('div', { class: 'line' }, '(not JSON)')) : renderTree(doc, '', null, nodes);
  if (doc === undefined) nodes.set('', tree);
  for (const issue of issues) {
    const field = fieldOf(nodes, issue.path);
    if (!field) continue;
    let list = field.querySelector(':scope > .field-issues');
    if (!list) {
      list = el('ul', { class: 'field-issues' });
      field.querySelector(':scope > .line').after(list);
    }
    list.append(issueItem(issue));
    field.classList.add(issue.severity === 'error' ? 'has-issue' : 'has-warning');
  }
  $('tree').replaceChildren(tree);
  $('document-view').hidden = false;
  // a row of the table leads to its field in the outline
  for (const tr of body.rows) {
    tr.tabIndex = 0;
    tr.title = 'Show the field';
    const show = () => {
      const field = fieldOf(nodes, tr.dataset.path);
      if (!field) return;
      field.scrollIntoView({ block: 'center' });
      field.classList.add('focus');
      setTimeout(() => field.classList.remove('focus'), 1500);
    };
    tr.addEventListener('click', show);
    tr.addEventListener('keydown', (ev) => ev.key === 'Enter' && show());
  }
}

function setStatus(text, stateName) {
  $('status').textContent = text;
  $('status').dataset.state = stateName;
}

function check() {
  const text = $('doc-text').value;
  if (!text.trim()) {
    setStatus('Load or paste a submission first.', 'empty');
    return;
  }
  const kind = $('kind').value || null;
  let doc;
  try {
    doc = parseJson(text).document;
  } catch {
    doc = undefined; // not JSON: validate reports json.syntax
  }
  try {
    state.report = validate(text, { kind, files: state.files ?? undefined });
  } catch (e) {
    // e.g. no kind chosen and none can be guessed: nothing was checked
    for (const id of ['summary', 'report', 'document-view']) $(id).hidden = true;
    $('download').disabled = true;
    setStatus(e instanceof StoreSubmitError ? `${e.code}: ${e.message}` : String(e), 'error');
    return;
  }
  state.document = doc;
  showReport(state.report, doc);
  $('download').disabled = !(doc !== undefined && state.report.kind && state.files);
  setStatus('Checked.', 'checked');
}

async function download() {
  const { report, document: doc, files } = state;
  setStatus('Packaging…', 'packaging');
  try {
    const parts = [];
    const packed = await pack({ kind: report.kind, document: doc, files, output: async (_offset, bytes) => parts.push(bytes) });
    const blob = new Blob(parts, { type: 'application/zip' });
    if (state.zipUrl) URL.revokeObjectURL(state.zipUrl);
    state.zipUrl = URL.createObjectURL(blob);
    const a = el('a', { href: state.zipUrl, download: 'submission.zip' });
    document.body.append(a);
    a.click();
    a.remove();
    setStatus(`ZIP ready: ${packed.entries.length} entries, ${packed.size} bytes.`, 'packed');
  } catch (e) {
    setStatus(e instanceof StoreSubmitError ? `Cannot package: ${e.code}: ${e.message}` : String(e), 'error');
  }
}

async function main() {
  await init();
  for (const k of documentKinds()) $('kind').append(el('option', { value: k }, k));
  $('version').textContent = `Checks by storesubmit (WebAssembly): ${allIssueCodes().length} issue codes, ${documentKinds().length} document kinds.`;
  $('doc-file').addEventListener('change', async (ev) => {
    const f = ev.target.files[0];
    if (!f) return;
    $('doc-text').value = await f.text();
    check();
  });
  $('folder').addEventListener('change', (ev) => {
    state.files = ev.target.files.length ? fileMap(ev.target.files) : null;
    const bytes = state.files ? [...state.files.values()].reduce((n, f) => n + f.size, 0) : 0;
    $('folder-info').textContent = state.files ? `${state.files.size} files, ${bytes} bytes` : 'no folder';
    if ($('doc-text').value.trim()) check();
  });
  $('kind').addEventListener('change', () => $('doc-text').value.trim() && check());
  $('check').addEventListener('click', check);
  $('download').addEventListener('click', download);
  document.body.dataset.ready = 'true';
}

main().catch((e) => setStatus(`Could not start: ${e}`, 'error'));
