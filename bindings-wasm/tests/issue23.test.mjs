// The wasm package's edges issue 23 found, each checked: validate's one signature (the Node package's) with
// its change mode, allErrorCodes() in the one shape, pre-flight checks in every run (runWorkflow had none),
// connection errors that name their request.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as ss from '../pkg-node/index.mjs';

const manifest = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../surface/manifest.json'), 'utf8'));

test("validate(document, {kind, files, change}): the README's partial submission is a valid change", () => {
  const changes = { applicationPackages: [{ fileName: 'app.msixupload' }], listings: { 'en-us': { baseListing: { description: 'Faster sync.' } } } };
  const files = new Map([['app.msixupload', new Uint8Array(9)]]);
  assert.deepEqual(ss.validate(changes, { kind: 'app-submission', files, change: true }), { valid: true, kind: 'app-submission', issues: [] });
  const whole = ss.validate(changes, { kind: 'app-submission', files });
  assert.equal(whole.valid, false);
  assert.ok(whole.issues.some((i) => i.code === 'field.required'));
  const empty = ss.validate(changes, { kind: 'app-submission', files: { 'app.msixupload': new Uint8Array(0) }, change: true });
  assert.ok(empty.issues.some((i) => i.code === 'files.empty'), 'files given as bytes are cross-checked by size');
});

test('allErrorCodes() answers {code, number, retryable, description} for every code, as the Node package does', () => {
  assert.deepEqual(ss.allErrorCodes(), manifest.errors.map(({ code, number, retryable, description }) => ({ code, number, retryable, description })));
  for (const { code } of ss.allErrorCodes()) assert.equal(ss.errorClassFor(code).code, code);
});

test('every run starts with the pre-flight checks: a missing file is refused before any request', async () => {
  const sent = [];
  const client = new ss.Client(
    { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) },
    { fetch: async (url) => { sent.push(url); throw new Error('no request expected'); } },
  );
  const request = { workflow: 'submission', target: { type: 'app', appId: '9N' }, spec: { changes: { applicationPackages: [{ fileName: 'app.msixupload' }] } } };
  const err = await client.run(request, { files: { 'other.bin': new Uint8Array(3) } }).catch((e) => e);
  assert.ok(err instanceof ss.MissingFilesError, String(err));
  assert.deepEqual(err.issues.map((i) => i.code), ['files.missing']);
  const invalid = await client.publishAppSubmission('9N', { visibility: 'Sometimes' }, { files: {} }).catch((e) => e);
  assert.ok(invalid instanceof ss.ValidationError, String(invalid));
  assert.deepEqual(sent, []);
});

test('a connection error names its request: the operation and its URL', async () => {
  const nowhere = 'http://127.0.0.1:9';
  const client = new ss.Client(
    { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) },
    { endpoints: { devcenter: `${nowhere}/dc` }, retry: { maxAttempts: 1 }, fetch: async () => { throw new TypeError('fetch failed'); } },
  );
  const err = await client.devcenter.getApp('9NBLGGH4R315').catch((e) => e);
  assert.ok(err instanceof ss.TransportError, String(err));
  const url = `${nowhere}/dc/v1.0/my/applications/9NBLGGH4R315`;
  assert.deepEqual(err.request, { op: 'devcenter.get_app', method: 'GET', url });
  assert.ok(String(err).includes(`(GET ${url})`), String(err));
});

test("an answer larger than its request's limit fails as ResponseTooLargeError, read no further (host fetch)", async () => {
  let read = 0;
  const endless = () => new Response(new ReadableStream({ pull(c) { read += 1 << 20; c.enqueue(new Uint8Array(1 << 20)); } }));
  const client = new ss.Client(
    { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) },
    { endpoints: { devcenter: 'http://127.0.0.1:9/dc' }, retry: { maxAttempts: 1 }, fetch: async () => endless() },
  );
  const err = await client.devcenter.getApp('9NBLGGH4R315').catch((e) => e);
  assert.ok(err instanceof ss.ResponseTooLargeError, String(err));
  assert.equal(err.request.op, 'devcenter.get_app');
  assert.ok(read <= 40 << 20, `${read} bytes read`);
});
