// The GitHub Action and the Azure DevOps task end to end: `node integrations/action/main.mjs` as a child
// process with the variables each runner sets (INPUT_*, GITHUB_ACTIONS / TF_BUILD, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, AGENT_TEMPDIRECTORY), against the emulator embedded in the Node addon. Asserts the
// outputs, the summary, the emulator's state, the masking of the client secret, a dry run that changes
// nothing and the annotations of a broken project file.

import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import storesubmit from 'storesubmit';
import { githubHost } from '../action/host-github.mjs';
import { githubOutputs, runStep as runEntry } from './helpers.mjs';
import { devopsHost, taskInputName } from '../action/host-devops.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const MAIN = join(HERE, '..', 'action', 'main.mjs');
const TASK = join(HERE, '..', 'azure-devops', 'index.mjs');
const NEW_TITLE = 'Contoso App | shipped by the Action';

function tempDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'storesubmit-action-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A fresh emulator (fast phases), stopped when the test ends. */
function emulator(t) {
  const emu = storesubmit.startEmulator();
  t.after(() => emu.stop());
  return emu;
}

/** The emulator's connection as its first output line has it (snake_case), without the client secret. */
function configFile(dir, emu) {
  const path = join(dir, 'emulator.json');
  const line = {
    devcenter_url: emu.devcenterUrl,
    win32_url: emu.win32Url,
    ingestion_url: emu.ingestionUrl,
    token_url: emu.tokenUrl,
    tenant_id: emu.tenantId,
    client_id: emu.clientId,
    seller_id: emu.sellerId,
    app_id: emu.appId,
  };
  writeFileSync(path, `${JSON.stringify(line)}\n{"event":"listening"}\n`);
  return path;
}

/** A project folder for the emulator's app: a package, an en-us listing with a new title. */
function projectDir(dir, appId, { secretVar = 'STORESUBMIT_CLIENT_SECRET', kind = 'app' } = {}) {
  mkdirSync(join(dir, 'build'), { recursive: true });
  mkdirSync(join(dir, 'listings'), { recursive: true });
  writeFileSync(join(dir, 'build', 'Contoso.App_2.0.0.0_x64.msixupload'), Buffer.alloc(64 << 10, 7));
  writeFileSync(
    join(dir, 'listings', 'en-us.json'),
    JSON.stringify({ title: NEW_TITLE, description: 'Published by the storesubmit GitHub Action.\nSecond line.' }),
  );
  writeFileSync(
    join(dir, 'storesubmit.toml'),
    [
      '[product]',
      `kind = "${kind}"`,
      `id = "${appId}"`,
      '',
      '[credentials]',
      `client_secret = "${secretVar}"`,
      '',
      '[packages]',
      'files = ["build/*.msixupload"]',
      '',
      '[listings]',
      'folder = "listings"',
      '',
      '[release]',
      'wait = "published"',
      '',
    ].join('\n'),
  );
  return join(dir, 'storesubmit.toml');
}

/** Runs the entry point (the action's unless `entry`) as a runner does; see helpers.mjs. */
function runStep(env, entry = MAIN, cancel = null) {
  return runEntry(entry, env, cancel);
}

/** The secret appears in no line but the one that registers it with the runner. */
function assertMasked(secret, { stdout, stderr }, files, registerPrefix) {
  const lines = stdout.split('\n');
  const showing = lines.filter((l) => l.includes(secret));
  assert.deepEqual(showing, [`${registerPrefix}${secret}`], 'only the mask command carries the secret');
  assert.ok(!stderr.includes(secret), 'stderr has no secret');
  for (const f of files) assert.ok(!readFileSync(f, 'utf8').includes(secret), `${f} has no secret`);
}

/** A secret the step may only register with the runner (`registerPrefix`), never print otherwise. */
function assertNotShown(secret, { stdout, stderr }, registerPrefix) {
  const showing = stdout.split('\n').filter((l) => l.includes(secret) && l !== `${registerPrefix}${secret}`);
  assert.deepEqual(showing, [], 'the secret is printed');
  assert.ok(!stderr.includes(secret), 'stderr has no secret');
}

