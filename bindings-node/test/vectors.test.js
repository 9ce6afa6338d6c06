'use strict';
// The shared vectors of tests/vectors (requests, responses, validation, blob; formats in each folder's
// README) through the package's core calls: the same cases the Rust and Python suites run.

const test = require('node:test');
const assert = require('node:assert/strict');
const { readdirSync, readFileSync, mkdtempSync, mkdirSync, writeFileSync, truncateSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, dirname } = require('node:path');
const { REPO, storesubmit } = require('./helpers');
const { errorFromJson } = require('@storesubmit/host');
const { native, guard } = require('../lib/native');

// JSON numbers beyond 2^53 (the Store's numeric submission ids) would lose digits in JSON.parse: the loader
// keeps each as a tagged string and `callCore` writes it back as the same number token for the core.
const BIG = /(?<=[:[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g;
const TAGGED = /"@@bigint:(-?\d+)"/g;
const callCore = (name, args) => JSON.parse(guard(() => native.callCore(name, JSON.stringify(args).replace(TAGGED, '$1'))));

function cases(folder) {
  const dir = join(REPO, 'tests', 'vectors', folder);
  const out = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const data = JSON.parse(readFileSync(join(dir, f), 'utf8').replace(BIG, '"@@bigint:$1"'));
    for (const c of data.cases) out.push({ name: `${f}:${c.name}`, file: f, path: join(dir, f), data, case: c });
  }
  return out;
}

/** Asserts that an error is what `expect` says (only the keys present; tests/vectors/responses/README.md). */
function checkError(e, exp, where) {
  assert.ok(e instanceof storesubmit.StoreSubmitError, `${where}: ${e}`);
  assert.equal(e.code, exp.error, `${where}: ${e.message}`);
  assert.ok(e instanceof storesubmit.errorClassFor(exp.error), where);
  if ('status' in exp) assert.equal(e.status, exp.status, `${where}: status`);
  if ('retryable' in exp) assert.equal(e.retryable, exp.retryable, `${where}: retryable`);
  if ('retryAfterMs' in exp) assert.equal(e.retryAfter === null ? null : Math.round(e.retryAfter * 1000), exp.retryAfterMs, `${where}: retryAfter`);
  if ('correlationId' in exp) assert.equal(e.correlationId, exp.correlationId, `${where}: correlationId`);
  if ('serverErrors' in exp) {
    const got = e.serverErrors.map((s) => Object.fromEntries(Object.entries(s).filter(([k, v]) => !(k === 'target' && v == null))));
    assert.deepStrictEqual(got, exp.serverErrors, `${where}: serverErrors`);
  }
  for (const s of exp.messageContains || []) assert.ok(e.message.includes(s), `${where}: message contains ${s}: ${e.message}`);
  for (const s of exp.secretsAbsent || []) {
    assert.ok(!`${e} ${e.stack} ${JSON.stringify(e)}`.includes(s), `${where}: a secret shows in the error`);
  }
}

function responseOf(r) {
  const headers = Array.isArray(r.headers) ? r.headers : Object.entries(r.headers || {});
  const text = r.json !== undefined ? JSON.stringify(r.json) : r.text || '';
  return { status: r.status, headers, text };
}

test('request vectors: every operation, built as the Store documents it', () => {
  const all = cases('requests');
  assert.ok(all.length > 100, `${all.length} cases`);
  const covered = new Set(all.filter((c) => c.case.expect).map((c) => c.case.op));
  const missing = storesubmit.operations().map((o) => o.id).filter((id) => !covered.has(id));
  assert.deepEqual(missing, []);
  for (const { name, data, case: c } of all) {
    const args = { op: c.op, args: c.args === undefined ? null : c.args };
    if (data.endpoints) args.endpoints = data.endpoints;
    if (c.error) {
      assert.throws(() => callCore('buildRequest', args), (e) => (checkError(e, { error: c.error }, name), true), name);
      continue;
    }
    const req = callCore('buildRequest', args);
    const exp = c.expect;
    assert.equal(req.method, exp.method, name);
    assert.equal(req.url, exp.url, name);
    const want = Object.fromEntries(Object.entries(exp.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const got = Object.fromEntries(req.headers.map(([k, v]) => [k.toLowerCase(), v]));
    assert.equal(req.headers.length, Object.keys(want).length, `${name}: headers`);
    assert.deepStrictEqual(got, want, `${name}: headers`);
    if (exp.json !== undefined) assert.deepStrictEqual(JSON.parse(req.body), exp.json, `${name}: body`);
    else if (exp.form !== undefined) assert.equal(req.body, exp.form, `${name}: body`);
    else assert.equal(req.body, '', `${name}: body`);
  }
});

test('response vectors: every status and family error body gives its typed error', () => {
  const all = cases('responses');
  assert.ok(all.length >= 60, `${all.length} cases`);
  assert.deepEqual(new Set(all.map((c) => c.case.op.split('.')[0])), new Set(['devcenter', 'win32', 'ingestion', 'token']));
  for (const { name, case: c } of all) {
    const args = { op: c.op, response: responseOf(c.response) };
    if (c.expect.ok) {
      callCore('parseResponse', args);
      continue;
    }
    assert.throws(() => callCore('parseResponse', args), (e) => (checkError(e, c.expect, name), true), name);
  }
});

test('validation vectors: every issue code, the lenient reader and the files cross-check', () => {
  const all = cases('validation');
  assert.ok(all.length >= 150, `${all.length} cases`);
  const severity = Object.fromEntries(storesubmit.allIssueCodes().map((i) => [i.code, i.severity]));
  const covered = new Set();
  for (const { name, path, case: c } of all) {
    const options = { kind: c.kind };
    // a document that is itself a string is handed over as the JSON text of that string
    let document = typeof c.doc === 'string' ? JSON.stringify(c.doc) : c.doc;
    if (c.doc_file !== undefined) document = readFileSync(join(dirname(path), c.doc_file), 'utf8');
    else if (c.doc_text !== undefined) document = c.doc_text;
    let scratch;
    if (c.folderMissing || c.fileBytes || c.fileSizes) {
      // a folder: the core reads sizes and media files' first bytes from it (sparse files as long as fileSizes says)
      scratch = mkdtempSync(join(tmpdir(), 'storesubmit-vector-'));
      options.files = c.folderMissing ? join(scratch, c.folderMissing) : scratch;
      for (const f of c.folderMissing ? [] : c.files) {
        const target = join(scratch, ...f.replace(/\\/g, '/').split('/').filter(Boolean));
        mkdirSync(dirname(target), { recursive: true });
        const empty = (c.emptyFiles ?? []).includes(f);
        writeFileSync(target, empty ? Buffer.alloc(0) : c.fileBytes?.[f] ? Buffer.from(c.fileBytes[f], 'hex') : 'x');
        if (c.fileSizes?.[f] !== undefined) truncateSync(target, c.fileSizes[f]);
      }
    } else if (c.files) {
      options.files = c.emptyFiles ? Object.fromEntries(c.files.map((f) => [f, c.emptyFiles.includes(f) ? 0 : 1])) : c.files;
    }
    let report;
    try {
      report = storesubmit.validate(document, options);
    } finally {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    }
    const key = (i) => `${i.code} ${i.path}`;
    assert.deepStrictEqual(new Set(report.issues.map(key)), new Set(c.expect.map(key)), name);
    for (const i of report.issues) {
      assert.ok(i.message, `${name}: message`);
      assert.equal(i.severity, severity[i.code], `${name}: severity of ${i.code}`);
    }
    assert.equal(report.valid, !report.issues.some((i) => i.severity === 'error'), `${name}: valid`);
    for (const e of c.expect) covered.add(e.code);
  }
  // codes about a project file or an import (not a document kind) are produced by the core's own tests
  const documentCodes = storesubmit.allIssueCodes().filter((i) => i.subject === 'document');
  const uncovered = documentCodes.map((i) => i.code).filter((code) => !covered.has(code));
  assert.deepEqual(uncovered, [], 'every issue code has a vector');
});

test('blob vectors: checksums, block ids, requests, block lists, SAS and errors', () => {
  const files = { 'checksums.json': 'checksums', 'block-ids.json': 'block-ids', 'requests.json': 'requests', 'block-lists.json': 'block-lists', 'sas.json': 'sas', 'errors.json': 'errors' };
  const all = cases('blob');
  assert.deepEqual(new Set(all.map((c) => c.file)), new Set(Object.keys(files)));
  for (const { name, file, case: c } of all) {
    // The core's answer: keys of the case to deep-equal, or `failure` (an error JSON) for the case's `expect`.
    const answer = callCore('blobVector', { file: files[file], case: c });
    const keys = Object.keys(answer);
    assert.ok(keys.length > 0, name);
    for (const key of keys) {
      if (key === 'failure') checkError(errorFromJson(answer.failure), c.expect, name);
      else assert.deepStrictEqual(answer[key], c[key], `${name}: ${key}`);
    }
  }
});
