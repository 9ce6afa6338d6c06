// The one JavaScript host loop of storesubmit: it runs the tasks a core machine (a workflow or a ZIP
// packaging job, see the Rust core's `wire` module) hands out, and reports each completion back, until the
// machine is done. The Node package and the wasm package both copy this file into their build output;
// edit it here only.
//
// The loop holds no Store knowledge: which request comes next, retries, waits, paging, token refresh and
// upload strategy are the core's. This file only starts tasks, runs them concurrently, passes bytes, and
// turns an abort signal into the machine's cancel event.

/** Error codes the host itself reports (a subset of the manifest's error codes). */
const HOST_CODES = new Set(['transport', 'timeout', 'io', 'auth', 'cancelled', 'unsupported', 'invalid_argument']);

/**
 * The error code a failed host call reports: the error's own `storesubmitCode` when it names a host code,
 * `timeout` for an AbortSignal.timeout()/undici timeout, else `fallback`.
 * @param {unknown} err
 * @param {string} fallback
 * @returns {string}
 */
function hostCode(err, fallback) {
  const own = err && typeof err === 'object' ? err.storesubmitCode : undefined;
  if (typeof own === 'string' && HOST_CODES.has(own)) return own;
  const name = err && typeof err === 'object' ? err.name : undefined;
  if (name === 'TimeoutError' || (err && err.code === 'UND_ERR_HEADERS_TIMEOUT')) return 'timeout';
  return fallback;
}

/** A short message for a host failure (never the request: URLs and headers may carry secrets). */
function hostMessage(err) {
  const msg = err && typeof err === 'object' && typeof err.message === 'string' ? err.message : String(err);
  const cause = err && typeof err === 'object' && err.cause && typeof err.cause.message === 'string'
    ? `: ${err.cause.message}` : '';
  return `${msg}${cause}`.slice(0, 500);
}

function missing(what) {
  const e = new Error(`this host cannot ${what}`);
  e.storesubmitCode = 'unsupported';
  return e;
}

/**
 * Runs one task and resolves to the completion event and its bytes; never rejects (a failure is a
 * "failed" completion, except for read/stat/write failures, reported as `io`).
 */
async function runTask(machine, task, io, signal) {
  const id = task.id;
  const failed = (err, fallback) => ({ event: { id, kind: 'failed', error: { code: hostCode(err, fallback), message: hostMessage(err) } }, data: null });
  try {
    switch (task.kind) {
      case 'send': {
        if (!io.send) throw missing('send HTTP requests');
        const body = task.bodyLength > 0 ? machine.takeBody(id) : new Uint8Array(0);
        const res = await io.send(task, body, signal);
        return { event: { id, kind: 'response', status: res.status, headers: res.headers }, data: res.body };
      }
      case 'wait':
        if (!io.wait) throw missing('wait');
        await io.wait(task.seconds, signal);
        return { event: { id, kind: 'waited' }, data: null };
      case 'stat':
        if (!io.stat) throw missing('list files');
        return { event: { id, kind: 'sizes', sizes: await io.stat(task.names) }, data: null };
      case 'read':
        if (!io.read) throw missing('read files');
        return { event: { id, kind: 'data' }, data: await io.read(task.name, task.offset, task.length) };
      case 'write':
        if (!io.write) throw missing('write output');
        await io.write(task.offset, machine.takeBody(id));
        return { event: { id, kind: 'written' }, data: null };
      case 'token': {
        if (!io.token) throw missing('get tokens (pass a credential)');
        const t = await io.token(task.scope, task.family, signal);
        return { event: { id, kind: 'token', token: t.token, expiresOn: t.expiresOn }, data: null };
      }
      default:
        throw missing(`run a task of kind ${JSON.stringify(task.kind)}`);
    }
  } catch (err) {
    const fallback = task.kind === 'send' ? 'transport' : task.kind === 'token' ? 'auth' : 'io';
    return failed(err, fallback);
  }
}

