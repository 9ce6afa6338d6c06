// What the integration tests share: the entry point started as a runner starts it, and the outputs a step
// wrote in the GitHub Actions file form.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/**
 * Runs `entry` with exactly `env` (plus PATH): resolves with its exit code, the signal that ended it, its
 * output, `sent` (the signal the runner sent) and `exitMs` (how long the step took to end after it). With
 * `cancel` ({line, signal}), the signal is sent when stdout shows that line, as a runner stops a cancelled
 * or timed-out job.
 */
export function runStep(entry, env, cancel = null) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = null;
    let sentAt = 0;
    child.stdout.on('data', (d) => {
      stdout += d;
      if (cancel && !sent && stdout.split('\n').includes(cancel.line)) {
        sent = cancel.signal;
        sentAt = Date.now();
        child.kill(cancel.signal);
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, sent, exitMs: sent ? Date.now() - sentAt : null });
    });
  });
}

/** The outputs a step wrote to $GITHUB_OUTPUT (the `name<<DELIMITER` form). */
export function githubOutputs(path) {
  const out = {};
  const lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const value = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
    out[m[1]] = value.join('\n');
  }
  return out;
}
