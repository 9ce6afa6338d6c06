// The wasm package publishes an app submission from a page in headless Chromium straight to the emulator: the
// emulator allows the page's origin (--cors-origin), so the browser's own fetch reaches the token service, the
// classic API and the blob store (the package's upload) with no proxy in between. The validator page
// (web/index.html) keeps itself offline (its CSP allows `connect-src 'self'` only), so the page here is a
// user's page as a release tool would have it: the same pkg/, and a CSP that lists the emulator's origins.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { IMPORT_MAP, IMPORT_MAP_HASH, launch } from './_browser.mjs';
import { startEmulator } from './_emulator.mjs';
import { serve } from './_server.mjs';

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');
const FAST = { commit: 0.1, preprocessing: 0.1, certification: 0.1, release: 0.1 };

/** A page that loads the package's modules and may connect to these origins (written into `dir`). */
function page(dir, origins) {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>upload</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval' ${IMPORT_MAP_HASH}; connect-src 'self' ${origins.join(' ')}">
<script type="importmap">${IMPORT_MAP}</script>
</head><body data-ready="true"></body></html>`;
  writeFileSync(join(dir, 'upload.html'), html);
  return join(dir, 'upload.html');
}

/** Starts the emulator binary with fast phases and these arguments; answers its info and a stop function. */
async function emulator(args) {
  const dir = mkdtempSync(join(tmpdir(), 'storesubmit-emu-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ durations: FAST }));
  const emu = await startEmulator(['--config', join(dir, 'config.json'), ...args]);
  return { info: emu.info, stop: () => (emu.stop(), rmSync(dir, { recursive: true, force: true })) };
}

test("in Chromium: the page's own fetch uploads the package to the emulator's blob store (CORS)", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'storesubmit-page-'));
  const pages = {};
  const server = await serve(PACKAGE, pages);
  const emu = await emulator(['--cors-origin', server.origin]);
  const i = emu.info;
  pages['/upload.html'] = page(dir, [i.token_url, i.devcenter_url, new URL(i.blob_url).origin]);
  const browser = await launch();
  try {
    const tab = await browser.context.newPage();
    const sent = [];
    tab.on('request', (r) => sent.push(`${r.method()} ${r.url()}`));
    await tab.goto(`${server.origin}/upload.html`);
    const out = await tab.evaluate(async (info) => {
      const ss = await import('/pkg/index.mjs');
      await ss.init();
      const getToken = async ([scope]) => {
        const r = await fetch(`${info.token_url}/${info.tenant_id}/oauth2/v2.0/token`, {
          method: 'POST',
          body: new URLSearchParams({ grant_type: 'client_credentials', client_id: info.client_id, client_secret: info.client_secret, scope }),
        });
        const j = await r.json();
        return { token: j.access_token, expiresOnTimestamp: Date.now() + Number(j.expires_in) * 1000 };
      };
      const pkg = new Uint8Array(2 * 1024 * 1024 + 77).map((_, i) => (i * 131) & 0xff);
      const endpoints = { devcenter: info.devcenter_url, win32: info.win32_url, ingestion: info.ingestion_url, token: info.token_url };
      const client = new ss.Client({ getToken }, { endpoints, poll: { initial: 0.05, factor: 1.5, max: 0.3 } });
      const outcome = await client.publishAppSubmission(
        info.app_id,
        { applicationPackages: [{ fileName: 'Contoso.App_2.0.0.0_x64.msixupload' }] },
        { files: { 'Contoso.App_2.0.0.0_x64.msixupload': pkg } },
      );
      return { stage: outcome.stage, status: outcome.status, id: outcome.submissionId };
    }, emu.info);
    assert.equal(out.stage, 'published', JSON.stringify(out));
    assert.equal(out.status, 'Published');
    assert.ok(sent.some((s) => s.startsWith(`PUT ${emu.info.blob_url}/`)), `the browser sent the upload itself:\n${sent.join('\n')}`);
    const log = await (await fetch(`${emu.info.admin_url}/requests`)).json();
    const uploads = log.filter((r) => r.method === 'PUT' && r.path.startsWith('/blob/') && r.status === 201);
    assert.ok(uploads.length > 0, JSON.stringify(log.map((r) => `${r.method} ${r.path} ${r.status}`)));
    const state = await (await fetch(`${emu.info.admin_url}/state`)).json();
    assert.ok(state.blobs.some((b) => b.size > 2 * 1024 * 1024), JSON.stringify(state.blobs));
  } finally {
    await browser.close();
    emu.stop();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
