// The behaviour vectors (tests/vectors/behaviour/scenarios.json, format in its README) as the JavaScript
// surfaces run them: the Node package's runner (bindings-node/test/behaviour.test.js, bundled and fetch) and
// the wasm package's (bindings-wasm/tests/behaviour.test.mjs). A scenario's request goes through the
// client's generated facade method (its positional parameters by the manifest's rule) or `run(request)`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const vectors = JSON.parse(readFileSync(join(REPO, 'tests/vectors/behaviour/scenarios.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(REPO, 'surface/manifest.json'), 'utf8'));

/**
 * A scenario's files as name → bytes: byte `i` is `i % 251`, the start overwritten by the vectors'
 * `fileHeaders` entry of the name's extension (a `.png` starts as a real PNG); `\` in a name is a folder
 * separator.
 */
export function fileBytes(files) {
  return Object.entries(files).map(([name, size]) => {
    const bytes = Uint8Array.from({ length: size }, (_, i) => i % 251);
    const ext = Object.keys(vectors.fileHeaders ?? {}).find((e) => name.toLowerCase().endsWith(e));
    if (ext) bytes.set(Buffer.from(vectors.fileHeaders[ext], 'hex').subarray(0, size));
    return [name.replaceAll('\\', '/'), bytes];
  });
}

/** The scenario's request with the emulator's ids (`{appId}`, …). */
function fill(request, ids) {
  let text = JSON.stringify(request);
  for (const [key, value] of Object.entries(ids)) text = text.replaceAll(`{${key}}`, value);
  return JSON.parse(text);
}

async function admin(adminUrl, method, path, body) {
  const res = await fetch(`${adminUrl}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(res.ok, `${method} ${path}: ${res.status}`);
  return method === 'GET' ? res.json() : null;
}

/** Runs `request` with the client's facade method for its workflow (`run` for the others). */
function send(client, request, options) {
  const { workflow, ...params } = request;
  const method = manifest.surface.workflows.find((w) => w.name === workflow && w.facade);
  if (!method) return client.run(request, options);
  // a workflow without files (`call`, `listAll`) takes only the host options it has
  const { files: _files, ...others } = options;
  const host = method.host.includes('files') ? options : others;
  const required = method.params.filter((p) => p.required);
  const next = method.params.find((p) => !p.required);
  const positional = next && JSON.stringify(next.default) === '{}' ? [...required, next] : required;
  const rest = { ...params };
  for (const p of positional) delete rest[p.name];
  return client[workflow](...positional.map((p) => params[p.name]), { ...rest, ...host });
}

const includes = (got, want) => Object.entries(want).every(([k, v]) => JSON.stringify(got[k]) === JSON.stringify(v));

/**
 * Runs one scenario against a fresh emulator: `emulator` is `{adminUrl, ids: {appId, …}}`, `client` a client
 * of the surface pointed at it (with the vectors' clientOptions and the scenario's own), `files` the scenario's files as the surface
 * takes them.
 */
export async function runScenario(s, { emulator, client, files }) {
  await admin(emulator.adminUrl, 'PATCH', '/settings', vectors.emulatorSettings);
  for (const f of s.faults || []) await admin(emulator.adminUrl, 'POST', '/faults', f);
  await admin(emulator.adminUrl, 'DELETE', '/requests');
  const request = fill(s.request, emulator.ids);
  const ac = new AbortController();
  const onProgress = (e) => s.cancelOn && includes(e, s.cancelOn) && ac.abort(new Error(`cancelled at ${e.stage}`));
  const started = Date.now();
  const first = await send(client, request, { files, signal: ac.signal, onProgress }).then((outcome) => ({ outcome }), (error) => ({ error }));
  const expect = s.expect;
  const took = (Date.now() - started) / 1000;
  if (expect.withinSeconds !== undefined) assert.ok(took <= expect.withinSeconds, `${s.name}: the run took ${took} s`);
  if (expect.outcome) {
    assert.ok(first.outcome, `${s.name}: ${first.error}`);
    assert.ok(includes(first.outcome, expect.outcome), `${s.name}: outcome ${JSON.stringify(first.outcome)}`);
  } else {
    const e = first.error;
    assert.ok(e, `${s.name}: expected ${expect.error}, got an outcome`);
    assert.equal(e.code, expect.error, `${s.name}: ${e}`);
    if (expect.resumeToken) assert.equal(typeof e.resumeToken, 'string', `${s.name}: a resume token`);
    for (const code of expect.issues || []) assert.ok(e.issues.some((i) => i.code === code), `${s.name}: ${code} in ${JSON.stringify(e.issues)}`);
    if (e.code === 'cancelled') assert.equal(e.cause, ac.signal.reason, `${s.name}: the abort's reason`);
    if (s.secretsAbsent) {
      // every value the emulator handed out (the client secret, each token and SAS signature)
      const shown = `${e} ${e.stack} ${inspect(e, { depth: 5 })} ${JSON.stringify(e)}`;
      for (const secret of await admin(emulator.adminUrl, 'GET', '/issued')) assert.ok(!shown.includes(secret), `${s.name}: a secret value shows in ${shown}`);
    }
  }
  if (s.then) {
    const token = first.error.resumeToken;
    assert.ok(token || s.then === 'resumeOrRerun', `${s.name}: \`resume\` needs a resume token`);
    const last = token ? await client.resume(token, { files }) : await send(client, request, { files });
    assert.ok(includes(last, s.final), `${s.name}: final outcome ${JSON.stringify(last)}`);
  }
  // what the service saw (the admin API's own calls aside)
  const log = (await admin(emulator.adminUrl, 'GET', '/requests')).filter((r) => !String(r.path).includes('_emulator'));
  if (s.service?.requests !== undefined) assert.equal(log.length, s.service.requests, `${s.name}: ${JSON.stringify(log)}`);
  for (const [op, n] of Object.entries(s.service?.ops || {})) {
    const ok = log.filter((r) => r.op === op && r.status >= 200 && r.status < 300).length;
    assert.equal(ok, n, `${s.name}: ${op} answered 2xx ${ok} time(s)`);
  }
}

/** Checks one validation case with the surface's `validate(document, {kind, files, change})`. */
export function checkValidation(c, validate) {
  const options = Object.fromEntries(['kind', 'files', 'change'].filter((k) => k in c).map((k) => [k, c[k]]));
  const got = validate(c.document, options);
  assert.equal(got.valid, c.expect.valid, `${c.name}: ${JSON.stringify(got)}`);
  assert.equal(got.kind, c.expect.kind, c.name);
  for (const code of c.expect.issues || []) assert.ok(got.issues.some((i) => i.code === code), `${c.name}: ${code}`);
}
