// The behaviour vectors (tests/vectors/behaviour/scenarios.json, format in its README) through the Action's
// entry point, as a runner starts it: `node action/main.mjs` as a child process with INPUT_* variables,
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, against a fresh emulator embedded in the Node addon. A scenario's
// request becomes a project file (its changes as the `[submission]` file, the files beside it); a cancel is
// SIGINT or SIGTERM sent to the step when its log opens the scenario's stage (`::group::storesubmit:
// <stage>`), as a cancelled job or `timeout-minutes` does; then the step runs again (the `resume-token`
// input with the token the cancelled step output, or the same step, which resumes from its save-resume file
// or runs the request again). The emulator's request log is checked as the vector says, and the values the
// emulator handed out (`GET /issued`) are looked for in the log, the outputs and the summary.

import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import storesubmit from 'storesubmit';
import { githubOutputs, runStep } from './helpers.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = process.env.STORESUBMIT_ROOT || join(HERE, '..', '..');
const MAIN = join(HERE, '..', 'action', 'main.mjs');
const vectors = JSON.parse(readFileSync(join(ROOT, 'tests', 'vectors', 'behaviour', 'scenarios.json'), 'utf8'));
const SIGNALS = { SIGINT: 130, SIGTERM: 143 };

/** A scenario's file bytes: byte `i` is `i % 251`, a name ending in an extension of the top-level
 *  `fileHeaders` starts with those bytes (hex). */
function fileBytes(name, size) {
  const bytes = Buffer.from(Uint8Array.from({ length: size }, (_, i) => i % 251));
  const ext = Object.keys(vectors.fileHeaders || {}).find((e) => name.toLowerCase().endsWith(e));
  if (ext) Buffer.from(vectors.fileHeaders[ext], 'hex').copy(bytes, 0, 0, size);
  return bytes;
}

