// The shared vectors (tests/vectors: validation, requests, responses, blob) through the built Node package
// (pkg-node/): the same cases, expecting the same codes, paths and values as the Rust suite does natively.
// One test per case.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import * as ss from '../pkg-node/index.mjs';
import { errorDifferences, hasBigInt, loadCases, losslessParse, losslessStringify, responseOf } from './_vectors.mjs';

const severity = new Map(ss.allIssueCodes().map((i) => [i.code, i.severity]));
// codes about a project file or an import (not a document kind) are produced by the core's own tests
const documentCodes = ss.allIssueCodes().filter((i) => i.subject === 'document').map((i) => i.code);

describe('validation vectors', () => {
  const cases = loadCases('validation');
  test('there are at least 150 cases and every issue code has one', () => {
    assert.ok(cases.length >= 150, `only ${cases.length}`);
    assert.ok(cases.some(({ case: c }) => c.folderMissing), 'a case about a missing files folder (run where there is a filesystem)');
    const seen = new Set(cases.flatMap(({ case: c }) => c.expect.map((e) => e.code)));
    assert.deepEqual(documentCodes.filter((c) => !seen.has(c)), []);
  });
  for (const { file, case: c, dir } of cases) {
    test(`${file}: ${c.name}`, () => {
      // validate() reads a string as the document's text: a document that is itself a JSON string goes as its text
      const doc = c.doc_file
        ? readFileSync(join(dir, c.doc_file), 'utf8')
        : 'doc_text' in c
          ? c.doc_text
          : typeof c.doc === 'string'
            ? JSON.stringify(c.doc)
            : c.doc;
      // no filesystem here: a case about a folder that does not exist is for the runners that have one
      if (c.folderMissing) return;
      // the core gets names and sizes (no bytes): the issues only a file's bytes show (needsBytes) are not found
      let files = c.files;
      if (files && (c.emptyFiles || c.fileSizes)) {
        files = Object.fromEntries(files.map((n) => [n, (c.emptyFiles ?? []).includes(n) ? 0 : (c.fileSizes?.[n] ?? 1)]));
      }
      const report = ss.validate(doc, { kind: c.kind, files });
      const got = [...new Set(report.issues.map((i) => `${i.code} ${i.path}`))].sort();
      const want = [...new Set(c.expect.filter((i) => !i.needsBytes).map((i) => `${i.code} ${i.path}`))].sort();
      assert.deepEqual(got, want);
      for (const i of report.issues) {
        assert.equal(i.severity, severity.get(i.code), `${i.code}: the manifest's severity`);
        assert.ok(i.message, `${i.code}: a message`);
      }
      assert.equal(report.valid, !report.issues.some((i) => i.severity === 'error'));
      // a text that is not JSON is not checked as any kind
      if (!report.issues.some((i) => i.code.startsWith('json.') && i.severity === 'error')) assert.equal(report.kind, c.kind);
    });
  }
});

describe('request vectors', () => {
  const cases = loadCases('requests');
  test('every operation of the manifest has a request case', () => {
    const covered = new Set(cases.filter(({ case: c }) => c.expect).map(({ case: c }) => c.op));
    assert.deepEqual(ss.manifest().operations.map((o) => o.id).filter((id) => !covered.has(id)), []);
  });
  for (const { file, case: c, data } of cases) {
    test(`${file}: ${c.name}`, () => {
      const args = { op: c.op, args: c.args ?? {}, endpoints: data.endpoints };
      if (c.error) {
        assert.throws(() => ss.call('buildRequest', args), (e) => e instanceof ss.StoreSubmitError && e.code === c.error);
        return;
      }
      // an integer JavaScript cannot hold goes as JSON text (call() takes the arguments' text too)
      const r = ss.call('buildRequest', hasBigInt(c.args) ? losslessStringify(args) : args);
      const exp = c.expect;
      assert.equal(r.method, exp.method);
      assert.equal(r.url, exp.url);
      const lower = (pairs) => pairs.map(([k, v]) => [k.toLowerCase(), v]).sort();
      assert.deepEqual(lower(r.headers), lower(Object.entries(exp.headers)));
      if ('json' in exp) assert.deepEqual(losslessParse(r.body), exp.json);
      else if ('form' in exp) assert.equal(r.body, exp.form);
      else assert.equal(r.body, '');
    });
  }
});

describe('response vectors', () => {
  const cases = loadCases('responses');
  test('there are at least 60 cases over every family', () => {
    assert.ok(cases.length >= 60, `only ${cases.length}`);
    assert.deepEqual([...new Set(cases.map(({ case: c }) => c.op.split('.')[0]))].sort(), ['devcenter', 'ingestion', 'token', 'win32']);
  });
  for (const { file, case: c } of cases) {
    test(`${file}: ${c.name}`, () => {
      const resp = responseOf(c.response);
      if (c.expect.ok) {
        ss.call('parseResponse', { op: c.op, response: resp });
        return;
      }
      assert.throws(
        () => ss.call('parseResponse', { op: c.op, response: resp }),
        (e) => {
          assert.ok(e instanceof ss.StoreSubmitError, String(e));
          assert.deepEqual(errorDifferences(e, c.expect), []);
          return true;
        },
      );
    });
  }
});

describe('blob vectors', () => {
  const cases = loadCases('blob');
  test('every blob file has cases', () => {
    const files = new Set(cases.map(({ file }) => file));
    for (const f of ['checksums', 'block-ids', 'requests', 'block-lists', 'sas', 'errors']) assert.ok(files.has(`${f}.json`), f);
  });
  // The core answers with the case's own keys (`expect`, `checkWrite`, `error`) to deep-equal, or `failure`:
  // the typed error the case's `expect` describes (core/src/wire/vectors.rs).
  for (const { file, case: c } of cases) {
    test(`${file}: ${c.name}`, () => {
      const got = ss.call('blobVector', { file: file.replace(/\.json$/, ''), case: c });
      assert.ok(Object.keys(got).length > 0, 'an answer');
      for (const [key, value] of Object.entries(got)) {
        if (key === 'failure') {
          assert.ok(c.expect?.error, `failed where the case expects success: ${value.code}: ${value.message}`);
          assert.deepEqual(errorDifferences(ss.errorFromJson(value), c.expect), []);
        } else {
          assert.ok(key in c, `the answer's key ${key} is a key of the case`);
          assert.deepEqual(value, c[key], key);
        }
      }
      // every expectation of the case got an answer
      for (const key of ['expect', 'checkWrite', 'error']) if (key in c) assert.ok(key in got || (key === 'expect' && 'failure' in got), `no answer for ${key}`);
    });
  }
});