/** The emulator's submissions as `id → status`, with the app's pending one. */
function submissions(emu) {
  const s = emu.state().devcenter;
  return Object.fromEntries(s.submissions.map((x) => [x.id, x.status]));
}

function githubEnv(dir, extra) {
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dir,
    GITHUB_OUTPUT: join(dir, 'github_output'),
    GITHUB_STEP_SUMMARY: join(dir, 'step_summary.md'),
    RUNNER_TEMP: dir,
    'INPUT_POLL-INTERVAL': '0.05',
    ...extra,
  };
}

test('GitHub Action: publishes the project, sets the outputs, writes the summary, masks the secret', async (t) => {
  const emu = emulator(t);
  const dir = tempDir(t);
  projectDir(dir, emu.appId);
  const before = submissions(emu);
  const env = githubEnv(dir, {
    INPUT_PROJECT: 'storesubmit.toml',
    INPUT_CONFIG: configFile(dir, emu),
    'INPUT_CLIENT-SECRET': emu.clientSecret,
    'INPUT_DRY-RUN': 'false',
    'INPUT_SAVE-RESUME': join(dir, 'resume.json'),
  });
  const r = await runStep(env);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  const outputs = githubOutputs(env.GITHUB_OUTPUT);
  assert.equal(outputs.status, 'Published');
  assert.equal(outputs.stage, 'published');
  const id = outputs['submission-id'];
  assert.match(id, /^\d+$/);
  assert.equal(before[id], undefined, 'a new submission');
  assert.equal(submissions(emu)[id], 'Published', 'the emulator has it published');
  const app = await emu.client().devcenter.getApp(emu.appId);
  assert.equal(app.lastPublishedApplicationSubmission.id, id);

  const md = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8');
  assert.ok(md.includes(`| Submission id | ${id} |`), md);
  assert.ok(md.includes('| Status | Published |'), md);
  assert.ok(md.includes('Contoso App \\| shipped by the Action'), 'the changed title, escaped for the table');
  assert.ok(md.includes('/listings/en-us/baseListing/title'), md);
  assert.ok(r.stdout.includes('::group::storesubmit: plan') && r.stdout.includes('::endgroup::'), r.stdout);
  assert.ok(/::group::storesubmit: (upload|commit)/.test(r.stdout), r.stdout);
  assertMasked(emu.clientSecret, r, [env.GITHUB_OUTPUT, env.GITHUB_STEP_SUMMARY], '::add-mask::');
});

test('GitHub Action: a dry run plans, writes the plan and changes nothing', async (t) => {
  const emu = emulator(t);
  const dir = tempDir(t);
  projectDir(dir, emu.appId);
  const before = JSON.stringify(emu.state().devcenter);
  // a save-resume file left by an earlier run: a dry run neither resumes from it nor removes it
  writeFileSync(join(dir, 'resume.json'), '{"flow": "left by an earlier run"}');
  const env = githubEnv(dir, {
    INPUT_CONFIG: configFile(dir, emu),
    'INPUT_DRY-RUN': 'true',
    'INPUT_SAVE-RESUME': 'resume.json',
    STORESUBMIT_CLIENT_SECRET: emu.clientSecret,
  });
  const r = await runStep(env);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.equal(JSON.stringify(emu.state().devcenter), before, 'the emulator is unchanged');
  assert.equal(readFileSync(join(dir, 'resume.json'), 'utf8'), '{"flow": "left by an earlier run"}');
  assert.ok(!r.stdout.includes('resum'), r.stdout);
  const outputs = githubOutputs(env.GITHUB_OUTPUT);
  assert.deepEqual([outputs.status, outputs.stage, outputs['submission-id']], ['dry-run', 'plan', undefined]);
  const md = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8');
  assert.ok(md.startsWith('## storesubmit: plan (dry run'), md);
  assert.ok(md.includes('Contoso App \\| shipped by the Action'), md);
  assert.ok(md.includes('Contoso.App_2.0.0.0_x64.msixupload'), 'the package to add');
  assertMasked(emu.clientSecret, r, [env.GITHUB_OUTPUT, env.GITHUB_STEP_SUMMARY], '::add-mask::');
});

