// Compiled (not run) by types.test.mjs: the package's TypeScript definitions accept the documented uses and
// reject wrong ones (each @ts-expect-error must be an error, or tsc fails).
import {
  allErrorCodes,
  Client,
  guessKind,
  init,
  MissingFilesError,
  pack,
  StoreSubmitError,
  validate,
  type AppSubmission,
  type ErrorCodeInfo,
  type Issue,
  type Outcome,
  type ValidationReport,
} from 'storesubmit-wasm';

export async function use(files: FileList, text: string, signIn: (scope: string) => Promise<string>): Promise<void> {
  await init();
  const report: ValidationReport = validate(text, { kind: 'app-submission', files, change: true });
  const first: Issue | undefined = report.issues[0];
  const code: string = first?.code ?? '';
  const kind: string | null = guessKind({ listings: {} });
  const numbers: number[] = allErrorCodes().map((e: ErrorCodeInfo) => e.number);
  const parts: Uint8Array<ArrayBuffer>[] = [];
  const packed = await pack({ kind: 'app-submission', document: {}, files, output: async (_offset, bytes) => void parts.push(bytes) });
  const size: number = packed.size + new Blob(parts).size;
  const client = new Client(
    { getToken: async (scopes) => ({ token: await signIn(String(scopes)), expiresOnTimestamp: Date.now() + 3_600_000 }) },
    { endpoints: { devcenter: 'https://example.invalid' }, fetch },
  );
  const submission: AppSubmission = await client.devcenter.getAppSubmission('9N', '1');
  submission.notesForCertification = 'edited';
  const outcome: Outcome<AppSubmission> = await client.publishAppSubmission('9N', submission, { files, stopAfter: 'draft' });
  const any: Outcome = outcome;
  await client.resume(any.resumeToken ?? '', { files }).catch((e: unknown) => (e instanceof MissingFilesError ? e.issues : e instanceof StoreSubmitError ? e.code : ''));
  void [code, kind, numbers, size];

  // @ts-expect-error validate takes the document first and its options after
  validate('app-submission', text, files);
  // @ts-expect-error a credential answers getToken(scopes)
  new Client({ token: async () => 'a token' });
  // @ts-expect-error output takes the ZIP's chunks
  await pack({ names: ['a'], files, output: 'out.zip' });
  // @ts-expect-error severity is error or warning
  const bad: Issue = { code: 'x', path: '', message: '', severity: 'fatal' };
  void bad;
}
