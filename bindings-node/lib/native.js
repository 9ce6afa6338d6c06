'use strict';
// Loads the native addon (napi-rs prebuilt layout: `storesubmit.<platform>.node` beside the package, or
// the `@storesubmit/binding-<platform>` package npm installed for this machine) and turns the core's
// errors into StoreSubmitError subclasses.

const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { errorFromJson } = require('./errors');

/** The napi-rs platform suffix of this machine (`linux-x64-gnu`, `darwin-arm64`, `win32-x64-msvc`, …). */
function platformSuffix() {
  const { platform, arch } = process;
  if (platform === 'linux') {
    return `linux-${arch}-${isMusl() ? 'musl' : 'gnu'}`;
  }
  if (platform === 'win32') return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

function isMusl() {
  try {
    return !process.report.getReport().header.glibcVersionRuntime;
  } catch {
    try {
      return readFileSync('/usr/bin/ldd', 'utf8').includes('musl');
    } catch {
      return false;
    }
  }
}

function load() {
  const suffix = platformSuffix();
  const local = join(__dirname, '..', `storesubmit.${suffix}.node`);
  if (existsSync(local)) return require(local);
  try {
    return require(`@storesubmit/binding-${suffix}`);
  } catch (e) {
    const err = new Error(
      `storesubmit: no native addon for ${suffix} (looked for ${local} and @storesubmit/binding-${suffix}); ` +
        'build it with `npm run build` in bindings-node/',
    );
    err.cause = e;
    throw err;
  }
}

const native = load();
const PREFIX = 'storesubmit:';

/** A thrown native error as the StoreSubmitError its core error JSON describes (others unchanged). */
function mapError(e) {
  if (e && typeof e.message === 'string' && e.message.startsWith(PREFIX)) {
    return errorFromJson(JSON.parse(e.message.slice(PREFIX.length)));
  }
  return e;
}

/** Calls a native function, mapping its error. */
function guard(fn) {
  try {
    return fn();
  } catch (e) {
    throw mapError(e);
  }
}

/** Awaits a native promise, mapping its error. */
async function guardAsync(promise) {
  try {
    return await promise;
  } catch (e) {
    throw mapError(e);
  }
}

/** One of the core's JSON calls (storesubmit::wire::call; names and arguments in the manifest's `calls`). */
function callCore(name, args = {}) {
  return JSON.parse(guard(() => native.callCore(name, JSON.stringify(args))));
}

module.exports = { native, guard, guardAsync, mapError, callCore, platformSuffix };
