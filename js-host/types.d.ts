// Types of the JSON some offline functions and the plan workflow answer, which the manifest leaves as
// `any` (gen/facade.d.ts names them as their results), and of what a caller brings (credential, fetch).

import type { Issue, JsonValue, WorkflowRequest } from './gen/facade';

/** The environment variable NAMES a project file gives for the credentials (never their values). */
export interface ProjectCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  sellerId: string | null;
}

/** A project file (`storesubmit.toml`) as loadProject() resolves it. */
export interface Project {
  /** Whether the file has no error issues (then `request` is set). */
  valid: boolean;
  /** Its mistakes (codes `project.*`) and warnings. */
  issues: Issue[];
  /** The workflow request it describes, or null when it is not valid. */
  request: WorkflowRequest | null;
  /** The absolute folder its file names are relative to (the `files` of a run). */
  files: string;
  credentials: ProjectCredentials;
  kind: string | null;
  environment: string | null;
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

/** The plan workflow's `document`: a read-only dry run. */
export interface Plan {
  workflow: string;
  target: JsonValue;
  base: { source: 'pending' | 'lastPublished' | 'draft' | 'none' | (string & {}); submissionId?: string };
  requests: PlannedRequest[];
  changes: PlannedChange[];
  filesAdded: string[];
  filesRemoved: string[];
}

/** The settings of a connection file (`--config`, the emulator's first line): each a string or null. */
export interface ConnectionFile {
  tenantId: string | null;
  clientId: string | null;
  /** Not enumerable: logging or serialising the answer leaves it out. */
  readonly clientSecret: string | null;
  sellerId: string | null;
  devcenterUrl: string | null;
  win32Url: string | null;
  ingestionUrl: string | null;
  tokenUrl: string | null;
  tokenVersion: string | null;
}

/** Where a resolved setting came from: the kind of source and the flag, input, file or variable. */
export interface ConnectionSource {
  from: 'explicit' | 'config' | 'project' | 'environment' | 'default';
  name: string;
}

/** A connection chosen by resolveConnection(). */
export interface ResolvedConnection {
  /** Every setting but the secret. */
  values: { [K in Exclude<keyof ConnectionFile, 'clientSecret'>]: string | null };
  /** Where each setting came from. */
  sources: { [K in keyof ConnectionFile]: ConnectionSource | null };
  /** One line for a log: each setting, its value (never the secret's) and its source. */
  description: string;
  /** Not enumerable: logging or serialising the answer leaves it out. */
  readonly clientSecret: string;
}

/** A run's result as a Markdown job summary. */
export interface Summary {
  markdown: string;
}

/** JSON read leniently: the document (null when not JSON) and the `json.*` issues. */
export interface ParsedJson {
  document: JsonValue;
  issues: Issue[];
}

/** One entry of a submission's ZIP: its name, the file it comes from, the document's pointers to it. */
export interface PackageEntry {
  name: string;
  sourceName: string;
  pointers: string[];
}

/** An access token as @azure/identity's TokenCredential returns it. */
export interface AccessToken {
  token: string;
  /** Expiry, milliseconds since the epoch. */
  expiresOnTimestamp: number;
}

/** Any credential with @azure/identity's `getToken` (a TokenCredential): it answers the runs' token tasks. */
export interface TokenCredential {
  getToken(scopes: string | string[], options?: object): Promise<AccessToken | null>;
}

/** A `fetch`-compatible function (global fetch, undici's, a proxying one) that sends a client's requests. */
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
