'use strict';
// tests/vectors/connection/precedence.json through resolveConnection() (the core's wire call
// `resolveConnection`): every row's values, sources and errors, and the secret kept out of the answer's
// enumerable fields.

const test = require('node:test');
const assert = require('node:assert/strict');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { inspect } = require('node:util');
const { storesubmit, REPO } = require('./helpers');

const { rows } = JSON.parse(readFileSync(join(REPO, 'tests', 'vectors', 'connection', 'precedence.json'), 'utf8'));

/** The row as resolveConnection()'s sources (only the row's environment, never the process's). */
function sources(row) {
  const configText = row.configText ?? (row.config ? JSON.stringify(row.config) : undefined);
  return {
    explicit: row.explicit,
    configText,
    configName: configText === undefined ? undefined : row.configName || 'config.json',
    credentialNames: row.credentialNames,
    env: row.env || {},
  };
}

function noSecret(row, text) {
  for (const s of row.secrets) assert.ok(!text.includes(s), `${row.name}: a secret in ${text}`);
}

for (const row of rows) {
  test(`connection precedence: ${row.name}`, () => {
    const exp = row.expect;
    if (exp.error) {
      assert.throws(
        () => storesubmit.resolveConnection(sources(row)),
        (e) => {
          assert.ok(e instanceof storesubmit.StoreSubmitError, String(e));
          assert.equal(e.code, exp.error, e.message);
          for (const m of exp.mentions) assert.ok(e.message.includes(m), `${m} not in ${e.message}`);
          for (const k of exp.missing || []) assert.ok(e.message.includes(`pass ${k}`), `${k} not in ${e.message}`);
          for (const a of exp.absent || []) assert.ok(!e.message.includes(a), `${a} in ${e.message}`);
          noSecret(row, `${e.message} ${e.stack}`);
          return true;
        },
      );
      return;
    }
    const got = storesubmit.resolveConnection(sources(row));
    for (const [key, e] of Object.entries(exp)) {
      const value = key === 'clientSecret' ? got.clientSecret : got.values[key];
      assert.equal(value, e.value, `${key}`);
      if (e.from === null) {
        assert.equal(got.sources[key], null, key);
        continue;
      }
      assert.equal(got.sources[key].from, e.from, key);
      if (e.name) assert.equal(got.sources[key].name, e.name, key);
    }
    noSecret(row, JSON.stringify(got));
    noSecret(row, inspect(got, { depth: 5 }));
    assert.ok(!Object.keys(got).includes('clientSecret'), 'the secret is not enumerable');
  });
}

test('resolveConnection reads process.env when no env is given, and names inputs as asked', () => {
  const saved = process.env.STORESUBMIT_TENANT_ID;
  process.env.STORESUBMIT_TENANT_ID = 'tenant-from-process';
  try {
    const got = storesubmit.resolveConnection({ explicit: { clientId: 'c', clientSecret: 's3cret-x' } });
    assert.equal(got.values.tenantId, 'tenant-from-process');
    assert.deepEqual(got.sources.tenantId, { from: 'environment', name: 'STORESUBMIT_TENANT_ID' });
  } finally {
    if (saved === undefined) delete process.env.STORESUBMIT_TENANT_ID;
    else process.env.STORESUBMIT_TENANT_ID = saved;
  }
  assert.throws(() => storesubmit.resolveConnection({ env: {}, naming: 'input' }), /set the input tenant-id/);
  assert.throws(() => storesubmit.resolveConnection({ env: {}, explicit: { tenantID: 'x' } }), (e) => e instanceof storesubmit.InvalidArgumentError && /explicit\/tenantID/.test(e.message));
});
