// The package's JavaScript API over the wasm module (the same file in pkg/ and pkg-node/). It converts
// values to the core's JSON and back, feeds the core's machines through the shared host loop
// (driver.mjs, copied from js-host/ by the build) and reads files by slices; every rule, code and byte
// layout comes from the core.
import { drive, fetchSender, sleep } from './driver.mjs';
import { raw } from './loaded.mjs';

function wasm() {
  if (!raw) throw new Error('storesubmit-wasm: call `await init()` before using the module');
  return raw;
}

/** An error of the core: the manifest's stable `code` and `number`, and what the service said. */
export class StoreSubmitError extends Error {
  constructor(e) {
    super(e.message ?? e.code);
    this.name = 'StoreSubmitError';
    this.code = e.code;
    this.number = e.number;
    this.status = e.status ?? null;
    this.retryable = !!e.retryable;
    this.retryAfter = e.retryAfter ?? null;
    this.correlationId = e.correlationId ?? null;
    this.serverErrors = e.serverErrors ?? [];
    this.issues = e.issues ?? [];
  }
}

function rethrow(thrown) {
  if (typeof thrown === 'string') {
    let e;
    try {
      e = JSON.parse(thrown);
    } catch {
      throw new Error(thrown);
    }
    throw new StoreSubmitError(e);
  }
  throw thrown;
}

/**
 * Runs one of the core's named calls (`manifest().calls`: `validate`, `buildRequest`, …) with its arguments as
 * a JSON-able object, or as JSON text (for values a JavaScript number cannot hold, such as 64-bit ids).
 */
export function call(name, args = {}) {
  let out;
  try {
    out = wasm().call(name, typeof args === 'string' ? args : JSON.stringify(args));
  } catch (thrown) {
    rethrow(thrown);
  }
  return JSON.parse(out);
}

let manifestCache = null;
/** The core's manifest: operations, error and issue codes, enums, tables, limits, workflows, calls. */
export function manifest() {
  manifestCache ??= call('manifest');
  return manifestCache;
}

/** Every error code with its number, default retryability and description. */
export function allErrorCodes() {
  return manifest().errors.map(({ code, number, retryable, description }) => ({ code, number, retryable, description }));
}

/** Every validation issue code with its severity and description. */
export function allIssueCodes() {
  return manifest().issues.map(({ code, severity, description, subject }) => ({ code, severity, description, subject }));
}

/** The Store's reference tables (markets, languages, categories, limits) for pick-lists. */
export function tables() {
  return call('tables');
}

/** The document kinds `validate` knows (`app-submission`, `win32-metadata`, …). */
export function documentKinds() {
  return call('documentKinds');
}

/** The kind a document most probably is, or null. */
export function guessKind(document) {
  return call('guessKind', { document });
}

function isBlob(v) {
  return typeof Blob !== 'undefined' && v instanceof Blob;
}

function sizeOf(v) {
  if (isBlob(v)) return v.size;
  if (v instanceof Uint8Array) return v.byteLength;
  if (v instanceof ArrayBuffer) return v.byteLength;
  throw new TypeError('storesubmit-wasm: a file must be a File, a Blob, a Uint8Array or an ArrayBuffer');
}

/**
 * The files of a folder as a Map of name → File/Blob/Uint8Array. Accepts a Map, a plain object, or a list of
 * File (a FileList from `<input webkitdirectory>`: names are relative to the picked folder).
 */
export function fileMap(files) {
  if (files == null) return new Map();
  if (files instanceof Map) return files;
  if (typeof files[Symbol.iterator] === 'function' || (typeof FileList !== 'undefined' && files instanceof FileList)) {
    const out = new Map();
    for (const f of Array.from(files)) {
      const rel = f.webkitRelativePath || f.name;
      // webkitRelativePath starts with the picked folder's own name
      const name = f.webkitRelativePath ? rel.split('/').slice(1).join('/') : rel;
      out.set(name, f);
    }
    return out;
  }
  return new Map(Object.entries(files));
}

function filesArg(files) {
  if (files == null) return undefined;
  if (Array.isArray(files) && files.every((n) => typeof n === 'string')) return files;
  if (!(files instanceof Map) && typeof files === 'object' && !(Symbol.iterator in files)) {
    const vals = Object.values(files);
    if (vals.every((v) => typeof v === 'number')) return files;
  }
  const sizes = {};
  for (const [name, v] of fileMap(files)) sizes[name] = sizeOf(v);
  return sizes;
}

/**
 * Every issue of a submission document: `{valid, kind, issues: [{code, path, message, severity}]}`, the same
 * as `storesubmit validate --json`. `documentOrText` is the parsed document or its text (read leniently: a
 * text that is not JSON gives its `json.syntax` issue); `kind` null guesses it. With `files` (a list of names,
 * `{name: size}`, a Map or a FileList) the files the document names are cross-checked too.
 */
export function validate(kind, documentOrText, files) {
  const args = typeof documentOrText === 'string' ? { text: documentOrText } : { document: documentOrText };
  if (kind) args.kind = kind;
  const f = filesArg(files);
  if (f !== undefined) args.files = f;
  return call('validate', args);
}

