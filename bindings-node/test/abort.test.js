'use strict';
// AbortSignal on a running workflow: an abort mid-upload rejects with OperationCancelledError carrying a
// resume token, and resuming from it finishes the same submission (both transports).

const test = require('node:test');
const assert = require('node:assert/strict');
const { storesubmit, TRANSPORTS, release, emulator, APP_CHANGES } = require('./helpers');

for (const [name, transport] of Object.entries(TRANSPORTS)) {
  test(`abort mid-upload, then resume the same submission (${name})`, async (t) => {
    const emu = emulator(t);
    const files = release(t, { 'Contoso.App_1.2.0.0_x64.msixupload': 12 << 20 });
    const client = emu.client({ ...transport, upload: { blockSize: 1 << 20, concurrency: 2 } });
    const ac = new AbortController();
    const seen = [];
    const err = await client
      .publishAppSubmission(emu.appId, APP_CHANGES, {
        files,
        signal: ac.signal,
        onProgress: (e) => {
          seen.push(e);
          if (e.kind === 'upload' && e.done > 0) ac.abort();
        },
      })
      .catch((e) => e);
    assert.ok(err instanceof storesubmit.OperationCancelledError, String(err));
    assert.equal(err.code, 'cancelled');
    assert.equal(err.cause, ac.signal.reason, "the abort's reason is the error's cause");
    assert.match(err.message, /stage `upload`/);
    assert.equal(typeof err.resumeToken, 'string');
    const token = JSON.parse(err.resumeToken);
    assert.equal(token.stage, 'upload');
    assert.ok(token.submission_id);
    const uploaded = seen.filter((e) => e.kind === 'upload');
    assert.ok(uploaded.at(-1).done < uploaded.at(-1).total, 'stopped before the upload finished');

    const status = await client.devcenter.getAppSubmissionStatus(emu.appId, token.submission_id);
    assert.equal(status.status, 'PendingCommit');
    const done = await client.resume(err.resumeToken, { files });
    assert.equal(done.stage, 'published');
    assert.equal(done.submissionId, token.submission_id, 'the same submission, not a second one');
  });

  test(`an aborted signal stops before any request; a timeout signal mid-poll (${name})`, async (t) => {
    const emu = emulator(t, { durations: { certification: 30 } });
    const files = release(t);
    const sent = [];
    const client = emu.client(transport);
    const pre = await client
      .publishAppSubmission(emu.appId, APP_CHANGES, { files, signal: AbortSignal.abort(), onProgress: (e) => sent.push(e) })
      .catch((e) => e);
    assert.ok(pre instanceof storesubmit.OperationCancelledError);
    assert.ok(pre.cause instanceof DOMException && pre.cause.name === 'AbortError', String(pre.cause));
    assert.deepEqual(sent, []);
    const polling = await client
      .publishAppSubmission(emu.appId, APP_CHANGES, {
        files,
        signal: AbortSignal.timeout(1500),
      })
      .catch((e) => e);
    assert.ok(polling instanceof storesubmit.OperationCancelledError, String(polling));
    assert.equal(polling.cause?.name, 'TimeoutError');
    assert.match(polling.message, /stage `poll/);
    assert.ok(polling.resumeToken, 'committed: resumable');
    emu.advanceClock(60);
    const done = await client.resume(polling.resumeToken, { files });
    assert.equal(done.stage, 'published');
  });
}

for (const [name, transport] of Object.entries(TRANSPORTS)) {
  test(`a throwing progress callback stops the run with its error (${name})`, async (t) => {
    const emu = emulator(t);
    const files = release(t);
    const client = emu.client(transport);
    const boom = new RangeError('callback failed');
    const err = await client
      .publishAppSubmission(emu.appId, APP_CHANGES, { files, onProgress: (e) => { if (e.kind === 'upload') throw boom; } })
      .catch((e) => e);
    assert.equal(err, boom);
    // the client still works afterwards
    assert.equal((await client.devcenter.getApp(emu.appId)).id, emu.appId);
  });
}
