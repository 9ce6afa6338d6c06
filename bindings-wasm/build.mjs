// `npm run build`: the .wasm (Debian's rustc-web, wasm32-unknown-unknown, profile wasm-release), then
// wasm-bindgen for the web (pkg/) and for Node (pkg-node/), then the JavaScript layer (js/) and the TypeScript
// definitions into both. The shared facade and host loop are the dependency @storesubmit/host (../js-host),
// imported by name, never copied.
//
// wasm-bindgen drops the name and producers sections (half the file); Debian's binaryen (108) is not used: its
// wasm-opt breaks the externref table Rust's wasm32 target emits now.
//
// Environment: STORESUBMIT_WASM_TARGET (cargo target dir; default ~/.cache/storesubmit/target-wasm-pkg),
// WASM_BINDGEN (the CLI; default `wasm-bindgen` on PATH, its version must equal Cargo.lock's).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const target = process.env.STORESUBMIT_WASM_TARGET || join(homedir(), '.cache/storesubmit/target-wasm-pkg');
const bindgen = process.env.WASM_BINDGEN || 'wasm-bindgen';


function fail(msg) {
  console.error(`build: ${msg}`);
  process.exit(1);
}

function run(cmd, args, env = {}) {
  try {
    execFileSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  } catch (e) {
    fail(`${cmd} ${args.join(' ')} failed${e.code === 'ENOENT' ? ` (${cmd} not found: run scripts/setup.sh)` : ''}`);
  }
}

for (const tool of ['/usr/bin/rustc', '/usr/bin/cargo', '/usr/bin/wasm-ld-19']) {
  if (!existsSync(tool)) fail(`${tool} missing (Debian rustc-web, cargo-web, lld-19): run scripts/setup.sh`);
}
const lock = readFileSync(join(root, 'Cargo.lock'), 'utf8');
const want = /name = "wasm-bindgen"\nversion = "([^"]+)"/.exec(lock)?.[1];
let have = '';
try {
  have = execFileSync(bindgen, ['--version'], { encoding: 'utf8' }).trim().split(/\s+/)[1];
} catch {
  fail(`${bindgen} not found: run scripts/setup.sh (cargo install wasm-bindgen-cli --version ${want})`);
}
if (have !== want) fail(`wasm-bindgen ${have} but Cargo.lock has ${want}: run scripts/setup.sh`);

run(
  '/usr/bin/cargo',
  ['build', '--quiet', '--profile', 'wasm-release', '-p', 'storesubmit-wasm', '--target', 'wasm32-unknown-unknown',
    '-Zbuild-std=std,panic_abort'],
  {
    RUSTC: '/usr/bin/rustc',
    RUSTDOC: '/usr/bin/rustdoc',
    RUSTC_BOOTSTRAP: '1',
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER: '/usr/bin/wasm-ld-19',
    CARGO_TARGET_DIR: target,
    CARGO_INCREMENTAL: '0',
  },
);
const wasmFile = join(target, 'wasm32-unknown-unknown/wasm-release/storesubmit_wasm.wasm');

const outputs = { pkg: ['web', 'web.mjs'], 'pkg-node': ['nodejs', 'node.mjs'] };
for (const [dir, [bgTarget, entry]] of Object.entries(outputs)) {
  const out = join(here, dir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  run(bindgen, ['--target', bgTarget, '--out-dir', out, '--out-name', 'storesubmit_wasm', '--remove-name-section',
    '--remove-producers-section', wasmFile]);
  for (const f of ['api.mjs', 'loaded.mjs']) copyFileSync(join(here, 'js', f), join(out, f));
  copyFileSync(join(here, 'js', entry), join(out, 'index.mjs'));
  copyFileSync(join(here, 'js/index.d.ts'), join(out, 'index.d.mts'));
  // wasm-bindgen writes a package.json for its own module; the package's is ../package.json
  rmSync(join(out, 'package.json'), { force: true });
  rmSync(join(out, '.gitignore'), { force: true });
}
const bg = (dir) => join(here, dir, 'storesubmit_wasm_bg.wasm');
// wasm-bindgen's web glue is an ES module, its Node glue CommonJS
writeFileSync(join(here, 'pkg/package.json'), JSON.stringify({ type: 'module' }) + '\n');
writeFileSync(join(here, 'pkg-node/package.json'), JSON.stringify({ type: 'commonjs' }) + '\n');
const size = statSync(bg('pkg')).size;
console.log(`build: pkg/ and pkg-node/ written (storesubmit_wasm_bg.wasm ${size} bytes)`);
