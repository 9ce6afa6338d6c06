// ZIP packaging through the Node package: the core plans and writes the archive, the host reads Blob and
// Uint8Array inputs by slices and appends the output; the archive is read back by Python's zipfile.
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
  const { blob, report } = await ss.packageZip({ kind: 'app-submission', document: doc }, files, { onProgress: (e) => progress.push(e) });
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

test('with write(), chunks of at most 1 MiB arrive in order and make the same bytes as the Blob', async () => {
  const files = { 'a.msix': pattern(3 * MiB, 7), 'notes.txt': new TextEncoder().encode('hello '.repeat(5000)) };
  const chunks = [];
  let at = 0;
  const { report, blob } = await ss.packageZip({ names: ['a.msix', 'notes.txt'] }, files, {
    write: async (offset, bytes) => {
      assert.equal(offset, at, 'appended in order');
      assert.ok(bytes.byteLength <= MiB, `a chunk of ${bytes.byteLength}`);
      chunks.push(bytes.slice());
      at += bytes.byteLength;
    },
  });
  assert.equal(blob, undefined);
  assert.equal(at, report.size);
  const again = await ss.packageZip({ names: ['a.msix', 'notes.txt'] }, files);
  assert.deepEqual(new Uint8Array(await again.blob.arrayBuffer()), new Uint8Array(Buffer.concat(chunks)), 'same input, same bytes');
  const zip = readZip(Buffer.concat(chunks));
  assert.deepEqual(zip.entries.map(([n, type]) => [n, type]), [['a.msix', 0], ['notes.txt', 8]], 'the package stored, the text deflated');
});

test('a missing input or a bad spec rejects with the core error', async () => {
  await assert.rejects(ss.packageZip({ names: ['nothere.bin'] }, {}), (e) => e instanceof ss.StoreSubmitError && e.code === 'missing_files' && /nothere\.bin/.test(e.message));
  await assert.rejects(ss.packageZip({ names: ['../up.bin'] }, {}), (e) => e instanceof ss.StoreSubmitError && e.code === 'invalid_archive');
  await assert.rejects(ss.packageZip({ colour: 1 }, {}), (e) => e instanceof ss.StoreSubmitError && e.code === 'invalid_argument' && /pack\/colour/.test(e.message));
});

test("preflight: a publish's first checks pass with every named file, and name a missing one", () => {
  const spec = { changes: { applicationPackages: [{ fileName: 'App.msixupload' }] } };
  assert.equal(ss.preflight('app-submission', spec, { 'App.msixupload': new Uint8Array(9) }), null);
  assert.throws(
    () => ss.preflight('app-submission', spec, ['other.bin']),
    (e) => e instanceof ss.StoreSubmitError && e.code === 'missing_files' && /App\.msixupload/.test(e.message),
  );
});
