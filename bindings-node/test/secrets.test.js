'use strict';
// Secrets never show: the client secret is in no property and not in util.inspect, String() or
// JSON.stringify of a credential, a client or an error; SAS signatures and tokens are in no progress
// event, outcome or error; redact() and redactUrl() scrub text.

const test = require('node:test');
const assert = require('node:assert/strict');
const { inspect } = require('node:util');
const { storesubmit, TRANSPORTS, release, emulator, APP_CHANGES } = require('./helpers');

const SECRET = 'S3cr3t-Value+With/Chars==';

function everyView(value) {
  return [inspect(value, { showHidden: true, depth: 10, getters: true }), String(value), JSON.stringify(value), Object.keys(value).join(' '),
    Object.getOwnPropertyNames(value).map((k) => { try { return String(value[k]); } catch { return ''; } }).join(' ')].join('\n');
}

test('a ClientSecretCredential and a Client never show the secret', () => {
  const cred = new storesubmit.ClientSecretCredential('tenant-1', 'client-1', SECRET);
  const client = new storesubmit.Client(cred, { endpoints: { token: 'http://127.0.0.1:9' } });
  for (const v of [cred, client]) {
    const all = everyView(v);
    assert.ok(!all.includes(SECRET), all);
    assert.ok(!all.includes('S3cr3t'), all);
  }
  assert.match(String(cred), /clientSecret=<redacted>/);
  assert.equal(JSON.parse(JSON.stringify(cred)).clientSecret, '<redacted>');
  assert.ok(Object.isFrozen(cred));
  assert.equal(cred.tenantId, 'tenant-1');
});

test('the emulator does not show its secret either', (t) => {
  const emu = emulator(t);
  const all = everyView(emu);
  assert.ok(!all.includes(emu.clientSecret), all);
});

for (const [name, transport] of Object.entries(TRANSPORTS)) {
  test(`no SAS signature, token or secret in progress, outcomes or errors (${name})`, async (t) => {
    const emu = emulator(t);
    const files = release(t);
    const seen = [];
    const client = emu.client(transport);
    // The blob store refuses the SAS: the workflow fails with the URL in its message, signature removed.
    emu.addFault({ method: 'PUT', path: new URL(emu.blobUrl).pathname + '/*', status: 403, times: 50, headers: { 'x-ms-error-code': 'AuthorizationPermissionMismatch' } });
    const err = await client.publishAppSubmission(emu.appId, APP_CHANGES, { files, onProgress: (e) => seen.push(JSON.stringify(e)) }).catch((e) => e);
    assert.ok(err instanceof storesubmit.SasPermissionError, String(err));
    const app = await client.devcenter.getApp(emu.appId);
    const sub = await client.devcenter.getAppSubmission(emu.appId, app.pendingApplicationSubmission.id);
    const sig = new URL(sub.fileUploadUrl).searchParams.get('sig');
    assert.ok(sig && sig.length > 10, 'the upload URL has a signature');
    const text = seen.join('\n') + JSON.stringify(app) + (err.resumeToken || '');
    assert.ok(seen.some((e) => e.includes('"kind":"request"')));
    assert.ok(!text.includes(sig), 'no SAS signature');
    assert.ok(!text.includes(emu.clientSecret), 'no client secret');
    assert.ok(!/Bearer\s+\S/.test(text), 'no bearer token');
    const shown = `${err} ${err.stack} ${JSON.stringify(err)} ${inspect(err)}`;
    assert.ok(!shown.includes(sig), shown);
    assert.ok(!shown.includes(emu.clientSecret));
  });
}

test('redact() and redactUrl() scrub text', () => {
  const url = 'https://acct.blob.core.windows.net/c/b.zip?sv=2021-12-02&sp=rcw&sig=abc%2Bdef';
  assert.ok(!storesubmit.redactUrl(url).includes('abc'));
  assert.match(storesubmit.redactUrl(url), /sig=<redacted>/);
  const text = `PUT ${url}\nAuthorization: Bearer eyJhbGciOi.payload.sig\nclient_secret=${encodeURIComponent(SECRET)}`;
  const r = storesubmit.redact(text);
  assert.ok(!r.includes('abc%2Bdef') && !r.includes('eyJhbGciOi') && !r.includes('S3cr3t'), r);
});
