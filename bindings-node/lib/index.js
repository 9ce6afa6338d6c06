'use strict';
// storesubmit for Node.js: the shared JavaScript vocabulary of @storesubmit/host (client methods, functions,
// error classes, all from the core's manifest) bound to the native core.
//
// Every workflow and packaging job runs on the core's executor (a native session, off the JavaScript
// thread); the shared host loop performs only what the caller brought: requests through its `fetch`,
// tokens from its `getToken` credential, ZIP bytes to its writable stream.

const { inspect } = require('node:util');
const facade = require('@storesubmit/host');
const { execute, fetchSender } = require('@storesubmit/host/driver');
const { native, guard } = require('./native');

const { ClientBase, InvalidArgumentError, clientOptionsOf, runOptions, useEngine } = facade;
/** This package's version, and the core's (one build). */
const version = require('../package.json').version;
const coreVersion = native.coreVersion();
const DEFAULT_USER_AGENT = `storesubmit-node/${version}`;
const SECRETS = new WeakMap();

useEngine({
  call(name, args) {
    if (name === 'resolveConnection' && args.env === undefined) args.env = { ...process.env };
    return JSON.parse(guard(() => native.callCore(name, JSON.stringify(args))));
  },
});

/**
 * An Azure AD application's client credentials. The client secret is kept in a native object: no property,
 * `util.inspect`, `String()` or `JSON.stringify` of the credential shows it. A client with this credential
 * lets the core request (and refresh) its tokens itself.
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
    /** `v1` or `v2` token endpoint (the client's when null). */
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

/** `io.write` to a writable stream: the ZIP's chunks in order, its backpressure respected. */
function streamWriter(output) {
  let written = 0;
  return (offset, bytes) => new Promise((resolve, reject) => {
    if (offset !== written) return reject(new Error(`a stream is written in order (offset ${offset}, at ${written})`));
    written += bytes.length;
    if (!output.write(bytes, (err) => (err ? reject(err) : resolve()))) output.once('drain', resolve);
  });
}

/** The host loop's view of a native session: it pushes its steps; completions and a cancel go to it. */
function sessionMachine(session) {
  return {
    step(event, data) {
      if (event.kind === 'cancel') session.cancel();
      else if (event.kind !== 'start') guard(() => session.complete(JSON.stringify(event), data || null));
      return { kind: 'pending' };
    },
    takeBody: (id) => session.takeBody(id),
    async next() {
      const m = JSON.parse(await session.next());
      return m.done ? { kind: 'done', ...m.done, progress: m.progress } : { kind: 'run', tasks: m.tasks, progress: m.progress };
    },
  };
}

/** Runs one request on the executor with what the caller brings (`files`, `output`, `onProgress`, `signal`). */
async function runJob(state, request, { files, output, onProgress, signal }) {
  const stream = output !== undefined && output !== null && typeof output !== 'string';
  if (stream && typeof output.write !== 'function') throw new InvalidArgumentError('output: must be a file path or a writable stream');
  const io = { send: state.fetch && fetchSender(state.fetch), write: stream && streamWriter(output) };
  const host = JSON.stringify({
    files: files === undefined || files === null ? null : String(files),
    output: stream || output === undefined || output === null ? null : String(output),
    keep: { send: Boolean(state.fetch), token: Boolean(state.credential), write: stream },
    userAgent: state.userAgent,
    connectTimeout: state.connectTimeout,
  });
  let session = null;
  const start = () => {
    session = guard(() => new native.Session(state.options, JSON.stringify(request), state.secret, state.tokens, host));
    return sessionMachine(session);
  };
  try {
    return await execute(start, io, { signal, onProgress, credential: state.credential });
  } finally {
    // a run left early (a progress callback threw) stops; the tokens of a run that ended are kept
    session?.cancel();
    if (state.tokens) session?.saveTokens(state.tokens);
  }
}

/**
 * The Microsoft Store client: the publish workflows, rollouts, waits, resume, plans, uploads and packaging
 * (the generated methods of @storesubmit/host), the three API families (`devcenter`, `win32`, `ingestion`:
 * a method per operation) and `run(request)` for any workflow request. Every method returns a Promise.
 */
class Client extends ClientBase {
  #state;
  #credential;

  constructor(credential, options = {}) {
    super();
    const secretCredential = credential instanceof ClientSecretCredential;
    const viaConnection = credential == null && options.connection != null; // the core signs in by the connection
    if (!secretCredential && !viaConnection && typeof credential?.getToken !== 'function') {
      throw new InvalidArgumentError('credential must be a ClientSecretCredential or an object with getToken(scopes) (a TokenCredential), or null with options.connection');
    }
    const [core, host] = clientOptionsOf(options, ['fetch', 'userAgent', 'connectTimeout']);
    if (host.fetch !== undefined && typeof host.fetch !== 'function') throw new InvalidArgumentError('Client/fetch: must be a fetch-compatible function');
    const opts = { ...core, endpoints: { ...core.endpoints } };
    if (secretCredential) {
      Object.assign(opts, { tenantId: credential.tenantId, clientId: credential.clientId });
      if (credential.authority && !opts.endpoints.token) opts.endpoints.token = credential.authority;
      if (credential.tokenVersion && !opts.tokenVersion) opts.tokenVersion = credential.tokenVersion;
    }
    const text = JSON.stringify(opts);
    guard(() => native.checkOptions(text));
    this.#credential = credential;
    this.#state = {
      options: text,
      secret: secretCredential ? SECRETS.get(credential) : null,
      credential: secretCredential || viaConnection ? null : credential,
      tokens: new native.TokenCache(),
      fetch: host.fetch || null,
      userAgent: host.userAgent || DEFAULT_USER_AGENT,
      connectTimeout: host.connectTimeout,
    };
  }

  /** Which transport moves the bytes: `bundled` (the core's own HTTP client) or `fetch` (the one given). */
  get transport() {
    return this.#state.fetch ? 'fetch' : 'bundled';
  }

  /** Runs any workflow request (`{workflow, ...params}`, as the methods and project files build them). */
  async run(request, options = {}) {
    return runJob(this.#state, request, runOptions(options));
  }

  toJSON() {
    return { transport: this.transport, options: JSON.parse(this.#state.options) };
  }

  toString() {
    return `Client(transport=${this.transport}, credential=${String(this.#credential)})`;
  }

  [inspect.custom]() {
    return this.toString();
  }
}

/** Packaging needs no credential: `pack({kind, document} | {names}, files, output, …)` without a client. */
class Packer extends ClientBase {
  run(request, host) {
    return runJob({ options: '{}', secret: null, credential: null, tokens: null, fetch: null, userAgent: DEFAULT_USER_AGENT }, request, host);
  }
}
const packer = new Packer();

/** Builds a ZIP from `files` into `output` (a path or a writable stream), as client.pack() does. */
function pack(options = {}) {
  return packer.pack(options);
}

// (the facade's own helpers, argumentsOf, useEngine…, come along: index.d.ts does not declare them; the
// object is kept to spreads and names so that Node finds the names for the ES module entry)
module.exports = { ...require('@storesubmit/host'), ...require('./emulator'), Client, ClientSecretCredential, pack, version, coreVersion };
