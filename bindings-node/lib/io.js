'use strict';
// The I/O the host loop (host/driver.mjs) performs for a workflow when the caller brings a `fetch`:
// requests through that fetch and timers (the loop's own fetchSender and sleep), file reads natively (the
// core's LocalFiles, off the JavaScript thread), tokens from the caller's credential. A failure carries
// the core's error code for "no answer" (`storesubmitCode`); the core decides what happens next.

const { native, guardAsync } = require('./native');

/** An Error carrying one of the host's error codes. */
function failure(code, message) {
  const e = new Error(message);
  e.storesubmitCode = code;
  return e;
}

/** The host I/O for one workflow run; `files` is the folder its file names are relative to. */
function fetchIo(driver, fetchFn, { files, credential, onCredentialError }) {
  const folder = () => {
    if (!files) {
      throw failure('invalid_argument', 'this workflow reads files: pass `files` (the folder its file names are relative to)');
    }
    return files;
  };
  const io = {
    send: driver.fetchSender(fetchFn),
    wait: driver.sleep,
    stat: (names) => guardAsync(native.statFiles(folder(), names)),
    read: async (name, offset, length) => new Uint8Array(await guardAsync(native.readFile(folder(), name, offset, length))),
  };
  if (credential) {
    io.token = async (scope) => {
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
    };
  }
  return io;
}

module.exports = { fetchIo, failure };
