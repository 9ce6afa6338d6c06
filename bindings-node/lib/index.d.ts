// storesubmit for Node.js: typed, Promise-based Microsoft Store submissions on the storesubmit Rust core.

import type {
  AccessToken, CallOptions, ClientOptions, Endpoints, FetchLike, IssueCode, JsonObject, JsonValue,
  Outcome, PackReport, Plan, Project, ProgressEvent, StopAfter, SubmissionOptions, TokenCredential, ValidationReport,
  WorkflowOptions,
} from './types';
import type { DevcenterOperations, IngestionOperations, Win32Operations } from './operations';
import type { AddonSubmission, AppSubmission, FlightSubmission, PackageRollout, Win32MetadataUpdate, Win32Package, Win32PackageList } from './models';

export * from './types';
export * from './models';
export * from './errors';
export { DevcenterOperations, IngestionOperations, Win32Operations } from './operations';

/**
 * An Azure AD application's client credentials. The secret is kept in a native object: no property,
 * util.inspect, String() or JSON.stringify of the credential shows it.
 */
export declare class ClientSecretCredential {
  constructor(tenantId: string, clientId: string, clientSecret: string, options?: { authority?: string; tokenVersion?: 'v1' | 'v2' });
  readonly tenantId: string;
  readonly clientId: string;
  /** The token service root (`https://login.microsoftonline.com` when null). */
  readonly authority: string | null;
  readonly tokenVersion: 'v1' | 'v2' | null;
  toJSON(): { tenantId: string; clientId: string; authority: string | null; clientSecret: '<redacted>' };
}

/** A workflow request as the core reads it (every workflow is one JSON object). */
export type WorkflowRequest =
  | SubmissionRequest
  | { workflow: 'rollout'; target: SubmissionTarget; submissionId: string; action: RolloutAction }
  | { workflow: 'wait'; target: SubmissionTarget; submissionId: string; stopAfter?: StopAfter }
  | Win32Request
  | { workflow: 'ingestion'; productId: string; spec: JsonObject; stopAfter?: StopAfter }
  | { workflow: 'call'; op: string; args?: JsonObject }
  | { workflow: 'listAll'; op: string; args?: JsonObject; maxPages?: number }
  | { workflow: 'resume'; token: string; stopAfter?: StopAfter }
  /** A read-only dry run of a submission or MSI/EXE request: only GET requests; the outcome's `document` is its Plan. */
  | { workflow: 'plan'; request: PlannableRequest };

/** A devcenter submission workflow (app, add-on, flight). */
export type SubmissionRequest = { workflow: 'submission'; target: SubmissionTarget; spec?: JsonObject; stopAfter?: StopAfter; pending?: 'reuse' | 'recreate' | 'fail' };
/** An MSI/EXE product workflow. */
export type Win32Request = { workflow: 'win32'; productId: string; spec?: JsonObject; stopAfter?: StopAfter };
/** The requests a plan can dry-run (a devcenter submission or an MSI/EXE product). */
export type PlannableRequest = SubmissionRequest | Win32Request;

/** Which submission a workflow works on. */
export type SubmissionTarget =
  | { type: 'app'; app_id: string }
  | { type: 'addon'; addon_id: string }
  | { type: 'flight'; app_id: string; flight_id: string };

/** What a rollout workflow does. */
export type RolloutAction = { action: 'get' | 'halt' | 'finalize' } | { action: 'update'; percentage: number };

/** The changes a submission workflow applies (GET-modify-PUT: fields not named are kept). */
export type SubmissionChanges<T> = Partial<T> & JsonObject;

/** An MSI/EXE product's package patch. */
export interface Win32PackagePatch {
  packageId: string;
  body: Win32Package;
}

/** An MSI/EXE listing's asset files, by language. */
export interface Win32Assets {
  language: string;
  screenshots?: string[];
  logos?: string[];
}

/** Options of publishWin32(). */
export interface Win32Options extends WorkflowOptions {
  packages?: Win32PackageList;
  packagePatches?: Win32PackagePatch[];
  metadata?: Win32MetadataUpdate;
  /** PATCH the metadata instead of PUT. */
  metadataPatch?: boolean;
  assets?: Win32Assets[];
}