async function admin(emu, method, path, body) {
  const res = await fetch(`${emu.adminUrl}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(res.ok, `${method} ${path}: ${res.status}`);
  return method === 'GET' ? res.json() : null;
}

/** The scenario's request with the emulator's ids, and the publish it is about (a plan's request; a
 *  `call` of devcenter.get_app is an app publish with no changes: its plan reads the app first). */
function publishOf(s, emu) {
  const request = JSON.parse(JSON.stringify(s.request).replaceAll('{appId}', emu.appId));
  if (request.workflow === 'call') {
    assert.equal(request.op, 'devcenter.get_app', `${s.name}: the Action runner knows calls of devcenter.get_app`);
    return { publish: { workflow: 'publishAppSubmission', appId: request.args.applicationId, changes: {} }, dryRun: false };
  }
  const dryRun = request.workflow === 'plan';
  const publish = dryRun ? request.request : request;
  assert.equal(publish.workflow, 'publishAppSubmission', `${s.name}: the Action runner knows app publishes`);
  return { publish, dryRun };
}

/** The workspace of a scenario: its files, its changes as submission.json, a project file naming both. */
function workspace(dir, s, publish) {
  const ws = join(dir, 'ws');
  mkdirSync(ws, { recursive: true });
  for (const [name, size] of Object.entries(s.files)) {
    const path = join(ws, ...name.split(/[\\/]/));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, fileBytes(name, size));
  }
  writeFileSync(join(ws, 'submission.json'), JSON.stringify(publish.changes));
  writeFileSync(join(ws, 'storesubmit.toml'), `[product]\nkind = "app"\nid = "${publish.appId}"\n\n[submission]\nfile = "submission.json"\n`);
  return ws;
}

/** A step's environment in `dir` (its own output and summary files). */
function stepEnv(dir, ws, emu, extra = {}) {
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'emulator.json');
  const { devcenterUrl, win32Url, ingestionUrl, tokenUrl, tenantId, clientId, sellerId } = emu;
  writeFileSync(config, JSON.stringify({ devcenterUrl, win32Url, ingestionUrl, tokenUrl, tenantId, clientId, sellerId }));
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: ws,
    GITHUB_OUTPUT: join(dir, 'github_output'),
    GITHUB_STEP_SUMMARY: join(dir, 'step_summary.md'),
    RUNNER_TEMP: dir,
    INPUT_CONFIG: config,
    'INPUT_CLIENT-SECRET': emu.clientSecret,
    'INPUT_POLL-INTERVAL': String(vectors.clientOptions.poll.initial),
    ...extra,
  };
}

/** What a step showed: its log, its outputs and its summary. */
function shown(r, env) {
  const summary = existsSync(env.GITHUB_STEP_SUMMARY) ? readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8') : '';
  const outputsText = existsSync(env.GITHUB_OUTPUT) ? readFileSync(env.GITHUB_OUTPUT, 'utf8') : '';
  return { ...r, outputs: githubOutputs(env.GITHUB_OUTPUT), outputsText, summary };
}

/** The outcome fields a vector names, as the step's outputs carry them. */
function assertOutcome(name, step, want) {
  const fields = { stage: 'stage', status: 'status', submissionId: 'submission-id' };
  for (const [k, v] of Object.entries(want)) {
    assert.ok(fields[k], `${name}: the Action runner knows the outcome field ${k}`);
    assert.equal(step.outputs[fields[k]], v, `${name}: ${k}\n${step.stdout}`);
  }
}

test('the behaviour vectors are here', () => {
  assert.ok(vectors.scenarios.length >= 11, 'too few behaviour scenarios');
});

test('behaviour scenarios through the Action entry point', async (t) => {
  let cancels = 0;
  let resumes = 0;
  for (const s of vectors.scenarios) {
    await t.test(s.name, async (st) => {
      const emu = storesubmit.startEmulator();
      st.after(() => emu.stop());
      const dir = mkdtempSync(join(tmpdir(), 'storesubmit-behaviour-'));
      st.after(() => rmSync(dir, { recursive: true, force: true }));
      await admin(emu, 'PATCH', '/settings', vectors.emulatorSettings);
      for (const f of s.faults || []) await admin(emu, 'POST', '/faults', f);
      await admin(emu, 'DELETE', '/requests');
      const { publish, dryRun } = publishOf(s, emu);
      const ws = workspace(dir, s, publish);
      const saveResume = join(dir, 'state', 'resume.json');
      const inputs = { 'INPUT_DRY-RUN': String(dryRun), 'INPUT_SAVE-RESUME': saveResume };
      for (const [k, v] of Object.entries(s.clientOptions || {})) {
        assert.equal(k, 'deadline', `${s.name}: the Action runner knows the deadline (the timeout input) only`);
        inputs.INPUT_TIMEOUT = String(v);
      }
      const env = stepEnv(join(dir, 'first'), ws, emu, inputs);
      let cancel = null;
      if (s.cancelOn) {
        assert.deepEqual(Object.keys(s.cancelOn).sort(), ['kind', 'stage'], `${s.name}: the Action runner cancels at stages`);
        cancel = { stage: s.cancelOn.stage, signal: cancels++ % 2 === 0 ? 'SIGINT' : 'SIGTERM' };
      }
      const started = Date.now();
      const first = shown(await runStep(MAIN, env, cancel && { line: `::group::storesubmit: ${cancel.stage}`, signal: cancel.signal }), env);
      const took = (Date.now() - started) / 1000;
      if (s.expect.withinSeconds !== undefined) assert.ok(took <= s.expect.withinSeconds, `${s.name}: the step took ${took} s`);
      const steps = [first];
      const log = `${first.stdout}\n${first.stderr}`;
      if (s.expect.outcome) {
        assert.equal(first.code, 0, `${s.name}: ${log}`);
        assertOutcome(s.name, first, s.expect.outcome);
        assert.ok(first.summary.startsWith('## storesubmit: result'), first.summary);
      } else if (s.expect.error === 'cancelled') {
        assert.ok(first.sent, `${s.name}: the stage ${cancel.stage} showed: ${log}`);
        assert.equal(first.code, SIGNALS[first.sent], `${s.name}: exits 128 + the signal's number: ${log}`);
        // GitHub's runner follows SIGINT with SIGTERM after 7.5 s and kills the step 2.5 s later
        assert.ok(first.exitMs < 5000, `${s.name}: the step reported and ended ${first.exitMs} ms after the signal`);
        assert.match(first.stdout, /^::error title=storesubmit::storesubmit failed: \[cancelled\] /m);
        assert.equal(first.outputs.status, 'cancelled', log);
        assert.ok(first.outputs.stage, `${s.name}: the stage it stopped in`);
        assert.ok(first.summary.startsWith('## storesubmit: failed') && first.summary.includes('| Error code | cancelled |'), first.summary);
        if (s.expect.resumeToken) {
          const token = first.outputs['resume-token'];
          assert.ok(token, `${s.name}: the resume-token output: ${log}`);
          assert.equal(readFileSync(saveResume, 'utf8'), token, `${s.name}: the save-resume file holds the token`);
          assert.match(first.outputs['submission-id'] || '', /^\d+$/, `${s.name}: the submission it continues`);
        }
      } else {
        assert.equal(first.code, 1, `${s.name}: ${log}`);
        // a pre-flight refusal (issues expected) comes from loading the project: the core checks the
        // resolved submission and the files it names there, so the step refuses the project (an annotation
        // per issue, titled with its code; `validation` in the summary) before any request
        const code = s.expect.issues ? 'validation' : s.expect.error;
        assert.ok(first.summary.startsWith('## storesubmit: failed') && first.summary.includes(`| Error code | ${code} |`), `${s.name}: ${first.summary}\n${log}`);
        if (!s.expect.issues) assert.match(first.stdout, new RegExp(`^::error title=storesubmit::storesubmit failed: \\[${code}\\] `, 'm'), log);
        for (const issue of s.expect.issues || []) {
          assert.match(first.stdout, new RegExp(`^::error file=storesubmit\\.toml,title=${issue.replaceAll('.', '\\.')}::`, 'm'), `${s.name}: ${issue}: ${log}`);
        }
      }
      if (s.then) {
        const token = first.outputs['resume-token'];
        assert.ok(token || s.then === 'resumeOrRerun', `${s.name}: \`resume\` needs a resume token`);
        // the token through the resume-token input, or a rerun of the same step (its save-resume file)
        const viaInput = token && resumes++ % 2 === 0;
        const extra = viaInput ? { 'INPUT_RESUME-TOKEN': token } : { 'INPUT_SAVE-RESUME': saveResume };
        const renv = stepEnv(join(dir, 'again'), ws, emu, extra);
        const again = shown(await runStep(MAIN, renv), renv);
        steps.push(again);
        assert.equal(again.code, 0, `${s.name}: the resume: ${again.stdout}\n${again.stderr}`);
        if (token) assert.match(again.stdout, /continuing submission \d+ from its resume token/, again.stdout);
        if (token && !viaInput) assert.ok(again.stdout.includes(`resuming from ${saveResume}`), again.stdout);
        if (token) assert.equal(again.outputs['submission-id'], first.outputs['submission-id'], `${s.name}: the same submission`);
        assertOutcome(s.name, again, s.final);
        if (!viaInput) assert.ok(!existsSync(saveResume), `${s.name}: nothing left to resume once published`);
      }
      // every scenario (not only those with `secretsAbsent`): no value the emulator handed out (the client
      // secret, each access token, each SAS signature) shows, but in the mask command of the secret
      const issued = await admin(emu, 'GET', '/issued');
      for (const step of steps) {
        const everything = [step.stdout, step.stderr, step.outputsText, step.summary].join('\n');
        for (const secret of issued) {
          const lines = everything.split('\n').filter((l) => l.includes(secret) && l !== `::add-mask::${secret}`);
          assert.deepEqual(lines, [], `${s.name}: a secret value shows`);
        }
        if (s.secretsAbsent) assert.ok(step.stdout.includes('the gateway repeats your request'), `${s.name}: the echo reached the error: ${step.stdout}`);
      }
      // and each access token the steps were given was masked for the runner by the step that held it
      const masks = steps.map((step) => step.stdout).join('\n');
      for (const token of await admin(emu, 'GET', '/issued/tokens')) {
        assert.ok(masks.includes(`::add-mask::${token}`), `${s.name}: an access token the step held is not masked`);
      }
      const requests = (await admin(emu, 'GET', '/requests')).filter((r) => !String(r.path).includes('_emulator'));
      const service = s.service || {};
      if (service.requests !== undefined) assert.equal(requests.length, service.requests, `${s.name}: ${JSON.stringify(requests)}`);
      for (const [op, n] of Object.entries(service.ops || {})) {
        const ok = requests.filter((r) => r.op === op && r.status >= 200 && r.status < 300).length;
        assert.equal(ok, n, `${s.name}: ${op} answered 2xx ${ok} time(s)`);
      }
    });
  }
  assert.ok(cancels >= 5 && resumes >= 3, `cancels ${cancels}, resumes ${resumes}`);
});
