// Helpers of the shared-vector runners: the package under test (pkg-node/, built by `npm run build`) and
// the cases of a tests/vectors/<folder>.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const VECTORS = join(REPO, 'tests/vectors');

// Integers beyond 2^53 (a vector checks that numeric ids are accepted) do not fit a JavaScript number: the
// vectors are read with such literals as BigInt, and `losslessStringify` writes them back digit for digit.
const BIG = '@@bigint:';
const unsafe = (digits) => !Number.isSafeInteger(Number(digits));

/** JSON.parse, with integer literals beyond Number.MAX_SAFE_INTEGER read as BigInt. */
export function losslessParse(text) {
  const marked = text.replace(/"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d+(?![.eE\d])/g, (m) => (m[0] !== '"' && unsafe(m) ? `"${BIG}${m}"` : m));
  return JSON.parse(marked, (_, v) => (typeof v === 'string' && v.startsWith(BIG) ? BigInt(v.slice(BIG.length)) : v));
}

/** JSON.stringify that writes BigInt values as JSON integers. */
export function losslessStringify(value) {
  const text = JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${BIG}${v}` : v));
  return text.replace(new RegExp(`"${BIG}(-?\\d+)"`, 'g'), '$1');
}

/** Whether a value holds a BigInt anywhere. */
export function hasBigInt(value) {
  if (typeof value === 'bigint') return true;
  return value !== null && typeof value === 'object' && Object.values(value).some(hasBigInt);
}

/** `[{file, case, dir}]` of every *.json of tests/vectors/<folder>, with the file's other top-level keys. */
export function loadCases(folder) {
  const dir = join(VECTORS, folder);
  const out = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const data = losslessParse(readFileSync(join(dir, file), 'utf8'));
    for (const c of data.cases) out.push({ file, case: c, dir, data });
  }
  return out;
}

/** A case's `response` as the core reads it: status, headers (object or pairs), the body as text. */
export function responseOf(r) {
  const text = 'json' in r ? JSON.stringify(r.json) : 'text' in r ? String(r.text) : '';
  return { status: r.status, headers: r.headers ?? {}, text };
}

/** Checks an error against an `expect` of tests/vectors/responses/README.md (only the keys present); answers
 * the list of differences. */
export function errorDifferences(e, exp) {
  const out = [];
  const same = (what, got, want) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) out.push(`${what}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
  };
  same('code', e.code, exp.error);
  if ('status' in exp) same('status', e.status, exp.status);
  if ('retryable' in exp) same('retryable', e.retryable, exp.retryable);
  if ('retryAfterMs' in exp) same('retryAfterMs', e.retryAfter == null ? null : Math.round(e.retryAfter * 1000), exp.retryAfterMs);
  if ('correlationId' in exp) same('correlationId', e.correlationId, exp.correlationId);
  if ('serverErrors' in exp) {
    const got = (e.serverErrors ?? []).map((s) => Object.fromEntries(Object.entries(s).filter(([k, v]) => !(k === 'target' && v == null))));
    same('serverErrors', got, exp.serverErrors);
  }
  for (const t of exp.messageContains ?? []) if (!e.message.includes(t)) out.push(`message lacks ${JSON.stringify(t)}`);
  const whole = `${e.message} ${JSON.stringify(e)} ${JSON.stringify(e.serverErrors)}`;
  for (const s of exp.secretsAbsent ?? []) if (whole.includes(s)) out.push('a secret shows in the error');
  return out;
}
