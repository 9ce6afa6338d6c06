#!/usr/bin/env node
// The entry point of the GitHub Action (action.yml at the repository root) and of the Azure DevOps task
// (integrations/azure-devops/task.json, through its wrapper): detects the host from its environment
// (GITHUB_ACTIONS=true, or TF_BUILD=True on an Azure Pipelines agent) and runs the same step with that
// host's protocol. The exit code is the step's result.

import { githubHost } from './host-github.mjs';
import { devopsHost } from './host-devops.mjs';

/** The host this process runs on, from the variables each runner sets. */
export function detectHost(env = process.env) {
  if (env.GITHUB_ACTIONS === 'true') return githubHost(env);
  if (String(env.TF_BUILD).toLowerCase() === 'true') return devopsHost(env);
  return null;
}

const host = detectHost();
if (!host) {
  process.stderr.write('storesubmit: not on a GitHub Actions runner (GITHUB_ACTIONS=true) or an Azure Pipelines agent (TF_BUILD=True); use the storesubmit CLI elsewhere\n');
  process.exitCode = 2;
} else {
  // the package loads its native addon on import: a missing one is reported in the host's protocol
  try {
    const { run } = await import('./run.mjs');
    process.exitCode = await run(host, process.env);
  } catch (e) {
    host.fail(`storesubmit: cannot start (${e && e.message ? e.message : String(e)})`);
    process.exitCode = 1;
  }
}
