'use strict';
// loadProject() (the core's "project" call), the plan workflow ({workflow: 'plan', request}) against the
// emulator, and summary() (the core's "summary" call): what the GitHub Action and the DevOps task build on.

const test = require('node:test');
const assert = require('node:assert/strict');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { storesubmit, tempDir, emulator, filler } = require('./helpers');

/** A project folder for `appId`: one package, an en-us listing with a new title, a beta environment. */
function project(t, appId) {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'build'));
  mkdirSync(join(dir, 'listings'));
  writeFileSync(join(dir, 'build', 'Contoso.App_3.0.0.0_x64.msixupload'), filler(32 << 10, 5));
  writeFileSync(join(dir, 'listings', 'en-us.json'), JSON.stringify({ title: 'Contoso Planned' }));
  writeFileSync(
    join(dir, 'storesubmit.toml'),
    `[product]\nkind = "app"\nid = "${appId}"\n\n[credentials]\nclient_secret = "MY_SECRET_VAR"\n\n` +
      '[packages]\nfiles = ["build/*.msixupload"]\n\n[listings]\nfolder = "listings"\n\n' +
      '[environments.beta]\nrelease = { wait = "draft" }\n',
  );
  return dir;
}

test('loadProject: a request, the files folder and the credential variable names; issues, not throws', (t) => {
  const dir = project(t, '9NBLGGH4R315');
  const p = storesubmit.loadProject(join(dir, 'storesubmit.toml'));
  assert.equal(p.valid, true, JSON.stringify(p.issues));
  assert.equal(p.request.workflow, 'submission');
  assert.equal(p.request.target.type, 'app');
  assert.ok(Object.values(p.request.target).includes('9NBLGGH4R315'), JSON.stringify(p.request.target));
  assert.equal(p.files, dir);
  assert.equal(p.credentials.clientSecret, 'MY_SECRET_VAR');
  assert.equal(p.credentials.tenantId, 'STORESUBMIT_TENANT_ID');
  const beta = storesubmit.loadProject(join(dir, 'storesubmit.toml'), { environment: 'beta' });
  assert.equal(beta.request.stopAfter, 'draft');
  assert.notEqual(p.request.stopAfter, 'draft');

  writeFileSync(join(dir, 'broken.toml'), '[product]\nkind = "spaceship"\n');
  const broken = storesubmit.loadProject(join(dir, 'broken.toml'));
  assert.equal(broken.valid, false);
  assert.equal(broken.request, null);
  assert.ok(broken.issues.length > 0 && broken.issues.every((i) => i.code.startsWith('project.')), JSON.stringify(broken.issues));
  assert.throws(() => storesubmit.loadProject(join(dir, 'missing.toml')), storesubmit.IoError);
});

test('plan: only reads, and its document feeds summary()', async (t) => {
  const emu = emulator(t);
  const dir = project(t, emu.appId);
  const p = storesubmit.loadProject(join(dir, 'storesubmit.toml'));
  const before = JSON.stringify(emu.state().devcenter);
  const planned = await emu.client().run({ workflow: 'plan', request: p.request }, { files: p.files });
  assert.equal(JSON.stringify(emu.state().devcenter), before, 'the plan changed nothing');
  const plan = planned.document;
  const title = plan.changes.find((c) => c.path === '/listings/en-us/baseListing/title');
  assert.equal(title.to, 'Contoso Planned');
  assert.ok(plan.requests.some((r) => r.method === 'POST' && r.operation.includes('commit')), JSON.stringify(plan.requests));
  assert.deepEqual(plan.filesAdded, ['build/Contoso.App_3.0.0.0_x64.msixupload']);

  const dry = storesubmit.summary({ plan }).markdown;
  assert.match(dry, /^## storesubmit: plan \(dry run/);
  assert.ok(dry.includes('| /listings/en-us/baseListing/title | changed |') && dry.includes('| Contoso Planned |'), dry);

  const outcome = await emu.client().run(p.request, { files: p.files });
  const md = storesubmit.summary({ outcome, plan }).markdown;
  assert.ok(md.includes(`| Submission id | ${outcome.submissionId} |`), md);
  assert.ok(md.includes('| Status | Published |') && md.includes('### Changes ('), md);
});

test('summary: escaped cells, redacted secrets, a failure with its code', () => {
  const outcome = {
    flow: 'win32', stage: 'published', resourceId: '1234', status: 'PUBLISHED', adopted: false,
    errors: [{ code: 'E1', message: 'a | b\nc' }], warnings: [], certificationReports: [],
  };
  const md = storesubmit.summary({ outcome }).markdown;
  assert.ok(md.includes('| E1 | a \\| b<br>c | — |'), md);
  assert.ok(!md.includes('### Requests'), md);
  const err = new storesubmit.ConflictError('a pending submission exists: https://x/y?sig=TOPSECRETSIG', {
    status: 409, correlationId: 'corr-9', resumeToken: '{"v":1}',
  });
  const failed = storesubmit.summary({ error: err }).markdown;
  assert.ok(failed.startsWith('## storesubmit: failed'), failed);
  for (const want of ['| Error code | conflict |', '| HTTP status | 409 |', '| Correlation id | corr-9 |', '| Resumable | yes |']) {
    assert.ok(failed.includes(want), `${want} in ${failed}`);
  }
  assert.ok(!failed.includes('TOPSECRETSIG'), failed);
  assert.throws(() => storesubmit.summary({ outcome, error: err }), storesubmit.InvalidArgumentError);
});

test('connectionFile: the emulator line and camelCase keys, mistakes named', () => {
  const emu = storesubmit.connectionFile('{"devcenter_url":"http://127.0.0.1:1/dc","seller_id":7,"app_id":"9N"}\n{"event":"x"}\n', { name: 'emu.out' });
  assert.equal(emu.devcenterUrl, 'http://127.0.0.1:1/dc');
  assert.equal(emu.sellerId, '7');
  assert.equal(emu.clientSecret, null);
  assert.equal(storesubmit.connectionFile('{"tokenUrl":"https://login.example"}').tokenUrl, 'https://login.example');
  assert.throws(() => storesubmit.connectionFile('{"devcenterURL":"x"}', { name: 'c.json' }), (e) => e instanceof storesubmit.InvalidArgumentError && /c\.json.*devcenterURL/.test(e.message));
});
