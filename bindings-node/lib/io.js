'use strict';
// The I/O the host loop (host/driver.mjs) performs for a workflow when the caller brings a `fetch`:
// requests through that fetch, sleeps on timers, file reads natively (the core's LocalFiles, off the
// JavaScript thread), tokens from the caller's credential. Each failure is reported with the core's error
// code for "no answer" (`transport`, `timeout`, `io`, `cancelled`); the core decides what happens next.

const { native, guardAsync } = require('./native');

/** An Error carrying one of the core's error codes (the host loop reports it as the task's failure). */
function failure(code, message, cause) {
  const e = new Error(message, cause === undefined ? undefined : { cause });
  e.code = code;
  return e;
}

function sleep(seconds, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(failure('cancelled', 'aborted'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(failure('cancelled', 'aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, seconds * 1000));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The host I/O for one workflow run (see the module comment); `files` is the folder of its files. */
function fetchIo(fetchFn, { files, credential, onCredentialError }) {
  const needFiles = () => {
    if (!files) {
      throw failure('invalid_argument', 'this workflow uploads files: pass `files` (the folder its file names are relative to)');
    }
    return files;
  };
  return {
    async send(task, body, signal) {
      const signals = [signal, task.timeout ? AbortSignal.timeout(Math.ceil(task.timeout * 1000)) : null].filter(Boolean);
      const combined = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
      let res;
      try {
        res = await fetchFn(task.url, {
          method: task.method,
          headers: task.headers,
          body: body && body.length ? body : undefined,
          redirect: 'manual',
          signal: combined,
        });
        const data = new Uint8Array(await res.arrayBuffer());
        const headers = [];
        res.headers.forEach((value, name) => headers.push([name, value]));
        return { status: res.status, headers, body: data };
      } catch (e) {
        if (signal?.aborted) throw failure('cancelled', 'aborted', e);
        if (combined?.aborted) throw failure('timeout', `no answer within ${task.timeout} s`, e);
        const why = (e && e.cause && e.cause.code) || (e && e.name) || 'error';
        throw failure('transport', `the request failed (${why})`, e);
      }
    },
    wait: (seconds, signal) => sleep(seconds, signal),
    stat: (names) => guardAsync(native.statFiles(needFiles(), names)),
    read: async (name, offset, length) => new Uint8Array(await guardAsync(native.readFile(needFiles(), name, offset, length))),
    async token(scope, family, signal) {
      if (!credential) throw failure('invalid_argument', 'the workflow asks for a token but the client has no credential');
      if (signal?.aborted) throw failure('cancelled', 'aborted');
      try {
        const t = await credential.getToken([scope]);
        if (!t || typeof t.token !== 'string' || !t.token || typeof t.expiresOnTimestamp !== 'number') {
          throw new TypeError('getToken(scopes) must return {token, expiresOnTimestamp}');
        }
        return { token: t.token, expiresOn: Math.floor(t.expiresOnTimestamp / 1000) };
      } catch (e) {
        if (onCredentialError) onCredentialError(scope, e);
        throw failure('auth', `the credential could not get a token for ${scope}`);
      }
    },
  };
}

module.exports = { fetchIo, failure, sleep };
