'use strict';
// The Store emulator embedded in the addon (devcenter, MSI/EXE, ingestion, a token service and a blob
// store on one loopback port), for tests: `startEmulator()` and a client pointed at it.

const { inspect } = require('node:util');
const { native, guard } = require('./native');

const SECRETS = new WeakMap();

/** Phase durations (seconds) for quick tests: every pipeline finishes in well under a second. */
const FAST_DURATIONS = Object.freeze({
  commit: 0.1,
  preprocessing: 0.1,
  certification: 0.1,
  release: 0.1,
  win32_package_processing: 0.1,
  win32_publishing: 0.2,
  ingestion_processing: 0.1,
  ingestion_publishing: 0.2,
});

const camel = (k) => k.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

/** A running emulator; `stop()` it when done. */
class Emulator {
  #handle;

  constructor(handle) {
    this.#handle = handle;
    const info = JSON.parse(handle.info());
    for (const [k, v] of Object.entries(info)) {
      if (k !== 'client_secret') this[camel(k)] = v;
    }
    SECRETS.set(this, info.client_secret);
  }

  /** The service roots, as `new Client(cred, { endpoints })` takes them. */
  get endpoints() {
    return { devcenter: this.devcenterUrl, win32: this.win32Url, ingestion: this.ingestionUrl, token: this.tokenUrl };
  }

  /** The emulator's (emulator-only) client secret. */
  get clientSecret() {
    return SECRETS.get(this);
  }

  /** The emulator's client credentials. */
  credential() {
    const { ClientSecretCredential } = require('./index');
    return new ClientSecretCredential(this.tenantId, this.clientId, this.clientSecret, { authority: this.tokenUrl });
  }

  /** Client options for this emulator: its endpoints and seller id, fast polling and retries, a 5-minute deadline. */
  clientOptions(overrides = {}) {
    return {
      sellerId: this.sellerId,
      endpoints: this.endpoints,
      poll: { initial: 0.05, factor: 1.5, max: 0.5 },
      retry: { baseDelay: 0.05, maxDelay: 0.5 },
      deadline: 300,
      ...overrides,
    };
  }

  /** A Client for this emulator (`credential` defaults to the emulator's own). */
  client(overrides = {}, credential = undefined) {
    const { Client } = require('./index');
    return new Client(credential || this.credential(), this.clientOptions(overrides));
  }

  /** Moves the emulated clock forward. */
  advanceClock(seconds) {
    guard(() => this.#handle.advanceClock(seconds));
  }

  /** Adds a fault rule (`{op, status, times, after_work, drop, delay_ms, headers, body}`); returns its id. */
  addFault(rule) {
    return guard(() => this.#handle.addFault(JSON.stringify(rule)));
  }

  /** Removes every fault rule. */
  clearFaults() {
    guard(() => this.#handle.clearFaults());
  }

  /** A dump of the emulator's state (apps, submissions, products, blobs…). */
  state() {
    return JSON.parse(guard(() => this.#handle.state()));
  }

  /** Stops serving (idempotent). */
  stop() {
    this.#handle.stop();
  }

  /** Whether it still serves. */
  get running() {
    return this.#handle.running;
  }

  toJSON() {
    return { devcenterUrl: this.devcenterUrl, running: this.running };
  }

  [inspect.custom]() {
    return `Emulator(devcenterUrl=${this.devcenterUrl}, running=${this.running})`;
  }
}

/**
 * Starts an emulator on a free loopback port. `config` is the emulator's JSON config (`durations`,
 * `outcomes`, `faults`, `token_lifetime_secs`, `external_blob`, `fixture`, …); with `fast` (default)
 * every emulated phase takes a tenth of a second.
 */
function startEmulator(config = {}, { fast = true } = {}) {
  const cfg = { ...config };
  if (fast) cfg.durations = { ...FAST_DURATIONS, ...(cfg.durations || {}) };
  return new Emulator(guard(() => native.Emulator.start(JSON.stringify(cfg))));
}

module.exports = { startEmulator, Emulator, FAST_DURATIONS };