test('GitHub Action: an environment that stops at the draft saves the resume token', async (t) => {
  const emu = emulator(t);
  const dir = tempDir(t);
  const project = projectDir(dir, emu.appId);
  writeFileSync(project, `${readFileSync(project, 'utf8')}\n[environments.beta]\nrelease = { wait = "draft" }\n`);
  const env = githubEnv(dir, {
    INPUT_CONFIG: configFile(dir, emu),
    INPUT_ENVIRONMENT: 'beta',
    'INPUT_SAVE-RESUME': 'state/resume.json',
    STORESUBMIT_CLIENT_SECRET: emu.clientSecret,
  });
  const r = await runStep(env);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  const outputs = githubOutputs(env.GITHUB_OUTPUT);
  assert.equal(outputs.stage, 'draft');
  const token = readFileSync(join(dir, 'state', 'resume.json'), 'utf8');
  assert.equal(outputs['resume-token'], token, 'the output is the token, the file (relative to the workspace) holds it');
  assert.ok(!token.includes(emu.clientSecret));
  assert.notEqual(submissions(emu)[outputs['submission-id']], 'Published', 'stopped before the commit');
  // the saved token continues the same submission to the end
  const done = await emu.client({ poll: { initial: 0.05 } }).resume(token);
  assert.equal(done.submissionId, outputs['submission-id']);
  assert.equal(done.status, 'Published');
});

test('GitHub Action: the resume-token input continues the submission an earlier step stopped', async (t) => {
  const emu = emulator(t);
  const dir = tempDir(t);
  projectDir(dir, emu.appId);
  const base = { INPUT_CONFIG: configFile(dir, emu), STORESUBMIT_CLIENT_SECRET: emu.clientSecret };
  const draft = await runStep(githubEnv(dir, { ...base, INPUT_WAIT: 'draft' }));
  assert.equal(draft.code, 0, draft.stdout);
  const first = githubOutputs(join(dir, 'github_output'));
  assert.ok(first['resume-token'], 'a run stopped early outputs its token');
  // the next job: a fresh output file, the token as the input (a file holding it works the same)
  writeFileSync(join(dir, 'token.json'), first['resume-token']);
  for (const [i, token] of [first['resume-token'], 'token.json'].entries()) {
    const env = githubEnv(dir, { ...base, 'INPUT_RESUME-TOKEN': token, GITHUB_OUTPUT: join(dir, `out${i}`), INPUT_WAIT: i === 0 ? 'committed' : '' });
    const r = await runStep(env);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, new RegExp(`continuing submission ${first['submission-id']} from its resume token`));
    const outputs = githubOutputs(env.GITHUB_OUTPUT);
    assert.equal(outputs['submission-id'], first['submission-id'], 'the same submission');
    assert.equal(outputs.stage, i === 0 ? 'committed' : 'published');
  }
  assert.equal(submissions(emu)[first['submission-id']], 'Published');
  assert.equal(Object.values(submissions(emu)).filter((x) => x !== 'Published').length, 0, 'no other submission left pending');
  const bad = await runStep(githubEnv(dir, { ...base, 'INPUT_RESUME-TOKEN': 'no-such-file.json' }));
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /::error title=storesubmit::storesubmit: input resume-token: cannot read .*no-such-file\.json \(ENOENT\)/);
});

