'use strict';
// Uploads to a real Azure blob service (Azurite): the emulator hands out Azurite SAS URLs, so a publish
// sends its ZIP there in blocks (the core's block machine), through the bundled transport and through
// fetch; the blob is read back and checked as a ZIP. Fails (never skips) when Azurite is not installed.

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const net = require('node:net');
const { join } = require('node:path');
const { REPO, storesubmit, TRANSPORTS, release, tempDir, APP_CHANGES } = require('./helpers');

const ACCOUNT = 'devstoreaccount1';
// Azurite's documented well-known development key (not a secret).
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function startAzurite(t) {
  const bin = join(REPO, 'tests', 'tools', 'node_modules', '.bin', 'azurite-blob');
  assert.ok(existsSync(bin), `Azurite is missing (${bin}): run scripts/setup.sh`);
  const port = await freePort();
  const args = ['--blobHost', '127.0.0.1', '--blobPort', String(port), '--inMemoryPersistence', '--disableTelemetry', '--silent', '--skipApiVersionCheck'];
  const proc = spawn(bin, args, { cwd: tempDir(t, 'azurite-'), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  t.after(() => proc.kill());
  const deadline = Date.now() + 30000;
  for (;;) {
    const up = await new Promise((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => (c.end(), resolve(true)));
      c.on('error', () => resolve(false));
    });
    if (up) break;
    assert.equal(proc.exitCode, null, `Azurite exited: ${stderr}`);
    assert.ok(Date.now() < deadline, 'Azurite did not start within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return `http://127.0.0.1:${port}/${ACCOUNT}`;
}

/** The names of a ZIP's entries (its central directory), read without a ZIP library. */
function zipNames(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'a ZIP end record');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const n = buf.readUInt16LE(p + 28), x = buf.readUInt16LE(p + 30), c = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + n));
    p += 46 + n + x + c;
  }
  return names.sort();
}

test('publish uploads the ZIP to Azurite in blocks (bundled and fetch)', async (t) => {
  const azurite = await startAzurite(t);
  for (const [name, transport] of Object.entries(TRANSPORTS)) {
    const emu = storesubmit.startEmulator({ external_blob: { endpoint: azurite, account: ACCOUNT, key: KEY } });
    t.after(() => emu.stop());
    const files = release(t, { 'Contoso.App_1.2.0.0_x64.msixupload': 9 << 20 });
    const sent = [];
    const fetchOpt = name === 'fetch' ? { fetch: (url, init) => (sent.push(`${init.method} ${url}`), fetch(url, init)) } : transport;
    const client = emu.client({ ...fetchOpt, upload: { blockSize: 2 << 20 } });
    const draft = await client.publishAppSubmission(emu.appId, APP_CHANGES, { files, stopAfter: 'draft' });
    const sub = await client.devcenter.getAppSubmission(emu.appId, draft.submissionId);
    assert.ok(sub.fileUploadUrl.startsWith(azurite), 'the upload URL points at Azurite');
    if (name === 'fetch') {
      assert.ok(sent.filter((s) => s.startsWith('PUT ') && s.includes('comp=block&')).length >= 5, 'blocks went to Azurite');
      assert.ok(sent.some((s) => s.includes('comp=blocklist')));
    }
    const blob = await fetch(sub.fileUploadUrl);
    assert.equal(blob.status, 200, 'the SAS reads the blob back');
    const zip = Buffer.from(await blob.arrayBuffer());
    assert.deepEqual(zipNames(zip), ['Contoso.App_1.2.0.0_x64.msixupload', 'Images/Screenshot1.png']);
    const shot = readFileSync(join(files, 'Images', 'Screenshot1.png'));
    assert.ok(zip.includes(shot), 'the screenshot is stored as is');
    const done = await client.resume(draft.resumeToken, { files });
    assert.equal(done.stage, 'published', `${name}: the emulator read the upload back from Azurite and accepted it`);
  }
});
