'use strict';
// The package as users get it: CommonJS and ESM entry points, declarations without `any` that
// `tsc --strict` checks against a typed example, the generated layer up to date, the README's Node
// snippet runs against the package installed by name, package.json ready to publish.

const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync, spawnSync } = require('node:child_process');
const { readFileSync, mkdirSync, symlinkSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { REPO, storesubmit, tempDir, filler } = require('./helpers');

const PKG = join(__dirname, '..');
const HOST = join(REPO, 'js-host');

test('CommonJS and ESM export the same API', async () => {
  const esm = await import('storesubmit');
  const cjs = require('storesubmit');
  assert.equal(cjs, storesubmit);
  for (const name of ['Client', 'ClientSecretCredential', 'StoreSubmitError', 'NotFoundError', 'startEmulator', 'allErrorCodes', 'validate', 'pack']) {
    assert.equal(esm[name], cjs[name], name);
    assert.ok(cjs[name] !== undefined, name);
  }
  for (const { code } of cjs.allErrorCodes()) {
    const cls = cjs.errorClassFor(code);
    assert.equal(esm[cls.name], cls, `ESM exports ${cls.name}`);
  }
});

test('a typed method per operation of every family', () => {
  const ops = storesubmit.operations().filter((o) => o.family !== 'token');
  const classes = { devcenter: storesubmit.DevcenterOperations, win32: storesubmit.Win32Operations, ingestion: storesubmit.IngestionOperations };
  for (const op of ops) {
    const method = op.id.split('.')[1].replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
    assert.equal(typeof classes[op.family].prototype[method], 'function', op.id);
  }
  const dts = readFileSync(join(HOST, 'gen', 'facade.d.ts'), 'utf8');
  const declared = dts.slice(dts.indexOf('export declare class DevcenterOperations'), dts.indexOf('export declare class ClientBase'));
  assert.equal((declared.match(/\): Promise</g) || []).length, ops.length, 'one declaration per operation');
});

test('the generated files match the manifest', () => {
  execFileSync(process.execPath, [join(PKG, 'tools', 'generate.mjs'), '--check'], { stdio: 'pipe' });
});

test('no `any` in the public declarations (the package\'s and the shared host\'s)', () => {
  const files = [join(PKG, 'lib', 'index.d.ts'), join(HOST, 'types.d.ts'), join(HOST, 'gen', 'facade.d.ts'), join(HOST, 'gen', 'models.d.ts')];
  for (const f of files) {
    const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').replace(/'[^'\n]*'|"[^"\n]*"/g, '""');
    assert.ok(!/\bany\b/.test(code), `${f} uses any`);
  }
});

test('tsc --noEmit --strict accepts the typed example and rejects its misuses', () => {
  const tsc = join(PKG, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '-p', join(PKG, 'tsconfig.json')], { encoding: 'utf8', cwd: PKG });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.ok(readFileSync(join(PKG, 'examples', 'publish.ts'), 'utf8').split('@ts-expect-error').length > 5);
});

test('package.json is ready to publish (napi layout, entry points, targets)', () => {
  const pkg = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'storesubmit');
  assert.equal(pkg.exports['.'].import, './lib/index.mjs');
  assert.equal(pkg.exports['.'].require, './lib/index.js');
  assert.equal(pkg.exports['.'].types, './lib/index.d.ts');
  assert.equal(pkg.napi.binaryName, 'storesubmit');
  assert.ok(pkg.napi.targets.includes('x86_64-unknown-linux-gnu') && pkg.napi.targets.length >= 5);
  assert.match(pkg.scripts.build, /napi build --platform --release/);
  assert.ok(pkg.files.includes('lib/'));
  // the prebuilt-binary layout: one npm package per declared target (`napi prepublish` makes each an optional
  // dependency of the published package, with the addon `napi artifacts` collected into it)
  const suffix = { 'x86_64-unknown-linux-gnu': 'linux-x64-gnu', 'aarch64-unknown-linux-gnu': 'linux-arm64-gnu', 'x86_64-unknown-linux-musl': 'linux-x64-musl',
    'x86_64-apple-darwin': 'darwin-x64', 'aarch64-apple-darwin': 'darwin-arm64', 'x86_64-pc-windows-msvc': 'win32-x64-msvc', 'aarch64-pc-windows-msvc': 'win32-arm64-msvc' };
  for (const target of pkg.napi.targets) {
    const name = `@storesubmit/binding-${suffix[target]}`;
    const sub = JSON.parse(readFileSync(join(PKG, 'npm', suffix[target], 'package.json'), 'utf8'));
    assert.equal(sub.name, name);
    assert.equal(sub.main, `storesubmit.${suffix[target]}.node`);
    assert.equal(sub.version, pkg.version);
  }
  assert.match(pkg.scripts.prepublishOnly, /napi prepublish/);
  assert.match(storesubmit.version, /^\d+\.\d+\.\d+/);
  assert.equal(storesubmit.coreVersion, pkg.version);
});

test("the README's Node snippet runs against the package installed by name", (t) => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Node'), readme.indexOf('\n## ', readme.indexOf('## Node') + 3));
  const blocks = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.equal(blocks.length, 1);
  const dir = tempDir(t);
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(PKG, join(dir, 'node_modules', 'storesubmit'), 'dir');
  mkdirSync(join(dir, 'release'));
  writeFileSync(join(dir, 'release', 'app.msixupload'), filler(300 << 10, 3));
  writeFileSync(join(dir, 'readme.mjs'), blocks[0]);
  const r = spawnSync(process.execPath, ['readme.mjs'], { cwd: dir, encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /uploaded \d+\/\d+/);
  assert.match(r.stdout, /^Published$/m);
  assert.match(r.stdout, /^true$/m);
});
