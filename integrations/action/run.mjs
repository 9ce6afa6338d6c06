// What the GitHub Action and the Azure DevOps task do, the same for both hosts: read the inputs, load the
// project file, build the client, run the plan (always: the summary shows its changes), then the workflow
// unless dry-run (or resume one from its resume token), and report outputs, annotations and the summary
// through the host's protocol — also when the run fails or the runner cancels it. Every Store rule (the
// project file, the workflows, the plan, the summary's Markdown, secret redaction) lives in the core,
// reached through the npm package; this file only moves values between the host and the package.

import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import storesubmit from 'storesubmit';

const { Client, StoreSubmitError, connectionFile, loadProject, resolveConnection, secretsToMask, summary } = storesubmit;

/** An input or configuration mistake of the step itself (not a Store error). */
class InputError extends Error {}

/** A project file the core found errors in (its issues are annotations already). */
class ProjectError extends Error {
  constructor(message, issues) {
    super(message);
    this.issues = issues;
  }
}

/** A `true`/`false` input (YAML 1.2 core schema spellings, as the runner accepts them). */
function bool(host, name) {
  const v = host.input(name);
  if (v === '') return false;
  if (['true', 'True', 'TRUE'].includes(v)) return true;
  if (['false', 'False', 'FALSE'].includes(v)) return false;
  throw new InputError(`input ${name}: must be true or false, got "${v}"`);
}

/** The text of a file an input names, or an InputError naming the input. */
function readInputFile(name, path) {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`input ${name}: cannot read ${path} (${e.code || e.message})`);
  }
}

/** The resume token of the `resume-token` input: the token itself (JSON, as the output of an earlier run
 *  gives it) or the path of a file holding one (a `save-resume` file). */
