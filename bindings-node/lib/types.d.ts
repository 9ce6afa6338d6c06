// Types shared by the package's declarations: JSON values, pages, progress events, outcomes, options.

/** Any JSON value, as exchanged with the services. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** A page of a devcenter list: `value` items, `totalCount` and the link to the next page. */
export interface ListPage<T> {
  value: T[];
  totalCount?: number;
  '@nextLink'?: string;
  [field: string]: unknown;
}

/** A page of an ingestion (OData) list: `value` items and the link to the next page. */
export interface ODataPage<T> {
  value: T[];
  '@odata.nextLink'?: string;
  [field: string]: unknown;
}

/** The MSI/EXE API's envelope: `isSuccess`, `errors`, `responseData`. */
export interface Win32Response<T> {
  isSuccess?: boolean;
  errors?: Array<{ code?: string; message?: string; target?: string; [field: string]: unknown }>;
  responseData?: T;
  [field: string]: unknown;
}

/** One validation finding: stable `code`, JSON pointer `path`, `message`, `severity`. */
export interface Issue {
  code: string;
  path: string;
  message: string;
  severity: 'error' | 'warning' | (string & {});
}

/** An entry of allIssueCodes(). */
export interface IssueCode {
  code: string;
  severity: 'error' | 'warning' | (string & {});
  description: string;
  /** What the code is about: a document of a kind, a project file, or a StoreBroker import. */
  subject: 'document' | 'project' | 'import' | (string & {});
}

/** One error item as the server reported it. */
export interface ServerErrorItem {
  code: string;
  message: string;
  target?: string;
}

/** An error or warning the service reported without failing the workflow. */
export interface Finding {
  code: string;
  message: string;
  target?: string;
}

/** What a request or a token was for. */
export type Purpose =
  | { kind: 'token'; family: string; scope: string }
  | { kind: 'api'; op: string }
  | { kind: 'blob'; op: string };

/** A workflow's progress event (the core emits them, the same for every transport); `message` is the core's
 *  one-line description of it (for a log). */
export type ProgressEvent = { message?: string } & (
  | { kind: 'stage'; stage: string }
  | { kind: 'request'; method: string; url: string; status: number | null; purpose: Purpose }
  | { kind: 'wait'; seconds: number; reason: { kind: 'retry'; code: string; attempt: number } | { kind: 'poll'; status: string } }
  | { kind: 'upload'; done: number; total: number }
  | { kind: 'resumable'; token: string }
  | { kind: 'pack'; done: number; total: number }
);

/** What a finished workflow reports. `resume` (set when it stopped early) continues it: `client.resume(token)`. */
export interface Outcome<D = JsonValue> {
  flow: string;
  stage: string;
  resource_id?: string;
  submission_id?: string;
  status?: string;
  adopted: boolean;
  errors: Finding[];
  warnings: Finding[];
  certification_reports: JsonValue[];
  document?: D;
  resume?: string;
}

/** Where a workflow stops: after the draft is prepared, the commit, certification, or publishing (default). */
export type StopAfter = 'draft' | 'committed' | 'certification' | 'published';

/** What every call accepts. */
export interface CallOptions {
  /** Aborts the call (it rejects with OperationCancelledError). */
  signal?: AbortSignal;
  /** Receives each progress event of this call. */
  onProgress?: (event: ProgressEvent) => void;
}

/** What every long workflow accepts. */
export interface WorkflowOptions extends CallOptions {
  /** The folder the document's file names are relative to (packages, images, listing assets). */
  files?: string;
  stopAfter?: StopAfter;
}

/** Options of a devcenter submission (app, add-on, flight). */
export interface SubmissionOptions extends WorkflowOptions {
  /** What to do with the packages already in the submission: `replace` (default) or `keep`. */
  oldPackages?: 'replace' | 'keep';
  rolloutPercentage?: number;
  mandatoryUpdate?: boolean;
  mandatoryUpdateEffectiveDate?: string;
  /** A pending submission: `reuse` it (default), `recreate` it, or `fail`. */
  pending?: 'reuse' | 'recreate' | 'fail';
}

