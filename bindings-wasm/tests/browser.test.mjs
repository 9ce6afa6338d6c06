// The page in a real headless Chromium (Debian's, driven by playwright-core) served from a local server:
// loads a submission with known problems and its folder, checks the rendered issues against the core's
// report, downloads the ZIP and reads it back with an independent reader (Python's zipfile). The page must
// make no request beyond its own files, and everything after loading runs offline.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as ss from '../pkg-node/index.mjs';
import { IMPORT_MAP_HASH, launch } from './_browser.mjs';
import { serve } from './_server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGE = join(HERE, '..');
const OUT = process.env.STORESUBMIT_TEST_OUTPUT || join(PACKAGE, 'test-output');
const FIXTURE = join(HERE, 'fixtures/app-submission.json');

/** Deterministic bytes (a package larger than one 1 MiB read, so the core reads it in slices). */
function bytes(n, seed) {
  const b = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

const FILES = {
  'Contoso.Notes_1.2.0.0_x64.msixupload': bytes(3 * 1024 * 1024 + 12345, 7),
  'Images/en-us/shot1.png': bytes(40_000, 11),
  'Images/en-us/shot2.png': bytes(52_000, 13),
  'notes.txt': new TextEncoder().encode('not named by the submission\n'),
};

let work, folder, server, browser;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'storesubmit-page-'));
  folder = join(work, 'Contoso Notes');
  for (const [name, data] of Object.entries(FILES)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), data);
  }
  server = await serve(PACKAGE);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

test("the page's CSP allows its import map (of @storesubmit/host) by its hash", () => {
  const page = readFileSync(join(PACKAGE, 'web/index.html'), 'utf8');
  assert.ok(page.includes(`script-src 'self' 'wasm-unsafe-eval' ${IMPORT_MAP_HASH};`), 'edit the hash with the import map');
});