function tokenInput(value, at) {
  const text = /^\s*["{]/.test(value) ? value : readInputFile('resume-token', at(value));
  if (text.trim() === '') throw new InputError('input resume-token: the token is empty');
  return text.trim();
}

/**
 * What the run has said so far, from its progress events: a log group per stage (opened when the stage
 * starts, so the log shows where a run is while it waits), one line per event (the core's message, already
 * secret-free), and the last stage entered (the `stage` output of a failed run). Before each line, the
 * secrets the run came to hold since the last event (a new access token, a SAS signature) are masked.
 */
function progressLog(host, maskNew) {
  const state = { stage: null };
  let open = false;
  const close = () => {
    if (open) host.endGroup();
    open = false;
  };
  const onProgress = (e) => {
    maskNew();
    if (e.kind === 'stage') {
      close();
      state.stage = e.stage;
      host.group(`storesubmit: ${e.stage}`);
      open = true;
      return;
    }
    if (e.kind === 'upload' && e.done !== e.total && e.done !== 0) return; // first and last upload line only
    host.log(e.message || JSON.stringify(e));
  };
  return { onProgress, close, state };
}

/** The message of a failure, with its error code (and correlation id) in front. */
function failureMessage(e) {
  if (e instanceof StoreSubmitError) {
    const corr = e.correlationId ? ` (correlation id ${e.correlationId})` : '';
    return `storesubmit failed: [${e.code}] ${e.message}${corr}`;
  }
  if (e instanceof InputError || e instanceof ProjectError) return `storesubmit: ${e.message}`;
  return `storesubmit failed: ${e && e.stack ? e.stack : String(e)}`;
}

/** A failure as the core's summary call takes it (the manifest's ErrorInfo, and whether it is resumable). */
function errorInfo(e) {
  if (e instanceof StoreSubmitError) return { ...e.toJSON(), resumable: typeof e.resumeToken === 'string' };
  if (e instanceof ProjectError) return { code: 'validation', message: e.message, issues: e.issues };
  if (e instanceof InputError) return { code: 'invalid_argument', message: e.message };
  return { code: 'unknown', message: e && e.message ? e.message : String(e) };
}

/** The submission a resume token continues (the token is the core's JSON; null when it names none). */
function submissionOf(token) {
  try {
    const t = JSON.parse(token);
    for (const v of [t, ...Object.values(t).filter((x) => x && typeof x === 'object')]) {
      const id = v.submissionId ?? v.submission_id;
      if (typeof id === 'string' || typeof id === 'number') return String(id);
    }
  } catch {
    // not JSON: the core refuses it when resuming; nothing to report here
  }
  return null;
}

/**
 * Runs the step on `host` (githubHost or devopsHost) and resolves with the process exit code (0 when the
 * workflow reached the requested stage, or the dry run's plan was made; 1 otherwise). `signal` (aborted
 * when the runner cancels the job) cancels the run: the step then reports like any failure, with the
 * resume token the core gives.
 */
export async function run(host, env = process.env, { signal } = {}) {
  const at = (p) => (isAbsolute(p) ? p : resolve(host.workspace, p));
  // annotations name files relative to the workspace (the runner links them to the repository)
  const shown = (p) => {
    const r = relative(host.workspace, p);
    return r && !r.startsWith(`..${sep}`) && r !== '..' && !isAbsolute(r) ? r : p;
  };
  const masked = new Set();
  const mask = (secret) => {
    if (secret && !masked.has(secret)) host.mask(secret);
    if (secret) masked.add(secret);
  };
  // the secrets the core came to hold (access tokens, SAS signatures), masked as soon as the step sees
  // them: the runner then hides them in this step's later lines and in every later step's
  let maskedUpTo = 0;
  const maskNew = () => {
    const { values, next } = secretsToMask({ after: maskedUpTo });
    maskedUpTo = next;
    values.forEach(mask);
  };
  let resumePath = null;
  let plan = null;
  let log = null;
  try {
    // 1. inputs (secrets are masked before anything else is printed)
    const secretInput = host.input('client-secret');
    mask(secretInput);
    const configPath = host.input('config') ? at(host.input('config')) : null;
    const configText = configPath ? readInputFile('config', configPath) : null;
    if (configText !== null) mask(connectionFile(configText, { name: configPath }).clientSecret);
    const dryRun = bool(host, 'dry-run');
    const wait = host.input('wait');
    const savePath = host.input('save-resume');
    // a dry run neither resumes nor touches the save-resume file
    resumePath = savePath && !dryRun ? at(savePath) : null;
    // a token to continue from: the input, else (a rerun of a cancelled job) the save-resume file
    let token = host.input('resume-token') && !dryRun ? tokenInput(host.input('resume-token'), at) : null;
    if (!token && resumePath && existsSync(resumePath)) {
      token = readInputFile('save-resume', resumePath).trim() || null;
      if (token) host.log(`storesubmit: resuming from ${resumePath}`);
    }

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
      const errors = project.issues.filter((i) => i.severity !== 'warning');
      throw new ProjectError(`${projectPath} has ${errors.length} error(s): ${errors.map((i) => i.code).join(', ')}`, errors);
    }
    const request = { ...project.request };
    if (wait) request.stopAfter = wait;

    // 3. the connection, by the core's one rule (the CLI's): inputs > the config file > the variables the
    //    project file names > STORESUBMIT_* > production; then the client
    //    (`auth`: how to sign in — a client secret, the job's OIDC token, … — chosen by the same rule)
    const sources = {
      explicit: {
        tenantId: host.input('tenant-id'),
        clientId: host.input('client-id'),
        clientSecret: secretInput,
        sellerId: host.input('seller-id'),
        auth: host.input('auth'),
      },
      configText,
      configName: configPath,
      credentialNames: project.credentials,
      env,
      naming: host.name === 'azure-devops' ? 'taskInput' : 'input',
    };
    // an Azure DevOps service connection (workload identity) gives what the inputs leave out
    for (const [k, v] of Object.entries(host.connectionInputs?.() || {})) if (!sources.explicit[k]) sources.explicit[k] = v;
    mask(sources.explicit.oidcRequestToken);
    const connection = resolveConnection(sources);
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
    // a journal in the runner's temp folder: a step killed hard (out of memory, a lost runner process) and
    // run again in the same job continues its submission instead of starting a second one
    if (host.temp) options.journal = join(host.temp, 'storesubmit-journal');
    const timeout = host.input('timeout');
    if (timeout) {
      const seconds = Number(timeout);
      if (!Number.isFinite(seconds) || seconds <= 0) throw new InputError(`input timeout: must be a number of seconds, got "${timeout}"`);
      options.deadline = seconds;
    }
    // the core signs in by the connection itself: a client secret, or a token source with no secret
    const client = new Client(null, { ...options, connection: sources });

    // 4. the plan (read-only: GET requests only), then the workflow; or the resume of a stopped one
    log = progressLog(host, maskNew);
    const runOptions = { files: project.files, onProgress: log.onProgress, signal };
    let outcome;
    try {
      if (token) {
        host.log(`storesubmit: continuing submission ${submissionOf(token) || '(unknown)'} from its resume token`);
        outcome = await client.resume(token, { ...runOptions, ...(request.stopAfter ? { stopAfter: request.stopAfter } : {}) });
      } else {
        host.group('storesubmit: plan');
        const planned = await client.run({ workflow: 'plan', request }, { files: project.files, signal });
        plan = planned.document;
        host.log(`${plan.requests.length} request(s) planned, ${plan.changes.length} change(s)`);
        host.endGroup();
        if (dryRun) {
          host.summary(summary({ plan }).markdown);
          host.setOutput('status', 'dry-run');
          host.setOutput('stage', 'plan');
          host.log('dry run: nothing was changed');
          return 0;
        }
        outcome = await client.run(request, runOptions);
      }
    } finally {
      maskNew();
      log.close();
    }
    if (outcome.submissionId) host.setOutput('submission-id', outcome.submissionId);
    host.setOutput('status', outcome.status || '');
    host.setOutput('stage', outcome.stage);
    // the save-resume file holds the token of a run that stopped early, and nothing once it ended
    if (outcome.resumeToken) host.setOutput('resume-token', outcome.resumeToken);
    if (resumePath) outcome.resumeToken ? saveResume(resumePath, outcome.resumeToken) : rmSync(resumePath, { force: true });
    host.summary(summary({ outcome, plan }).markdown);
    for (const f of outcome.errors) host.annotate('error', `${f.code}: ${f.message}`, { title: 'Store' });
    for (const f of outcome.warnings) host.annotate('warning', `${f.code}: ${f.message}`, { title: 'Store' });
    host.log(`${outcome.flow}: ${outcome.stage}${outcome.status ? ` (${outcome.status})` : ''}, submission ${outcome.submissionId || '—'}`);
    return 0;
  } catch (e) {
    maskNew();
    reportFailure(host, e, { plan, resumePath, stage: log?.state.stage });
    return 1;
  }
}

