'use strict';
// The JavaScript edges issue 23 found, each checked (the TypeScript ones are compiled by package.test.js
// from test/types/idioms.ts): one outcome shape with `resumeToken`, the abort's reason kept, validate's one
// signature with its change mode, pre-flight in `run(request)`, connection errors that name their request.

const test = require('node:test');
const assert = require('node:assert/strict');
const { storesubmit, TRANSPORTS, release, emulator, APP_CHANGES } = require('./helpers');

for (const [name, transport] of Object.entries(TRANSPORTS)) {
  test(`an outcome is camelCase, its resume token \`resumeToken\` (${name})`, async (t) => {
    const emu = emulator(t);
    const out = await emu.client(transport).publishAppSubmission(emu.appId, APP_CHANGES, { files: release(t), stopAfter: 'draft' });
    assert.deepEqual(Object.keys(out).filter((k) => /_/.test(k) || k === 'resume'), []);
    assert.equal(out.resourceId, emu.appId);
    assert.match(out.submissionId, /^\d+$/);
    assert.equal(typeof out.resumeToken, 'string');
  });

  test(`an abort's reason is the cancelled error's cause, with the resume token (${name})`, async (t) => {
    const emu = emulator(t, { durations: { certification: 30 } });
    const ac = new AbortController();
    const reason = new Error('the job was cancelled');
    const err = await emu
      .client(transport)
      .publishAppSubmission(emu.appId, APP_CHANGES, { files: release(t), signal: ac.signal, onProgress: (e) => e.stage === 'poll' && ac.abort(reason) })
      .catch((e) => e);
    assert.ok(err instanceof storesubmit.OperationCancelledError, String(err));
    assert.equal(err.cause, reason);
    assert.equal(typeof err.resumeToken, 'string');
  });

  test(`client.run(request) runs the pre-flight checks before any request (${name})`, async (t) => {
    const emu = emulator(t);
    const sent = [];
    const client = emu.client(name === 'fetch' ? { fetch: (url, init) => (sent.push(url), fetch(url, init)) } : transport);
    const request = { workflow: 'submission', target: { type: 'app', appId: emu.appId }, spec: { changes: { applicationPackages: [{ fileName: 'Missing.msixupload' }] } } };
    const err = await client.run(request, { files: release(t) }).catch((e) => e);
    assert.ok(err instanceof storesubmit.MissingFilesError, String(err));
    assert.deepEqual(err.issues.map((i) => i.code), ['files.missing']);
    assert.deepEqual(sent, []);
  });

  test(`a connection error names its request (${name})`, async () => {
    const nowhere = 'http://127.0.0.1:9';
    const client = new storesubmit.Client(
      { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) },
      { ...transport, endpoints: { devcenter: `${nowhere}/dc` }, retry: { maxAttempts: 1 } },
    );
    const err = await client.devcenter.getApp('9NBLGGH4R315').catch((e) => e);
    assert.ok(err instanceof storesubmit.TransportError, String(err));
    assert.deepEqual(err.request, { op: 'devcenter.get_app', method: 'GET', url: `${nowhere}/dc/v1.0/my/applications/9NBLGGH4R315` });
    assert.ok(String(err).includes(`(GET ${nowhere}/dc/v1.0/my/applications/9NBLGGH4R315)`), String(err));
  });
}

test("validate(document, {kind, files, change}): the README's partial submission is a valid change, not a whole submission", () => {
  const changes = { applicationPackages: [{ fileName: 'app.msixupload' }], listings: { 'en-us': { baseListing: { description: 'Faster sync.' } } } };
  const asChange = storesubmit.validate(changes, { kind: 'app-submission', files: { 'app.msixupload': 9 }, change: true });
  assert.deepEqual(asChange, { valid: true, kind: 'app-submission', issues: [] });
  const whole = storesubmit.validate(changes, { kind: 'app-submission' });
  assert.equal(whole.valid, false);
  assert.ok(whole.issues.some((i) => i.code === 'field.required'));
  assert.throws(() => storesubmit.validate(changes, { change: 'yes' }), (e) => e instanceof storesubmit.InvalidArgumentError && /validate\/change/.test(e.message));
});

test('allErrorCodes() answers {code, number, retryable, description}, as the wasm package does', () => {
  const codes = storesubmit.allErrorCodes();
  assert.deepEqual(Object.keys(codes[0]), ['code', 'number', 'retryable', 'description']);
  assert.ok(codes.every((c) => storesubmit.errorClassFor(c.code).number === c.number));
});

test("with the caller's fetch, an answer larger than its request's limit fails as ResponseTooLargeError, read no further", async () => {
  let read = 0;
  const endless = () => new Response(new ReadableStream({ pull(c) { read += 1 << 20; c.enqueue(new Uint8Array(1 << 20)); } }));
  const client = new storesubmit.Client(
    { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) },
    { endpoints: { devcenter: 'http://127.0.0.1:9/dc' }, retry: { maxAttempts: 1 }, fetch: async () => endless() },
  );
  const err = await client.devcenter.getApp('9NBLGGH4R315').catch((e) => e);
  assert.ok(err instanceof storesubmit.ResponseTooLargeError, String(err));
  assert.equal(err.request.op, 'devcenter.get_app');
  assert.ok(read <= 40 << 20, `${read} bytes read`);
});
