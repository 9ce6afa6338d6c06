'use strict';
// The `journal` client option (issue 24): the same call again after a run stopped part-way continues its
// submission (no second one), and after a run ended answers its outcome again without sending anything.

const test = require('node:test');
const assert = require('node:assert/strict');
const { mkdtempSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { storesubmit, release, emulator, APP_CHANGES } = require('./helpers');

test('with a journal, the same call continues a stopped run and answers an ended one', async (t) => {
  const emu = emulator(t);
  const files = release(t, { 'Contoso.App_1.2.0.0_x64.msixupload': 12 << 20 });
  const journal = mkdtempSync(join(tmpdir(), 'storesubmit-node-journal-'));
  t.after(() => rmSync(journal, { recursive: true, force: true }));
  const client = emu.client({ journal, upload: { blockSize: 1 << 20, concurrency: 2 } });
  const ac = new AbortController();
  const onProgress = (e) => e.kind === 'upload' && e.done > 0 && ac.abort();
  const err = await client.publishAppSubmission(emu.appId, APP_CHANGES, { files, signal: ac.signal, onProgress }).catch((e) => e);
  assert.ok(err instanceof storesubmit.OperationCancelledError, String(err));
  const stopped = JSON.parse(err.resumeToken).submission_id;
  const entries = readdirSync(journal);
  assert.equal(entries.length, 1);
  assert.match(readFileSync(join(journal, entries[0]), 'utf8'), /"resumable"/);

  const done = await client.publishAppSubmission(emu.appId, APP_CHANGES, { files });
  assert.equal(done.stage, 'published');
  assert.equal(done.submissionId, stopped, 'the same submission, not a second one');
  const count = emu.state().devcenter.submissions.length;
  const again = await client.publishAppSubmission(emu.appId, APP_CHANGES, { files });
  assert.equal(again.submissionId, done.submissionId, 'the outcome the journal kept');
  assert.equal(emu.state().devcenter.submissions.length, count, 'nothing new at the service');
});
