// Workflows through the Node package against the emulator binary: the core drives every request, the host
// supplies `fetch`, the bytes of the files and a credential whose tokens it obtains itself (here from the
// emulator's token service, as a page would from its own sign-in); no client secret enters the module.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as ss from '../pkg-node/index.mjs';
import { launch } from './_browser.mjs';
import { emulatorCredential, emulatorOptions, startEmulator } from './_emulator.mjs';
import { serve } from './_server.mjs';

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');

let emulator, info;

before(async () => {
  emulator = await startEmulator();
  info = emulator.info;
});

after(() => emulator?.stop());

/** The host's side: a counting fetch and a credential that gets its tokens from the token service itself. */
function host() {
  const sent = [];
  const tokens = [];
  const fetchFn = (url, init) => {
    sent.push(`${init.method} ${url}`);
    return fetch(url, init);
  };
  return { sent, tokens, fetch: fetchFn, ...emulatorCredential(info, tokens) };
}

const options = () => emulatorOptions(info);

/** A client of the emulator with the host's fetch and credential. */
const client = (h) => new ss.Client(h, { ...options(), fetch: h.fetch });

test('a call workflow: one token from the host, the request sent with the host fetch, the typed result', async () => {
  const h = host();
  const app = await client(h).call('devcenter.get_app', { applicationId: info.app_id });
  assert.equal(app.flow, 'call');
  assert.equal(app.document.id, info.app_id, JSON.stringify(app));
  assert.deepEqual(h.tokens, ['https://manage.devcenter.microsoft.com/.default']);
  assert.deepEqual((await client(h).devcenter.getApp(info.app_id)).id, info.app_id, 'a typed operation');
  assert.deepEqual(h.sent, Array(2).fill(`GET ${info.devcenter_url}/v1.0/my/applications/${info.app_id}`), 'each with the host fetch');
});

test("an error answer rejects with the error class of its code, naming the request", async () => {
  const h = host();
  await assert.rejects(
    client(h).devcenter.getApp('9NOSUCHAPP00'),
    (e) => e instanceof ss.NotFoundError && e.status === 404 && e.request.op === 'devcenter.get_app' && e.message.includes('(GET http'),
  );
});

test('publishing an app submission: files read by slices from Uint8Array, uploaded, committed, published', async () => {
  const h = host();
  const pkg = new Uint8Array(6 * 1024 * 1024 + 321).map((_, i) => (i * 31) & 0xff);
  const shot = new Uint8Array(20_000).fill(7);
  const events = [];
  const outcome = await client(h).publishAppSubmission(
    info.app_id,
    {
      applicationPackages: [{ fileName: 'Contoso.App_1.2.0.0_x64.msixupload' }],
      listings: { 'en-us': { baseListing: { images: [{ fileName: 'Images/shot1.png', imageType: 'Screenshot' }] } } },
    },
    { files: { 'Contoso.App_1.2.0.0_x64.msixupload': pkg, 'Images/shot1.png': shot }, onProgress: (e) => events.push(e) },
  );
  assert.equal(outcome.stage, 'published', JSON.stringify(outcome));
  assert.equal(outcome.status, 'Published');
  const kinds = new Set(events.map((e) => e.kind));
  for (const k of ['stage', 'request', 'upload']) assert.ok(kinds.has(k), `a ${k} progress event`);
  const last = events.filter((e) => e.kind === 'upload').at(-1);
  assert.equal(last.done, last.total);
  assert.ok(last.total > pkg.byteLength, 'the uploaded ZIP holds the package');
  assert.ok(h.sent.some((s) => s.startsWith(`PUT ${info.blob_url}`)), 'the ZIP went to the blob store');
  for (const e of events) assert.doesNotMatch(JSON.stringify(e), /sig=(?!<redacted>)/, 'no SAS signature in progress');

  const sub = await client(h).devcenter.getAppSubmission(info.app_id, outcome.submissionId);
  const status = Object.fromEntries(sub.applicationPackages.map((p) => [p.fileName, p.fileStatus]));
  assert.equal(status['Contoso.App_1.2.0.0_x64.msixupload'], 'Uploaded');
});

test('aborting a run sends cancel to the core and rejects with OperationCancelledError, its cause the reason', async () => {
  const h = host();
  const ac = new AbortController();
  const reason = new Error('stop');
  const getToken = async (scopes) => {
    ac.abort(reason);
    return h.getToken(scopes);
  };
  const run = new ss.Client({ getToken }, { ...options(), fetch: h.fetch }).devcenter.getApp(info.app_id, { signal: ac.signal });
  await assert.rejects(run, (e) => e instanceof ss.OperationCancelledError && e.cause === reason);
  assert.deepEqual(h.sent, [], 'nothing sent after the abort');
});

test("in Chromium: the page's own fetch and token drive a call workflow (the emulator behind a same-origin proxy)", async () => {
  const emu = info.base_url; // the one-port layout: every service under its prefix (/devcenter, /token, …)
  const server = await serve(PACKAGE, {}, emu);
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/web/index.html`);
    await page.waitForSelector('body[data-ready="true"]');
    const at = (service) => `${server.origin}/proxy/${service}`;
    const out = await page.evaluate(
      async ({ endpoints, tokenUrl, appId, clientId, clientSecret }) => {
        const ss = await import('/pkg/index.mjs');
        await ss.init();
        const getToken = async ([scope]) => {
          const r = await fetch(tokenUrl, {
            method: 'POST',
            body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope }),
          });
          const j = await r.json();
          return { token: j.access_token, expiresOnTimestamp: Date.now() + Number(j.expires_in) * 1000 };
        };
        const progress = [];
        const client = new ss.Client({ getToken }, { endpoints });
        const app = await client.call('devcenter.get_app', { applicationId: appId }, { onProgress: (e) => progress.push(e.kind) });
        let error = null;
        try {
          await client.devcenter.getApp('9NOSUCHAPP00');
        } catch (e) {
          error = { isError: e instanceof ss.NotFoundError, code: e.code, status: e.status };
        }
        return { id: app.document.id, progress, error };
      },
      {
        endpoints: { devcenter: at('devcenter'), win32: at('win32'), ingestion: at('ingestion'), token: at('token') },
        tokenUrl: `${at('token')}/${info.tenant_id}/oauth2/v2.0/token`,
        appId: info.app_id,
        clientId: info.client_id,
        clientSecret: info.client_secret,
      },
    );
    assert.equal(out.id, info.app_id);
    assert.ok(out.progress.includes('request'), JSON.stringify(out.progress));
    assert.deepEqual(out.error, { isError: true, code: 'not_found', status: 404 });
    assert.ok(server.log.some((l) => l.startsWith(`GET /proxy/devcenter/v1.0/my/applications/${info.app_id}`)), server.log.join('\n'));
  } finally {
    await browser.close();
    await server.close();
  }
});