test('the page shows every issue next to its field, and the ZIP it downloads has the submission entries', async () => {
  const page = await browser.context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.origin}/web/index.html`);
  await page.waitForSelector('body[data-ready="true"]');
  const loaded = requests.length;
  await browser.context.setOffline(true);

  // the kinds come from the core
  const kinds = await page.$$eval('#kind option', (os) => os.map((o) => o.value).filter(Boolean));
  assert.deepEqual(kinds, ss.documentKinds());

  await page.setInputFiles('#folder', folder);
  await page.waitForFunction(() => document.getElementById('folder-info').textContent.startsWith('4 files'));
  await page.setInputFiles('#doc-file', FIXTURE);
  await page.waitForSelector('#status[data-state="checked"]');

  // what the core reports for the same text and folder (pkg-node; equal to native by the vector runners)
  const text = readFileSync(FIXTURE, 'utf8');
  const sizes = Object.fromEntries(Object.entries(FILES).map(([n, b]) => [n, b.byteLength]));
  const report = ss.validate(text, { files: sizes });
  assert.equal(report.kind, 'app-submission');
  const key = (i) => `${i.severity} ${i.code} ${i.path} ${i.message}`;
  const known = [
    'warning json.comment',
    'warning json.trailing_comma',
    'error listing.keyword.too_long /listings/en-us/baseListing/keywords/1',
    'warning app.device_family.unrecognized /allowTargetFutureDeviceFamilies/Toaster',
    'warning files.unreferenced ',
    'warning field.obsolete /listings/en-us/baseListing/privacyPolicy',
    'error submission.visibility.invalid /visibility',
  ];
  for (const k of known) assert.ok(report.issues.some((i) => key(i).startsWith(k)), `the fixture's problem ${k}`);

  // the table: every issue with severity, code, path and message
  const rows = await page.$$eval('#issues tbody tr', (trs) =>
    trs.map((tr) => ({
      severity: tr.cells[0].textContent,
      code: tr.cells[1].textContent,
      path: tr.dataset.path,
      shownPath: tr.cells[2].textContent,
      message: tr.cells[3].textContent,
    })),
  );
  assert.deepEqual(rows.map(key).sort(), report.issues.map(key).sort());
  for (const r of rows) assert.equal(r.shownPath, r.path === '' ? '(document)' : r.path);

  // next to its field: each issue sits in the outline under the field its path names (or, for a missing
  // field, under the nearest field the document has)
  const placed = await page.$$eval('#tree .field-issue', (lis) =>
    lis.map((li) => ({
      severity: li.querySelector('.sev').textContent,
      code: li.dataset.code,
      path: li.dataset.path,
      message: li.querySelector('.msg').textContent,
      field: li.closest('.field').dataset.path,
    })),
  );
  assert.deepEqual(placed.map(key).sort(), report.issues.map(key).sort());
  const doc = ss.parseJson(text).document;
  const exists = (p) => p === '' || p.split('/').slice(1).reduce((v, s) => (v == null ? v : v[s.replaceAll('~1', '/').replaceAll('~0', '~')]), doc) !== undefined;
  for (const p of placed) {
    assert.ok(p.path === p.field || p.path.startsWith(`${p.field}/`), `${p.code} placed under ${p.field}`);
    if (exists(p.path)) assert.equal(p.field, p.path, `${p.code} at its own field`);
  }
  const keyword = await page.$eval('.field[data-path="/listings/en-us/baseListing/keywords/1"]', (f) => ({
    line: f.querySelector('.line').textContent,
    issue: f.querySelector('.field-issue code').textContent,
  }));
  assert.match(keyword.line, /far longer than thirty/);
  assert.equal(keyword.issue, 'listing.keyword.too_long');
  // a table row leads to its field
  await page.click('#issues tbody tr[data-code="listing.keyword.too_long"]');
  await page.waitForSelector('.field.focus[data-path="/listings/en-us/baseListing/keywords/1"]');

  // the summary
  const count = (s) => report.issues.filter((i) => i.severity === s).length;
  assert.equal(await page.$eval('#summary .errors', (e) => e.dataset.count), String(count('error')));
  assert.equal(await page.$eval('#summary .warnings', (e) => e.dataset.count), String(count('warning')));
  assert.match(await page.textContent('#summary .verdict'), /Not valid as app-submission/);
  assert.match(await page.textContent('#summary'), /4 files cross-checked/);

  // the ZIP, built in the page from the picked files, offline
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  assert.equal(download.suggestedFilename(), 'submission.zip');
  const zip = join(OUT, 'submission.zip');
  await download.saveAs(zip);
  await page.waitForSelector('#status[data-state="packed"]');
  const entries = ss.packageEntries('app-submission', doc).map((e) => e.name).sort();
  assert.deepEqual(entries, ['Contoso.Notes_1.2.0.0_x64.msixupload', 'Images/en-us/shot1.png', 'Images/en-us/shot2.png']);
  const listing = JSON.parse(
    execFileSync('python3', ['-c', PY_READ_ZIP, zip, folder], { encoding: 'utf8' }),
  );
  assert.equal(listing.bad, null, 'every CRC checks');
  assert.deepEqual(listing.names.sort(), entries);
  for (const n of entries) assert.ok(listing.same[n], `${n} holds the picked file's bytes`);
  assert.equal(await page.textContent('#status'), `ZIP ready: ${entries.length} entries, ${statSync(zip).size} bytes.`);

  await page.screenshot({ path: join(OUT, 'page.png'), fullPage: true });
  assert.ok(statSync(join(OUT, 'page.png')).size > 10_000, 'a screenshot of the page');


  // nothing but the page's own files was requested, all before going offline
  assert.equal(requests.length, loaded, `requests after loading: ${requests.slice(loaded)}`);
  for (const r of requests) assert.ok(r.startsWith(`GET ${server.origin}/`), r);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a pasted text that is not JSON gives its json.syntax issue at the document; an unknown kind is said', async () => {
  const page = await browser.context.newPage();
  await browser.context.setOffline(false);
  await page.goto(`${server.origin}/web/index.html`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#doc-text', '{"listings": {');
  await page.selectOption('#kind', 'app-submission');
  await page.click('#check');
  await page.waitForSelector('#status[data-state="checked"]');
  const rows = await page.$$eval('#issues tbody tr', (trs) => trs.map((tr) => `${tr.dataset.code} ${tr.dataset.path}`));
  assert.deepEqual(rows, ['json.syntax ']);
  assert.equal(await page.$eval('#tree .field-issue', (li) => li.closest('.field').dataset.path), '');
  assert.equal(await page.isDisabled('#download'), true);

  // with no kind chosen and none to guess, the page says so and shows no report
  await page.selectOption('#kind', '');
  await page.fill('#doc-text', '{"colour": "blue"}');
  await page.click('#check');
  await page.waitForSelector('#status[data-state="error"]');
  assert.match(await page.textContent('#status'), /^invalid_argument: /);
  assert.equal(await page.isHidden('#summary'), true);
  await page.close();
});

const PY_READ_ZIP = `
import hashlib, json, os, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
same = {}
for n in names:
    with open(os.path.join(sys.argv[2], n), 'rb') as f:
        same[n] = hashlib.sha256(z.read(n)).digest() == hashlib.sha256(f.read()).digest()
print(json.dumps({"names": names, "bad": z.testzip(), "same": same}))
`;
