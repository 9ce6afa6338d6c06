'use strict';
// The behaviour vectors (tests/vectors/behaviour, run by js-host/test/behaviour.mjs) on the Node package:
// every scenario against a fresh embedded emulator with the bundled transport and with `{ fetch:
// globalThis.fetch }`, and every validation case.

const test = require('node:test');
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { storesubmit, tempDir } = require('./helpers');

const shared = import('../../js-host/test/behaviour.mjs');
const TRANSPORTS = { bundled: {}, fetch: { fetch: globalThis.fetch } };

test('the behaviour vectors are here', async () => {
  const { vectors } = await shared;
  if (vectors.scenarios.length < 9 || vectors.validate.length < 3) throw new Error('too few behaviour vectors');
});

for (const [transport, extra] of Object.entries(TRANSPORTS)) {
  test(`behaviour scenarios (${transport})`, async (t) => {
    const { vectors, fileBytes, runScenario } = await shared;
    for (const s of vectors.scenarios) {
      await t.test(s.name, async (st) => {
        const emu = storesubmit.startEmulator();
        st.after(() => emu.stop());
        const files = tempDir(st);
        for (const [name, bytes] of fileBytes(s.files)) {
          mkdirSync(dirname(join(files, name)), { recursive: true });
          writeFileSync(join(files, name), bytes);
        }
        const client = emu.client({ ...vectors.clientOptions, ...s.clientOptions, ...extra });
        const ids = { appId: emu.appId, addonId: emu.addonId, flightId: emu.flightId };
        await runScenario(s, { emulator: { adminUrl: emu.adminUrl, ids }, client, files });
      });
    }
  });
}

test('behaviour validation cases', async (t) => {
  const { vectors, checkValidation } = await shared;
  for (const c of vectors.validate) await t.test(c.name, () => checkValidation(c, storesubmit.validate));
});
