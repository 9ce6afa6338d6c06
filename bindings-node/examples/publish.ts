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
  type PlannableRequest,
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
    const status: string | undefined = outcome.status;
    return status ?? outcome.stage;
  } catch (e) {
    if (e instanceof OperationCancelledError && e.resumeToken !== null) {
      return (await client.resume(e.resumeToken, { files })).stage;
    }
    if (e instanceof StoreSubmitError) {
      console.error(e.code, e.status, e.retryable, e.correlationId, e.issues.map((i) => i.code));
    }
    throw e;
  }
}

async function typedCalls(client: Client, appId: string): Promise<void> {
  const app = await client.devcenter.getApp(appId);
  const pending: string | undefined = app.pendingApplicationSubmission?.id;
  const page = await client.devcenter.listApps({ top: 10 });
  const ids: Array<string | undefined> = page.value.map((a) => a.id);
  const pkgs = await client.win32.getPackages('product');
  const urls = (pkgs.responseData?.packages ?? []).map((p) => p.packageUrl);
  const products = await client.ingestion.listProducts({ filter: "resourceType eq 'AzureApplication'" });
  console.log(pending, ids, urls, products.value.length);
  try {
    await client.devcenter.getApp('missing');
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
  }
}

async function dryRun(client: Client, path: string): Promise<string> {
  const project: Project<PlannableRequest> = loadProject(path, { environment: 'beta' });
  if (!project.valid || project.request === null) return project.issues.map((i) => i.code).join(', ');
  const env: string = project.credentials.clientSecret;
  const planned = await client.run({ workflow: 'plan', request: project.request }, { files: project.files });
  const plan = planned.document as unknown as Plan;
  const changed: string[] = plan.changes.map((c) => `${c.path}: ${String(c.from)} -> ${String(c.to)}`);
  console.log(env, changed, plan.requests.map((r) => r.method));
  return summary(null, plan);
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
    const report: ValidationReport = validate({ applicationPackages: [] }, { kind: 'app-submission', files: ['app.msixupload'] });
    const errors: string[] = report.issues.filter((i) => i.severity === 'error').map((i) => i.code);
    const packed = await pack({ names: ['app.msixupload'] }, { files: 'release', output: 'out.zip' });
    console.log(errors, packed.size, allErrorCodes().length, allIssueCodes()[0]?.code);
    console.log(await release(bundled, emu.appId, 'release', AbortSignal.timeout(60_000)));
    await typedCalls(viaFetch, emu.appId);
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
  // @ts-expect-error a credential needs getToken
  new Client({ token: 'x' });
  // @ts-expect-error a plan dry-runs a submission or an MSI/EXE request only
  await client.run({ workflow: 'plan', request: { workflow: 'call', op: 'devcenter.get_app' } });
  // @ts-expect-error summary() answers Markdown text
  const table: number = summary(null);
  console.log(n, table);
}
