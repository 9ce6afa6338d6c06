// Compiled by package.test.js (tsc --strict, tsconfig.json): the TypeScript idioms of issue 23. On the
// package before it, the publish below failed with TS2345 (the model's index signature is not JsonValue) and
// the assignment to `Outcome` with TS2322.
import type { AppSubmission, Client, Outcome, StoreSubmitError } from 'storesubmit';

/** A submission read, edited and published again; its outcome handed to code that takes any outcome. */
export async function republish(client: Client, appId: string, submissionId: string, log: (o: Outcome) => void): Promise<void> {
  const submission: AppSubmission = await client.devcenter.getAppSubmission(appId, submissionId);
  submission.listings = { 'en-us': { baseListing: { description: 'Edited.' } } };
  const outcome: Outcome<AppSubmission> = await client.publishAppSubmission(appId, submission);
  log(outcome);
  const token: string | null | undefined = outcome.resumeToken;
  // @ts-expect-error the outcome is camelCase: no submission_id
  console.log(token, outcome.submission_id);
}

/** An error's request and resume token are typed. */
export function describe(e: StoreSubmitError): string {
  // @ts-expect-error the request may be null
  const url: string = e.request.url;
  return `${e.code} ${e.request?.method ?? ''} ${e.resumeToken ?? ''} ${url}`;
}
