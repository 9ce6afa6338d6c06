'use strict';
// An outside client of the emulator that resolves absolute paths against each service root with
// `new URL(path, root)` (as Microsoft's sample client does with .NET's Uri): each API answers at the root of
// its own origin, so the client reaches it unchanged, and the Partner Center APIs echo the
// MS-CorrelationId / MS-RequestId it sends.

const test = require('node:test');
const assert = require('node:assert/strict');
const { randomUUID } = require('node:crypto');
const { emulator } = require('./helpers');

/** A v1 client-credentials token, asked for as Microsoft's sample does (`resource=`). */
async function token(emu, resource) {
  const url = new URL(`/${emu.tenantId}/oauth2/token`, emu.tokenUrl);
  const r = await fetch(url, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: emu.clientId, client_secret: emu.clientSecret, resource }),
  });
  assert.equal(r.status, 200, `token from ${url}`);
  return (await r.json()).access_token;
}

test('absolute paths resolved with new URL(path, root) reach every service', async (t) => {
  const emu = emulator(t);
  for (const root of [emu.devcenterUrl, emu.win32Url, emu.ingestionUrl, emu.tokenUrl]) {
    assert.equal(new URL(root).pathname, '/', `${root} is an origin`);
  }

  const dc = await token(emu, 'https://manage.devcenter.microsoft.com');
  const ids = { 'MS-CorrelationId': randomUUID(), 'MS-RequestId': randomUUID() };
  const app = await fetch(new URL(`/v1.0/my/applications/${emu.appId}`, emu.devcenterUrl), {
    headers: { authorization: `Bearer ${dc}`, ...ids },
  });
  assert.equal(app.status, 200);
  assert.equal((await app.json()).id, emu.appId);
  assert.equal(app.headers.get('ms-correlationid'), ids['MS-CorrelationId']);
  assert.equal(app.headers.get('ms-requestid'), ids['MS-RequestId']);

  const w32 = await token(emu, 'https://api.store.microsoft.com');
  const status = await fetch(new URL(`/submission/v1/product/${emu.win32ProductId}/status`, emu.win32Url), {
    headers: { authorization: `Bearer ${w32}`, 'X-Seller-Account-Id': emu.sellerId },
  });
  assert.equal(status.status, 200);
  assert.equal((await status.json()).isSuccess, true);

  const ing = await token(emu, 'https://api.partner.microsoft.com');
  const product = await fetch(new URL(`/v1.0/ingestion/products/${emu.ingestionProductId}`, emu.ingestionUrl), {
    headers: { authorization: `Bearer ${ing}` },
  });
  assert.equal(product.status, 200);
  assert.equal((await product.json()).id, emu.ingestionProductId);
});
