// The one JavaScript host loop of storesubmit, shared by the Node package (over a native session of the
// core's executor) and the wasm package (over a `wire::Run` stepped in JavaScript). A core machine hands
// out tasks (send a request, wait, list or read files, write output, get a token); the loop runs them
// concurrently with the host's I/O functions and reports each completion back until the machine is done.
// Node's CommonJS entry loads gen/driver.cjs, which tools/generate.mjs writes from this file: edit here.
//
// The loop holds no Store knowledge: which request comes next, retries, waits, paging, token refresh,
// pre-flight checks and upload strategy are the core's. This file only starts tasks, passes bytes, turns
// an abort signal into the machine's cancel event and the machine's error JSON into the facade's errors.
import { AuthenticationError, OperationCancelledError, errorFromJson } from './gen/facade.mjs';

/** Error codes the host itself reports (a subset of the manifest's error codes). */
const HOST_CODES = new Set(['transport', 'timeout', 'io', 'auth', 'cancelled', 'unsupported', 'invalid_argument', 'response_too_large']);

/** The code of a failed host call: the error's own `storesubmitCode`, `timeout` for a timed-out fetch, else `fallback`. */
function hostCode(err, fallback) {
  const own = err?.storesubmitCode;
  if (typeof own === 'string' && HOST_CODES.has(own)) return own;
  if (err?.name === 'TimeoutError' || err?.code === 'UND_ERR_HEADERS_TIMEOUT') return 'timeout';
  return fallback;
}

/** A short message for a host failure (never the request: URLs and headers may carry secrets). */
function hostMessage(err) {
  const msg = typeof err?.message === 'string' ? err.message : String(err);
  const cause = typeof err?.cause?.message === 'string' ? `: ${err.cause.message}` : '';
  return `${msg}${cause}`.slice(0, 500);
}

function unsupported(what) {
  return Object.assign(new Error(`this host cannot ${what}`), { storesubmitCode: 'unsupported' });
}

/** Runs one task; resolves to its completion event and bytes, never rejects (a failure is a `failed` completion). */
async function runTask(machine, task, io, signal) {
  const { id, kind } = task;
  try {
    if (!io[kind]) throw unsupported(kind === 'token' ? 'get tokens (pass a credential)' : `run ${kind} tasks`);
    switch (kind) {
      case 'send': {
        const body = task.bodyLength > 0 ? machine.takeBody(id) : new Uint8Array(0);
        const res = await io.send(task, body, signal);
        return { event: { id, kind: 'response', status: res.status, headers: res.headers }, data: res.body };
      }
      case 'wait':
        await io.wait(task.seconds, signal);
        return { event: { id, kind: 'waited' }, data: null };
      case 'list':
        return { event: { id, kind: 'files', files: await io.list(task.archive) }, data: null };
      case 'stat':
        return { event: { id, kind: 'sizes', sizes: await io.stat(task.names) }, data: null };
      case 'read':
        return { event: { id, kind: 'data' }, data: await io.read(task.name, task.offset, task.length) };
      case 'write':
        await io.write(task.offset, machine.takeBody(id));
        return { event: { id, kind: 'written' }, data: null };
      default: {
        const t = await io.token(task.scope, task.family, signal);
        return { event: { id, kind: 'token', token: t.token, expiresOn: t.expiresOn }, data: null };
      }
    }
  } catch (err) {
    const code = hostCode(err, kind === 'send' ? 'transport' : kind === 'token' ? 'auth' : 'io');
    return { event: { id, kind: 'failed', error: { code, message: hostMessage(err) } }, data: null };
  }
}

/**
 * Drives `machine` to its end with the host's I/O (`send`, `wait`, `list`, `stat`, `read`, `write`, `token`,
 * each optional: a task without one fails as `unsupported`).
 *
 * A machine answers `step(event, data)` with `{kind: 'run' | 'pending' | 'done', tasks, progress, outcome |
 * error}` and gives a task's bytes with `takeBody(id)`; one that runs on its own (a native session) also has
 * `next()`, a promise of the next step it pushes. Resolves with the outcome; rejects with `makeError(error)`.
 */
