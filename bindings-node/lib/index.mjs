// The ES module entry point: the same package as the CommonJS one (lib/index.js), re-exported.
import storesubmit from './index.js';

export * from './errors.mjs';

export default storesubmit;
export const {
  Client, ClientSecretCredential, BundledTransport, FetchTransport, manifest, operations, allErrorCodes, allIssueCodes, redact, redactUrl, version, coreVersion,
  validate, guessKind, documentKinds, packageEntries, tables, parseJson, pack, loadProject, summary, connectionFile, resolveConnection,
  startEmulator, Emulator, FAST_DURATIONS,
  DevcenterOperations, Win32Operations, IngestionOperations,
} = storesubmit;
