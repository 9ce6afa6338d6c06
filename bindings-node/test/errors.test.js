'use strict';
// Every error code of the core's catalogue has its StoreSubmitError subclass with the stable code and
// number, and the core's errors (from the native layer, a workflow, a host failure) arrive as that class.

const test = require('node:test');
const assert = require('node:assert/strict');
const { storesubmit, emulator } = require('./helpers');
const { native } = require('../lib/native');

const manifest = storesubmit.manifest();

test('allErrorCodes() is the manifest catalogue, one subclass each', () => {
  const codes = storesubmit.allErrorCodes().map((e) => e.code);
  assert.deepEqual(storesubmit.allErrorCodes(), manifest.errors.map(({ code, number, retryable, description }) => ({ code, number, retryable, description })));
  assert.deepEqual(codes, manifest.errors.map((e) => e.code));
  assert.equal(codes.length, 26);
  const classes = new Set();
  for (const e of manifest.errors) {
    const cls = storesubmit.errorClassFor(e.code);
    assert.notEqual(cls, storesubmit.StoreSubmitError, e.code);
    assert.equal(cls.code, e.code);
    assert.equal(cls.number, e.number);
    assert.equal(storesubmit[cls.name], cls, `${cls.name} is exported`);
    classes.add(cls);
    const err = new cls('boom', { status: e.status, retryable: e.retryable, correlationId: 'c-1' });
    assert.ok(err instanceof storesubmit.StoreSubmitError && err instanceof Error);
    assert.equal(err.name, cls.name);
    assert.equal(err.code, e.code);
    assert.equal(err.number, e.number);
    assert.equal(err.status, e.status);
    assert.equal(err.retryable, e.retryable);
    assert.equal(err.correlationId, 'c-1');
    assert.deepEqual(err.issues, []);
    assert.match(String(err), new RegExp(`\\[${e.code}\\]: boom \\(correlation id c-1\\)`));
    assert.equal(JSON.parse(JSON.stringify(err)).code, e.code);
  }
  assert.equal(classes.size, codes.length, 'a distinct class per code');
  assert.equal(storesubmit.errorClassFor('no_such_code'), storesubmit.StoreSubmitError);
});

test('every error code a host can report comes back from a workflow as its class', async () => {
  // A failure of each code answering the token task the package keeps (a credential object), reported to a
  // run that gives up at once (maxAttempts 1).
  const options = JSON.stringify({
    retry: { maxAttempts: 1 },
    endpoints: { token: 'http://127.0.0.1:9/t', devcenter: 'http://127.0.0.1:9/d', win32: 'http://127.0.0.1:9/w', ingestion: 'http://127.0.0.1:9/i' },
  });
  const request = JSON.stringify({ workflow: 'call', op: 'devcenter.get_app', args: { applicationId: 'x' } });
  for (const e of manifest.errors) {
    const session = new native.Session(options, request, null, null, JSON.stringify({ keep: { token: true } }));
    let task;
    while (!task) task = JSON.parse(await session.next()).tasks[0];
    assert.equal(task.kind, 'token');
    session.complete(JSON.stringify({ id: task.id, kind: 'failed', error: { code: e.code, message: `host says ${e.code}` } }));
    let done = null;
    while (!done) done = JSON.parse(await session.next()).done;
    assert.equal(done.error.number, e.number, e.code);
    const err = storesubmit.errorFromJson(done.error);
    assert.ok(err instanceof storesubmit.errorClassFor(e.code), `${e.code}: ${err}`);
  }
});

test('native errors are mapped: bad options, bad requests, unknown operations', async (t) => {
  const emu = emulator(t);
  assert.throws(() => emu.client({ retry: { maxAttempts: 0 } }), (e) => e instanceof storesubmit.InvalidArgumentError && /maxAttempts/.test(e.message));
  const client = emu.client();
  await assert.rejects(client.call('devcenter.no_such_op', {}), storesubmit.InvalidArgumentError);
  await assert.rejects(client.run({ workflow: 'deploy' }), (e) => e instanceof storesubmit.InvalidArgumentError && /workflow/.test(e.message));
  await assert.rejects(client.run({ workflow: 'call', op: 'devcenter.get_app' }, { file: 'x' }), (e) => e instanceof storesubmit.InvalidArgumentError && /run\/file: unknown option/.test(e.message));
  assert.throws(() => emu.client({ sellerID: '1' }), (e) => e instanceof storesubmit.InvalidArgumentError && /Client\/sellerID: unknown option/.test(e.message));
  await assert.rejects(client.devcenter.getApp(''), storesubmit.InvalidArgumentError);
  assert.throws(() => new storesubmit.Client({}), storesubmit.InvalidArgumentError);
  assert.throws(() => new storesubmit.ClientSecretCredential('t', 'c', ''), storesubmit.InvalidArgumentError);
});

test('service errors keep status, retryable, correlation id and server items', async (t) => {
  const emu = emulator(t);
  emu.addFault({ op: 'devcenter.get_app', status: 409, times: 1, body: '{"code":"InvalidState","message":"busy"}' });
  const err = await emu.client().devcenter.getApp(emu.appId).catch((e) => e);
  assert.ok(err instanceof storesubmit.ConflictError, String(err));
  assert.equal(err.status, 409);
  assert.equal(err.retryable, false);
  assert.deepEqual(err.serverErrors.map((s) => s.code), ['InvalidState']);
  emu.addFault({ op: 'devcenter.get_app', status: 503, times: 10 });
  const busy = await emu.client({ retry: { maxAttempts: 2, baseDelay: 0.01 } }).devcenter.getApp(emu.appId).catch((e) => e);
  assert.ok(busy instanceof storesubmit.ServiceUnavailableError, String(busy));
  assert.equal(busy.retryable, true);
});
