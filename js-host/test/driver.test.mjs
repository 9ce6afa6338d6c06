// The loop with a scripted machine: tasks of one step run concurrently, completions go back with their
// ids and bytes, an abort becomes the machine's cancel event, a "done" error becomes the caller's error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drive, execute, fetchSender, sleep } from '../driver.mjs';
import { AuthenticationError, OperationCancelledError } from '../gen/facade.mjs';

function scripted(steps) {
  const events = [];
  return {
    events,
    step(event, data) {
      events.push({ event, data: data ? Buffer.from(data).toString() : null });
      return typeof steps === 'function' ? steps(event, events.length) : steps[events.length - 1];
    },
    takeBody(id) { return new TextEncoder().encode(`body-${id}`); },
  };
}

test('tasks of one step run at once and each completion is reported with its id', async () => {
  let inFlight = 0; let most = 0;
  const m = scripted([
    { kind: 'run', tasks: [{ id: 1, kind: 'read', name: 'a', offset: 0, length: 3 }, { id: 2, kind: 'send', method: 'PUT', url: 'https://x/y', headers: [], timeout: null, bodyLength: 6 }], progress: [{ kind: 'stage', stage: 'upload' }] },
    { kind: 'pending' },
    { kind: 'done', outcome: { ok: true } },
  ]);
  const seen = [];
  const io = {
    read: async (name) => { inFlight++; most = Math.max(most, inFlight); await sleep(0.02); inFlight--; return new TextEncoder().encode(`data-${name}`); },
    send: async (task, body) => { inFlight++; most = Math.max(most, inFlight); await sleep(0.05); inFlight--; return { status: 201, headers: [['x', Buffer.from(body).toString()]], body: new Uint8Array() }; },
  };
  const out = await drive(m, io, { onProgress: (p) => seen.push(p.stage) });
  assert.deepEqual(out, { ok: true });
  assert.equal(most, 2);
  assert.deepEqual(seen, ['upload']);
  assert.deepEqual(m.events[1], { event: { id: 1, kind: 'data' }, data: 'data-a' });
  assert.deepEqual(m.events[2].event, { id: 2, kind: 'response', status: 201, headers: [['x', 'body-2']] });
});

test('a failing host call is a failed completion with a host error code', async () => {
  const m = scripted([
    { kind: 'run', tasks: [{ id: 7, kind: 'send', method: 'GET', url: 'https://x', headers: [], timeout: null, bodyLength: 0 }] },
    { kind: 'done', error: { code: 'transport', number: 13, message: 'gave up' } },
  ]);
  const err = await drive(m, { send: async () => { throw new TypeError('fetch failed'); } }, { makeError: (e) => Object.assign(new Error(e.message), { code: e.code }) }).catch((e) => e);
  assert.equal(err.code, 'transport');
  assert.deepEqual(m.events[1].event, { id: 7, kind: 'failed', error: { code: 'transport', message: 'fetch failed' } });
});

test('a list task is answered with the files of the host', async () => {
  const m = scripted([{ kind: 'run', tasks: [{ id: 3, kind: 'list', archive: null }] }, { kind: 'done', outcome: 1 }]);
  await drive(m, { list: async (archive) => [{ name: `a${archive}`, size: 0 }] });
  assert.deepEqual(m.events[1].event, { id: 3, kind: 'files', files: [{ name: 'anull', size: 0 }] });
});

test('a machine that runs on its own pushes its steps through next(); completions and a cancel go to step()', async () => {
  const ac = new AbortController();
  const pushed = [
    { kind: 'run', tasks: [{ id: 1, kind: 'wait', seconds: 0, reason: { kind: 'poll' } }], progress: [{ kind: 'stage', stage: 'poll' }] },
    { kind: 'run', tasks: [], progress: [{ kind: 'stage', stage: 'commit' }] },
    { kind: 'done', error: { code: 'cancelled', number: 24, message: 'cancelled', resumeToken: 'T' } },
  ];
  // each pushed step waits until the events before it happened (the first task's completion, the cancel)
  const gates = [[], ['start', 'waited'], ['start', 'waited', 'cancel']];
  const events = [];
  let waiting = null;
  const check = () => waiting && gates[0].every((e, i) => events[i] === e) && (gates.shift(), waiting(pushed.shift()), (waiting = null));
  const session = {
    step(event) {
      events.push(event.kind);
      check();
      return { kind: 'pending' };
    },
    takeBody: () => new Uint8Array(0),
    next: () => new Promise((resolve) => { waiting = resolve; check(); }),
  };
  const stages = [];
  const err = await execute(() => session, { wait: sleep }, {
    signal: ac.signal,
    onProgress: (p) => { stages.push(p.stage); if (p.stage === 'commit') ac.abort(new RangeError('stop now')); },
  }).catch((e) => e);
  assert.ok(err instanceof OperationCancelledError, String(err));
  assert.equal(err.resumeToken, 'T');
  assert.ok(err.cause instanceof RangeError, 'the cause is the signal reason');
  assert.deepEqual(stages, ['poll', 'commit']);
  assert.deepEqual(events, ['start', 'waited', 'cancel']);
});

