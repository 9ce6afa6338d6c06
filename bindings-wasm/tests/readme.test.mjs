// The quickstarts of bindings-wasm/README.md and of the top README's "Browser (wasm)" section, run as written
// under Node against the emulator binary: their free names (the picked folder, the page's sign-in, the app, the
// changes) are given here, and `Client` is the package's, pointed at the emulator with fast polling.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as ss from '../pkg-node/index.mjs';
import { emulatorCredential, emulatorOptions, startEmulator } from './_emulator.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../..');
const AsyncFunction = (async () => {}).constructor;

let emulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator?.stop());

/** The one ```js block of `text` after `heading` (the whole text when null), its imports taken out. */
function snippet(file, heading) {
  let text = readFileSync(join(REPO, file), 'utf8');
  if (heading) text = text.slice(text.indexOf(heading), text.indexOf('\n## ', text.indexOf(heading) + 3));
  const blocks = [...text.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.equal(blocks.length, 1, `${file}: one js block`);
  const imports = [...blocks[0].matchAll(/^import \{([^}]*)\} from 'storesubmit-wasm';$/gm)].flatMap((m) => m[1].split(',').map((s) => s.trim()));
  assert.ok(imports.length > 0, `${file}: the snippet imports from storesubmit-wasm`);
  return { imports, body: blocks[0].replace(/^import .*$/gm, '') };
}

async function runSnippet(file, heading) {
  const { info } = emulator;
  const { imports, body } = snippet(file, heading);
  const changes = { applicationPackages: [{ fileName: 'app.msixupload' }], listings: { 'en-us': { baseListing: { description: 'Faster sync.' } } } };
  const given = {
    ...ss,
    Client: class extends ss.Client {
      constructor(credential, options = {}) {
        super(credential, { ...emulatorOptions(info), ...options });
      }
    },
    folderInput: { files: new Map([['app.msixupload', Uint8Array.from({ length: 4096 }, (_, i) => i % 251)]]) },
    mySignIn: (scopes) => emulatorCredential(info).getToken(scopes),
    text: JSON.stringify(changes),
    appId: info.app_id,
    changes,
    console: { log: () => {} },
  };
  const names = [...new Set([...imports, 'folderInput', 'mySignIn', 'text', 'appId', 'changes', 'console'])];
  for (const n of imports) assert.ok(n in ss, `${file}: ${n} is exported`);
  const run = new AsyncFunction(...names, `${body}\nreturn { report, outcome };`);
  return run(...names.map((n) => given[n]));
}

test("bindings-wasm/README.md's quickstart: validate as a change, pack, publish", async () => {
  const { report, outcome } = await runSnippet('bindings-wasm/README.md', null);
  assert.equal(report.valid, true, JSON.stringify(report.issues));
  assert.equal(outcome.status, 'Published', JSON.stringify(outcome));
  assert.equal(outcome.resourceId, emulator.info.app_id);
});

test("the top README's browser quickstart runs as written", async () => {
  const { report, outcome } = await runSnippet('README.md', '## Browser (wasm)');
  assert.equal(report.kind, 'app-submission');
  assert.equal(outcome.status, 'Published', JSON.stringify(outcome));
});
