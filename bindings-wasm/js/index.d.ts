// Types of the storesubmit-wasm package (the same API in pkg/ for browsers and pkg-node/ for Node).

/** Loads the WebAssembly module (browsers: required once before any other call; Node: does nothing). */
export function init(input?: string | URL | Response | BufferSource | WebAssembly.Module): Promise<void>;

export type Severity = 'error' | 'warning' | 'info';

/** One finding of `validate`: `path` is a JSON pointer into the document (`""`: the document itself). */
export interface Issue {
  code: string;
  path: string;
  message: string;
  severity: Severity;
}

export interface ValidationReport {
  valid: boolean;
  kind: string | null;
  issues: Issue[];
}

/** Anything naming a folder's files: names, `{name: size}`, a Map or object of name → file, or a FileList. */
export type FileInput = File | Blob | Uint8Array | ArrayBuffer;
export type Files =
  | string[]
  | Record<string, number>
  | Record<string, FileInput>
  | Map<string, FileInput>
  | FileList
  | File[];

/** An error of the core: `code` and `number` are stable (see `allErrorCodes`). */
export class StoreSubmitError extends Error {
  code: string;
  number: number;
  status: number | null;
  retryable: boolean;
  retryAfter: number | null;
  correlationId: string | null;
  serverErrors: { code: string; message: string; target?: string | null }[];
  issues: Issue[];
}

export function validate(kind: string | null, documentOrText: unknown, files?: Files): ValidationReport;
export function guessKind(document: unknown): string | null;
/** null when a workflow spec passes a publish's first checks; else throws their StoreSubmitError. */
export function preflight(kind: string, spec: Record<string, unknown>, files?: Files): null;
export function documentKinds(): string[];
export function parseJson(text: string): { document: unknown; issues: Issue[] };

export interface Tables {
  markets: { code: string; name: string }[];
  languages: unknown[];
  categories: unknown;
  limits: Record<string, number>;
  [table: string]: unknown;
}
export function tables(): Tables;
export function manifest(): Record<string, unknown> & { errors: ErrorCode[]; issues: IssueCode[] };
export interface ErrorCode {
  code: string;
  number: number;
  retryable: boolean;
  description: string;
}
export interface IssueCode {
  code: string;
  severity: Severity;
  description: string;
  /** What the code is about: `document` (a document of a kind), `project` (a project file) or `import`. */
  subject: string;
}
export function allErrorCodes(): ErrorCode[];
export function allIssueCodes(): IssueCode[];

export interface Request {
  method: string;
  url: string;
  headers: [string, string][];
  body: string;
}
export function buildRequest(op: string, args?: Record<string, unknown>, endpoints?: Record<string, string>): Request;
export interface ResponseInput {
  status: number;
  headers?: [string, string][] | Record<string, string>;
  text?: string;
}
export function parseResponse(op: string | null, response: ResponseInput): unknown;
export function packageEntries(kind: string, document: unknown): { name: string; sourceName: string; pointers: string[] }[];
export function redact(text: string): string;
export function redactUrl(url: string): string;
/** Any named call of the core (`manifest().calls`): arguments as a JSON value or as JSON text; answers JSON. */
export function call(name: string, args?: unknown): unknown;

export function fileMap(files: Files): Map<string, FileInput>;

export interface PackReport {
  /** The archive's size in bytes. */
  size: number;
  /** The entry names, in archive order. */
  entries: string[];
  /** The input bytes read. */
  inputBytes: number;
}
export interface PackOptions {
  /** Where the output chunks go (in order); without it the archive is returned as a Blob. */
  write?: (offset: number, bytes: Uint8Array) => Promise<void>;
  signal?: AbortSignal;
  onProgress?: (event: Record<string, unknown>) => void;
}
export function packageZip(
  spec: { kind: string; document: unknown } | { names: string[] },
  files: Files,
  options?: PackOptions,
): Promise<{ blob?: Blob; report: PackReport }>;

export interface WorkflowOptions {
  /** Client options as the core reads them (`endpoints`, `retry`, `poll`, `upload`, …). */
  options?: Record<string, unknown>;
  fetch?: typeof fetch;
  /** Answers each token the run needs; the page obtains it itself. */
  token?: (scope: string, family: string) => Promise<{ token: string; expiresOn: number }>;
  signal?: AbortSignal;
  onProgress?: (event: Record<string, unknown>) => void;
  /** The files an upload reads. */
  files?: Files;
}
export function runWorkflow(request: Record<string, unknown>, options?: WorkflowOptions): Promise<unknown>;