/**
 * The checks a publish makes before its first request, for a workflow's `spec` (`kind` a submission kind, or
 * `win32`): answers null when they pass, else throws their StoreSubmitError (`missing_files`, `validation`, …).
 * With `files` (as for `validate`) every file the spec names is checked too.
 */
export function preflight(kind, spec, files) {
  const args = { kind, spec };
  const f = filesArg(files);
  if (f !== undefined) args.files = f;
  return call('preflight', args);
}

/** Reads JSON as people write it (trailing commas, comments, a BOM): `{document, issues}`. */
export function parseJson(text) {
  return call('parseJson', { text });
}

/** The ZIP entries a submission needs: `[{name, sourceName, pointers}]`. */
export function packageEntries(kind, document) {
  return call('packageEntries', { kind, document });
}

/** The HTTP request of an operation: `{method, url, headers: [[k, v]], body}`. */
export function buildRequest(op, args = {}, endpoints) {
  return call('buildRequest', endpoints ? { op, args, endpoints } : { op, args });
}

/** A service's answer read as the operation's result; an error answer throws its StoreSubmitError. */
export function parseResponse(op, response) {
  return call('parseResponse', op ? { op, response } : { response });
}

/** A text with every secret (tokens, SAS signatures) replaced. */
export function redact(text) {
  return call('redact', { text });
}

/** A URL with its SAS signature replaced. */
export function redactUrl(url) {
  return call('redactUrl', { url });
}

function makeError(e) {
  return new StoreSubmitError(e);
}

/** The wrapper of a core machine the host loop drives: JSON out and in, bytes beside it. */
function machine(m, timed) {
  return {
    step(event, data) {
      let out;
      try {
        const ev = JSON.stringify(event);
        const bytes = data ?? undefined;
        out = timed ? m.step(ev, bytes, Date.now() / 1000, Math.random()) : m.step(ev, bytes);
      } catch (thrown) {
        rethrow(thrown);
      }
      return JSON.parse(out);
    },
    takeBody(id) {
      return m.takeBody(id);
    },
  };
}

async function readSlice(v, offset, length) {
  if (isBlob(v)) return new Uint8Array(await v.slice(offset, offset + length).arrayBuffer());
  const u8 = v instanceof ArrayBuffer ? new Uint8Array(v) : v;
  return u8.subarray(offset, offset + length);
}

/** The host's `stat` and `read` over a Map of name → File/Blob/Uint8Array (slices only, never whole files). */
function fileIo(inputs) {
  return {
    stat: async (names) => names.map((n) => (inputs.has(n) ? sizeOf(inputs.get(n)) : null)),
    read: async (name, offset, length) => {
      if (!inputs.has(name)) throw new Error(`no file ${name}`);
      return readSlice(inputs.get(name), offset, length);
    },
  };
}

/**
 * Packages a submission's files into the ZIP the Store expects. `spec` is `{kind, document}` (the entries the
 * submission names) or `{names: [...]}`; `files` as for `validate`. Inputs are read by slices (`Blob.slice`,
 * `subarray`), never copied whole. Without `write`, answers `{blob, report}` (the archive as a Blob built from
 * the output chunks); with `write(offset, bytes)` the chunks go there and it answers `{report}`.
 */
export async function packageZip(spec, files, { write, signal, onProgress } = {}) {
  const parts = [];
  let size = 0;
  const sink =
    write ??
    (async (offset, bytes) => {
      if (offset !== size) throw new Error(`storesubmit-wasm: a write at ${offset} after ${size} bytes`);
      parts.push(bytes);
      size += bytes.byteLength;
    });
  let job;
  try {
    job = new (wasm().Pack)(JSON.stringify(spec));
  } catch (thrown) {
    rethrow(thrown);
  }
  try {
    const io = { ...fileIo(fileMap(files)), write: sink };
    const report = await drive(machine(job, false), io, { signal, onProgress, makeError });
    if (write) return { report };
    return { blob: new Blob(parts, { type: 'application/zip' }), report };
  } finally {
    job.free();
  }
}

/**
 * Runs a workflow (`{workflow: "submission" | "call" | …}`, as `wire::workflow_from_json` reads it) with the
 * host's `fetch`; `token(scope, family)` answers each token the run needs (`{token, expiresOn}` in unix
 * seconds): the page obtains it itself, no client secret enters the module. Answers the workflow's outcome.
 */
export async function runWorkflow(request, { options = {}, fetch: fetchFn, token, signal, onProgress, files } = {}) {
  const send = fetchFn ?? globalThis.fetch.bind(globalThis);
  let flow;
  try {
    flow = new (wasm().Flow)(JSON.stringify(options), JSON.stringify(request));
  } catch (thrown) {
    rethrow(thrown);
  }
  try {
    const io = {
      send: fetchSender(send),
      wait: sleep,
      ...fileIo(fileMap(files)),
      token: token ? async (scope, family) => token(scope, family) : undefined,
    };
    return await drive(machine(flow, true), io, { signal, onProgress, makeError });
  } finally {
    flow.free();
  }
}
