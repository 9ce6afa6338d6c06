// Workflows through the Node package against the emulator binary: the core drives every request, the host
// supplies `fetch`, the bytes of the files and a token it obtained itself (here from the emulator's token
// service, as a page would from its own sign-in); no client secret enters the module.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as ss from '../pkg-node/index.mjs';
import { launch } from './_browser.mjs';
import { serve } from './_server.mjs';

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN =
  process.env.STORESUBMIT_EMULATOR_BIN ||
  join(process.env.CARGO_TARGET_DIR || join(homedir(), '.cache/storesubmit/target'), 'debug/storesubmit-emulator');

let emulator, info;

before(async () => {
  assert.ok(existsSync(BIN), `the emulator binary is missing at ${BIN} (cargo build -p storesubmit-emulator)`);
  emulator = spawn(BIN, ['--port', '0', '--stop-on-stdin-eof'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const first = await new Promise((resolve, reject) => {
    emulator.once('exit', (code) => reject(new Error(`the emulator exited (${code})`)));
    createInterface({ input: emulator.stdout }).once('line', resolve);
  });
  info = JSON.parse(first);
});

after(() => {
  emulator?.stdin.end();
});

/** The host's side: a counting fetch and a token the host gets from the token service itself. */
function host() {
  const sent = [];
  const tokens = [];
  return {
    sent,
    tokens,
    fetch: (url, init) => {
      sent.push(`${init.method} ${url}`);
      return fetch(url, init);
    },
    token: async (scope, family) => {
      tokens.push(`${family} ${scope}`);
      const r = await fetch(`${info.token_url}/${info.tenant_id}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: info.client_id, client_secret: info.client_secret, scope }),
      });
      assert.equal(r.status, 200, `token service: ${r.status}`);
      const j = await r.json();
      return { token: j.access_token, expiresOn: Math.floor(Date.now() / 1000) + Number(j.expires_in) };
    },
  };
}

function options() {
  return {
    sellerId: info.seller_id,
    endpoints: { devcenter: info.devcenter_url, win32: info.win32_url, ingestion: info.ingestion_url, token: info.token_url },
    poll: { initial: 0.05, factor: 1.5, max: 0.3 },
  };
}

test('a call workflow: one token from the host, the request sent with the host fetch, the typed result', async () => {
  const h = host();
  const app = await ss.runWorkflow(
    { workflow: 'call', op: 'devcenter.get_app', args: { applicationId: info.app_id } },
    { options: options(), fetch: h.fetch, token: h.token },
  );
  assert.equal(app.flow, 'call');
  assert.equal(app.document.id, info.app_id, JSON.stringify(app));
  assert.equal(h.tokens.length, 1);
  assert.match(h.tokens[0], /^devcenter /);
  assert.deepEqual(h.sent, [`GET ${info.devcenter_url}/v1.0/my/applications/${info.app_id}`]);
});

test("an error answer rejects with the core's StoreSubmitError", async () => {
  const h = host();
  await assert.rejects(
    ss.runWorkflow({ workflow: 'call', op: 'devcenter.get_app', args: { applicationId: '9NOSUCHAPP00' } }, {
      options: options(),
      fetch: h.fetch,
      token: h.token,
    }),
    (e) => e instanceof ss.StoreSubmitError && e.code === 'not_found' && e.status === 404,
  );
});

test('publishing an app submission: files read by slices from Uint8Array, uploaded, committed, published', async () => {
  const h = host();
  const pkg = new Uint8Array(6 * 1024 * 1024 + 321).map((_, i) => (i * 31) & 0xff);
  const shot = new Uint8Array(20_000).fill(7);
  const events = [];
  const outcome = await ss.runWorkflow(
    {
      workflow: 'submission',
      target: { type: 'app', app_id: info.app_id },
      spec: {
        changes: {
          applicationPackages: [{ fileName: 'Contoso.App_1.2.0.0_x64.msixupload' }],
          listings: { 'en-us': { baseListing: { images: [{ fileName: 'Images/shot1.png', imageType: 'Screenshot' }] } } },
        },
      },
    },
    {
      options: options(),
      fetch: h.fetch,
      token: h.token,
      files: { 'Contoso.App_1.2.0.0_x64.msixupload': pkg, 'Images/shot1.png': shot },
      onProgress: (e) => events.push(e),
    },
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

  const sub = await ss.runWorkflow(
    { workflow: 'call', op: 'devcenter.get_app_submission', args: { applicationId: info.app_id, submissionId: outcome.submission_id } },
    { options: options(), fetch: h.fetch, token: h.token },
  );
  const status = Object.fromEntries(sub.document.applicationPackages.map((p) => [p.fileName, p.fileStatus]));
  assert.equal(status['Contoso.App_1.2.0.0_x64.msixupload'], 'Uploaded');
});

test('aborting a run sends cancel to the core and rejects with a cancelled error', async () => {
  const h = host();
  const ac = new AbortController();
  const run = ss.runWorkflow(
    { workflow: 'call', op: 'devcenter.get_app', args: { applicationId: info.app_id } },
    {
      options: options(),
      fetch: h.fetch,
      token: async (scope, family) => {
        ac.abort();
        return h.token(scope, family);
      },
      signal: ac.signal,
    },
  );
  await assert.rejects(run, (e) => e instanceof ss.StoreSubmitError && e.code === 'cancelled');
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
        const token = async (scope) => {
          const r = await fetch(tokenUrl, {
            method: 'POST',
            body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope }),
          });
          const j = await r.json();
          return { token: j.access_token, expiresOn: Math.floor(Date.now() / 1000) + Number(j.expires_in) };
        };
        const progress = [];
        const app = await ss.runWorkflow(
          { workflow: 'call', op: 'devcenter.get_app', args: { applicationId: appId } },
          { options: { endpoints }, token, onProgress: (e) => progress.push(e.kind) },
        );
        let error = null;
        try {
          await ss.runWorkflow({ workflow: 'call', op: 'devcenter.get_app', args: { applicationId: '9NOSUCHAPP00' } }, { options: { endpoints }, token });
        } catch (e) {
          error = { isError: e instanceof ss.StoreSubmitError, code: e.code, status: e.status };
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