/** Options of publishIngestion(). */
export interface IngestionOptions extends CallOptions {
  /** The draft modules to submit (default Listing, Package, Availability, Property). */
  modules?: string[];
  /** `Preview` (default) or `Live`. */
  scope?: 'Preview' | 'Live';
  /** Take the preview live once it is ready. */
  promote?: boolean;
  publishOption?: JsonObject;
  stopAfter?: StopAfter;
}

/** The bundled transport: the core's own HTTP client (reqwest + rustls), natively and off the JavaScript thread. */
export declare class BundledTransport {
  constructor(options?: { userAgent?: string; connectTimeout?: number });
  readonly userAgent: string;
  readonly connectTimeout: number;
}

/** Sends through a fetch-compatible function (what `{ fetch }` in the client options makes). */
export declare class FetchTransport {
  constructor(fetch: FetchLike);
  readonly fetch: FetchLike;
}

/**
 * The Microsoft Store client: the three API families (a method per operation), the publish workflows,
 * rollouts, paging and resume. Every method returns a Promise and accepts an AbortSignal.
 */
export declare class Client {
  constructor(credential: ClientSecretCredential | TokenCredential, options?: ClientOptions & { transport?: BundledTransport | FetchTransport });
  /** Every operation of the classic Store submission API (apps, add-ons, flights). */
  readonly devcenter: DevcenterOperations;
  /** Every operation of the MSI/EXE submission API. */
  readonly win32: Win32Operations;
  /** Every operation of the Partner Center ingestion API. */
  readonly ingestion: IngestionOperations;
  /** Which transport moves the bytes. */
  readonly transport: 'bundled' | 'fetch';
  /** Runs any workflow request of the core and resolves with its outcome. */
  run(request: WorkflowRequest, options?: WorkflowOptions): Promise<Outcome>;
  /** Calls one operation by id (`devcenter.get_app`, …); resolves with the parsed body. */
  call(op: string, args?: JsonObject, options?: CallOptions): Promise<JsonValue>;
  /** Every item of a list operation (devcenter or ingestion), following next-page links. */
  listAll(op: string, args?: JsonObject, options?: CallOptions & { maxPages?: number }): Promise<JsonValue[]>;
  /** Publishes an app submission: pre-flight checks, create (or reuse the pending one), apply `changes`,
   *  upload the new files, commit, poll to `stopAfter`. */
  publishAppSubmission(appId: string, changes?: SubmissionChanges<AppSubmission>, options?: SubmissionOptions): Promise<Outcome<AppSubmission>>;
  /** Publishes an add-on (in-app product) submission. */
  publishAddonSubmission(addonId: string, changes?: SubmissionChanges<AddonSubmission>, options?: SubmissionOptions): Promise<Outcome<AddonSubmission>>;
  /** Publishes a package flight submission. */
  publishFlightSubmission(appId: string, flightId: string, changes?: SubmissionChanges<FlightSubmission>, options?: SubmissionOptions): Promise<Outcome<FlightSubmission>>;
  /** Reads (`get`) or changes (`update` with `percentage`, `halt`, `finalize`) a submission's gradual rollout. */
  rollout(appId: string, submissionId: string, action?: 'get' | 'update' | 'halt' | 'finalize', options?: CallOptions & { percentage?: number; flightId?: string }): Promise<Outcome<PackageRollout>>;
  /** Waits for a submission committed elsewhere (polls it to `stopAfter`; commits nothing). */
  waitForSubmission(target: SubmissionTarget, submissionId: string, options?: CallOptions & { stopAfter?: StopAfter }): Promise<Outcome>;
  /** Publishes an MSI/EXE product: packages, metadata, listing assets, submit, poll. Needs `sellerId`. */
  publishWin32(productId: string, options?: Win32Options): Promise<Outcome>;
  /** Submits a Partner Center product's drafts, polls until ready, optionally promotes. */
  publishIngestion(productId: string, options?: IngestionOptions): Promise<Outcome>;
  /** Continues a workflow that stopped early or was aborted (its resume token). */
  resume(token: string, options?: WorkflowOptions): Promise<Outcome>;
  toJSON(): { transport: 'bundled' | 'fetch'; options: JsonObject };
}

