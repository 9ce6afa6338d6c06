'use strict';
// The shared flow vectors (tests/vectors/flows, rules in its README) replayed through the addon's `Run`
// (the core's wire::Run, the JSON every host speaks): every task matched, every answer fed back, one task
// at a time oldest first, with the vector's clock.

const test = require('node:test');
const assert = require('node:assert/strict');
const { createHash } = require('node:crypto');
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { REPO, storesubmit } = require('./helpers');
const { native } = require('../lib/native');

const DIR = join(REPO, 'tests', 'vectors', 'flows');
const SECRET = 'vector-client-secret';

function request(w) {
  switch (w.kind) {
    case 'devcenter.submission':
      return { workflow: 'submission', target: w.target, spec: w.spec, stopAfter: w.options?.stop_after, pending: w.options?.pending };
    case 'win32.publish':
      return { workflow: 'win32', productId: w.productId, spec: w.spec, stopAfter: w.stopAfter };
    case 'ingestion.publish':
      return { workflow: 'ingestion', productId: w.productId, spec: w.spec, stopAfter: w.stopAfter };
    case 'resume':
      return { workflow: 'resume', token: w.token, stopAfter: w.stopAfter };
    default:
      throw new Error(`unknown workflow kind ${w.kind}`);
  }
}

/** The pattern bytes of a vector file (byte i = i % 251). */
function pattern(offset, end) {
  const b = Buffer.alloc(Math.max(0, end - offset));
  for (let i = 0; i < b.length; i++) b[i] = (offset + i) % 251;
  return b;
}

function checkBody(want, body, headers, where) {
  if (want === undefined) return;
  if (want === null) return assert.equal(body.length, 0, `${where}: empty body`);
  if (want.json !== undefined) return assert.deepStrictEqual(JSON.parse(body.toString('utf8')), want.json, where);
  if (want.text !== undefined) return assert.equal(body.toString('utf8'), want.text, where);
  if (want.form !== undefined) {
    const form = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    if ('client_secret' in form) {
      assert.equal(form.client_secret, SECRET, `${where}: the runner's secret is sent`);
      form.client_secret = '<redacted>';
    }
    return assert.deepStrictEqual(form, want.form, where);
  }
  if (want.sha256 !== undefined) {
    assert.equal(body.length, want.length, `${where}: body length`);
    return assert.equal(createHash('sha256').update(body).digest('hex'), want.sha256, where);
  }
  throw new Error(`${where}: unknown body expectation ${JSON.stringify(want)}`);
}

function checkTask(want, task, body, where) {
  assert.equal(task.kind, want.kind, `${where}: kind`);
  if (want.kind === 'send') {
    assert.equal(task.method, want.method, `${where}: method`);
    assert.equal(storesubmit.redactUrl(task.url), want.url, `${where}: url`);
    assert.deepStrictEqual(task.purpose, want.purpose, `${where}: purpose`);
    for (const [name, value] of Object.entries(want.headers || {})) {
      const got = task.headers.find(([k]) => k.toLowerCase() === name.toLowerCase());
      assert.ok(got, `${where}: header ${name}`);
      const v = name.toLowerCase() === 'authorization' ? got[1] : storesubmit.redactUrl(got[1]);
      assert.equal(v, value, `${where}: header ${name}`);
    }
    checkBody(want.body, body, task.headers, where);
  } else if (want.kind === 'wait') {
    assert.equal(Math.round(task.seconds * 1000), Math.round(want.seconds * 1000), `${where}: seconds`);
    assert.deepStrictEqual(task.reason, want.reason, `${where}: reason`);
  } else if (want.kind === 'stat') {
    assert.deepStrictEqual(task.names, want.names, `${where}: names`);
  } else if (want.kind === 'list') {
    assert.equal(task.archive, want.archive, `${where}: archive`);
  } else if (want.kind === 'token') {
    assert.equal(task.family, want.family);
    assert.equal(task.scope, want.scope);
  }
}

