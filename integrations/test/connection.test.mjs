// tests/vectors/connection/precedence.json through the Action's entry point (`run` of
// integrations/action/run.mjs, the code main.mjs and the DevOps task run) on a recording host: each row's
// credentials as inputs, its config file as the `config` input, its project's [credentials] in the project
// file and exactly its environment. The package's Client is replaced by a recorder, so the step stops
// before any request and the test sees the connection it hands the client (which the core resolves into
// what it signs in with and where it sends requests: the values); the connection line the step logs (`storesubmit: connection:
// …`, one line from the core) must name each setting's source; the resolved secret is masked and no secret
// printed. The Action has inputs for the four credentials only: rows giving other settings explicitly are
// the CLI's and the bindings' (skipped here).

import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import storesubmit from 'storesubmit';

/** What the step built its client from; `run()` of the recorded client stops the step. */
const built = [];
class StopBeforeRequests extends Error {}
storesubmit.ClientSecretCredential = class {
  constructor(tenantId, clientId, clientSecret) {
    Object.assign(this, { tenantId, clientId, clientSecret });
  }
};
storesubmit.Client = class {
  constructor(credential, options) {
    built.push({ credential, options });
  }

  async run() {
    throw new StopBeforeRequests('stopped before the first request');
  }
};
const { run } = await import('../action/run.mjs');
const { resolveConnection } = storesubmit;

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = process.env.STORESUBMIT_ROOT || join(HERE, '..', '..');
const { rows } = JSON.parse(readFileSync(join(ROOT, 'tests', 'vectors', 'connection', 'precedence.json'), 'utf8'));
const INPUTS = { tenantId: 'tenant-id', clientId: 'client-id', clientSecret: 'client-secret', sellerId: 'seller-id', auth: 'auth' };
const SNAKE = {
  tenantId: 'tenant_id',
  clientId: 'client_id',
  clientSecret: 'client_secret',
  sellerId: 'seller_id',
  auth: 'auth',
  certificate: 'certificate',
  tokenFile: 'token_file',
  tokenCommand: 'token_command',
  serviceConnectionId: 'service_connection_id',
};

/** A host that records what the step says. */
function recordingHost(workspace, inputs) {
  const out = { log: [], masks: [], failures: [] };
  const host = {
    name: 'github',
    workspace,
    temp: workspace,
    input: (name) => inputs[name] ?? '',
    mask: (secret) => out.masks.push(secret),
    log: (line) => out.log.push(String(line)),
    group: (title) => out.log.push(`group ${title}`),
    endGroup() {},
    annotate: (level, message) => out.log.push(`${level} ${message}`),
    setOutput: (name, value) => out.log.push(`output ${name}=${value}`),
    summary: (markdown) => out.log.push(markdown),
    fail: (message) => out.failures.push(message),
  };
  return { host, out };
}

