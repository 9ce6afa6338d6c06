'use strict';
// Validation, reference data and packaging: the core's JSON calls (storesubmit::wire::call) and its ZIP
// packaging job (storesubmit::wire::PackJob, driven by the shared host loop with native file reads).

const { open } = require('node:fs/promises');
const { native, guard, guardAsync, mapError, callCore } = require('./native');
const { errorFromJson, InvalidArgumentError, OperationCancelledError } = require('./errors');

/**
 * Validates a document against the Store's rules: an object, or JSON text (read leniently: trailing
 * commas, comments and a BOM are warnings). `kind` is guessed when absent; `files` (a folder, a list of
 * names, or `{name: size}`) cross-checks the files the document names.
 */
function validate(document, options = {}) {
  const args = typeof document === 'string' ? { text: document } : { document: document === undefined ? null : document };
  if (options.kind) args.kind = options.kind;
  if (options.files !== undefined && options.files !== null) {
    // a folder is listed by the core (empty files are `files.empty`)
    if (typeof options.files === 'string') args.folder = options.files;
    else args.files = options.files;
  }
  return callCore('validate', args);
}

/** The document kind a document looks like, or null. */
function guessKind(document) {
  return callCore('guessKind', { document });
}

/** The document kinds (`app-submission`, …). */
function documentKinds() {
  return callCore('documentKinds');
}

/** The ZIP entries a submission needs: `[{name, sourceName, pointers}]`. */
function packageEntries(kind, document) {
  return callCore('packageEntries', { kind, document });
}

/** The Store's reference tables (markets, languages, categories, limits). */
function tables() {
  return callCore('tables');
}

/** Reads JSON leniently: `{document, issues}`. */
function parseJson(text) {
  return callCore('parseJson', { text: String(text) });
}

/**
 * Reads a project file (`storesubmit.toml` or `.json`; `environment` picks one of its `[environments.*]`):
 * `{valid, issues, request, files, credentials}`. `request` is the workflow request the file describes (for
 * `client.run()`, or `{workflow: 'plan', request}`), `files` the folder its file names are relative to and
 * `credentials` the NAMES of the environment variables holding the tenant id, client id, client secret and
 * seller id. Mistakes in the file are `issues` (codes `project.*`); an unreadable file throws `IoError`.
 */
function loadProject(path, options = {}) {
  const args = { path: String(path) };
  if (options.environment !== undefined && options.environment !== null && options.environment !== '') {
    args.environment = String(options.environment);
  }
  return callCore('project', args);
}

/**
 * A workflow's result as Markdown (a CI job summary): the result table of `outcome` (null when nothing
 * ran, as in a dry run) and, with `plan` (the plan workflow's `document`), its requests and changes
 * tables; with `error` (the StoreSubmitError a run rejected with) instead of an outcome, the failure and
 * the plan. Secrets are redacted and every value escaped for a Markdown table by the core.
 */
function summary(outcome, plan = null, error = null) {
  const args = { outcome: outcome ?? null, plan: plan ?? null };
  if (error !== null && error !== undefined) {
    args.error = {
      code: error.code || 'unknown',
      message: String(error.message),
      status: error.status ?? null,
      correlationId: error.correlationId ?? null,
      resumable: Boolean(error.resumeToken),
    };
  }
  return callCore('summary', args).markdown;
}

/**
 * Reads a connection file's text (endpoints and credentials for the emulator or another cloud: the CLI's
 * --config keys in camelCase or snake_case, or the emulator's output whose first line is one):
 * `{tenantId, clientId, clientSecret, sellerId, devcenterUrl, win32Url, ingestionUrl, tokenUrl, tokenVersion}`,
 * each a string or null. `name` names the file in errors.
 */
function connectionFile(text, name = undefined) {
  const args = { text: String(text) };
  if (name !== undefined && name !== null) args.name = String(name);
  return callCore('connectionFile', args);
}

