// What the GitHub Action and the Azure DevOps task do, the same for both hosts: read the inputs, load the
// project file, build the client, run the plan (always: the summary shows its changes), then the workflow
// unless dry-run, and report outputs, annotations and the summary through the host's protocol. Every Store
// rule (the project file, the workflows, the plan, the summary's Markdown) lives in the core, reached
// through the npm package; this file only moves values between the host and the package.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import storesubmit from 'storesubmit';

const { Client, ClientSecretCredential, StoreSubmitError, connectionFile, loadProject, resolveConnection, summary } = storesubmit;

/** An input or configuration mistake of the step itself (not a Store error). */
class InputError extends Error {}

/** A `true`/`false` input (YAML 1.2 core schema spellings, as the runner accepts them). */
function bool(host, name) {
  const v = host.input(name);
  if (v === '') return false;
  if (['true', 'True', 'TRUE'].includes(v)) return true;
  if (['false', 'False', 'FALSE'].includes(v)) return false;
  throw new InputError(`input ${name}: must be true or false, got "${v}"`);
}

/** The text of the config file (endpoints and credentials for the emulator or another cloud: the CLI's
 *  --config keys, camelCase or snake_case, or the emulator's first line; the core reads it). */
function readConfig(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`input config: cannot read ${path} (${e.code || e.message})`);
  }
}

/** The progress log: a group per stage (opened at its first line, so a stage with nothing to say shows
 *  no empty group), one line per event (the core's message, already secret-free). */
function progressLog(host) {
  let pending = null;
  let open = false;
  const close = () => {
    if (open) host.endGroup();
    open = false;
  };
  const line = (text) => {
    if (pending !== null) {
      close();
      host.group(`storesubmit: ${pending}`);
      open = true;
      pending = null;
    }
    host.log(text);
  };
  const onProgress = (e) => {
    if (e.kind === 'stage') {
      pending = e.stage;
      return;
    }
    if (e.kind === 'upload' && e.done !== e.total && e.done !== 0) return; // first and last upload line only
    line(e.message || JSON.stringify(e));
  };
  return { onProgress, close };
}

/** The message of a failure, with its error code (and correlation id) in front. */
function failureMessage(e) {
  if (e instanceof StoreSubmitError) {
    const corr = e.correlationId ? ` (correlation id ${e.correlationId})` : '';
    return `storesubmit failed: [${e.code}] ${e.message}${corr}`;
  }
  if (e instanceof InputError) return `storesubmit: ${e.message}`;
  return `storesubmit failed: ${e && e.stack ? e.stack : String(e)}`;
}

/**
 * Runs the step on `host` (githubHost or devopsHost) and resolves with the process exit code (0 when the
 * workflow reached the requested stage, or the dry run's plan was made; 1 otherwise).
 */
