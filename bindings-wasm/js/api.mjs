// The package's JavaScript API over the wasm module (the same file in pkg/ and pkg-node/): the shared
// facade of @storesubmit/host (client methods, functions, error classes: the Node package's vocabulary),
// bound to this module's core, its runs driven by the shared host loop with the host's fetch, timers and
// files (a Map, a FileList or an object of name → File/Blob/Uint8Array/ArrayBuffer, read by slices).
import * as facade from '@storesubmit/host';
import { execute, fetchSender, sleep } from '@storesubmit/host/driver';
import { raw } from './loaded.mjs';

export * from '@storesubmit/host';

const { ClientBase, InvalidArgumentError, clientOptionsOf, errorFromJson, runOptions, useEngine } = facade;

function wasm() {
  if (!raw) throw new Error('storesubmit-wasm: call `await init()` before using the module');
  return raw;
}

/** Runs `f`; an error the module throws (the core's error JSON as a string) becomes its error class. */
function guard(f) {
  try {
    return f();
  } catch (thrown) {
    if (typeof thrown !== 'string') throw thrown;
    let json;
    try {
      json = JSON.parse(thrown);
    } catch {
      throw new Error(thrown);
    }
    throw errorFromJson(json);
  }
}

/** Any offline function of the core by name (the manifest's `surface.calls`), its arguments an object or JSON text. */
export function call(name, args = {}) {
  return JSON.parse(guard(() => wasm().call(name, typeof args === 'string' ? args : JSON.stringify(args))));
}

const isBlob = (v) => typeof Blob !== 'undefined' && v instanceof Blob;

function sizeOf(v) {
  if (isBlob(v)) return v.size;
  if (v instanceof Uint8Array || v instanceof ArrayBuffer) return v.byteLength;
  throw new TypeError('storesubmit-wasm: a file must be a File, a Blob, a Uint8Array or an ArrayBuffer');
}

/**
 * The files of a folder as a Map of name → File/Blob/Uint8Array. Accepts a Map, a plain object, or a list of
 * File (a FileList from `<input webkitdirectory>`: names are relative to the picked folder).
 */
export function fileMap(files) {
  if (files == null) return new Map();
  if (files instanceof Map) return files;
  if (typeof files[Symbol.iterator] === 'function') {
    // webkitRelativePath starts with the picked folder's own name
    return new Map(Array.from(files, (f) => [f.webkitRelativePath ? f.webkitRelativePath.split('/').slice(1).join('/') : f.name, f]));
  }
  return new Map(Object.entries(files));
}

/** `files` as the core's functions read it: a list of names stays, files become their sizes. */
function fileSizes(files) {
  if (files === null || typeof files !== 'object') return files;
  if (Array.isArray(files) && files.every((n) => typeof n === 'string')) return files;
  return Object.fromEntries(Array.from(fileMap(files), ([name, v]) => [name, typeof v === 'number' ? v : sizeOf(v)]));
}

useEngine({ call: (name, args) => call(name, args.files === undefined ? args : { ...args, files: fileSizes(args.files) }) });

/** The host's file tasks over a map of files (slices only, never whole files); `\\` in a name is `/`. */
function fileIo(files) {
  if (files === undefined || files === null) return {};
  const map = new Map(Array.from(fileMap(files), ([name, v]) => [name.replaceAll('\\', '/'), v]));
  const get = (name) => map.get(name.replaceAll('\\', '/'));
  return {
    list: async (archive) => {
      if (archive) throw Object.assign(new Error('a ZIP archive cannot be listed here'), { storesubmitCode: 'unsupported' });
      return Array.from(map, ([name, v]) => ({ name, size: sizeOf(v) }));
    },
    stat: async (names) => names.map((n) => (get(n) === undefined ? null : sizeOf(get(n)))),
    read: async (name, offset, length) => {
      const v = get(name);
      if (v === undefined) throw new Error(`no file ${name}`);
      if (isBlob(v)) return new Uint8Array(await v.slice(offset, offset + length).arrayBuffer());
      return (v instanceof ArrayBuffer ? new Uint8Array(v) : v).subarray(offset, offset + length);
    },
  };
}

/** Runs one request with the host's fetch, timers and files; `output(offset, bytes)` takes a ZIP's chunks. */
async function runJob(state, request, { files, output, onProgress, signal }) {
  if (output !== undefined && typeof output !== 'function') throw new InvalidArgumentError('output: must be a function (offset, bytes) => Promise<void>');
  const io = { send: fetchSender(state.fetch ?? ((...a) => globalThis.fetch(...a))), wait: sleep, write: output, ...fileIo(files) };
  let run = null;
  const start = () => {
    run = guard(() => new (wasm().Run)(state.options, JSON.stringify(request)));
    return {
      step: (event, data) => JSON.parse(guard(() => run.step(JSON.stringify(event), data ?? undefined, Date.now() / 1000, Math.random()))),
      takeBody: (id) => run.takeBody(id),
    };
  };
  try {
    return await execute(start, io, { signal, onProgress, credential: state.credential });
  } finally {
    run?.free();
  }
}

/**
 * The Microsoft Store client of the browser (and of Node through this package): the shared facade's workflow
 * methods and operation classes. Its credential is any `{getToken(scopes)}` (the page signs in itself: no
 * client secret enters the module); `fetch` sends its requests (default: the global fetch).
 */
export class Client extends ClientBase {
  #state;

  constructor(credential, options = {}) {
    super();
    if (typeof credential?.getToken !== 'function') throw new InvalidArgumentError('credential must be an object with getToken(scopes) (a TokenCredential)');
    const [core, host] = clientOptionsOf(options, ['fetch']);
    this.#state = { options: JSON.stringify(core), credential, fetch: host.fetch };
  }

  /** Runs any workflow request (`{workflow, ...params}`, as the methods build them). */
  async run(request, options = {}) {
    return runJob(this.#state, request, runOptions(options));
  }
}

/** Packaging needs no credential: client.pack()'s job without a client. */
class Packer extends ClientBase {
  run(request, host) {
    return runJob({ options: '{}', credential: null }, request, host);
  }
}
const packer = new Packer();

/** Builds a ZIP (a submission's files, or `names`) from `files`, its chunks to `output(offset, bytes)`. */
export function pack(options = {}) {
  return packer.pack(options);
}
