// ZIP packaging through the Node package: the core plans and writes the archive, the host reads Blob and
// Uint8Array inputs by slices and takes the output's chunks; the archive is read back by Python's zipfile.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import * as ss from '../pkg-node/index.mjs';

const MiB = 1024 * 1024;

/** A Blob that records every slice taken of it. */
class CountingBlob extends Blob {
  constructor(parts, slices) {
    super(parts);
    this.slices = slices;
  }
  slice(start, end) {
    this.slices.push([start, end]);
    return super.slice(start, end);
  }
}

function pattern(n, seed) {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * seed + (i >> 11)) & 0xff;
  return b;
}

/** Python's zipfile: names, CRC check and sha-256 per entry. */
function readZip(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'storesubmit-zip-'));
  try {
    writeFileSync(join(dir, 'a.zip'), bytes);
    const py = `
import hashlib, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(json.dumps({"bad": z.testzip(), "entries": [[i.filename, i.compress_type, hashlib.sha256(z.read(i)).hexdigest()] for i in z.infolist()]}))`;
    return JSON.parse(execFileSync('python3', ['-c', py, join(dir, 'a.zip')], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sha = async (b) => Buffer.from(await crypto.subtle.digest('SHA-256', b)).toString('hex');

/** pack() into a Blob: the chunks collected in order. */
async function packToBlob(options) {
  const parts = [];
  const report = await ss.pack({ ...options, output: async (offset, bytes) => { parts.push(bytes); } });
  return { blob: new Blob(parts, { type: 'application/zip' }), report };
}

test('a submission ZIP from a Blob and a Uint8Array: read in slices of at most 1 MiB, entries as the core plans', async () => {
  const slices = [];
  const pkg = pattern(5 * MiB + 77, 13);
  const files = new Map([
    ['Contoso.App_1.0.0.0_x64.msixupload', new CountingBlob([pkg], slices)],
    ['Images/en-us/1.png', pattern(70_000, 3)],
  ]);
  const doc = {
    applicationPackages: [{ fileName: 'Contoso.App_1.0.0.0_x64.msixupload', fileStatus: 'PendingUpload' }],
    listings: { 'en-us': { baseListing: { images: [{ fileName: 'Images\\en-us\\1.png', fileStatus: 'PendingUpload', imageType: 'Screenshot' }] } } },
  };
  const progress = [];
  const { blob, report } = await packToBlob({ kind: 'app-submission', document: doc, files, onProgress: (e) => progress.push(e) });
  assert.ok(blob instanceof Blob);
  assert.equal(report.size, blob.size);
  assert.deepEqual(report.entries, ss.packageEntries('app-submission', doc).map((e) => e.name));
  assert.equal(report.inputBytes, pkg.byteLength + 70_000);
  assert.ok(slices.length >= 6, `the 5 MiB package read in pieces (${slices.length} slices)`);
  for (const [s, e] of slices) assert.ok(e - s <= MiB, `a slice of ${e - s} bytes`);
  assert.ok(progress.length > 0 && progress.every((p) => p.kind === 'pack'));
  assert.equal(progress.at(-1).done, progress.at(-1).total);

  const zip = readZip(new Uint8Array(await blob.arrayBuffer()));
  assert.equal(zip.bad, null);
  assert.deepEqual(
    zip.entries.map(([n, , h]) => [n, h]),
    [
      ['Contoso.App_1.0.0.0_x64.msixupload', await sha(pkg)],
      ['Images/en-us/1.png', await sha(files.get('Images/en-us/1.png'))],
    ],
  );
});

test('output(offset, bytes) takes chunks of at most 1 MiB, in order, the same bytes every time', async () => {
  const files = { 'a.msix': pattern(3 * MiB, 7), 'notes.txt': new TextEncoder().encode('hello '.repeat(5000)) };
  const chunks = [];
  let at = 0;
  const report = await ss.pack({
    names: ['a.msix', 'notes.txt'],
    files,
    output: async (offset, bytes) => {
      assert.equal(offset, at, 'appended in order');
      assert.ok(bytes.byteLength <= MiB, `a chunk of ${bytes.byteLength}`);
      chunks.push(bytes.slice());
      at += bytes.byteLength;
    },
  });
  assert.equal(at, report.size);
  const again = await packToBlob({ names: ['a.msix', 'notes.txt'], files });
  assert.deepEqual(new Uint8Array(await again.blob.arrayBuffer()), new Uint8Array(Buffer.concat(chunks)), 'same input, same bytes');
  const zip = readZip(Buffer.concat(chunks));
  assert.deepEqual(zip.entries.map(([n, type]) => [n, type]), [['a.msix', 0], ['notes.txt', 8]], 'the package stored, the text deflated');
});

test('a missing input or a bad spec rejects with the core error', async () => {
  const output = async () => {};
  await assert.rejects(ss.pack({ names: ['nothere.bin'], files: {}, output }), (e) => e instanceof ss.MissingFilesError && /nothere\.bin/.test(e.message));
  await assert.rejects(ss.pack({ names: ['../up.bin'], files: {}, output }), (e) => e instanceof ss.StoreSubmitError && e.code === 'invalid_archive');
  await assert.rejects(ss.pack({ colour: 1 }), (e) => e instanceof ss.InvalidArgumentError && /pack\/colour/.test(e.message));
  await assert.rejects(ss.pack({ names: ['a'], files: {}, output: 'a.zip' }), (e) => e instanceof ss.InvalidArgumentError && /output: must be a function/.test(e.message));
});

test("preflight: a publish's first checks pass with every named file, and name a missing one", () => {
  const spec = { changes: { applicationPackages: [{ fileName: 'App.msixupload' }] } };
  assert.equal(ss.preflight('app-submission', spec, { files: { 'App.msixupload': new Uint8Array(9) } }), null);
  assert.throws(
    () => ss.preflight('app-submission', spec, { files: ['other.bin'] }),
    (e) => e instanceof ss.StoreSubmitError && e.code === 'missing_files' && /App\.msixupload/.test(e.message),
  );
});
