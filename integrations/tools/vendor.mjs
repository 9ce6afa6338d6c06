// The release step of the integrations: copies the storesubmit npm package (bindings-node: package.json,
// lib/ with its host loop, README.md and the prebuilt addons storesubmit.<platform>.node) into
// integrations/node_modules/storesubmit, so `uses: <owner>/storesubmit@<tag>` finds it with no npm install
// (a release commits that folder on its tag). With --task it also assembles the Azure DevOps task folder,
// integrations/azure-devops/dist/StoreSubmit: task.json, index.mjs, action/*.mjs and its node_modules.
//
//   node integrations/tools/vendor.mjs [--task]
// The addons must be built first (npm run build in bindings-node, or scripts/test.d/60-node.sh).

import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const pkg = join(root, '..', 'bindings-node');

/** Copies the package's published files (its package.json `files`) into `dest`/node_modules/storesubmit. */
function vendor(dest) {
  const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  const addons = readdirSync(pkg).filter((f) => /^storesubmit\..+\.node$/.test(f));
  if (addons.length === 0) throw new Error(`no addon in ${pkg} (storesubmit.<platform>.node): build it first`);
  if (!existsSync(join(pkg, 'lib', 'host', 'driver.mjs'))) throw new Error(`${pkg}/lib/host missing: run node bindings-node/tools/copy-host.mjs`);
  const out = join(dest, 'node_modules', 'storesubmit');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(join(pkg, 'package.json'), join(out, 'package.json'));
  cpSync(join(pkg, 'README.md'), join(out, 'README.md'));
  cpSync(join(pkg, 'lib'), join(out, 'lib'), { recursive: true });
  for (const a of addons) cpSync(join(pkg, a), join(out, a));
  return { out, version: manifest.version, addons };
}

const task = process.argv.includes('--task');
const v = vendor(root);
console.log(`vendored storesubmit ${v.version} (${v.addons.join(', ')}) into ${v.out}`);
if (task) {
  const dist = join(root, 'azure-devops', 'dist', 'StoreSubmit');
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(join(dist, 'action'), { recursive: true });
  cpSync(join(root, 'azure-devops', 'task.json'), join(dist, 'task.json'));
  cpSync(join(root, 'azure-devops', 'index.mjs'), join(dist, 'index.mjs'));
  for (const f of readdirSync(join(root, 'action')).filter((f) => f.endsWith('.mjs'))) {
    cpSync(join(root, 'action', f), join(dist, 'action', f));
  }
  const t = vendor(dist);
  console.log(`assembled the Azure DevOps task in ${dist} (storesubmit ${t.version})`);
}