/** The service roots (production when absent). */
export interface Endpoints {
  devcenter?: string;
  win32?: string;
  ingestion?: string;
  token?: string;
}

/** A `fetch`-compatible function (global fetch, undici's fetch, …). The body type needs TypeScript ≥ 5.7. */
export type FetchLike = (url: string, init: {
  method: string;
  headers: [string, string][];
  body?: Uint8Array<ArrayBuffer>;
  redirect: 'manual';
  signal?: AbortSignal;
}) => Promise<{
  status: number;
  headers: { forEach(cb: (value: string, name: string) => void): void };
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/** An access token as @azure/identity's TokenCredential returns it. */
export interface AccessToken {
  token: string;
  /** Expiry, milliseconds since the epoch. */
  expiresOnTimestamp: number;
}

/** Any credential with @azure/identity's `getToken` (a TokenCredential). */
export interface TokenCredential {
  getToken(scopes: string | string[], options?: object): Promise<AccessToken | null>;
}

/** The client's settings. */
export interface ClientOptions {
  /** The seller account id (`X-Seller-Account-Id`), required by the MSI/EXE API. */
  sellerId?: string | number | null;
  endpoints?: Endpoints;
  /** Send through this fetch instead of the bundled transport. */
  fetch?: FetchLike;
  tokenVersion?: 'v1' | 'v2';
  retry?: { maxAttempts?: number; baseDelay?: number; maxDelay?: number; maxRetryAfter?: number };
  poll?: { initial?: number; factor?: number; max?: number };
  /** Seconds a whole workflow may take. */
  deadline?: number | null;
  /** Seconds one request may take (default 120). */
  requestTimeout?: number | null;
  upload?: { blockSize?: number; singlePutMax?: number; concurrency?: number };
  /** The bundled transport's User-Agent. */
  userAgent?: string;
  /** The bundled transport's connect timeout, seconds (default 30). */
  connectTimeout?: number;
  /** Receives every progress event of every workflow of the client. */
  onEvent?: (event: ProgressEvent) => void;
}

/** What validate() reports. */
export interface ValidationReport {
  valid: boolean;
  kind: string | null;
  issues: Issue[];
}

/** What pack() wrote. */
export interface PackReport {
  /** Bytes written. */
  size: number;
  /** The entry names, in archive order. */
  entries: string[];
  /** Bytes read from the files. */
  inputBytes: number;
}

/** The environment variable NAMES a project file gives for the credentials (never their values). */
export interface ProjectCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  sellerId: string | null;
}

/** A project file as loadProject() reads it. */
export interface Project<R = JsonObject> {
  /** Whether the file has no error issues (then `request` is set). */
  valid: boolean;
  /** Its mistakes (codes `project.*`) and warnings. */
  issues: Issue[];
  /** The workflow request it describes (a submission or an MSI/EXE request), or null when invalid. */
  request: R | null;
  /** The absolute folder its file names are relative to (the `files` option of a run). */
  files: string;
  credentials: ProjectCredentials;
}

/** One request a plan says a real run would send, in order. */
export interface PlannedRequest {
  operation: string;
  method: string;
  /** The URL (SAS signatures redacted; `{new}` for a submission not yet created). */
  url: string;
  body?: JsonValue;
  zip?: { entries: string[] };
}

/** One leaf change (JSON pointer): `from` absent = added, `to` absent = removed. */
export interface PlannedChange {
  path: string;
  from?: JsonValue;
  to?: JsonValue;
}

/** What the plan workflow reports in its outcome's `document`: a read-only dry run. */
export interface Plan {
  workflow: 'submission' | 'win32' | (string & {});
  target: JsonObject;
  base: { source: 'pending' | 'lastPublished' | 'draft' | 'none' | (string & {}); submissionId?: string };
  requests: PlannedRequest[];
  changes: PlannedChange[];
  filesAdded: string[];
  filesRemoved: string[];
  [field: string]: unknown;
}