/**
 * Reports a failed (or cancelled) step: the resume token the core gave (the `resume-token` output and the
 * save-resume file, which is removed when there is none: a rerun then starts over), the submission it
 * continues, `status` (`cancelled` or `failed`) and the last stage reached as outputs, the failure summary
 * with the plan made before, and the failure line. Each report is tried on its own, so one that cannot be
 * written (no $GITHUB_STEP_SUMMARY) does not hide the others.
 */
function reportFailure(host, e, { plan, resumePath, stage }) {
  const token = e instanceof StoreSubmitError && typeof e.resumeToken === 'string' ? e.resumeToken : null;
  const attempt = (what) => {
    try {
      what();
    } catch (err) {
      host.log(`storesubmit: could not report the failure (${err && err.message ? err.message : String(err)})`);
    }
  };
  const ran = e instanceof StoreSubmitError;
  if (ran) {
    attempt(() => {
      if (resumePath) token ? saveResume(resumePath, token) : rmSync(resumePath, { force: true });
    });
    attempt(() => {
      const id = token && submissionOf(token);
      if (id) host.setOutput('submission-id', id);
      if (token) host.setOutput('resume-token', token);
      host.setOutput('status', e.code === 'cancelled' ? 'cancelled' : 'failed');
      if (stage) host.setOutput('stage', stage);
    });
  }
  attempt(() => host.summary(summary({ error: errorInfo(e), plan }).markdown));
  host.fail(failureMessage(e));
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

/** Writes a resume token to `path` whole or not at all (a temporary file renamed over it; the folder is
 *  made; the token holds no secret). */
function saveResume(path, token) {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, token);
  renameSync(temp, path);
}