test('GitHub Action: a broken project file is annotated and fails the step', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'storesubmit.toml');
  writeFileSync(path, '[product]\nkind = "spaceship"\nid = "9NBLGGH4R315"\n\n[credentials]\nclient_secret = "hunter2-looks-like-a-secret~~Q8a"\n');
  const env = githubEnv(dir, { INPUT_PROJECT: path, 'INPUT_CLIENT-SECRET': 'UNUSED-SECRET-1' });
  const r = await runStep(env);
  assert.notEqual(r.code, 0);
  const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error file='));
  assert.ok(errors.length >= 1, r.stdout);
  // the file relative to the workspace, the issue code as the title
  for (const e of errors) assert.match(e, /^::error file=storesubmit\.toml,title=project\.[a-z_.]+::/);
  const listing = join(dir, 'listings');
  mkdirSync(listing);
  writeFileSync(join(listing, 'en-us.md'), '---\ntitle: A\n');
  writeFileSync(path, '[product]\nkind = "app"\nid = "9NBLGGH4R315"\n\n[listings]\nfolder = "listings"\n');
  const broken = await runStep(env);
  assert.notEqual(broken.code, 0);
  assert.match(broken.stdout, /^::(error|warning) file=listings\/en-us\.md,title=project\.[a-z_.]+::/m, 'an issue in a named file points at it');
  assert.ok(r.stdout.includes('::error title=storesubmit::'), 'the failure line');
  // a failed step still says why in its summary (issue 24: a summary on every failure)
  const md = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8');
  assert.ok(md.startsWith('## storesubmit: failed') && md.includes('| Error code | validation |'), md);
  assert.ok(md.includes('storesubmit.toml has'), md);
  assert.ok(!md.includes('hunter2-looks-like-a-secret~~Q8a') && !md.includes('UNUSED-SECRET-1'), md);
});

test('GitHub Action: a Store error fails with its code and a failure summary', async (t) => {
  const emu = emulator(t);
  const dir = tempDir(t);
  projectDir(dir, '9NOSUCHAPP00');
  const env = githubEnv(dir, { INPUT_CONFIG: configFile(dir, emu), 'INPUT_CLIENT-SECRET': emu.clientSecret });
  const r = await runStep(env);
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stdout, /::error title=storesubmit::storesubmit failed: \[not_found\]/);
  const md = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8');
  assert.ok(md.startsWith('## storesubmit: failed') && md.includes('| Error code | not_found |'), md);
  assertMasked(emu.clientSecret, r, [], '::add-mask::');
});

