// A typed release script: checked by `tsc --noEmit --strict` in the suite (npm run typecheck).
import {
  Client,
  ClientSecretCredential,
  NotFoundError,
  OperationCancelledError,
  StoreSubmitError,
  startEmulator,
  validate,
  pack,
  loadProject,
  summary,
  allErrorCodes,
  allIssueCodes,
  type AppSubmission,
  type Outcome,
  type Plan,
  type Project,
  type ProgressEvent,
  type TokenCredential,
  type ValidationReport,
} from 'storesubmit';

async function release(client: Client, appId: string, files: string, signal: AbortSignal): Promise<string> {
  const onProgress = (e: ProgressEvent): void => {
    if (e.kind === 'upload') console.log(`uploaded ${e.done} of ${e.total} bytes`);
    else if (e.kind === 'stage') console.log(`stage ${e.stage}`);
  };
  try {
    const outcome: Outcome<AppSubmission> = await client.publishAppSubmission(
      appId,
      { applicationPackages: [{ fileName: 'app.msixupload' }], notesForCertification: 'typed' },
      { files, rolloutPercentage: 10, stopAfter: 'committed', onProgress, signal },
    );
    const status: string | null | undefined = outcome.status;
    return status ?? outcome.stage;
  } catch (e) {
    if (e instanceof OperationCancelledError && e.resumeToken !== null) {
      console.log('cancelled because', e.cause);
      return (await client.resume(e.resumeToken, { files })).stage;
    }
    if (e instanceof StoreSubmitError) {
      console.error(e.code, e.status, e.retryable, e.correlationId, e.request?.url, e.issues.map((i) => i.code));
    }
    throw e;
  }
}

/** GET, edit, publish: the model a typed call answers is what a publish takes, and its outcome an Outcome. */
async function editAndPublish(client: Client, appId: string, submissionId: string): Promise<Outcome> {
  const submission = await client.devcenter.getAppSubmission(appId, submissionId);
  submission.notesForCertification = 'edited';
  const outcome: Outcome<AppSubmission> = await client.publishAppSubmission(appId, submission, { stopAfter: 'draft' });
  const title: unknown = outcome.document?.listings;
  console.log(title);
  return outcome;
}

async function typedCalls(client: Client, appId: string): Promise<void> {
  const app = await client.devcenter.getApp(appId);
  const pending: string | undefined = app.pendingApplicationSubmission?.id;
  const page = await client.devcenter.listApps({ top: 10 });
  const ids: Array<string | undefined> = page.value.map((a) => a.id);
  const pkgs = await client.win32.getPackages('product');
  const urls = (pkgs.responseData?.packages ?? []).map((p) => p.packageUrl);
  const products = await client.ingestion.listProducts({ filter: "resourceType eq 'AzureApplication'" });
  const rollout = await client.rollout(appId, 'S1', { action: 'update', percentage: 50 });
  const waited = await client.waitForSubmission('S1', { appId, stopAfter: 'certification' });
  console.log(pending, ids, urls, products.value.length, rollout.document, waited.submissionId);
  try {
    await client.devcenter.getApp('missing');
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
  }
}

async function dryRun(client: Client, path: string): Promise<string> {
  const project: Project = loadProject(path, { environment: 'beta' });
  if (!project.valid || project.request === null) return project.issues.map((i) => i.code).join(', ');
  const env: string = project.credentials.clientSecret;
  const planned = await client.plan(project.request, { files: project.files });
  const plan: Plan | undefined = planned.document;
  const changed: string[] = (plan?.changes ?? []).map((c) => `${c.path}: ${String(c.from)} -> ${String(c.to)}`);
  console.log(env, changed, plan?.requests.map((r) => r.method));
  return summary({ plan }).markdown;
}

async function main(): Promise<void> {
  const emu = startEmulator();
  try {
    const secret = new ClientSecretCredential('tenant', 'client', 'secret', { authority: emu.tokenUrl });
    const azure: TokenCredential = {
      getToken: async (scopes) => ({ token: String(scopes), expiresOnTimestamp: Date.now() + 3_600_000 }),
    };
    const bundled = new Client(secret, { endpoints: emu.endpoints, sellerId: emu.sellerId });
    const viaFetch = new Client(azure, { endpoints: emu.endpoints, fetch, retry: { maxAttempts: 3 } });
    const report: ValidationReport = validate({ applicationPackages: [] }, { kind: 'app-submission', files: ['app.msixupload'], change: true });
    const errors: string[] = report.issues.filter((i) => i.severity === 'error').map((i) => i.code);
    const packed = await pack({ names: ['app.msixupload'], files: 'release', output: 'out.zip' });
    console.log(errors, packed.size, allErrorCodes().map((e) => e.number), allIssueCodes()[0]?.code);
    console.log(await release(bundled, emu.appId, 'release', AbortSignal.timeout(60_000)));
    await typedCalls(viaFetch, emu.appId);
    await editAndPublish(viaFetch, emu.appId, 'S1');
    console.log(await dryRun(bundled, 'storesubmit.toml'));
  } finally {
    emu.stop();
  }
}

void main();

// The declarations are precise: each of these is a compile error (tsc fails on an unused expectation).
export async function misuse(client: Client): Promise<void> {
  // @ts-expect-error an application id is a string
  await client.devcenter.getApp(42);
  // @ts-expect-error `top` is a number
  await client.devcenter.listApps({ top: 'ten' });
  const app = await client.devcenter.getApp('x');
  // @ts-expect-error `id` is a string, not a number
  const n: number | undefined = app.id;
  // @ts-expect-error stopAfter has four values
  await client.publishAppSubmission('x', {}, { stopAfter: 'later' });
  // @ts-expect-error options are named as the manifest names them
  await client.publishAppSubmission('x', {}, { rollout: 10 });
  // @ts-expect-error a credential needs getToken
  new Client({ token: 'x' });
  // @ts-expect-error a request names one of the manifest's workflows
  await client.run({ workflow: 'deploy' });
  // @ts-expect-error the Node package's files are a folder
  await client.publishAppSubmission('x', {}, { files: ['a.msix'] });
  // @ts-expect-error summary() answers {markdown}
  const table: string = summary({});
  // @ts-expect-error validate's options are {kind, files, change}
  validate({}, { text: '{}' });
  console.log(n, table);
}
