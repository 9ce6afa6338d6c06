'use strict';
// End to end through the embedded emulator: app, add-on, flight and MSI/EXE product (and ingestion,
// rollout, resume), with the bundled transport and with global fetch: the same core workflows.

const test = require('node:test');
const assert = require('node:assert/strict');
const { storesubmit, TRANSPORTS, release, emulator, APP_CHANGES } = require('./helpers');

/** Wraps global fetch to record what went through it (proves fetch carried the workflow). */
function countingFetch(log) {
  return (url, init) => {
    log.push(`${init.method} ${storesubmit.redact(String(url))}`);
    return globalThis.fetch(url, init);
  };
}

for (const [name, transport] of Object.entries(TRANSPORTS)) {
  test(`publish app, add-on, flight and MSI/EXE (${name})`, async (t) => {
    const emu = emulator(t);
    const files = release(t);
    const sent = [];
    const client = emu.client(name === 'fetch' ? { fetch: countingFetch(sent) } : transport);
    assert.equal(client.transport, name);
    const progress = [];
    const app = await client.publishAppSubmission(emu.appId, APP_CHANGES, {
      files,
      rolloutPercentage: 25,
      onProgress: (e) => progress.push(e),
    });
    assert.equal(app.stage, 'published');
    assert.equal(app.status, 'Published');
    assert.equal(app.flow, 'app-submission');
    assert.ok(app.submissionId);
    assert.deepEqual(Object.keys(app).filter((k) => k.includes('_')), [], 'camelCase outcome');
    const uploads = progress.filter((e) => e.kind === 'upload');
    assert.ok(uploads.length >= 2, 'upload progress reported');
    const last = uploads[uploads.length - 1];
    assert.equal(last.done, last.total);
    assert.ok(last.total > 5 << 20);
    const stages = progress.filter((e) => e.kind === 'stage').map((e) => e.stage);
    assert.deepEqual([stages[0], stages.includes('upload'), stages.at(-1)], ['preflight', true, 'done'], stages.join(' '));
    const sub = await client.devcenter.getAppSubmission(emu.appId, app.submissionId);
    const pkgs = Object.fromEntries(sub.applicationPackages.map((p) => [p.fileName, p.fileStatus]));
    assert.equal(pkgs['Contoso.App_1.2.0.0_x64.msixupload'], 'Uploaded');
    assert.equal(sub.packageDeliveryOptions.packageRollout.packageRolloutPercentage, 25);

    const addon = await client.publishAddonSubmission(
      emu.addonId,
      {
        listings: { 'en-us': { title: 'Contoso Coins', description: '100 coins.', icon: { fileName: 'Images/Icon300.png' } } },
        pricing: { priceId: 'Tier2' },
      },
      { files },
    );
    assert.equal(addon.stage, 'published');
    assert.equal(addon.flow, 'addon-submission');

    const flight = await client.publishFlightSubmission(
      emu.appId,
      emu.flightId,
      { flightPackages: [{ fileName: 'Contoso.App_1.2.1.0_x64.msixupload' }] },
      { files },
    );
    assert.equal(flight.stage, 'published');
    assert.equal(flight.flow, 'flight-submission');

    const win32 = await client.publishWin32(emu.win32ProductId, {
      packages: {
        packages: [
          {
            packageUrl: 'https://downloads.contoso.example/setup-1.2.0.msi',
            languages: ['en-us'],
            architectures: ['X64'],
            isSilentInstall: true,
            packageType: 'msi',
          },
        ],
      },
      metadata: {
        listings: {
          language: 'en-us',
          description: 'Contoso Desktop, from Node.',
          whatsNew: 'New.',
          productFeatures: ['Fast'],
          shortDescription: 'Contoso',
          searchTerms: ['contoso'],
        },
      },
      metadataPatch: true,
      assets: [{ language: 'en-us', screenshots: ['Assets/screenshot-en-us.png'], logos: ['Assets/logo-en-us.png'] }],
      files,
    });
    assert.equal(win32.flow, 'win32');
    assert.equal(win32.stage, 'published');
    const got = await client.win32.getPackages(emu.win32ProductId);
    assert.ok(got.responseData.packages[0].packageUrl.endsWith('setup-1.2.0.msi'));

    if (name === 'fetch') {
      assert.ok(sent.some((s) => s.includes('/oauth2/v2.0/token')), 'the token request went through fetch');
      assert.ok(sent.some((s) => s.includes('comp=block&')), 'the ZIP went through fetch in blocks');
      assert.ok(sent.some((s) => s.includes('comp=blocklist')));
      assert.ok(sent.every((s) => !s.includes('sig=') || s.includes('sig=<redacted>')));
    }
  });

  test(`ingestion publish, rollout, paging and typed calls (${name})`, async (t) => {
    const emu = emulator(t);
    const files = release(t);
    const client = emu.client(transport);
    const product = await client.ingestion.getProduct(emu.ingestionProductId);
    assert.equal(product.id, emu.ingestionProductId);
    const out = await client.publishIngestion(emu.ingestionProductId, { promote: true });
    assert.equal(out.flow, 'ingestion');
    assert.equal(out.stage, 'published');
    const subs = await client.ingestion.listSubmissions(emu.ingestionProductId);
    assert.ok(subs.value.some((s) => s.id === out.submissionId));

    const app = await client.publishAppSubmission(emu.appId, APP_CHANGES, { files, rolloutPercentage: 10 });
    const sid = app.submissionId;
    assert.equal((await client.rollout(emu.appId, sid)).document.packageRolloutPercentage, 10);
    assert.equal((await client.rollout(emu.appId, sid, { action: 'update', percentage: 50 })).document.packageRolloutPercentage, 50);
    assert.equal((await client.rollout(emu.appId, sid, { action: 'halt' })).status, 'PackageRolloutStopped');
    await assert.rejects(client.rollout(emu.appId, sid, { action: 'update' }), storesubmit.InvalidArgumentError);

    // a submission committed elsewhere (here: by a typed call), waited for
    const other = await client.publishAppSubmission(emu.appId, APP_CHANGES, { files, stopAfter: 'draft' });
    await client.devcenter.commitAppSubmission(emu.appId, other.submissionId);
    const waited = await client.waitForSubmission(other.submissionId, { appId: emu.appId });
    assert.equal(waited.stage, 'published');
    assert.equal(waited.submissionId, other.submissionId);

    const apps = await client.listAll('devcenter.list_apps', { top: 1 });
    assert.deepEqual(apps.document.value.map((a) => a.id), [emu.appId]);
    const page = await client.devcenter.listApps({ top: 1 });
    assert.equal(page.value[0].id, emu.appId);
  });

  test(`draft then resume, and errors from the service (${name})`, async (t) => {
    const emu = emulator(t);
    const files = release(t);
    const client = emu.client(transport);
    const draft = await client.publishAppSubmission(emu.appId, APP_CHANGES, { files, stopAfter: 'draft' });
    assert.equal(draft.stage, 'draft');
    assert.equal(typeof draft.resumeToken, 'string');
    assert.ok(!draft.resumeToken.includes('sig='));
    assert.ok(!draft.resumeToken.includes(emu.clientSecret));
    const status = await client.devcenter.getAppSubmissionStatus(emu.appId, draft.submissionId);
    assert.equal(status.status, 'PendingCommit');
    const other = emu.client(name === 'fetch' ? {} : TRANSPORTS.fetch);
    const done = await other.resume(draft.resumeToken, { files });
    assert.equal(done.stage, 'published');
    assert.equal(done.submissionId, draft.submissionId);

    const err = await client.devcenter.getApp('9NOPE').catch((e) => e);
    assert.ok(err instanceof storesubmit.NotFoundError);
    assert.ok(err instanceof storesubmit.StoreSubmitError);
    assert.equal(err.code, 'not_found');
    assert.equal(err.status, 404);
    assert.equal(err.retryable, false);
    assert.ok(err.correlationId);

    const bad = new storesubmit.ClientSecretCredential(emu.tenantId, emu.clientId, 'wrong-secret-value', { authority: emu.tokenUrl });
    const auth = await emu.client(transport, bad).devcenter.listApps().catch((e) => e);
    assert.ok(auth instanceof storesubmit.AuthenticationError, String(auth));
    assert.ok(!`${auth} ${auth.stack} ${JSON.stringify(auth)}`.includes('wrong-secret-value'));
    const seller = await emu.client({ ...transport, sellerId: null }).win32.getPackages(emu.win32ProductId).catch((e) => e);
    assert.ok(seller instanceof storesubmit.InvalidArgumentError);
    assert.match(seller.message, /seller/);
  });

  test(`retries a 429 and verifies a lost commit answer (${name})`, async (t) => {
    const emu = emulator(t);
    const files = release(t);
    emu.addFault({ op: 'devcenter.get_app', status: 429, headers: { 'Retry-After': '0' }, times: 2 });
    emu.addFault({ op: 'devcenter.commit_app_submission', status: 503, after_work: true, times: 1 });
    const client = emu.client(transport);
    const waits = [];
    const app = await client.call('devcenter.get_app', { applicationId: emu.appId }, { onProgress: (e) => e.kind === 'wait' && waits.push(e) });
    assert.equal(app.document.id, emu.appId);
    assert.equal(waits.length, 2);
    assert.equal(waits[0].reason.kind, 'retry');
    const out = await client.publishAppSubmission(emu.appId, APP_CHANGES, { files });
    assert.equal(out.stage, 'published');
  });

  test(`any TokenCredential answers the token requests (${name})`, async (t) => {
    const emu = emulator(t);
    const files = release(t);
    // A @azure/identity-shaped credential backed by the emulator's token service (through a plain client call).
    const scopes = [];
    const credential = {
      async getToken(s) {
        scopes.push(...s);
        const res = await fetch(`${emu.tokenUrl}/${emu.tenantId}/oauth2/v2.0/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'client_credentials', client_id: emu.clientId, client_secret: emu.clientSecret, scope: s[0] }),
        });
        const body = await res.json();
        return { token: body.access_token, expiresOnTimestamp: Date.now() + body.expires_in * 1000 };
      },
    };
    const sent = [];
    const client = emu.client(name === 'fetch' ? { fetch: countingFetch(sent) } : transport, credential);
    const out = await client.publishAppSubmission(emu.appId, APP_CHANGES, { files });
    assert.equal(out.stage, 'published');
    await client.win32.getPackages(emu.win32ProductId);
    assert.deepEqual(new Set(scopes), new Set(['https://manage.devcenter.microsoft.com/.default', 'https://api.store.microsoft.com/.default']));
    assert.equal(scopes.length, 2, 'tokens are cached between calls');
    assert.ok(!sent.some((s) => s.includes('oauth2')), 'the credential answered every token request');

    const failing = { getToken: async () => { throw new RangeError('identity says no: hunter2'); } };
    const err = await emu.client(transport, failing).devcenter.listApps().catch((e) => e);
    assert.ok(err instanceof storesubmit.AuthenticationError, String(err));
    assert.match(err.message, /manage\.devcenter\.microsoft\.com/);
    assert.ok(!err.message.includes('hunter2'));
    assert.ok(err.cause instanceof RangeError);
  });
}

test('pre-flight refuses missing files before any request', async (t) => {
  const emu = emulator(t);
  const sent = [];
  const client = emu.client({ fetch: (url) => { sent.push(url); throw new Error('no request expected'); } });
  const empty = release(t, {});
  const err = await client
    .publishAppSubmission(emu.appId, { applicationPackages: [{ fileName: 'Missing.msixupload' }] }, { files: empty })
    .catch((e) => e);
  assert.ok(err instanceof storesubmit.MissingFilesError, String(err));
  assert.ok(err.issues.length > 0);
  assert.deepEqual(sent, []);
});

for (const [name, transport] of Object.entries(TRANSPORTS)) {
  test(`the event loop keeps running during an upload (${name})`, async (t) => {
    const emu = emulator(t);
    const files = release(t, { 'Contoso.App_1.2.0.0_x64.msixupload': 24 << 20 });
    const client = emu.client(transport);
    let last = Date.now();
    let worst = 0;
    let ticks = 0;
    const timer = setInterval(() => {
      const now = Date.now();
      worst = Math.max(worst, now - last);
      last = now;
      ticks++;
    }, 10);
    try {
      const out = await client.publishAppSubmission(emu.appId, APP_CHANGES, { files, stopAfter: 'draft' });
      assert.equal(out.stage, 'draft');
    } finally {
      clearInterval(timer);
    }
    assert.ok(ticks > 10, `${ticks} timer ticks during the run`);
    assert.ok(worst < 500, `the longest pause of the event loop was ${worst} ms`);
    t.diagnostic(`${name}: ${ticks} ticks, longest event-loop pause ${worst} ms`);
  });
}