export async function run(host, env = process.env) {
  const at = (p) => (isAbsolute(p) ? p : resolve(host.workspace, p));
  // annotations name files relative to the workspace (the runner links them to the repository)
  const shown = (p) => {
    const r = relative(host.workspace, p);
    return r && !r.startsWith(`..${sep}`) && r !== '..' && !isAbsolute(r) ? r : p;
  };
  let resumePath = null;
  const masked = new Set();
  const mask = (secret) => {
    if (secret && !masked.has(secret)) host.mask(secret);
    if (secret) masked.add(secret);
  };
  try {
    // 1. inputs (secrets are masked before anything else is printed)
    const secretInput = host.input('client-secret');
    mask(secretInput);
    const configPath = host.input('config') ? at(host.input('config')) : null;
    const configText = configPath ? readConfig(configPath) : null;
    if (configText !== null) mask(connectionFile(configText, configPath).clientSecret);
    const dryRun = bool(host, 'dry-run');
    const wait = host.input('wait');
    const savePath = host.input('save-resume');
    resumePath = savePath ? at(savePath) : null;

    // 2. the project file (its mistakes are annotations on the file, and fail the step)
    const projectPath = at(host.input('project') || 'storesubmit.toml');
    const environment = host.input('environment');
    const project = loadProject(projectPath, environment ? { environment } : {});
    for (const issue of project.issues) {
      const where = issue.path ? ` (${issue.path})` : '';
      host.annotate(issue.severity === 'warning' ? 'warning' : 'error', `${issue.message}${where}`, {
        file: shown(issueFile(projectPath, issue.path)),
        title: issue.code,
      });
    }
    if (!project.valid || !project.request) {
      const errors = project.issues.filter((i) => i.severity !== 'warning').length;
      host.fail(`storesubmit: ${projectPath} has ${errors} error(s): ${project.issues.map((i) => i.code).join(', ')}`);
      return 1;
    }
    const request = { ...project.request };
    if (wait) request.stopAfter = wait;

    // 3. the connection, by the core's one rule (the CLI's): inputs > the config file > the variables the
    //    project file names > STORESUBMIT_* > production; then the client
    const connection = resolveConnection({
      explicit: {
        tenantId: host.input('tenant-id'),
        clientId: host.input('client-id'),
        clientSecret: secretInput,
        sellerId: host.input('seller-id'),
      },
      configText,
      configName: configPath,
      credentialNames: project.credentials,
      env,
      naming: host.name === 'azure-devops' ? 'taskInput' : 'input',
    });
    mask(connection.clientSecret);
    host.log(`storesubmit: connection: ${connection.description}`);
    const settings = connection.values;
    const endpoints = {
      devcenter: settings.devcenterUrl,
      win32: settings.win32Url,
      ingestion: settings.ingestionUrl,
      token: settings.tokenUrl,
    };
    const options = { endpoints, tokenVersion: settings.tokenVersion, userAgent: `storesubmit-${host.name}/${storesubmit.version}` };
    if (settings.sellerId) options.sellerId = settings.sellerId;
    const poll = host.input('poll-interval');
    if (poll) {
      const seconds = Number(poll);
      if (!Number.isFinite(seconds) || seconds <= 0) throw new InputError(`input poll-interval: must be a number of seconds, got "${poll}"`);
      options.poll = { initial: seconds };
    }
    const client = new Client(new ClientSecretCredential(settings.tenantId, settings.clientId, connection.clientSecret), options);

    // 4. the plan (read-only: GET requests only), then the workflow
    const log = progressLog(host);
    let plan = null;
    try {
      host.group('storesubmit: plan');
      const planned = await client.run({ workflow: 'plan', request }, { files: project.files });
      plan = planned.document;
      host.log(`${plan.requests.length} request(s) planned, ${plan.changes.length} change(s)`);
      host.endGroup();
      if (dryRun) {
        host.summary(summary(null, plan));
        host.setOutput('status', 'dry-run');
        host.setOutput('stage', 'plan');
        host.log('dry run: nothing was changed');
        return 0;
      }
      let outcome;
      try {
        outcome = await client.run(request, { files: project.files, onProgress: log.onProgress });
      } finally {
        log.close();
      }
      if (outcome.submission_id) host.setOutput('submission-id', outcome.submission_id);
      host.setOutput('status', outcome.status || '');
      host.setOutput('stage', outcome.stage);
      if (outcome.resume && resumePath) {
        saveResume(resumePath, outcome.resume);
        host.setOutput('resume-token', resumePath);
      }
      host.summary(summary(outcome, plan));
      for (const f of outcome.errors) host.annotate('error', `${f.code}: ${f.message}`, { title: 'Store' });
      for (const f of outcome.warnings) host.annotate('warning', `${f.code}: ${f.message}`, { title: 'Store' });
      host.log(`${outcome.flow}: ${outcome.stage}${outcome.status ? ` (${outcome.status})` : ''}, submission ${outcome.submission_id || '—'}`);
      return 0;
    } catch (e) {
      if (e instanceof StoreSubmitError && e.resumeToken && resumePath) {
        saveResume(resumePath, e.resumeToken);
        host.setOutput('resume-token', resumePath);
      }
      if (e instanceof StoreSubmitError) host.summary(summary(null, plan, e));
      throw e;
    }
  } catch (e) {
    host.fail(failureMessage(e));
    return 1;
  }
}

/** The file an issue is about: a file the project names (`listings/en-us.md`, `listings/en-us.md#/title`:
 *  relative to the project's folder) or else the project file itself (JSON pointers into it, `/…`, and
 *  `resolved:` paths into the resolved submission). */
function issueFile(projectPath, path) {
  const p = path || '';
  if (p === '' || p.startsWith('/') || p.startsWith('resolved:')) return projectPath;
  const hash = p.indexOf('#');
  return resolve(dirname(projectPath), hash >= 0 ? p.slice(0, hash) : p);
}

/** Writes a resume token to `path` (the folder is made; the token holds no secret). */
function saveResume(path, token) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, typeof token === 'string' ? token : JSON.stringify(token));
}
