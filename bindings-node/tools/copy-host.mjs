#!/usr/bin/env node
// Copies the shared JavaScript host loop (js-host/driver.mjs and its types, edited only there) into the
// package (lib/host/), as every build of the package does.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(pkg, '..', 'js-host');
mkdirSync(join(pkg, 'lib', 'host'), { recursive: true });
for (const f of ['driver.mjs', 'driver.d.ts']) copyFileSync(join(from, f), join(pkg, 'lib', 'host', f));
