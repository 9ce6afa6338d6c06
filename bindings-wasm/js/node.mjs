// Entry of pkg-node/ (Node): the module loads synchronously, so every export works at once; `init()`
// exists for code shared with the browser build.
import raw from './storesubmit_wasm.js';
import { setModule } from './loaded.mjs';

export * from './api.mjs';

setModule(raw);

/** Nothing to load under Node (kept so code written for the browser runs unchanged). */
export async function init() {}