/** An operation of the route table. */
export interface OperationInfo {
  id: string;
  family: 'devcenter' | 'win32' | 'ingestion' | 'token';
  method: string;
  path: string;
  pathParams: string[];
  query: string[];
  body: boolean;
  summary: string;
  [field: string]: unknown;
}

/** An entry of the manifest's error catalogue. */
export interface ErrorInfo {
  code: string;
  number: number;
  retryable: boolean;
  status: number | null;
  description: string;
  doc: string;
}

/** The core's manifest: operations, errors, issues, enums, limits, models, workflows. */
export interface Manifest {
  manifestVersion: number;
  operations: OperationInfo[];
  errors: ErrorInfo[];
  issues: IssueCode[];
  enums: { [name: string]: string[] };
  limits: { [name: string]: number };
  workflows: string[];
  [field: string]: unknown;
}

export declare function manifest(): Manifest;
/** Every error code of the core's catalogue. */
export declare function allErrorCodes(): string[];
/** Every validation issue code with its severity and description. */
export declare function allIssueCodes(): IssueCode[];
/** Every operation of the route table. */
export declare function operations(): OperationInfo[];
/** Text with secrets (SAS `sig`, client secrets, bearer tokens) removed. */
export declare function redact(text: string): string;
/** A URL with its secret query values removed. */
export declare function redactUrl(url: string): string;
export declare const version: string;
export declare const coreVersion: string;

/** A document kind (`app-submission`, `win32-metadata`, …). */
export type DocumentKind =
  | 'app-submission' | 'addon-submission' | 'flight-submission' | 'addon' | 'flight' | 'win32-metadata'
  | 'win32-metadata-patch' | 'win32-packages' | 'win32-package' | 'win32-assets-create' | 'win32-assets-commit'
  | (string & {});

/** Validates a document (an object, or JSON text read leniently) against the Store's rules. */
export declare function validate(
  document: JsonValue,
  options?: { kind?: DocumentKind; files?: string | string[] | { [name: string]: number } },
): ValidationReport;
/** The document kind a document looks like, or null. */
export declare function guessKind(document: JsonValue): DocumentKind | null;
/** The document kinds. */
export declare function documentKinds(): DocumentKind[];
/** The ZIP entries a submission needs. */
export declare function packageEntries(kind: DocumentKind, document: JsonValue): Array<{ name: string; sourceName: string; pointers: string[] }>;
/** The Store's reference tables (markets, languages, categories, limits). */
export declare function tables(): JsonObject;
/** Reads JSON leniently (trailing commas, comments, a BOM become warnings). */
export declare function parseJson(text: string): { document: JsonValue | null; issues: import('./types').Issue[] };

/** Reads a project file (`storesubmit.toml` or `.json`), optionally one of its environments. */
export declare function loadProject(path: string, options?: { environment?: string }): Project<PlannableRequest>;
/** A workflow's outcome (null when nothing ran) and its plan as a Markdown job summary (secrets redacted);
 *  with `error` (what a run rejected with) instead of an outcome, the failure and the plan. */
export declare function summary(
  outcome: Outcome | null,
  plan?: Plan | null,
  error?: { code: string; message: string; status?: number | null; correlationId?: string | null; resumeToken?: string | null } | null,
): string;

/** A connection file as connectionFile() reads it: each value a string or null. */
export interface ConnectionFile {
  tenantId: string | null;
  clientId: string | null;
  clientSecret: string | null;
  sellerId: string | null;
  devcenterUrl: string | null;
  win32Url: string | null;
  ingestionUrl: string | null;
  tokenUrl: string | null;
  tokenVersion: string | null;
}
/** Reads a connection file's text (the CLI's --config keys, or the emulator's first output line). */
export declare function connectionFile(text: string, name?: string): ConnectionFile;

