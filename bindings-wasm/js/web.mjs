// Entry of pkg/ (browsers, bundlers, workers): `await init()` loads the .wasm next to this file (or the
// module or URL given), then every export of api.mjs works.
import initWasm, * as raw from './storesubmit_wasm.js';
import { setModule } from './loaded.mjs';

export * from './api.mjs';

let loading = null;
/** Loads the WebAssembly module once; `input` optionally a URL, Response, bytes or WebAssembly.Module. */
export function init(input) {
  loading ??= initWasm(input === undefined ? undefined : { module_or_path: input }).then(() => setModule(raw));
  return loading;
}
