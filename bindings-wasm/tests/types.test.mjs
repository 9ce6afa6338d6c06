// The TypeScript definitions: they compile against documented uses (tsc, strict, the package resolved by its
// own name through package.json "exports"), and they declare exactly what the built package exports.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');

test('tsc --strict accepts the documented uses and rejects the wrong ones', () => {
  const tsc = join(PACKAGE, 'node_modules/typescript/bin/tsc');
  const args = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022',
    '--lib', 'es2022,dom', '--skipLibCheck', 'false', 'tests/types/usage.mts'];
  try {
    execFileSync(process.execPath, [tsc, ...args], { cwd: PACKAGE, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});

// the facade's own helpers, exported for the package's code but not declared
const INTERNAL = ['argumentsOf', 'clientOptionsOf', 'errorFromJson', 'runOptions', 'useEngine'];

for (const dir of ['pkg', 'pkg-node']) {
  test(`${dir}: the definitions declare what the module exports (its own and the shared facade's)`, async () => {
    const own = readFileSync(join(PACKAGE, dir, 'index.d.mts'), 'utf8');
    const facade = readFileSync(join(PACKAGE, 'node_modules/@storesubmit/host/gen/facade.d.ts'), 'utf8');
    const declared = (text) => [...text.matchAll(/^export (?:declare )?(?:function|class|const) (\w+)/gm)].map((m) => m[1]);
    const names = [...new Set([...declared(own), ...declared(facade)])].sort();
    assert.match(own, /^export \* from '@storesubmit\/host';$/m);
    if (dir === 'pkg-node') {
      const mod = await import(join(PACKAGE, dir, 'index.mjs'));
      assert.deepEqual(Object.keys(mod).filter((k) => !INTERNAL.includes(k)).sort(), names);
    }
  });
}
