'use strict';
// storesubmit for Node.js: typed, Promise-based Microsoft Store submissions on the storesubmit Rust core.
//
// Every workflow (an app/add-on/flight submission, a rollout, an MSI/EXE product, an ingestion product,
// one API call, a paged list, a resumed run) is one JSON request to the core, which decides every request,
// retry, wait and upload block. This file only chooses who moves the bytes:
// - the bundled transport (default): the core's own HTTP client runs the whole workflow natively, off the
//   JavaScript thread;
// - `{ fetch }`: the package's host loop (host/driver.mjs, shared with the browser package) runs the same
//   core workflow step by step and sends each request with the given fetch (global fetch, undici, …).

const { inspect } = require('node:util');
const { native, guard, guardAsync, mapError, callCore } = require('./native');
const errors = require('./errors');
const { DevcenterOperations, Win32Operations, IngestionOperations } = require('./operations');
const { fetchIo } = require('./io');

const { OperationCancelledError, AuthenticationError, InvalidArgumentError, errorFromJson } = errors;

const SECRETS = new WeakMap();
const VERSION = require('../package.json').version;
const DEFAULT_USER_AGENT = `storesubmit-node/${VERSION}`;

// ---------------------------------------------------------------------------------------------------
// Credentials

/**
 * An Azure AD application's client credentials. The client secret is kept in a native object: no
 * property, `util.inspect`, `String()` or `JSON.stringify` of the credential shows it. A client with this
 * credential lets the core request (and refresh) its tokens itself.
 */
class ClientSecretCredential {
  constructor(tenantId, clientId, clientSecret, options = {}) {
    for (const [name, value] of [['tenantId', tenantId], ['clientId', clientId], ['clientSecret', clientSecret]]) {
      if (typeof value !== 'string' || value.trim() === '') {
        throw new InvalidArgumentError(`ClientSecretCredential: ${name} must be a non-empty string`);
      }
    }
    this.tenantId = tenantId;
    this.clientId = clientId;
    /** The token service root (`https://login.microsoftonline.com` when null). */
    this.authority = options.authority || null;
    /** `v1` or `v2` token endpoint (the core's default when null). */
    this.tokenVersion = options.tokenVersion || null;
    SECRETS.set(this, new native.Secret(clientSecret));
    Object.freeze(this);
  }

  toJSON() {
    return { tenantId: this.tenantId, clientId: this.clientId, authority: this.authority, clientSecret: '<redacted>' };
  }

  toString() {
    return `ClientSecretCredential(tenantId=${this.tenantId}, clientId=${this.clientId}, clientSecret=<redacted>)`;
  }

  [inspect.custom]() {
    return this.toString();
  }
}

function isTokenCredential(c) {
  return c !== null && typeof c === 'object' && typeof c.getToken === 'function';
}

/** A credential's token for one scope as the core's `{token, expiresOn}` (unix seconds). */
async function tokenOf(credential, scope) {
  const t = await credential.getToken([scope]);
  if (!t || typeof t.token !== 'string' || !t.token || typeof t.expiresOnTimestamp !== 'number') {
    throw new TypeError('getToken(scopes) must return {token, expiresOnTimestamp}');
  }
  return { token: t.token, expiresOn: Math.floor(t.expiresOnTimestamp / 1000) };
}

/** The error a workflow rejects with when the caller's credential failed: names the scope and the
 *  credential's error type; its text is not copied (nothing it holds leaks into logs), it is the `cause`. */
function credentialFailed(scope, cause) {
  const kind = (cause && cause.name) || typeof cause;
  return new AuthenticationError(`the credential could not get a token for ${scope} (${kind}; see the cause)`, {
    cause,
  });
}

// ---------------------------------------------------------------------------------------------------
// Outcomes and progress

/** A workflow's outcome with its resume token as a string (the form `client.resume()` takes). */
function outcomeOf(outcome) {
  if (outcome && outcome.resume && typeof outcome.resume === 'object') {
    outcome.resume = JSON.stringify(outcome.resume);
  }
  return outcome;
}

function cancelledBeforeStart() {
  return new OperationCancelledError('the workflow was cancelled before it started', { retryable: false });
}

// ---------------------------------------------------------------------------------------------------
// Transports

let driverModule = null;
/** The shared host loop (an ES module, loaded on first use). */
function driver() {
  driverModule = driverModule || import('./host/driver.mjs');
  return driverModule;
}

/**
 * Runs workflows with the core's bundled HTTP client (reqwest + rustls), natively and off the JavaScript
 * thread; the default transport.
 */