test('execute: an aborted signal starts nothing; a failing credential is an AuthenticationError with its cause', async () => {
  let started = false;
  const aborted = await execute(() => { started = true; }, {}, { signal: AbortSignal.abort('why') }).catch((e) => e);
  assert.ok(aborted instanceof OperationCancelledError);
  assert.equal(aborted.cause, 'why');
  assert.equal(started, false);
  const m = scripted((event) => event.kind === 'start'
    ? { kind: 'run', tasks: [{ id: 1, kind: 'token', family: 'devcenter', scope: 'https://x/.default' }] }
    : { kind: 'done', error: { code: event.error.code, number: 3, message: event.error.message } });
  const secret = new TypeError('identity says no: hunter2');
  const err = await execute(() => m, {}, { credential: { getToken: async () => { throw secret; } } }).catch((e) => e);
  assert.ok(err instanceof AuthenticationError, String(err));
  assert.match(err.message, /https:\/\/x\/\.default \(TypeError; see the cause\)/);
  assert.ok(!err.message.includes('hunter2'));
  assert.equal(err.cause, secret);
  const ok = scripted((event) => event.kind === 'start'
    ? { kind: 'run', tasks: [{ id: 1, kind: 'token', family: 'devcenter', scope: 's' }] }
    : { kind: 'done', outcome: event });
  const out = await execute(() => ok, {}, { credential: { getToken: async (scopes) => ({ token: scopes[0], expiresOnTimestamp: 5999 }) } });
  assert.deepEqual(out, { id: 1, kind: 'token', token: 's', expiresOn: 5 });
});

test('a missing io function fails the task as unsupported', async () => {
  const m = scripted([{ kind: 'run', tasks: [{ id: 1, kind: 'token', family: 'devcenter', scope: 's' }] }, { kind: 'done', outcome: null }]);
  await drive(m, {});
  assert.equal(m.events[1].event.error.code, 'unsupported');
});

test('an abort sends cancel and ends with the machine answer', async () => {
  const ac = new AbortController();
  const m = scripted((event) => event.kind === 'cancel'
    ? { kind: 'done', error: { code: 'cancelled', number: 24, message: 'cancelled' } }
    : { kind: 'run', tasks: [{ id: 1, kind: 'wait', seconds: 30, reason: { kind: 'poll' } }] });
  setTimeout(() => ac.abort(), 20);
  const t0 = Date.now();
  const err = await drive(m, { wait: sleep }, { signal: ac.signal, makeError: (e) => Object.assign(new Error(e.message), { code: e.code }) }).catch((e) => e);
  assert.equal(err.code, 'cancelled');
  assert.ok(Date.now() - t0 < 5000);
  assert.deepEqual(m.events.map((e) => e.event.kind), ['start', 'cancel']);
});

test("fetchSender honours a send task's maxResponseBytes: a larger answer, declared or streamed, fails as response_too_large", async () => {
  const task = (max) => ({ id: 3, kind: 'send', method: 'GET', url: 'https://x/y', headers: [], timeout: null, bodyLength: 0, maxResponseBytes: max });
  const streamed = (n) => new Response(new ReadableStream({ pull(c) { c.enqueue(new Uint8Array(n)); c.close(); } }));
  const declared = () => new Response(new Uint8Array(64), { headers: { 'content-length': '64' } });
  for (const answer of [declared, () => streamed(64)]) {
    const send = fetchSender(async () => answer());
    await assert.rejects(send(task(10), null), (e) => e.storesubmitCode === 'response_too_large' && /more than the 10 this request accepts/.test(e.message));
    const m = scripted([{ kind: 'run', tasks: [task(10)] }, { kind: 'done', outcome: {} }]);
    await drive(m, { send });
    assert.equal(m.events[1].event.error.code, 'response_too_large');
  }
  assert.equal((await fetchSender(async () => streamed(10))(task(10), null)).body.byteLength, 10, 'an answer of exactly the limit is read');
});
