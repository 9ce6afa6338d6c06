// Types of the storesubmit-wasm package (the same API in pkg/ for browsers and pkg-node/ for Node): the shared
// vocabulary of @storesubmit/host, and what this package adds to it.

import type {
  ClientBase, ClientOptions as CoreClientOptions, FetchLike, FileNames, JsonValue, PackOptions, PackReport, TokenCredential,
  ValidateOptions, ValidationReport,
} from '@storesubmit/host';

export * from '@storesubmit/host';

/** Loads the WebAssembly module (browsers: required once before any other call; Node: does nothing). */
export function init(input?: string | URL | Response | BufferSource | WebAssembly.Module): Promise<void>;

/** A file's bytes: a File or Blob (read by slices), a Uint8Array or an ArrayBuffer. */
export type FileInput = File | Blob | Uint8Array | ArrayBuffer;
/** A folder's files: names or name → size (as the core reads them), a Map or object of name → file, or a FileList. */
export type Files = FileNames | Record<string, FileInput> | Map<string, FileInput> | FileList | File[];

/** What this package's runs take as `files` and `output` (a ZIP's chunks, in order). */
export interface WasmHost {
  files: Files;
  output: (offset: number, bytes: Uint8Array<ArrayBuffer>) => Promise<void>;
}

/** A client's options: the core's, and the fetch that sends its requests (default: the global fetch). */
export interface ClientOptions extends CoreClientOptions {
  fetch?: FetchLike;
}

/** The Microsoft Store client: the shared workflow methods and operation classes, run with the host's fetch. */
export declare class Client extends ClientBase<WasmHost> {
  /** `credential`: the page's own sign-in (`getToken(scopes)`); no client secret enters the module. */
  constructor(credential: TokenCredential, options?: ClientOptions);
}

/** Builds a ZIP from `files`, its chunks to `output`, as client.pack() does, without a client. */
export declare function pack(options?: PackOptions<WasmHost>): Promise<PackReport>;
/** Checks a document (an object, or its text read leniently) against the Store's rules; `files` cross-checked. */
export declare function validate(document: unknown, options?: Omit<ValidateOptions, 'files'> & { files?: Files }): ValidationReport;
/** A publish's first checks for a workflow's `spec`: null when they pass, else throws their error. */
export declare function preflight(kind: string, spec: unknown, options?: { files?: Files }): null;
/** The files of a folder as a Map of name → file. */
export declare function fileMap(files: Files): Map<string, FileInput>;
/** Any offline function of the core by name (the manifest's `surface.calls`), its arguments an object or JSON text. */
export declare function call(name: string, args?: unknown): JsonValue;