/** The settings of a connection, in the config file's camelCase keys. */
export type ConnectionKey =
  | 'tenantId' | 'clientId' | 'clientSecret' | 'sellerId'
  | 'devcenterUrl' | 'win32Url' | 'ingestionUrl' | 'tokenUrl' | 'tokenVersion';
/** Where a resolved setting came from: the kind of source and the flag, input, file or variable. */
export interface ConnectionSource {
  from: 'explicit' | 'config' | 'project' | 'environment' | 'default';
  name: string;
}
/** What resolveConnection() chooses from. */
export interface ConnectionSources {
  /** Values given explicitly (inputs, arguments); an empty string is not a value. */
  explicit?: { [K in ConnectionKey]?: string | null };
  /** The config file's text (the CLI's --config keys, or the emulator's output). */
  configText?: string | null;
  /** The config file's name, for messages. */
  configName?: string | null;
  /** The environment variables a project names (loadProject().credentials). */
  credentialNames?: { tenantId?: string | null; clientId?: string | null; clientSecret?: string | null; sellerId?: string | null } | null;
  /** The environment to read STORESUBMIT_* and the project's variables from (default: process.env). */
  env?: { [name: string]: string | undefined };
  /** How messages name explicit values: `argument` (default), `flag`, `input`, `taskInput`. */
  naming?: 'argument' | 'flag' | 'input' | 'taskInput';
}
/** A resolved connection; `clientSecret` is not enumerable (logging the object never shows it). */
export interface ResolvedConnection {
  values: { [K in Exclude<ConnectionKey, 'clientSecret'>]: string | null };
  sources: { [K in ConnectionKey]: ConnectionSource | null };
  /** One line for a log: each setting, its value (never the secret's) and its source. */
  description: string;
  readonly clientSecret: string;
}
/** Chooses the connection settings from every source by the one precedence of the CLI and the Action:
 *  explicit > config file > the project's variables > STORESUBMIT_* > production. */
export declare function resolveConnection(sources?: ConnectionSources): ResolvedConnection;

/** A writable stream (a Node `Writable`: fs.createWriteStream, an HTTP response, …). */
export interface WritableLike {
  write(chunk: Uint8Array, callback?: (error?: Error | null) => void): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/** Where pack() writes: a file path or a writable stream. */
export type PackOutput = string | WritableLike;

/** Builds the ZIP of a submission (`{kind, document}`) or of a list of files (`{names}`) from `files`. */
export declare function pack(
  what: { kind: DocumentKind; document: JsonValue } | { names: string[] },
  options: { files: string; output: PackOutput; signal?: AbortSignal; onProgress?: (event: ProgressEvent) => void },
): Promise<PackReport>;

/** A running emulator; stop() it when done. */
export declare class Emulator {
  private constructor();
  readonly devcenterUrl: string;
  readonly win32Url: string;
  readonly ingestionUrl: string;
  readonly tokenUrl: string;
  readonly blobUrl: string;
  readonly adminUrl: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly sellerId: string;
  readonly appId: string;
  readonly addonId: string;
  readonly flightId: string;
  readonly win32ProductId: string;
  readonly ingestionProductId: string;
  /** The emulator's (emulator-only) client secret. */
  readonly clientSecret: string;
  readonly endpoints: Required<Endpoints>;
  readonly running: boolean;
  credential(): ClientSecretCredential;
  clientOptions(overrides?: ClientOptions): ClientOptions;
  client(overrides?: ClientOptions, credential?: ClientSecretCredential | TokenCredential): Client;
  advanceClock(seconds: number): void;
  addFault(rule: JsonObject): number;
  clearFaults(): void;
  state(): JsonObject;
  stop(): void;
}

/** Phase durations of a fast emulator. */
export declare const FAST_DURATIONS: Readonly<{ [phase: string]: number }>;

/** Starts the embedded emulator on a free loopback port (for tests). */
export declare function startEmulator(config?: JsonObject, options?: { fast?: boolean }): Emulator;

export type { AccessToken, ProgressEvent };
