// The GitHub Actions side of the entry point: inputs from `INPUT_<NAME>` (upper-cased, spaces to `_`,
// hyphens kept, as the runner passes them), workflow commands on stdout (`::error`, `::add-mask::`,
// `::group::`), outputs appended to $GITHUB_OUTPUT and the job summary to $GITHUB_STEP_SUMMARY.

import { appendFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/** A workflow command's message: `%`, CR and LF escaped as the runner reads them back. */
function escapeData(s) {
  return String(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: the message escapes plus `:` and `,`. */
function escapeProperty(s) {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name, props, message) {
  const p = Object.entries(props || {})
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(',');
  return `::${name}${p ? ` ${p}` : ''}::${escapeData(message)}`;
}

/** The GitHub Actions host: what the shared run() needs, in the runner's protocol. */
export function githubHost(env = process.env, out = (line) => process.stdout.write(`${line}\n`)) {
  const file = (name) => {
    const path = env[name];
    if (!path) throw new Error(`${name} is not set: run this action on a GitHub Actions runner`);
    return path;
  };
  return {
    name: 'github',
    /** The folder relative paths are read from (the checkout). */
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    /** Where temporary files go (a resume token). */
    temp: env.RUNNER_TEMP || null,
    input(name) {
      const v = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
      return v === undefined ? '' : v.trim();
    },
    mask(secret) {
      if (secret) out(`::add-mask::${escapeData(secret)}`);
    },
    log(line) {
      out(String(line));
    },
    group(title) {
      out(command('group', null, title));
    },
    endGroup() {
      out('::endgroup::');
    },
    /** An annotation: `level` error | warning, with the file and title it is about. */
    annotate(level, message, { file: path, title } = {}) {
      out(command(level === 'error' ? 'error' : 'warning', { file: path, title }, message));
    },
    /** Sets a step output (multi-line safe: the heredoc form with a random delimiter). */
    setOutput(name, value) {
      const delimiter = `storesubmit_${randomBytes(12).toString('hex')}`;
      appendFileSync(file('GITHUB_OUTPUT'), `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
    },
    summary(markdown) {
      appendFileSync(file('GITHUB_STEP_SUMMARY'), `${markdown}\n`);
    },
    fail(message) {
      out(command('error', { title: 'storesubmit' }, message));
    },
  };
}