/**
 * Drives `machine` to its end.
 *
 * @param {{step(event: object, data: Uint8Array | null): any, takeBody(id: number): Uint8Array}} machine
 *   the binding's wrapper of a core machine (it fills in the clock and jitter).
 * @param {object} io the host's I/O: `send`, `wait`, `stat`, `read`, `write`, `token` (each optional).
 * @param {{signal?: AbortSignal, onProgress?: (event: any) => void, makeError?: (error: any) => Error}} [options]
 * @returns {Promise<any>} the machine's `outcome` (a workflow) or `report` (a packaging job).
 */
export async function drive(machine, io, options = {}) {
  const { signal, onProgress, makeError = (e) => Object.assign(new Error(e.message), e) } = options;
  // Aborts the tasks still running when the machine is done (or the caller aborted).
  const inner = new AbortController();
  const running = new Map();
  let abortSeen = false;
  let wake = null;
  const onAbort = () => { if (wake) wake(); };
  signal?.addEventListener('abort', onAbort);
  try {
    let step = machine.step(signal?.aborted ? { kind: 'cancel' } : { kind: 'start' }, null);
    abortSeen = Boolean(signal?.aborted);
    for (;;) {
      for (const p of step.progress || []) {
        if (onProgress) onProgress(p);
      }
      if (step.kind === 'done') {
        if (step.error) throw makeError(step.error);
        return step.outcome !== undefined ? step.outcome : step.report;
      }
      if (step.kind === 'run') {
        for (const task of step.tasks) {
          running.set(task.id, runTask(machine, task, io, inner.signal).then((r) => ({ id: task.id, ...r })));
        }
      }
      if (signal?.aborted && !abortSeen) {
        abortSeen = true;
        inner.abort(signal.reason);
        step = machine.step({ kind: 'cancel' }, null);
        continue;
      }
      if (running.size === 0) {
        throw makeError({ code: 'invalid_response', number: 14, message: 'the core machine is waiting for no task (host loop stalled)' });
      }
      const aborted = new Promise((resolve) => { wake = () => resolve(null); });
      const next = await Promise.race([...running.values(), aborted]);
      wake = null;
      if (next === null) continue;
      running.delete(next.id);
      step = machine.step(next.event, next.data);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    inner.abort();
  }
}

/**
 * `io.wait` for any JavaScript host: a timer that an AbortSignal cuts short.
 * @param {number} seconds
 * @param {AbortSignal} [signal]
 */
export function sleep(seconds, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, Math.max(0, seconds * 1000));
    function done() { clearTimeout(t); signal?.removeEventListener('abort', done); resolve(); }
    signal?.addEventListener('abort', done);
  });
}

/**
 * `io.send` over a `fetch`-compatible function (global fetch, undici's, a proxying one): the request as
 * the core built it (method, URL, headers, body, timeout), the response's status, headers and bytes.
 * @param {typeof fetch} fetchFn
 */
export function fetchSender(fetchFn) {
  return async (task, body, signal) => {
    const signals = [signal];
    if (typeof task.timeout === 'number' && task.timeout > 0) signals.push(AbortSignal.timeout(task.timeout * 1000));
    const res = await fetchFn(task.url, {
      method: task.method,
      headers: task.headers,
      body: body && body.length > 0 ? body : undefined,
      signal: anySignal(signals.filter(Boolean)),
      redirect: 'manual',
    });
    const headers = [];
    res.headers.forEach((v, k) => headers.push([k, v]));
    return { status: res.status, headers, body: new Uint8Array(await res.arrayBuffer()) };
  };
}

function anySignal(signals) {
  if (signals.length === 1) return signals[0];
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(signals);
  const c = new AbortController();
  for (const s of signals) {
    if (s.aborted) { c.abort(s.reason); break; }
    s.addEventListener('abort', () => c.abort(s.reason), { once: true });
  }
  return c.signal;
}
