'use strict';
// Shared fixtures of the Node suite: the repository (shared vectors), release files, the emulator per
// test, Azurite, both transports.

const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, dirname } = require('node:path');

const REPO = process.env.STORESUBMIT_ROOT || join(__dirname, '..', '..');
const storesubmit = require('..');

/** The transports every end-to-end test runs with: the bundled one and global fetch. */
const TRANSPORTS = {
  bundled: {},
  fetch: { fetch: (...args) => globalThis.fetch(...args) },
};

/** Deterministic bytes that do not compress (like a real package). */
function filler(size, seed) {
  const out = Buffer.alloc(size);
  let x = BigInt(seed | 1);
  const mask = (1n << 64n) - 1n;
  for (let i = 0; i < size; i += 8) {
    x ^= (x << 13n) & mask;
    x ^= x >> 7n;
    x ^= (x << 17n) & mask;
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(x);
    b.copy(out, i, 0, Math.min(8, size - i));
  }
  return out;
}

/** A temporary folder, removed when the test ends. */
function tempDir(t, prefix = 'storesubmit-node-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A files folder with packages, images and listing assets, as a release pipeline has. */
function release(t, sizes = {}) {
  const dir = tempDir(t);
  const files = {
    'Contoso.App_1.2.0.0_x64.msixupload': 5 << 20,
    'Contoso.App_1.2.1.0_x64.msixupload': 1 << 20,
    'Images/Screenshot1.png': 64 << 10,
    'Images/Icon300.png': 16 << 10,
    'Assets/screenshot-en-us.png': 48 << 10,
    'Assets/logo-en-us.png': 8 << 10,
    ...sizes,
  };
  let i = 0;
  for (const [name, size] of Object.entries(files)) {
    const p = join(dir, name);
    mkdirSync(dirname(p), { recursive: true });
    const head = name.includes('Icon') ? pngHead(300, 300) : name.startsWith('Images/') ? pngHead(1920, 1080) : Buffer.alloc(0);
    writeFileSync(p, Buffer.concat([head, filler(Math.max(0, size - head.length), ++i)]));
  }
  return dir;
}

/** The first bytes of a PNG of that size (signature and IHDR): what validation reads of a listing image. */
function pngHead(width, height) {
  const b = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 0, 0, 0, 0, 0, 8, 6, 0, 0, 0]);
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

/** A fresh emulator for one test (stopped when it ends). */
function emulator(t, config = {}) {
  const emu = storesubmit.startEmulator(config);
  t.after(() => emu.stop());
  return emu;
}

const APP_CHANGES = {
  applicationPackages: [{ fileName: 'Contoso.App_1.2.0.0_x64.msixupload' }],
  listings: {
    'en-us': {
      baseListing: {
        description: 'Contoso App, published from Node.',
        images: [{ fileName: 'Images\\Screenshot1.png', imageType: 'Screenshot', description: 'Main window' }],
      },
    },
  },
};

/** A vectors file of tests/vectors. */
function vectors(...parts) {
  return require(join(REPO, 'tests', 'vectors', ...parts));
}

module.exports = { REPO, storesubmit, TRANSPORTS, filler, tempDir, release, emulator, APP_CHANGES, vectors };
