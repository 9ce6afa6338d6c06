// The Azure DevOps task's target (task.json `execution`): the shared entry point of the GitHub Action.
// In this repository it is ../action/main.mjs; in a packaged task (integrations/tools/vendor.mjs --task)
// it is copied beside this file as ./action/main.mjs.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const packaged = new URL('./action/main.mjs', import.meta.url);
await import(existsSync(fileURLToPath(packaged)) ? packaged.href : new URL('../action/main.mjs', import.meta.url).href);