test('Azure DevOps task: publishes with the task inputs, sets output variables, uploads the summary', async (t) => {
  const emu = emulator(t);
  const dir = tempDir(t);
  projectDir(dir, emu.appId, { secretVar: 'STORE_CLIENT_SECRET' });
  const agentTemp = join(dir, 'agent-temp');
  mkdirSync(agentTemp);
  const env = {
    TF_BUILD: 'True',
    BUILD_SOURCESDIRECTORY: dir,
    AGENT_TEMPDIRECTORY: agentTemp,
    INPUT_PROJECT: 'storesubmit.toml',
    INPUT_CONFIG: configFile(dir, emu),
    INPUT_DRYRUN: 'false',
    INPUT_WAIT: 'published',
    INPUT_POLLINTERVAL: '0.05',
    // the secret comes from the variable the project file names (a secret variable mapped to env)
    STORE_CLIENT_SECRET: emu.clientSecret,
  };
  const r = await runStep(env, TASK);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  const vars = Object.fromEntries(
    [...r.stdout.matchAll(/^##vso\[task\.setvariable variable=(\w+);isOutput=true;\](.*)$/gm)].map((m) => [m[1], m[2]]),
  );
  assert.equal(vars.status, 'Published');
  assert.equal(vars.stage, 'published');
  assert.match(vars.submissionId, /^\d+$/);
  assert.equal(submissions(emu)[vars.submissionId], 'Published');
  const uploads = [...r.stdout.matchAll(/^##vso\[task\.uploadsummary\](.+)$/gm)].map((m) => m[1]);
  assert.equal(uploads.length, 1, r.stdout);
  assert.ok(uploads[0].startsWith(agentTemp), uploads[0]);
  const md = readFileSync(uploads[0], 'utf8');
  assert.ok(md.includes(`| Submission id | ${vars.submissionId} |`) && md.includes('shipped by the Action'), md);
  assert.ok(r.stdout.includes('##[group]storesubmit: plan'), r.stdout);
  assert.ok(!r.stdout.includes('::group::') && !r.stdout.includes('##vso[task.complete result=Failed'), r.stdout);
  assertMasked(emu.clientSecret, r, [uploads[0]], '##vso[task.setsecret]');
});

test('Azure DevOps task: SIGTERM cancels the run, which still reports its token, variables and summary', async (t) => {
  const emu = emulator(t);
  const dir = tempDir(t);
  projectDir(dir, emu.appId);
  emu.addFault({ op: 'devcenter.commit_app_submission', delay_ms: 1500, times: 1 });
  const env = {
    TF_BUILD: 'True',
    BUILD_SOURCESDIRECTORY: dir,
    AGENT_TEMPDIRECTORY: dir,
    INPUT_CONFIG: configFile(dir, emu),
    INPUT_CLIENTSECRET: emu.clientSecret,
    INPUT_POLLINTERVAL: '0.05',
    INPUT_SAVERESUME: 'resume.json',
  };
  const r = await runStep(env, TASK, { line: '##[group]storesubmit: commit', signal: 'SIGTERM' });
  assert.equal(r.code, 143, `128 + SIGTERM: ${r.stdout}\n${r.stderr}`);
  const vars = Object.fromEntries(
    [...r.stdout.matchAll(/^##vso\[task\.setvariable variable=(\w+);isOutput=true;\](.*)$/gm)].map((m) => [m[1], m[2]]),
  );
  assert.equal(vars.status, 'cancelled', r.stdout);
  assert.equal(vars.stage, 'commit');
  assert.equal(vars.resumeToken, readFileSync(join(dir, 'resume.json'), 'utf8'), 'the variable and the save-resume file hold the token');
  assert.match(vars.submissionId, /^\d+$/);
  const uploads = [...r.stdout.matchAll(/^##vso\[task\.uploadsummary\](.+)$/gm)].map((m) => m[1]);
  assert.equal(uploads.length, 1, r.stdout);
  const md = readFileSync(uploads[0], 'utf8');
  assert.ok(md.startsWith('## storesubmit: failed') && md.includes('| Error code | cancelled |') && md.includes('| Resumable | yes |'), md);
  assert.match(r.stdout, /^##vso\[task\.complete result=Failed;\]storesubmit failed: \[cancelled\] /m);
  assertMasked(emu.clientSecret, r, [uploads[0]], '##vso[task.setsecret]');
  // the next run (a new job with the token as its input) finishes the same submission, committed once
  const again = await runStep({ ...env, INPUT_SAVERESUME: '', INPUT_RESUMETOKEN: vars.resumeToken }, TASK);
  assert.equal(again.code, 0, again.stdout);
  assert.match(again.stdout, new RegExp(`^##vso\\[task\\.setvariable variable=submissionId;isOutput=true;\\]${vars.submissionId}$`, 'm'));
  assert.equal(submissions(emu)[vars.submissionId], 'Published');
});

test('GitHub Action: Markdown and HTML in a title reach the summary as text', async (t) => {
  const emu = emulator(t);
  const dir = tempDir(t);
  projectDir(dir, emu.appId);
  const title = 'Contoso <img src=x onerror=alert(1)> `code` | <b>bold</b>';
  writeFileSync(join(dir, 'listings', 'en-us.json'), JSON.stringify({ title, description: 'A description.' }));
  const env = githubEnv(dir, { INPUT_CONFIG: configFile(dir, emu), 'INPUT_DRY-RUN': 'true', STORESUBMIT_CLIENT_SECRET: emu.clientSecret });
  const r = await runStep(env);
  assert.equal(r.code, 0, r.stdout);
  const md = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8');
  assert.ok(md.includes('Contoso &lt;img src=x onerror=alert(1)&gt; \\`code\\` \\| &lt;b&gt;bold&lt;/b&gt;'), md);
  assert.ok(!md.includes('<img') && !md.includes('<b>'), md);
});

test('Azure DevOps task: a broken project file is a logged issue and a failed task', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'storesubmit.toml'), '[product]\nkind = "spaceship"\n');
  const r = await runStep({ TF_BUILD: 'True', BUILD_SOURCESDIRECTORY: dir, AGENT_TEMPDIRECTORY: dir, INPUT_PROJECT: 'storesubmit.toml' }, TASK);
  assert.notEqual(r.code, 0);
  const issues = r.stdout.split('\n').filter((l) => l.startsWith('##vso[task.logissue type=error;sourcepath='));
  assert.ok(issues.length >= 1, r.stdout);
  assert.match(issues[0], /;code=project\.[a-z_.]+;\]/);
  assert.match(r.stdout, /^##vso\[task\.complete result=Failed;\]storesubmit: .*storesubmit\.toml has \d+ error/m);
});

test('GitHub Action: a config file with an unknown key fails before any request', async (t) => {
  const dir = tempDir(t);
  projectDir(dir, '9NBLGGH4R315');
  writeFileSync(join(dir, 'bad.json'), '{"devcenterURL": "http://127.0.0.1:9"}');
  const r = await runStep(githubEnv(dir, { INPUT_CONFIG: 'bad.json', 'INPUT_CLIENT-SECRET': 's3cr3t-value' }));
  assert.equal(r.code, 1);
  assert.match(r.stdout, /::error title=storesubmit::storesubmit failed: \[invalid_argument\] config file .*bad\.json: unknown key `devcenterURL`/);
});

test('the entry point refuses to run outside a runner', async () => {
  const r = await runStep({});
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not on a GitHub Actions runner/);
});

test('host protocols: escaping, multi-line outputs, input names', (t) => {
  const dir = tempDir(t);
  const lines = [];
  const gh = githubHost(
    { GITHUB_OUTPUT: join(dir, 'o'), GITHUB_STEP_SUMMARY: join(dir, 's'), 'INPUT_CLIENT-ID': ' abc ', 'INPUT_SAVE_RESUME': 'x' },
    (l) => lines.push(l),
  );
  assert.equal(gh.input('client-id'), 'abc', 'hyphens kept, value trimmed');
  assert.equal(gh.input('save-resume'), '', 'INPUT_SAVE-RESUME, not INPUT_SAVE_RESUME');
  gh.annotate('error', 'line 1\nline 2 100%', { file: 'C:\\a,b.toml', title: 'project.x' });
  assert.equal(lines.pop(), '::error file=C%3A\\a%2Cb.toml,title=project.x::line 1%0Aline 2 100%25');
  gh.setOutput('status', 'two\nlines');
  assert.deepEqual(githubOutputs(join(dir, 'o')), { status: 'two\nlines' });
  const az = devopsHost({ INPUT_SAVERESUME: 'r.json', AGENT_TEMPDIRECTORY: dir }, (l) => lines.push(l));
  assert.equal(taskInputName('save-resume'), 'saveResume');
  assert.equal(az.input('save-resume'), 'r.json');
  az.annotate('warning', 'a;b]c\n100%', { file: 'p;]', title: 'c' });
  assert.equal(lines.pop(), '##vso[task.logissue type=warning;sourcepath=p%3B%5D;code=c;]a;b]c%0A100%AZP25');
  az.setOutput('submission-id', '42');
  assert.equal(lines.pop(), '##vso[task.setvariable variable=submissionId;isOutput=true;]42');
  az.fail('bad');
  assert.deepEqual(lines.slice(-2), ['##vso[task.logissue type=error;]bad', '##vso[task.complete result=Failed;]bad']);
});

test('action.yml and task.json declare the same inputs and outputs, and the entry point reads each', () => {
  const root = join(HERE, '..', '..');
  const yml = readFileSync(join(root, 'action.yml'), 'utf8');
  const block = (name) => {
    const start = yml.indexOf(`\n${name}:\n`);
    assert.ok(start >= 0, `action.yml has ${name}`);
    const rest = yml.slice(start + name.length + 3);
    const end = rest.search(/\n\S/);
    return [...rest.slice(0, end < 0 ? undefined : end).matchAll(/^ {2}([a-z][a-z0-9-]*):$/gm)].map((m) => m[1]);
  };
  const inputs = block('inputs');
  const outputs = block('outputs');
  assert.ok(inputs.length >= 10 && outputs.length === 4, `${inputs} / ${outputs}`);
  assert.match(yml, /^ {2}using: node20$/m);
  const main = /^ {2}main: (.+)$/m.exec(yml)[1];
  assert.equal(join(root, main), MAIN);

  const task = JSON.parse(readFileSync(join(HERE, '..', 'azure-devops', 'task.json'), 'utf8'));
  // the service connection is Azure DevOps' own (host-devops.mjs reads it)
  const taskOnly = ['connectedServiceName'];
  assert.deepEqual(task.inputs.map((i) => i.name).filter((n) => !taskOnly.includes(n)), inputs.map(taskInputName));
  const devops = readFileSync(join(HERE, '..', 'action', 'host-devops.mjs'), 'utf8');
  assert.ok(devops.includes("'connected service name'"), 'host-devops.mjs reads the service connection');
  assert.deepEqual(task.outputVariables.map((o) => o.name), outputs.map(taskInputName));
  assert.match(task.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(task.category, 'Deploy');
  assert.equal(join(HERE, '..', 'azure-devops', task.execution.Node20_1.target), TASK);

  const run = readFileSync(join(HERE, '..', 'action', 'run.mjs'), 'utf8');
  for (const name of inputs) assert.ok(run.includes(`'${name}'`), `run.mjs reads the input ${name}`);
  for (const name of outputs) assert.ok(run.includes(`setOutput('${name}'`), `run.mjs sets the output ${name}`);
});

test('GitHub Action: a step killed hard during the commit is continued by the same step run again (its journal in RUNNER_TEMP)', async (t) => {
  const emu = emulator(t);
  const dir = tempDir(t);
  projectDir(dir, emu.appId);
  emu.addFault({ op: 'devcenter.commit_app_submission', delay_ms: 3000, times: 1 });
  const before = submissions(emu);
  const env = githubEnv(dir, { INPUT_CONFIG: configFile(dir, emu), 'INPUT_CLIENT-SECRET': emu.clientSecret, 'INPUT_DRY-RUN': 'false' });
  const killed = await runStep(env, MAIN, { line: '::group::storesubmit: commit', signal: 'SIGKILL' });
  assert.equal(killed.sent, 'SIGKILL', `the commit stage showed: ${killed.stdout}`);
  const created = Object.keys(submissions(emu)).filter((id) => before[id] === undefined);
  assert.equal(created.length, 1, 'the killed step had created its submission');

  const again = await runStep(env);
  assert.equal(again.code, 0, `${again.stdout}\n${again.stderr}`);
  const outputs = githubOutputs(env.GITHUB_OUTPUT);
  assert.equal(outputs['submission-id'], created[0], 'the same submission, continued');
  assert.equal(outputs.status, 'Published');
  assert.deepEqual(Object.keys(submissions(emu)).filter((id) => before[id] === undefined), created, 'never a second one');
});

test('GitHub Action: auth: oidc publishes with the job\'s ID token, no secret anywhere', async (t) => {
  const emu = emulator(t);
  const dir = tempDir(t);
  projectDir(dir, emu.appId);
  const asked = async () => (await (await fetch(`${emu.adminUrl}/requests`)).json()).filter((q) => q.op === 'oidc.token').length;
  const before = await asked();
  // what a runner gives a job with `permissions: id-token: write`; no client secret in any variable or file
  const env = githubEnv(dir, {
    INPUT_PROJECT: 'storesubmit.toml',
    INPUT_CONFIG: configFile(dir, emu),
    INPUT_AUTH: 'oidc',
    ACTIONS_ID_TOKEN_REQUEST_URL: emu.oidcRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: emu.oidcRequestToken,
  });
  const r = await runStep(env);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  const outputs = githubOutputs(env.GITHUB_OUTPUT);
  assert.equal(outputs.status, 'Published');
  assert.equal(submissions(emu)[outputs['submission-id']], 'Published');
  assert.ok(r.stdout.includes('auth github-oidc from input auth'), r.stdout);
  assert.ok((await asked()) > before, 'the ID token was asked for');
  assertNotShown(emu.oidcRequestToken, r, '::add-mask::');
});

test('GitHub Action: a wrong subject fails the step naming the mismatch', async (t) => {
  const emu = emulator(t);
  const dir = tempDir(t);
  projectDir(dir, emu.appId);
  const env = githubEnv(dir, {
    INPUT_PROJECT: 'storesubmit.toml',
    INPUT_CONFIG: configFile(dir, emu),
    INPUT_AUTH: 'oidc',
    ACTIONS_ID_TOKEN_REQUEST_URL: emu.oidcRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: emu.oidcRequestToken,
  });
  const patch = await fetch(`${emu.adminUrl}/settings`, {
    method: 'PATCH',
    body: JSON.stringify({ oidc: { github_subject: 'repo:contoso/fork:pull_request' } }),
  });
  assert.equal(patch.status, 200);
  const r = await runStep(env);
  assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /::error title=storesubmit::storesubmit failed: \[auth\] .*AADSTS70021.*Assertion Subject: 'repo:contoso\/fork:pull_request'.*The subject does not match/);
});

test('Azure DevOps task: a workload identity service connection signs in with its OIDC token', async (t) => {
  const emu = emulator(t);
  const dir = tempDir(t);
  projectDir(dir, emu.appId);
  const agentTemp = join(dir, 'agent-temp');
  mkdirSync(agentTemp);
  const id = '6d0f3f3a-0000-4000-8000-00000000c0c0';
  const endpoint = id.toUpperCase();
  const env = {
    TF_BUILD: 'True',
    BUILD_SOURCESDIRECTORY: dir,
    AGENT_TEMPDIRECTORY: agentTemp,
    INPUT_PROJECT: 'storesubmit.toml',
    INPUT_CONFIG: configFile(dir, emu),
    INPUT_POLLINTERVAL: '0.05',
    INPUT_CONNECTEDSERVICENAME: id,
    // what the agent gives a task whose input names the service connection
    [`ENDPOINT_AUTH_SCHEME_${endpoint}`]: 'WorkloadIdentityFederation',
    [`ENDPOINT_AUTH_PARAMETER_${endpoint}_TENANTID`]: emu.tenantId,
    [`ENDPOINT_AUTH_PARAMETER_${endpoint}_SERVICEPRINCIPALID`]: emu.clientId,
    ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN: emu.oidcRequestToken,
    SYSTEM_OIDCREQUESTURI: emu.oidcRequestUrl,
  };
  const r = await runStep(env, TASK);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.ok(r.stdout.includes('auth azure-pipelines from input auth'), r.stdout);
  const vars = Object.fromEntries(
    [...r.stdout.matchAll(/^##vso\[task\.setvariable variable=(\w+);isOutput=true;\](.*)$/gm)].map((m) => [m[1], m[2]]),
  );
  assert.equal(vars.status, 'Published');
  assertNotShown(emu.oidcRequestToken, r, '##vso[task.setsecret]');
});

test("README's CI examples sign in without a secret, with inputs the action and the task declare", () => {
  const root = join(HERE, '..', '..');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## GitHub Actions and Azure Pipelines'));
  const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.equal(blocks.length, 2, 'a GitHub workflow and an Azure pipeline');
  for (const b of blocks) {
    assert.doesNotMatch(b, /client-secret|clientSecret|secrets\.|StoreClientSecret/, `a secret in the example:\n${b}`);
  }
  const [github, azure] = blocks;
  assert.match(github, /permissions:\n\s+id-token: write/);
  assert.match(github, /auth: oidc/);
  const yml = readFileSync(join(root, 'action.yml'), 'utf8');
  for (const [, name] of github.matchAll(/^ {10}([a-z-]+):/gm)) assert.match(yml, new RegExp(`\\n  ${name}:\\n`), `action.yml has ${name}`);
  const task = JSON.parse(readFileSync(join(HERE, '..', 'azure-devops', 'task.json'), 'utf8'));
  for (const [, name] of azure.matchAll(/^ {6}([A-Za-z]+):/gm)) assert.ok(task.inputs.some((i) => i.name === name), `task.json has ${name}`);
  assert.match(azure, /connectedServiceName:/);
});