/**
 * Chooses the connection settings from every source by the core's one rule (the CLI's and the GitHub
 * Action's): `explicit` (camelCase key → value) > the config file (`configText`, named `configName` in
 * messages) > the variables the project names (`credentialNames`, as loadProject() answers them) >
 * `STORESUBMIT_*` in `env` (default: process.env) > production's; an empty string is not a value. Answers
 * `{values, sources, description, clientSecret}`: `values` every setting but the secret, `sources` where
 * each came from (`{from, name}`), `description` one line for a log; `clientSecret` is not enumerable, so
 * logging or serialising the answer never shows it. A missing credential throws InvalidArgumentError
 * naming every way to give it. `naming` (`argument`, `flag`, `input`, `taskInput`) words the messages.
 */
function resolveConnection(sources = {}) {
  const { explicit, configText, configName, credentialNames, env = process.env, naming } = sources;
  const strings = (o) => Object.fromEntries(Object.entries(o || {}).filter(([, v]) => typeof v === 'string'));
  const args = { env: strings(env) };
  if (explicit) args.explicit = explicit;
  if (configText !== undefined && configText !== null) args.configText = String(configText);
  if (configName !== undefined && configName !== null) args.configName = String(configName);
  if (credentialNames) args.credentialNames = credentialNames;
  if (naming) args.naming = naming;
  const { clientSecret, ...answer } = callCore('resolveConnection', args);
  return Object.defineProperty(answer, 'clientSecret', { value: clientSecret, enumerable: false });
}

let driverModule = null;
function driver() {
  driverModule = driverModule || import('./host/driver.mjs');
  return driverModule;
}

/** Where pack() writes: a file it creates, or a writable stream (backpressure respected). */
async function sink(output) {
  if (typeof output === 'string') {
    const fh = await open(output, 'w');
    return {
      write: async (offset, bytes) => {
        await fh.write(bytes, 0, bytes.length, offset);
      },
      close: () => fh.close(),
    };
  }
  if (output && typeof output.write === 'function') {
    let written = 0;
    return {
      write: (offset, bytes) =>
        new Promise((resolve, reject) => {
          if (offset !== written) return reject(new InvalidArgumentError(`pack: a stream is written in order (offset ${offset}, at ${written})`));
          written += bytes.length;
          const ok = output.write(bytes, (err) => (err ? reject(err) : ok && resolve()));
          if (!ok) output.once('drain', resolve);
        }),
      close: async () => {},
    };
  }
  throw new InvalidArgumentError('pack: output must be a file path or a writable stream');
}

/**
 * Builds the ZIP of a submission (`{kind, document}`: the files it names, under the entry names the Store
 * expects) or of a list of files (`{names}`), reading from the folder `files`, into `output` (a path or a
 * writable stream). Resolves with `{size, entries, inputBytes}`.
 */
async function pack(what, options = {}) {
  if (!options.files) throw new InvalidArgumentError('pack: `files` (the folder the names are relative to) is required');
  if (options.signal?.aborted) throw new OperationCancelledError('pack was cancelled before it started');
  const host = await driver();
  const job = guard(() => new native.PackMachine(JSON.stringify(what)));
  const out = await sink(options.output);
  const files = String(options.files);
  try {
    return await host.drive(
      {
        step: (event, data) => JSON.parse(guard(() => job.step(JSON.stringify(event), data || null))),
        takeBody: (id) => job.takeBody(id),
      },
      {
        stat: (names) => guardAsync(native.statFiles(files, names)),
        read: async (name, offset, length) => new Uint8Array(await guardAsync(native.readFile(files, name, offset, length))),
        write: out.write,
      },
      { signal: options.signal, onProgress: options.onProgress, makeError: (json) => errorFromJson(json) },
    );
  } catch (e) {
    throw mapError(e);
  } finally {
    await out.close();
  }
}

module.exports = { validate, guessKind, documentKinds, packageEntries, tables, parseJson, pack, loadProject, summary, connectionFile, resolveConnection };
