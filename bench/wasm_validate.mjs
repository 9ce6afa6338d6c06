// Times validate() of the storesubmit-wasm package on one document text, in Node (pkg-node/) and in Debian's
// headless Chromium (pkg/, the page's own build). Run by bench/wasm.sh, which also runs the native baseline.
// Usage: node bench/wasm_validate.mjs DOCUMENT.json [ITERATIONS]   (the package must be built: npm run build)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as ss from '../bindings-wasm/pkg-node/index.mjs';
import { launch } from '../bindings-wasm/tests/_browser.mjs';
import { serve } from '../bindings-wasm/tests/_server.mjs';
import { measure } from './measure.mjs';

const [docPath, iterArg] = process.argv.slice(2);
if (!docPath) throw new Error('usage: node bench/wasm_validate.mjs DOCUMENT.json [ITERATIONS]');
const iterations = Math.max(1, Number(iterArg ?? 100));
const KIND = 'win32-metadata';
const text = readFileSync(docPath, 'utf8');

const fmt = (s) => ['min', 'median', 'mean', 'p95'].map((k) => `${k} ${s[k].toFixed(2)} ms`).join('  ');

const report = ss.validate(KIND, text);
if (report.issues.length) throw new Error(`the document must validate clean: ${JSON.stringify(report.issues.slice(0, 3))}`);
const doc = JSON.parse(text);
console.log(`${KIND}, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB of JSON, ${iterations} iterations, ${process.version}`);
console.log(`node     validate(text):     ${fmt(measure(() => ss.validate(KIND, text), iterations))}`);
console.log(`node     validate(object):   ${fmt(measure(() => ss.validate(KIND, doc), iterations))}`);

const here = dirname(fileURLToPath(import.meta.url));
const server = await serve(join(here, '../bindings-wasm'), {
  '/bench/document.json': docPath,
  '/bench/measure.mjs': join(here, 'measure.mjs'),
});
const browser = await launch();
try {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/web/index.html`);
  await page.waitForSelector('body[data-ready="true"]');
  const version = browser.context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
  const out = await page.evaluate(
    async ({ kind, n }) => {
      const ss = await import('/pkg/index.mjs');
      const { measure } = await import('/bench/measure.mjs');
      await ss.init();
      const text = await (await fetch('/bench/document.json')).text();
      const doc = JSON.parse(text);
      return {
        text: measure(() => ss.validate(kind, text), n),
        object: measure(() => ss.validate(kind, doc), n),
      };
    },
    { kind: KIND, n: iterations },
  );
  console.log(`chromium validate(text):     ${fmt(out.text)}   (${version})`);
  console.log(`chromium validate(object):   ${fmt(out.object)}`);
} finally {
  await browser.close();
  await server.close();
}