class BundledTransport {
  constructor(options = {}) {
    this.userAgent = options.userAgent || DEFAULT_USER_AGENT;
    this.connectTimeout = options.connectTimeout === undefined ? 30 : options.connectTimeout;
    this._native = guard(() => new native.Bundled(this.userAgent, this.connectTimeout));
  }

  async run(run) {
    const cancel = new native.Cancel();
    const onAbort = () => cancel.cancel();
    run.signal?.addEventListener('abort', onAbort, { once: true });
    let failure = null;
    const getToken = run.credential
      ? (scope) =>
          tokenOf(run.credential, scope).then(
            (t) => JSON.stringify(t),
            (e) => {
              failure = failure || { scope, cause: e };
              return JSON.stringify({ error: 'the credential failed' });
            },
          )
      : undefined;
    // A throwing progress callback must not reach the native callback's caller: the first error is kept,
    // the run is cancelled, and the run rejects with that error (as the fetch transport's loop does).
    let thrown = null;
    const onProgress = (text) => {
      if (thrown) return;
      try {
        run.onProgress(JSON.parse(text));
      } catch (e) {
        thrown = { error: e };
        cancel.cancel();
      }
    };
    try {
      const running = guard(() =>
        this._native.run(run.options, run.request, run.secret, run.tokens, run.files, onProgress, getToken, cancel),
      );
      const text = await guardAsync(running);
      if (thrown) throw thrown.error;
      const answer = JSON.parse(text);
      if (answer.error) {
        if (failure && answer.error.code === 'auth') throw credentialFailed(failure.scope, failure.cause);
        throw errorFromJson(answer.error, { resumeToken: answer.resume });
      }
      return outcomeOf(answer.outcome);
    } finally {
      run.signal?.removeEventListener('abort', onAbort);
    }
  }

  [inspect.custom]() {
    return `BundledTransport(userAgent=${this.userAgent})`;
  }
}

/**
 * Runs workflows through a `fetch`-compatible function (global fetch, undici's fetch with a proxy
 * dispatcher, …): the core hands out each request, wait and file read, the package's host loop performs
 * them and reports back.
 */
class FetchTransport {
  constructor(fetchFn) {
    if (typeof fetchFn !== 'function') throw new InvalidArgumentError('fetch must be a function');
    this.fetch = fetchFn;
  }

  async run(run) {
    const host = await driver();
    const machine = guard(() => new native.WireMachine(run.options, run.request, run.secret, run.tokens));
    const wrapped = {
      step: (event, data) => JSON.parse(guard(() => machine.step(JSON.stringify(event), data || null))),
      takeBody: (id) => machine.takeBody(id),
    };
    let failure = null;
    const io = fetchIo(host, this.fetch, {
      files: run.files,
      credential: run.credential,
      onCredentialError: (scope, cause) => {
        failure = failure || { scope, cause };
      },
    });
    try {
      const outcome = await host.drive(wrapped, io, {
        signal: run.signal,
        onProgress: run.onProgress,
        makeError: (json) => {
          if (failure && json.code === 'auth') return credentialFailed(failure.scope, failure.cause);
          return errorFromJson(json, { resumeToken: machine.resumeToken() });
        },
      });
      return outcomeOf(outcome);
    } catch (e) {
      throw mapError(e);
    } finally {
      machine.saveTokens(run.tokens);
    }
  }

  [inspect.custom]() {
    return 'FetchTransport()';
  }
}

/** The checks a publish makes before its first request (rules, and every named file under `files`). */
function preflight(kind, spec, files) {
  const args = { kind, spec };
  if (files !== undefined && files !== null) args.folder = String(files);
  callCore('preflight', args);
}

// ---------------------------------------------------------------------------------------------------
// The client

function seconds(name, v) {
  if (v === undefined || v === null) return v;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new InvalidArgumentError(`${name} must be a number of seconds`);
  }
  return v;
}

/**
 * The Microsoft Store client: the three API families (`devcenter`, `win32`, `ingestion`: a method per
 * operation), the publish workflows, rollouts, paging and resume. Every method returns a Promise and
 * accepts an AbortSignal (`signal`).
 */
class Client {
  #credential;
  #secret;
  #options;
  #tokens;
  #transport;
  #onEvent;

