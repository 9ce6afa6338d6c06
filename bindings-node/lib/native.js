'use strict';
// Loads the native addon (napi-rs prebuilt layout: `storesubmit.<platform>.node` beside the package, or the
// `@storesubmit/binding-<platform>` package npm installed for this machine) and maps the core's errors.

const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { errorFromJson } = require('@storesubmit/host');

/** The napi-rs platform suffix of this machine (`linux-x64-gnu`, `darwin-arm64`, `win32-x64-msvc`, …). */
function platformSuffix() {
  const { platform, arch } = process;
  if (platform === 'win32') return `win32-${arch}-msvc`;
  if (platform !== 'linux') return `${platform}-${arch}`;
  let musl;
  try {
    musl = !process.report.getReport().header.glibcVersionRuntime;
  } catch {
    musl = existsSync('/usr/bin/ldd') && readFileSync('/usr/bin/ldd', 'utf8').includes('musl');
  }
  return `linux-${arch}-${musl ? 'musl' : 'gnu'}`;
}

function load() {
  const suffix = platformSuffix();
  const local = join(__dirname, '..', `storesubmit.${suffix}.node`);
  if (existsSync(local)) return require(local);
  try {
    return require(`@storesubmit/binding-${suffix}`);
  } catch (cause) {
    throw new Error(`storesubmit: no native addon for ${suffix} (looked for ${local} and @storesubmit/binding-${suffix}); ` +
      'build it with `npm run build` in bindings-node/', { cause });
  }
}

const native = load();
const PREFIX = 'storesubmit:';

/** Calls a native function; a core error (`storesubmit:` and its JSON) becomes its error class. */
function guard(fn) {
  try {
    return fn();
  } catch (e) {
    if (typeof e?.message === 'string' && e.message.startsWith(PREFIX)) throw errorFromJson(JSON.parse(e.message.slice(PREFIX.length)));
    throw e;
  }
}

module.exports = { native, guard };