export async function drive(machine, io, { signal, onProgress, makeError = (e) => Object.assign(new Error(e.message), e) } = {}) {
  const inner = new AbortController(); // ends the tasks still running when the loop ends
  const running = new Map();
  let pushed = null;
  let wake = null;
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  try {
    let abortSeen = Boolean(signal?.aborted);
    let step = machine.step({ kind: abortSeen ? 'cancel' : 'start' }, null);
    for (;;) {
      for (const p of step.progress || []) onProgress?.(p);
      if (step.kind === 'done') {
        if (step.error) throw makeError(step.error);
        return step.outcome;
      }
      for (const task of step.tasks || []) {
        running.set(task.id, runTask(machine, task, io, inner.signal).then((r) => ({ id: task.id, ...r })));
      }
      if (signal?.aborted && !abortSeen) {
        abortSeen = true;
        inner.abort(signal.reason);
        step = machine.step({ kind: 'cancel' }, null);
        continue;
      }
      if (machine.next) pushed ??= machine.next().then((s) => ({ pushed: s }));
      if (running.size === 0 && !pushed) {
        throw makeError({ code: 'invalid_response', number: 14, message: 'the core machine is waiting for no task (host loop stalled)' });
      }
      const aborted = new Promise((resolve) => { wake = () => resolve(null); });
      const next = await Promise.race([...running.values(), aborted, ...(pushed ? [pushed] : [])]);
      wake = null;
      if (next === null) continue;
      if (next.pushed) {
        pushed = null;
        step = next.pushed;
        continue;
      }
      running.delete(next.id);
      step = machine.step(next.event, next.data);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    inner.abort();
  }
}

/**
 * Runs one job the way every client method does: refuses an aborted signal before starting the machine
 * (`start()` makes it), answers token tasks from a `{getToken(scopes)}` credential, and rejects with the
 * facade's error class of the machine's error (an abort's `cause` is the signal's reason; a credential's
 * failure is an AuthenticationError naming the scope, with the credential's own error as its `cause`).
 */
export async function execute(start, io, { signal, onProgress, credential } = {}) {
  if (signal?.aborted) {
    throw new OperationCancelledError('the run was cancelled before it started', { cause: signal.reason });
  }
  let failure = null;
  const token = credential && (async (scope) => {
    try {
      const t = await credential.getToken([scope]);
      if (typeof t?.token !== 'string' || !t.token || typeof t.expiresOnTimestamp !== 'number') {
        throw new TypeError('getToken(scopes) must return {token, expiresOnTimestamp}');
      }
      return { token: t.token, expiresOn: Math.floor(t.expiresOnTimestamp / 1000) };
    } catch (cause) {
      failure ??= { scope, cause };
      throw Object.assign(new Error(`the credential could not get a token for ${scope}`), { storesubmitCode: 'auth' });
    }
  });
  const makeError = (json) => {
    if (failure && json.code === 'auth') {
      const kind = failure.cause?.name || typeof failure.cause;
      const message = `the credential could not get a token for ${failure.scope} (${kind}; see the cause)`;
      return new AuthenticationError(message, { cause: failure.cause });
    }
    return errorFromJson(json, json.code === 'cancelled' && signal?.aborted ? { cause: signal.reason } : {});
  };
  return drive(start(), token ? { ...io, token } : io, { signal, onProgress, makeError });
}

/** `io.wait` for any JavaScript host: a timer that an AbortSignal cuts short. */
export function sleep(seconds, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, Math.max(0, seconds * 1000));
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}

/**
 * `io.send` over a `fetch`-compatible function (global fetch, undici's, a proxying one): the request as the
 * core built it (method, URL, headers, body, timeout; redirects not followed), the response's status,
 * headers and bytes.
 */
export function fetchSender(fetchFn) {
  return async (task, body, signal) => {
    const signals = [signal];
    if (typeof task.timeout === 'number' && task.timeout > 0) signals.push(AbortSignal.timeout(task.timeout * 1000));
    const res = await fetchFn(task.url, {
      method: task.method,
      headers: task.headers,
      body: body && body.length > 0 ? body : undefined,
      signal: AbortSignal.any(signals.filter(Boolean)),
      redirect: 'manual',
    });
    const headers = [];
    res.headers.forEach((v, k) => headers.push([k, v]));
    return { status: res.status, headers, body: await readCapped(res, task.maxResponseBytes) };
  };
}

/**
 * A response's body, refused (`response_too_large`) as soon as it passes the request's `max` bytes, or at once
 * when its declared length does: a hostile or broken server cannot make the host hold more than the limit.
 */
async function readCapped(res, max) {
  if (typeof max !== 'number' || !res.body) return new Uint8Array(await res.arrayBuffer());
  const tooLarge = (n) =>
    Object.assign(new Error(`the answer holds ${n} bytes, more than the ${max} this request accepts; it was not read`), { storesubmitCode: 'response_too_large' });
  const reader = res.body.getReader();
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > max) {
    await reader.cancel();
    throw tooLarge(declared);
  }
  const chunks = [];
  let length = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    length += r.value.byteLength;
    if (length > max) {
      await reader.cancel();
      throw tooLarge(`more than ${length}`);
    }
    chunks.push(r.value);
  }
  const body = new Uint8Array(length);
  chunks.reduce((at, c) => (body.set(c, at), at + c.byteLength), 0);
  return body;
}
