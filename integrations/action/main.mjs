#!/usr/bin/env node
// The entry point of the GitHub Action (action.yml at the repository root) and of the Azure DevOps task
// (integrations/azure-devops/task.json, through its wrapper): detects the host from its environment
// (GITHUB_ACTIONS=true, or TF_BUILD=True on an Azure Pipelines agent) and runs the same step with that
// host's protocol. The exit code is the step's result; SIGINT/SIGTERM (a cancelled job, a timeout) cancel
// the run, which still reports what it reached.

import { githubHost } from './host-github.mjs';
import { devopsHost } from './host-devops.mjs';

/** The host this process runs on, from the variables each runner sets. */
export function detectHost(env = process.env) {
  if (env.GITHUB_ACTIONS === 'true') return githubHost(env);
  if (String(env.TF_BUILD).toLowerCase() === 'true') return devopsHost(env);
  return null;
}

/**
 * Cancels the run when the runner stops the job: a cancelled job or `timeout-minutes` sends SIGINT (then
 * SIGTERM, then kills), an Azure Pipelines agent SIGINT or SIGTERM. The run is aborted through its
 * AbortSignal (the reason names the signal), so the step still reports: the save-resume file, the outputs,
 * the summary, then a non-zero exit (128 + the signal's number). A second signal changes nothing.
 */
export function cancelOnSignals(proc = process) {
  const controller = new AbortController();
  const received = { signal: null };
  const numbers = { SIGINT: 2, SIGTERM: 15 };
  for (const name of Object.keys(numbers)) {
    proc.on(name, () => {
      if (received.signal) return;
      received.signal = name;
      received.exitCode = 128 + numbers[name];
      controller.abort(new Error(`the runner sent ${name} (the job was cancelled or timed out)`));
    });
  }
  return { signal: controller.signal, received };
}

const host = detectHost();
if (!host) {
  process.stderr.write('storesubmit: not on a GitHub Actions runner (GITHUB_ACTIONS=true) or an Azure Pipelines agent (TF_BUILD=True); use the storesubmit CLI elsewhere\n');
  process.exitCode = 2;
} else {
  const cancel = cancelOnSignals();
  // the package loads its native addon on import: a missing one is reported in the host's protocol
  try {
    const { run } = await import('./run.mjs');
    const code = await run(host, process.env, { signal: cancel.signal });
    process.exitCode = code !== 0 && cancel.received.signal ? cancel.received.exitCode : code;
  } catch (e) {
    host.fail(`storesubmit: cannot start (${e && e.message ? e.message : String(e)})`);
    process.exitCode = 1;
  }
}