function answer(a, task, files, now) {
  const id = task.id;
  switch (a.kind) {
    case 'response': {
      const headers = Object.entries(a.headers || {});
      let data = Buffer.alloc(0);
      if (a.json !== undefined) {
        data = Buffer.from(JSON.stringify(a.json));
        headers.push(['Content-Type', 'application/json']);
      } else if (a.text !== undefined) {
        data = Buffer.from(a.text);
      }
      return [{ id, kind: 'response', status: a.status, headers }, data];
    }
    case 'failed':
      return [{ id, kind: 'failed', error: { code: a.error, message: a.message } }, null];
    case 'waited':
      return [{ id, kind: 'waited' }, null];
    case 'sizes':
      return [{ id, kind: 'sizes', sizes: task.names.map((n) => (n in files ? files[n] : null)) }, null];
    case 'files':
      return [{ id, kind: 'files', files: Object.entries(files).map(([name, size]) => ({ name, size })) }, null];
    case 'token':
      return [{ id, kind: 'token', token: a.token, obtainedAt: now, expiresOn: now + a.expiresIn }, null];
    default:
      throw new Error(`unknown answer ${a.kind}`);
  }
}

function checkOutcome(want, step, stages) {
  if (want.ok) {
    assert.equal(step.error, undefined, `expected ok, got ${JSON.stringify(step.error)}`);
    for (const [k, v] of Object.entries(want.ok)) {
      if (v === null) assert.ok(!(k in step.outcome), `outcome.${k} absent`);
      else assert.deepStrictEqual(step.outcome[k], v, `outcome.${k}`);
    }
  } else {
    const e = step.error;
    assert.ok(e, `expected error ${want.error.code}`);
    assert.equal(e.code, want.error.code);
    if ('status' in want.error) assert.equal(e.status, want.error.status);
    for (const s of want.error.messageContains || []) assert.ok(e.message.includes(s), `message contains ${s}: ${e.message}`);
    if ('resumeToken' in want.error) assert.equal(e.resumeToken, want.error.resumeToken, 'resume token');
  }
  if (want.progress) assert.deepStrictEqual(stages, want.progress, 'stages');
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
test('the flow vectors are all here', () => assert.ok(files.length >= 7, files.join(' ')));

for (const file of files) {
  test(`flow vector ${file}`, () => {
    const v = JSON.parse(readFileSync(join(DIR, file), 'utf8'));
    const secret = v.credentials === 'clientSecret' ? new native.Secret(SECRET) : null;
    const machine = new native.Run(JSON.stringify(v.config), JSON.stringify(request(v.workflow)), secret);
    let now = v.clock.start;
    const jitter = v.clock.jitter;
    const step = (event, data) => JSON.parse(machine.step(JSON.stringify(event), data, now, jitter));
    const queue = [];
    const stages = [];
    const shown = [];
    let s = step({ kind: 'start' }, null);
    let used = 0;
    for (;;) {
      shown.push(JSON.stringify(s.progress), JSON.stringify(s.outcome || s.error || null));
      for (const p of s.progress || []) if (p.kind === 'stage') stages.push(p.stage);
      if (s.kind === 'done') break;
      if (s.kind === 'run') queue.push(...s.tasks);
      const task = queue.shift();
      assert.ok(task, `the queue ran empty before done (exchange ${used})`);
      if (task.kind === 'read') {
        const size = v.files[task.name];
        s = step({ id: task.id, kind: 'data' }, pattern(task.offset, Math.min(size, task.offset + task.length)));
        continue;
      }
      const ex = v.exchanges[used];
      assert.ok(ex, `a task beyond the exchanges: ${JSON.stringify(task).slice(0, 200)}`);
      const body = task.kind === 'send' && task.bodyLength > 0 ? Buffer.from(machine.takeBody(task.id)) : Buffer.alloc(0);
      const where = `${file} exchange ${used}`;
      checkTask(ex.task, task, body, where);
      shown.push(storesubmit.redactUrl(task.url || ''), storesubmit.redact(body.toString('latin1')));
      used++;
      now += ex.advance || 0;
      if (ex.answer.kind === 'waited') now += Math.max(1, Math.floor(task.seconds));
      const [event, data] = answer(ex.answer, task, v.files || {}, now);
      s = step(event, data);
    }
    assert.equal(used, v.exchanges.length, 'every exchange used');
    checkOutcome(v.outcome, s, stages);
    const all = shown.join('\n');
    assert.ok(!all.includes(SECRET), 'no client secret in any output');
    assert.ok(!/sig=(?!<redacted>)/.test(all), 'no SAS signature in any output');
  });
}
