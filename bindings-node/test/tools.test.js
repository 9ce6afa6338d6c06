'use strict';
// validate (objects, lenient text, a files folder), guessKind, packageEntries, tables, and pack to a file
// and to a stream (the core's ZIP job driven by the host loop), checked by reading the ZIP back.

const test = require('node:test');
const assert = require('node:assert/strict');
const { createWriteStream, readFileSync, writeFileSync, rmSync } = require('node:fs');
const { PassThrough } = require('node:stream');
const { join } = require('node:path');
const { inflateRawSync } = require('node:zlib');
const { storesubmit, release, tempDir } = require('./helpers');

const DOC = {
  applicationPackages: [{ fileName: 'Contoso.App_1.2.0.0_x64.msixupload', fileStatus: 'PendingUpload', minimumDirectXVersion: 'None', minimumSystemRam: 'None' }],
  listings: { 'en-us': { baseListing: { images: [{ fileName: 'Images\\Screenshot1.png', fileStatus: 'PendingUpload', imageType: 'Screenshot' }] } } },
};

/** Every entry of a ZIP: name → bytes (stored or deflated), from its central directory. */
function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'a ZIP end record');
  const out = {};
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < buf.readUInt16LE(eocd + 10); i++) {
    const method = buf.readUInt16LE(p + 10), size = buf.readUInt32LE(p + 20), n = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30), comment = buf.readUInt16LE(p + 32), local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + n);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out[name] = method === 0 ? Buffer.from(data) : inflateRawSync(data);
    p += 46 + n + extra + comment;
  }
  return out;
}

test('validate: a document, lenient text, a files folder', (t) => {
  const files = release(t, { 'Empty.msixupload': 0 });
  const clean = storesubmit.validate(DOC, { kind: 'app-submission', files });
  assert.deepEqual(clean.issues.filter((i) => i.severity === 'error'), [], JSON.stringify(clean.issues));
  assert.equal(clean.kind, 'app-submission');
  const missing = storesubmit.validate(DOC, { files: tempDir(t) });
  assert.equal(missing.valid, false);
  assert.ok(missing.issues.some((i) => i.code.startsWith('files.') && i.severity === 'error'), JSON.stringify(missing.issues));
  assert.equal(missing.kind, 'app-submission', 'the kind is guessed');
  const empty = storesubmit.validate({ applicationPackages: [{ fileName: 'Empty.msixupload', fileStatus: 'PendingUpload' }] }, { kind: 'app-submission', files });
  assert.ok(empty.issues.some((i) => i.code === 'files.empty'), JSON.stringify(empty.issues));
  const text = storesubmit.validate('{"applicationPackages": [], // a comment\n}', { kind: 'app-submission' });
  assert.deepEqual(text.issues.map((i) => i.code).sort(), ['json.comment', 'json.trailing_comma']);
  const broken = storesubmit.validate('{"a": ', { kind: 'app-submission' });
  assert.deepEqual(broken.issues.map((i) => i.code), ['json.syntax']);
  assert.equal(broken.valid, false);
  assert.equal(storesubmit.guessKind(DOC), 'app-submission');
  assert.ok(storesubmit.documentKinds().includes('win32-metadata'));
  assert.deepEqual(storesubmit.parseJson('[1,]').document, [1]);
  assert.ok(storesubmit.tables().markets.some((m) => m.code === 'US'));
  assert.ok(storesubmit.allIssueCodes().length >= 100);
  assert.deepEqual(
    storesubmit.packageEntries('app-submission', DOC).map((e) => e.name),
    ['Contoso.App_1.2.0.0_x64.msixupload', 'Images/Screenshot1.png'],
  );
});

test('pack a submission to a file and a list of files to a stream', async (t) => {
  const files = release(t);
  const out = tempDir(t);
  const progress = [];
  const report = await storesubmit.pack({ kind: 'app-submission', document: DOC, files, output: join(out, 's.zip'), onProgress: (e) => progress.push(e) });
  const zip = readFileSync(join(out, 's.zip'));
  assert.equal(report.size, zip.length);
  assert.deepEqual([...report.entries].sort(), ['Contoso.App_1.2.0.0_x64.msixupload', 'Images/Screenshot1.png']);
  const entries = unzip(zip);
  assert.deepEqual(Object.keys(entries).sort(), ['Contoso.App_1.2.0.0_x64.msixupload', 'Images/Screenshot1.png']);
  assert.ok(entries['Images/Screenshot1.png'].equals(readFileSync(join(files, 'Images', 'Screenshot1.png'))));
  assert.ok(entries['Contoso.App_1.2.0.0_x64.msixupload'].equals(readFileSync(join(files, 'Contoso.App_1.2.0.0_x64.msixupload'))));
  assert.equal(report.inputBytes, (5 << 20) + (64 << 10));
  assert.ok(progress.length >= 1 && progress.at(-1).kind === 'pack' && progress.at(-1).done === progress.at(-1).total);

  const chunks = [];
  const stream = new PassThrough();
  stream.on('data', (c) => chunks.push(c));
  const r2 = await storesubmit.pack({ names: ['Assets/logo-en-us.png', 'Images/Icon300.png'], files, output: stream });
  const z2 = Buffer.concat(chunks);
  assert.equal(r2.size, z2.length);
  assert.deepEqual(Object.keys(unzip(z2)).sort(), ['Assets/logo-en-us.png', 'Images/Icon300.png']);

  const file = createWriteStream(join(out, 'w.zip'));
  await new storesubmit.Client({ getToken: async () => null }).pack({ names: ['Images/Icon300.png'], files, output: file });
  await new Promise((resolve) => file.end(resolve));
  assert.deepEqual(Object.keys(unzip(readFileSync(join(out, 'w.zip')))), ['Images/Icon300.png']);
});

test('pack refuses missing files, unsafe names, and stops on abort', async (t) => {
  const files = release(t);
  const out = tempDir(t);
  await assert.rejects(storesubmit.pack({ names: ['nope.bin'], files, output: join(out, 'a.zip') }), storesubmit.MissingFilesError);
  await assert.rejects(storesubmit.pack({ names: ['../etc/passwd'], files, output: join(out, 'b.zip') }), storesubmit.StoreSubmitError);
  await assert.rejects(storesubmit.pack({ names: ['Images/Icon300.png'], files, output: join(out, 'c.zip'), signal: AbortSignal.abort() }), storesubmit.OperationCancelledError);
  await assert.rejects(storesubmit.pack({ names: ['Images/Icon300.png'], files, output: 42 }), /output: must be a file path or a writable stream/);
  writeFileSync(join(files, 'big.bin'), Buffer.alloc(8 << 20, 7));
  const ac = new AbortController();
  const err = await storesubmit
    .pack({ names: ['big.bin'], files, output: join(out, 'd.zip'), signal: ac.signal, onProgress: () => ac.abort() })
    .catch((e) => e);
  assert.ok(err instanceof storesubmit.OperationCancelledError, String(err));
  rmSync(join(files, 'big.bin'));
});
