// The emulator binary (from the workspace build) for the suites that run against it: started on a free
// port, its first line read as its info, stopped by closing its stdin.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const BIN =
  process.env.STORESUBMIT_EMULATOR_BIN ||
  join(process.env.CARGO_TARGET_DIR || join(homedir(), '.cache/storesubmit/target'), 'debug/storesubmit-emulator');

/** Starts the emulator (`args` added to its command line): `{info, stop()}`. */
export async function startEmulator(args = []) {
  assert.ok(existsSync(BIN), `the emulator binary is missing at ${BIN} (cargo build -p storesubmit-emulator)`);
  const child = spawn(BIN, ['--port', '0', '--stop-on-stdin-eof', ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const first = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code})`)));
    createInterface({ input: child.stdout }).once('line', resolve);
  });
  return { info: JSON.parse(first), stop: () => child.stdin.end() };
}

/** A credential of the page's kind: it gets its tokens from the emulator's token service itself. */
export function emulatorCredential(info, scopes = []) {
  return {
    async getToken([scope]) {
      scopes.push(scope);
      const r = await fetch(`${info.token_url}/${info.tenant_id}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: info.client_id, client_secret: info.client_secret, scope }),
      });
      // a refused sign-in fails as a page's credential would: an error of its own, the body not repeated
      if (r.status !== 200) throw new Error(`the token service answered ${r.status}`);
      const j = await r.json();
      return { token: j.access_token, expiresOnTimestamp: Date.now() + Number(j.expires_in) * 1000 };
    },
  };
}

/** Client options for the emulator: its service roots and seller id, fast polling and retries. */
export function emulatorOptions(info, extra = {}) {
  return {
    sellerId: info.seller_id,
    endpoints: { devcenter: info.devcenter_url, win32: info.win32_url, ingestion: info.ingestion_url, token: info.token_url },
    poll: { initial: 0.05, factor: 1.5, max: 0.3 },
    retry: { baseDelay: 0.05, maxDelay: 0.5 },
    ...extra,
  };
}
