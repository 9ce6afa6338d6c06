// Compiled (not run) by types.test.mjs: the package's TypeScript definitions accept the documented uses and
// reject wrong ones (each @ts-expect-error must be an error, or tsc fails).
import {
  allErrorCodes,
  buildRequest,
  guessKind,
  init,
  packageZip,
  runWorkflow,
  StoreSubmitError,
  tables,
  validate,
  type Issue,
  type ValidationReport,
} from 'storesubmit-wasm';

export async function use(files: FileList, text: string): Promise<void> {
  await init();
  const report: ValidationReport = validate('app-submission', text, files);
  const first: Issue | undefined = report.issues[0];
  const code: string = first?.code ?? '';
  const kind: string | null = guessKind({ listings: {} });
  const markets: string[] = tables().markets.map((m) => m.code);
  const numbers: number[] = allErrorCodes().map((e) => e.number);
  const req = buildRequest('devcenter.get_app', { applicationId: '9NBLGGH4R315' });
  const headers: [string, string][] = req.headers;
  const { blob, report: packed } = await packageZip({ kind: 'app-submission', document: {} }, files);
  const size: number = packed.size + (blob?.size ?? 0);
  await runWorkflow(
    { workflow: 'call', op: 'devcenter.get_app', args: { applicationId: 'x' } },
    { token: async () => ({ token: 't', expiresOn: 0 }), fetch },
  ).catch((e: unknown) => (e instanceof StoreSubmitError ? e.code : ''));
  void [code, kind, markets, numbers, headers, size];

  // @ts-expect-error: the kind is a string or null
  validate(3, text);
  // @ts-expect-error: a token callback answers {token, expiresOn}
  await runWorkflow({}, { token: async () => 'a token' });
  // @ts-expect-error: severity is error, warning or info
  const bad: Issue = { code: 'x', path: '', message: '', severity: 'fatal' };
  void bad;
}
