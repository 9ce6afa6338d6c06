// storesubmit for Node.js: the shared vocabulary of @storesubmit/host (from the core's manifest), bound to
// the native core; this file declares what the Node package adds to it.

import type {
  ClientBase, ClientOptions as CoreClientOptions, FetchLike, JsonObject, PackOptions, PackReport, TokenCredential,
  TokenVersion,
} from '@storesubmit/host';

export * from '@storesubmit/host';

/** A writable stream (a Node `Writable`: fs.createWriteStream, an HTTP response, …). */
export interface WritableLike {
  write(chunk: Uint8Array, callback?: (error?: Error | null) => void): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/** What the Node package's runs take as `files` (the folder the names are relative to) and `output`. */
export interface NodeHost {
  files: string;
  output: string | WritableLike;
}

/**
 * An Azure AD application's client credentials. The secret is kept in a native object: no property,
 * util.inspect, String() or JSON.stringify of the credential shows it.
 */
export declare class ClientSecretCredential {
  constructor(tenantId: string, clientId: string, clientSecret: string, options?: { authority?: string; tokenVersion?: TokenVersion });
  readonly tenantId: string;
  readonly clientId: string;
  /** The token service root (`https://login.microsoftonline.com` when null). */
  readonly authority: string | null;
  readonly tokenVersion: TokenVersion | null;
  toJSON(): { tenantId: string; clientId: string; authority: string | null; clientSecret: '<redacted>' };
}

/** A client's options: the core's (surface.clientOptions) and the Node host's. */
export interface ClientOptions extends CoreClientOptions {
  /** Sends every request through this `fetch` (global fetch, undici with a proxy dispatcher) instead of the bundled client. */
  fetch?: FetchLike;
  /** The bundled client's User-Agent. */
  userAgent?: string;
  /** The bundled client's connect timeout, seconds (default 30). */
  connectTimeout?: number;
}

/**
 * The Microsoft Store client: the workflows (publish, rollout, wait, resume, plan, pack, upload, call,
 * listAll), a method per operation of the three API families, and `run(request)`. Every method returns a
 * Promise; the bundled transport runs off the JavaScript thread.
 */
export declare class Client extends ClientBase<NodeHost> {
  constructor(credential: ClientSecretCredential | TokenCredential, options?: ClientOptions);
  /** Which transport moves the bytes. */
  readonly transport: 'bundled' | 'fetch';
  toJSON(): { transport: 'bundled' | 'fetch'; options: JsonObject };
}

/** Builds a ZIP (a submission's files, or `names`) from `files` into `output`, as client.pack() does, without a client. */
export declare function pack(options?: PackOptions<NodeHost>): Promise<PackReport>;

/** This package's version. */
export declare const version: string;
/** The core's version (the addon and the core are one build). */
export declare const coreVersion: string;

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
  /** The service roots, as the client option `endpoints` takes them. */
  readonly endpoints: { devcenter: string; win32: string; ingestion: string; token: string };
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