/** The connection line's settings: key → {value, from, name}, read from the core's description. */
function parseDescription(line) {
  const settings = {};
  for (const part of line.split('; ')) {
    const [, key, rest] = /^(\w+) (.*)$/.exec(part);
    if (rest === 'not set') settings[key] = { value: null, from: null };
    else if (rest.endsWith(' (detected)')) settings[key] = { value: rest.split(' ')[0], from: 'detected' };
    else if (rest === 'production default') settings[key] = { from: 'default' };
    else {
      const [, value, where] = /^(\S+) from (.+)$/.exec(rest);
      const project = /^(.+?) \(the project's credentials\.\w+\)$/.exec(where);
      const source = where.startsWith('input ')
        ? { from: 'explicit', name: where }
        : where.startsWith('config file ')
          ? { from: 'config', name: where }
          : project
            ? { from: 'project', name: project[1] }
            : { from: 'environment', name: where };
      settings[key] = { value: value === '(hidden)' ? undefined : value, ...source };
    }
  }
  return settings;
}

/** Runs the step for `row` in a fresh workspace: the recorded output and the client it built (if any). */
async function step(t, row) {
  const dir = mkdtempSync(join(tmpdir(), 'storesubmit-conn-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const credentials = Object.entries(row.credentialNames || {}).map(([k, v]) => `${SNAKE[k]} = "${v}"\n`).join('');
  writeFileSync(join(dir, 'storesubmit.toml'), `[product]\nkind = "app"\nid = "9NBLGGH4R315"\n\n[credentials]\n${credentials}`);
  const inputs = { project: 'storesubmit.toml' };
  for (const [k, v] of Object.entries(row.explicit || {})) inputs[INPUTS[k]] = v.trim();
  const configText = row.configText ?? (row.config ? JSON.stringify(row.config) : undefined);
  if (configText !== undefined) {
    inputs.config = row.configName || 'config.json';
    writeFileSync(join(dir, inputs.config), configText);
  }
  const { host, out } = recordingHost(dir, inputs);
  built.length = 0;
  const code = await run(host, { ...(row.env || {}) });
  assert.equal(code, 1, 'the recorded client stops every run');
  assert.equal(out.failures.length, 1, out.failures.join('\n'));
  const printed = [...out.log, ...out.failures].join('\n');
  for (const s of row.secrets) assert.ok(!printed.includes(s), `a secret printed:\n${printed}`);
  return { out, client: built[0] };
}

/** The value the step's client signs in and connects with for `key`: the core resolves the connection the
 *  step handed it (`options.connection`), as the package's Client does. */
function used(client, key) {
  const { credential, options } = client;
  assert.equal(credential, null, 'the core signs in by the connection');
  const resolved = resolveConnection(options.connection);
  return (key === 'clientSecret' ? resolved.clientSecret : resolved.values[key]) ?? null;
}

// the rows an Action can express: explicit values for the four credentials only
const actionRows = rows.filter((row) => Object.keys(row.explicit || {}).every((k) => k in INPUTS));

test('the Action runs every row but those with explicit service roots', () => {
  assert.ok(actionRows.length >= 20 && rows.length - actionRows.length <= 3, `${actionRows.length} of ${rows.length}`);
});

for (const row of actionRows) {
  test(`Action connection precedence, values: ${row.name}`, async (t) => {
    const { out, client } = await step(t, row);
    const exp = row.expect;
    if (exp.error) {
      const message = out.failures[0];
      assert.ok(message.includes(`[${exp.error}]`), message);
      for (const m of exp.mentions) assert.ok(message.includes(m), `${m} not in ${message}`);
      for (const k of (exp.missing || []).filter((m) => m in INPUTS)) assert.ok(message.includes(`set the input ${INPUTS[k]}`), `input ${k} not in ${message}`);
      for (const a of exp.absent || []) assert.ok(!message.includes(a), `${a} in ${message}`);
      return;
    }
    assert.match(out.failures[0], /stopped before the first request/);
    for (const [key, e] of Object.entries(exp)) {
      const value = used(client, key);
      if (e.from === 'default' && value === undefined) continue; // left to the package: production's
      assert.equal(value, e.value, key);
    }
    if (exp.clientSecret?.value) assert.ok(out.masks.includes(exp.clientSecret.value), 'the resolved secret is masked');
  });
  if (row.expect.error) continue;
  test(`Action connection precedence, sources: ${row.name}`, async (t) => {
    const { out } = await step(t, row);
    const line = out.log.find((l) => l.startsWith('storesubmit: connection: '));
    assert.ok(line, out.log.join('\n'));
    const got = parseDescription(line.slice('storesubmit: connection: '.length));
    for (const [key, e] of Object.entries(row.expect)) {
      // a setting the sign-in method does not use is left out of the line when it is not set
      if (got[key] === undefined && e.from === null) continue;
      assert.equal(got[key].from, e.from, `${key}: ${line}`);
      if (e.name) assert.equal(got[key].name, e.name, key);
      if (e.from === 'explicit') assert.equal(got[key].name, `input ${INPUTS[key]}`, key);
      if (got[key].value !== undefined && e.from !== 'default') assert.equal(got[key].value, e.value, key);
    }
  });
}
