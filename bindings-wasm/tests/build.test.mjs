// The build's outputs: one module shared by both packages, within the size budget (issue 14: at most 1.5 MB
// before compression), without the name section (wasm-bindgen --remove-name-section).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');
const wasm = (dir) => readFileSync(join(PACKAGE, dir, 'storesubmit_wasm_bg.wasm'));

test('the .wasm is at most 1.5 MB, the same in pkg/ and pkg-node/, and has no name section', () => {
  const web = wasm('pkg');
  assert.ok(web.byteLength <= 1_500_000, `${web.byteLength} bytes`);
  assert.ok(web.equals(wasm('pkg-node')), 'one module for both packages');
  assert.ok(WebAssembly.validate(web));
  const sections = WebAssembly.Module.customSections(new WebAssembly.Module(web), 'name');
  assert.equal(sections.length, 0);
});

test('both packages import the shared host by its package name, and carry no copy of it', () => {
  const pkg = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8'));
  assert.equal(pkg.dependencies['@storesubmit/host'], 'file:../js-host');
  for (const dir of ['pkg', 'pkg-node']) {
    assert.ok(!existsSync(join(PACKAGE, dir, 'driver.mjs')), dir);
    const api = readFileSync(join(PACKAGE, dir, 'api.mjs'), 'utf8');
    assert.match(api, /from '@storesubmit\/host'/);
    assert.match(api, /from '@storesubmit\/host\/driver'/);
  }
});
