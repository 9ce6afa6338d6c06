// The loaded wasm-bindgen module, set once by the entry file (index.mjs) and read by api.mjs; not exported
// from the package.
export let raw = null;

/** Installs the loaded module. */
export function setModule(module) {
  raw = module;
}
