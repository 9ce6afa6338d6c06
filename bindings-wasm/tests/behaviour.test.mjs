// The behaviour vectors (tests/vectors/behaviour, run by js-host/test/behaviour.mjs) on the wasm package under
// Node: every scenario against a fresh emulator binary, the host's fetch sending, a credential of the page's
// kind answering the tokens, the files a map of bytes; and every validation case.
import { test } from 'node:test';

import * as ss from '../pkg-node/index.mjs';
import { checkValidation, fileBytes, runScenario, vectors } from '../../js-host/test/behaviour.mjs';
import { emulatorCredential, emulatorOptions, startEmulator } from './_emulator.mjs';

test('behaviour scenarios (wasm, host fetch)', async (t) => {
  for (const s of vectors.scenarios) {
    await t.test(s.name, async (st) => {
      const emu = await startEmulator();
      st.after(() => emu.stop());
      const { info } = emu;
      const client = new ss.Client(emulatorCredential(info), emulatorOptions(info, { ...vectors.clientOptions, ...s.clientOptions }));
      const ids = { appId: info.app_id, addonId: info.addon_id, flightId: info.flight_id };
      await runScenario(s, { emulator: { adminUrl: info.admin_url, ids }, client, files: new Map(fileBytes(s.files)) });
    });
  }
});

test('behaviour validation cases (wasm)', async (t) => {
  for (const c of vectors.validate) await t.test(c.name, () => checkValidation(c, ss.validate));
});
