// The generated facade: current with the manifest, the same in its ES module and CommonJS forms, methods
// that build the core's requests by the surface's rules (required parameters positional, the rest options,
// unknown options refused), calls through the installed engine, errors that name their request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esm from '../gen/facade.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(join(HERE, '../../surface/manifest.json'), 'utf8'));

test('the generated files are current', () => {
  execFileSync(process.execPath, [join(HERE, '../tools/generate.mjs'), '--check'], { stdio: 'pipe' });
});

test('the CommonJS forms export what the ES modules export', async () => {
  const cjs = require('../gen/facade.cjs');
  assert.deepEqual(Object.keys(cjs).sort(), Object.keys(esm).sort());
  const driver = await import('../driver.mjs');
  assert.deepEqual(Object.keys(require('../gen/driver.cjs')).sort(), Object.keys(driver).sort());
});

/** A client whose runs answer their request. */
class Echo extends esm.ClientBase {
  run(request, host) {
    return Promise.resolve({ request, host, document: { echoed: request } });
  }
}

test('a workflow method: required parameters and `changes` positional, the rest options, the host apart', async () => {
  const c = new Echo();
  const onProgress = () => {};
  const out = await c.publishAppSubmission('9N1', { notesForCertification: 'x' }, { rolloutPercentage: 10, stopAfter: 'draft', files: 'release', onProgress });
  assert.deepEqual(out.request, { workflow: 'publishAppSubmission', appId: '9N1', changes: { notesForCertification: 'x' }, rolloutPercentage: 10, stopAfter: 'draft' });
  assert.deepEqual(out.host, { files: 'release', onProgress });
  // a value left out is left out of the request: its default is the core's
  assert.deepEqual((await c.waitForSubmission('S1', { appId: 'A' })).request, { workflow: 'waitForSubmission', submissionId: 'S1', appId: 'A' });
  assert.deepEqual((await c.pack({ names: ['a'], output: 'o.zip' })).request, { workflow: 'pack', names: ['a'] });
  await assert.rejects(c.publishAppSubmission('9N1', {}, { stopafter: 'draft' }), (e) => e instanceof esm.InvalidArgumentError && /publishAppSubmission\/stopafter: unknown option; expected one of rolloutPercentage/.test(e.message));
  await assert.rejects(c.rollout('A', 'S', 'halt'), (e) => e instanceof esm.InvalidArgumentError && /rollout: the options must be an object/.test(e.message));
  // every facade workflow of the manifest is a method, and nothing else is
  const methods = Object.getOwnPropertyNames(esm.ClientBase.prototype).filter((n) => n !== 'constructor').sort();
  assert.deepEqual(methods, manifest.surface.workflows.filter((w) => w.facade).map((w) => w.name).sort());
});

test('an operation method is a call workflow answering the response body', async () => {
  const c = new Echo();
  const page = await c.devcenter.listApps({ top: 5, signal: AbortSignal.timeout(1000) });
  assert.deepEqual(page.echoed, { workflow: 'call', op: 'devcenter.list_apps', args: { top: 5 } });
});

test('a call goes through the installed engine; a clientSecret in its answer is not enumerable', () => {
  const seen = [];
  esm.useEngine({ call: (name, args) => (seen.push([name, args]), { clientSecret: 's3cret', values: {} }) });
  const answer = esm.resolveConnection({ explicit: { tenantId: 't' } });
  assert.equal(answer.clientSecret, 's3cret');
  assert.ok(!JSON.stringify(answer).includes('s3cret'));
  esm.validate({ a: 1 }, { kind: 'app-submission', change: true });
  assert.deepEqual(seen.at(-1), ['validate', { document: { a: 1 }, kind: 'app-submission', change: true }]);
  assert.throws(() => esm.validate({}, { text: 'x' }), /validate\/text: unknown option/);
  esm.useEngine(null);
  assert.throws(() => esm.tables(), /the core is not loaded/);
});

test('errors: a class per code, the request named in the message, every field of ErrorInfo kept', () => {
  assert.deepEqual(esm.allErrorCodes().map((e) => e.code), manifest.errors.map((e) => e.code));
  assert.deepEqual(Object.keys(esm.allErrorCodes()[0]), ['code', 'number', 'retryable', 'description']);
  const json = { code: 'transport', number: 13, message: 'no answer', status: null, retryable: true, retryAfter: null, correlationId: null,
    serverErrors: [], issues: [], request: { op: 'devcenter.get_app', method: 'GET', url: 'https://x/apps/1' }, resumeToken: 'R' };
  const e = esm.errorFromJson(json);
  assert.ok(e instanceof esm.TransportError && e instanceof esm.StoreSubmitError);
  assert.equal(e.message, 'no answer (GET https://x/apps/1)');
  assert.deepEqual(e.request, json.request);
  assert.equal(e.resumeToken, 'R');
  assert.deepEqual(JSON.parse(JSON.stringify(e)).request, json.request);
  assert.equal(esm.errorClassFor('nope'), esm.StoreSubmitError);
});
