// The Azure Pipelines side of the entry point: inputs from `INPUT_<NAME>` (the task.json input names are
// the camelCase of the action's: `tenant-id` is `tenantId`, read from INPUT_TENANTID), logging commands on
// stdout (`##vso[task.setvariable]`, `##vso[task.setsecret]`, `##vso[task.logissue]`,
// `##vso[task.uploadsummary]`, `##vso[task.complete]`).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A logging command's message: `%`, CR and LF escaped as the agent reads them back. */
function escapeData(s) {
  return String(s).replace(/%/g, '%AZP25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A logging command's property value: the message escapes plus `;` and `]`. */
function escapeProperty(s) {
  return escapeData(s).replace(/;/g, '%3B').replace(/]/g, '%5D');
}

function command(name, props, message) {
  const p = Object.entries(props || {})
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(v)};`)
    .join('');
  return `##vso[${name}${p ? ` ${p}` : ''}]${escapeData(message)}`;
}

/** `tenant-id` → `tenantId`: the task.json name of an action input. */
export function taskInputName(name) {
  return name.replace(/[- ]([a-z0-9])/g, (_, c) => c.toUpperCase());
}

/** `submission-id` → `submissionId`: the output variable name of an action output. */
export const taskOutputName = taskInputName;

/** The Azure Pipelines host: what the shared run() needs, in the agent's protocol. */
export function devopsHost(env = process.env, out = (line) => process.stdout.write(`${line}\n`)) {
  let summaryDir = null;
  return {
    name: 'azure-devops',
    workspace: env.BUILD_SOURCESDIRECTORY || env.SYSTEM_DEFAULTWORKINGDIRECTORY || process.cwd(),
    temp: env.AGENT_TEMPDIRECTORY || null,
    input(name) {
      const v = env[`INPUT_${taskInputName(name).replace(/ /g, '_').toUpperCase()}`];
      return v === undefined ? '' : v.trim();
    },
    /**
     * The sign-in an Azure Resource Manager service connection with workload identity federation gives
     * (the `connectedServiceName` input): its tenant and service principal, its id, and the job's access
     * token for the OIDC request (`System.OidcRequestUri` is read by the core from SYSTEM_OIDCREQUESTURI).
     */
    connectionInputs() {
      const id = this.input('connected service name');
      if (!id) return {};
      const param = (name) => env[`ENDPOINT_AUTH_PARAMETER_${id.toUpperCase()}_${name}`] || '';
      const scheme = env[`ENDPOINT_AUTH_SCHEME_${id.toUpperCase()}`] || '';
      if (scheme && scheme.toLowerCase() !== 'workloadidentityfederation') return {};
      return {
        auth: 'azure-pipelines',
        serviceConnectionId: id,
        tenantId: param('TENANTID'),
        clientId: param('SERVICEPRINCIPALID'),
        oidcRequestToken: env.ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN || env.SYSTEM_ACCESSTOKEN || '',
      };
    },
    mask(secret) {
      if (secret) out(command('task.setsecret', null, secret));
    },
    log(line) {
      out(String(line));
    },
    group(title) {
      out(`##[group]${String(title).replace(/[\r\n]+/g, ' ')}`);
    },
    endGroup() {
      out('##[endgroup]');
    },
    annotate(level, message, { file, title } = {}) {
      out(command('task.logissue', { type: level === 'error' ? 'error' : 'warning', sourcepath: file, code: title }, message));
    },
    setOutput(name, value) {
      out(command('task.setvariable', { variable: taskOutputName(name), isOutput: 'true' }, value));
    },
    /** Writes the Markdown to a file in the agent's temp folder and attaches it to the run's summary. */
    summary(markdown) {
      summaryDir = summaryDir || mkdtempSync(join(env.AGENT_TEMPDIRECTORY || tmpdir(), 'storesubmit-'));
      const path = join(summaryDir, 'storesubmit-summary.md');
      writeFileSync(path, `${markdown}\n`);
      out(command('task.uploadsummary', null, path));
    },
    fail(message) {
      out(command('task.logissue', { type: 'error' }, message));
      out(command('task.complete', { result: 'Failed' }, message));
    },
  };
}
