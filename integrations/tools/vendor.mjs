// The release step of the integrations: copies the storesubmit npm package (bindings-node: package.json,
// lib/, README.md and the prebuilt addons storesubmit.<platform>.node) and its one dependency, the shared
// JavaScript host @storesubmit/host (js-host: the generated facade and the host loop), into
// integrations/node_modules, so `uses: <owner>/storesubmit@<tag>` finds them with no npm install (a release
// commits that folder on its tag). With --task it also assembles the Azure DevOps task folder,
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
const host = join(root, '..', 'js-host');

/** Copies a package's published files (package.json, its `files` entries; a `*` entry is a file-name
 *  pattern in the package's folder) from `src` into `out`; answers its package.json. */
function copyPackage(src, out) {
  const manifest = JSON.parse(readFileSync(join(src, 'package.json'), 'utf8'));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(join(src, 'package.json'), join(out, 'package.json'));
  for (const entry of manifest.files || []) {
    const name = entry.replace(/\/$/, '');
    if (name.includes('*')) {
      const re = new RegExp(`^${name.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
      for (const f of readdirSync(src).filter((f) => re.test(f))) cpSync(join(src, f), join(out, f));
    } else if (existsSync(join(src, name))) {
      cpSync(join(src, name), join(out, name), { recursive: true });
    } else {
      throw new Error(`${src}: ${name} (package.json files) is missing: build or generate it first`);
    }
  }
  return manifest;
}

/** Copies storesubmit and @storesubmit/host into `dest`/node_modules. */
function vendor(dest) {
  const addons = readdirSync(pkg).filter((f) => /^storesubmit\..+\.node$/.test(f));
  if (addons.length === 0) throw new Error(`no addon in ${pkg} (storesubmit.<platform>.node): build it first`);
  const out = join(dest, 'node_modules', 'storesubmit');
  const manifest = copyPackage(pkg, out);
  if (!manifest.dependencies?.['@storesubmit/host']) throw new Error(`${pkg}/package.json: no @storesubmit/host dependency`);
  copyPackage(host, join(dest, 'node_modules', '@storesubmit', 'host'));
  return { out, version: manifest.version, addons };
}

const task = process.argv.includes('--task');
const v = vendor(root);
console.log(`vendored storesubmit ${v.version} (${v.addons.join(', ')}) and @storesubmit/host into ${dirname(v.out)}`);
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