  constructor(credential, options = {}) {
    if (!(credential instanceof ClientSecretCredential) && !isTokenCredential(credential)) {
      throw new InvalidArgumentError(
        'credential must be a ClientSecretCredential or an object with getToken(scopes) (a TokenCredential)',
      );
    }
    this.#credential = credential;
    const endpoints = { ...(options.endpoints || {}) };
    const opts = { endpoints };
    if (credential instanceof ClientSecretCredential) {
      opts.tenantId = credential.tenantId;
      opts.clientId = credential.clientId;
      this.#secret = SECRETS.get(credential);
      if (credential.authority && !endpoints.token) endpoints.token = credential.authority;
      if (options.tokenVersion || credential.tokenVersion) opts.tokenVersion = options.tokenVersion || credential.tokenVersion;
    } else {
      this.#secret = null;
      if (options.tokenVersion) opts.tokenVersion = options.tokenVersion;
    }
    if (options.sellerId !== undefined && options.sellerId !== null) opts.sellerId = String(options.sellerId);
    if (options.retry) opts.retry = options.retry;
    if (options.poll) opts.poll = options.poll;
    if (options.deadline !== undefined) opts.deadline = seconds('deadline', options.deadline);
    opts.requestTimeout = options.requestTimeout === undefined ? 120 : seconds('requestTimeout', options.requestTimeout);
    if (options.upload) opts.upload = options.upload;
    this.#options = JSON.stringify(opts);
    // Fail on bad options now, not at the first call.
    guard(() => new native.WireMachine(this.#options, '{"workflow":"listAll","op":"devcenter.list_apps"}', this.#secret, null));
    this.#tokens = new native.TokenCache();
    this.#onEvent = options.onEvent || null;
    if (options.fetch) {
      this.#transport = new FetchTransport(options.fetch);
    } else {
      this.#transport = options.transport || new BundledTransport({ userAgent: options.userAgent, connectTimeout: options.connectTimeout });
    }
    const call = (op, args, o) => this.call(op, args, o);
    /** Every operation of the classic Store submission API (apps, add-ons, flights). */
    this.devcenter = new DevcenterOperations(call);
    /** Every operation of the MSI/EXE submission API. */
    this.win32 = new Win32Operations(call);
    /** Every operation of the Partner Center ingestion API. */
    this.ingestion = new IngestionOperations(call);
  }

  /** Which transport moves the bytes (`bundled` or `fetch`). */
  get transport() {
    return this.#transport instanceof FetchTransport ? 'fetch' : 'bundled';
  }

  /**
   * Runs any workflow request of the core (`{workflow: 'submission' | 'rollout' | 'win32' | 'ingestion' |
   * 'call' | 'listAll' | 'resume', …}`) and resolves with its outcome.
   */
  async run(request, options = {}) {
    if (options.signal?.aborted) throw cancelledBeforeStart();
    const onProgress = (event) => {
      if (options.onProgress) options.onProgress(event);
      if (this.#onEvent) this.#onEvent(event);
    };
    return this.#transport.run({
      options: this.#options,
      request: JSON.stringify(request),
      secret: this.#secret,
      tokens: this.#tokens,
      credential: this.#secret ? null : this.#credential,
      files: options.files === undefined || options.files === null ? null : String(options.files),
      onProgress,
      signal: options.signal,
    });
  }

  /** Calls one operation of the route table by id (`devcenter.get_app`, …); resolves with the parsed body. */
  async call(op, args = {}, options = {}) {
    const outcome = await this.run({ workflow: 'call', op, args }, options);
    return outcome.document === undefined ? null : outcome.document;
  }

  /** Every item of a list operation (devcenter or ingestion), following next-page links. */
  async listAll(op, args = {}, options = {}) {
    const request = { workflow: 'listAll', op, args };
    if (options.maxPages !== undefined) request.maxPages = options.maxPages;
    const outcome = await this.run(request, options);
    return outcome.document.value;
  }

  /** Publishes an app submission: pre-flight checks, create (or reuse the pending one), apply `changes`,
   *  upload the new files, commit, poll to `stopAfter`. */
  publishAppSubmission(appId, changes = {}, options = {}) {
    return this.#submission('app-submission', { type: 'app', app_id: appId }, changes, options);
  }

  /** Publishes an add-on (in-app product) submission; see publishAppSubmission. */
  publishAddonSubmission(addonId, changes = {}, options = {}) {
    return this.#submission('addon-submission', { type: 'addon', addon_id: addonId }, changes, options);
  }

  /** Publishes a package flight submission; see publishAppSubmission. */
  publishFlightSubmission(appId, flightId, changes = {}, options = {}) {
    return this.#submission('flight-submission', { type: 'flight', app_id: appId, flight_id: flightId }, changes, options);
  }

  /** Reads (`get`) or changes (`update` with `percentage`, `halt`, `finalize`) a submission's gradual rollout. */
  rollout(appId, submissionId, action = 'get', options = {}) {
    const target = options.flightId ? { type: 'flight', app_id: appId, flight_id: options.flightId } : { type: 'app', app_id: appId };
    const act = options.percentage === undefined ? { action } : { action, percentage: options.percentage };
    return this.run({ workflow: 'rollout', target, submissionId, action: act }, options);
  }

  /** Waits for a submission committed elsewhere (polls it to `stopAfter`; commits nothing). `target` is
   *  `{type: 'app', app_id}`, `{type: 'addon', addon_id}` or `{type: 'flight', app_id, flight_id}`. */
  waitForSubmission(target, submissionId, options = {}) {
    return this.run({ workflow: 'wait', target, submissionId, stopAfter: options.stopAfter || 'published' }, options);
  }

  /** Publishes an MSI/EXE product: packages, metadata, listing assets, submit, poll. Needs `sellerId`. */
  async publishWin32(productId, options = {}) {
    const spec = { metadataPatch: Boolean(options.metadataPatch) };
    if (options.packages) spec.packages = options.packages;
    if (options.packagePatches) spec.packagePatches = options.packagePatches;
    if (options.metadata) spec.metadata = options.metadata;
    if (options.assets) spec.assets = options.assets;
    preflight('win32', spec, options.files);
    return this.run({ workflow: 'win32', productId, spec, stopAfter: options.stopAfter || 'published' }, options);
  }

  /** Submits a Partner Center product's drafts (`modules`) to `scope`, polls until ready, optionally promotes. */
  publishIngestion(productId, options = {}) {
    const spec = { modules: options.modules || [], promote: Boolean(options.promote) };
    if (options.scope) spec.scope = options.scope;
    if (options.publishOption) spec.publishOption = options.publishOption;
    return this.run({ workflow: 'ingestion', productId, spec, stopAfter: options.stopAfter || 'published' }, options);
  }

  /** Continues a workflow that stopped early or was aborted (its resume token) up to `stopAfter`. */
  resume(token, options = {}) {
    return this.run({ workflow: 'resume', token, stopAfter: options.stopAfter || 'published' }, options);
  }

  async #submission(kind, target, changes, options) {
    const spec = { changes: changes || {}, oldPackages: options.oldPackages || 'replace' };
    for (const k of ['rolloutPercentage', 'mandatoryUpdate', 'mandatoryUpdateEffectiveDate']) {
      if (options[k] !== undefined) spec[k] = options[k];
    }
    preflight(kind, spec, options.files);
    const request = { workflow: 'submission', target, spec, stopAfter: options.stopAfter || 'published', pending: options.pending || 'reuse' };
    return this.run(request, options);
  }

  toJSON() {
    return { transport: this.transport, options: JSON.parse(this.#options) };
  }

  toString() {
    return `Client(transport=${this.transport}, credential=${String(this.#credential)})`;
  }

  [inspect.custom]() {
    return this.toString();
  }
}

// ---------------------------------------------------------------------------------------------------
// Catalogues and tools

let manifestCache = null;
/** The core's manifest: operations, errors, issues, enums, limits, models, workflows. */
function manifest() {
  manifestCache = manifestCache || callCore('manifest');
  return manifestCache;
}

/** Every error code of the core's catalogue (`invalid_argument`, …, `unsupported`). */
function allErrorCodes() {
  return manifest().errors.map((e) => e.code);
}

/** Every validation issue code with its severity and description. */
function allIssueCodes() {
  return manifest().issues.map((i) => ({ ...i }));
}

/** Every operation of the route table (`id`, `family`, `method`, `path`, `summary`, …). */
function operations() {
  return manifest().operations.map((o) => ({ ...o }));
}

/** Text with secrets (SAS `sig`, client secrets, bearer tokens) removed. */
function redact(text) {
  return callCore('redact', { text: String(text) });
}

/** A URL with its secret query values (SAS `sig`, …) removed. */
function redactUrl(url) {
  return callCore('redactUrl', { url: String(url) });
}

module.exports = {
  ...errors,
  Client,
  ClientSecretCredential,
  DevcenterOperations,
  Win32Operations,
  IngestionOperations,
  BundledTransport,
  FetchTransport,
  manifest,
  operations,
  allErrorCodes,
  allIssueCodes,
  redact,
  redactUrl,
  version: VERSION,
  coreVersion: native.coreVersion(),
};
delete module.exports.errorFromJson;
Object.assign(module.exports, require('./tools'), require('./emulator'));
