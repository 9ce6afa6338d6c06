// Times validate() of the storesubmit-wasm package on one document text, in Node (pkg-node/) and in Debian's
// headless Chromium (pkg/, the page's own build). Run by bench/wasm.sh, which also runs the native baseline.
// Usage: node bench/wasm_validate.mjs DOCUMENT.json [ITERATIONS]   (the package must be built: npm run build)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as ss from '../bindings-wasm/pkg-node/index.mjs';
import { launch } from '../bindings-wasm/tests/_browser.mjs';
import { serve } from '../bindings-wasm/tests/_server.mjs';

const [docPath, iterArg] = process.argv.slice(2);
if (!docPath) throw new Error('usage: node bench/wasm_validate.mjs DOCUMENT.json [ITERATIONS]');
const iterations = Math.max(1, Number(iterArg ?? 100));
const KIND = 'win32-metadata';
const text = readFileSync(docPath, 'utf8');

// Runs `f` `iterations` times after warm-up and answers {min, median, mean, p95} in milliseconds.
function measure(f, n = iterations) {
  for (let i = 0; i < Math.min(n, 10); i++) f();
  const t = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    f();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { min: t[0], median: t[t.length >> 1], mean: t.reduce((a, b) => a + b, 0) / t.length, p95: t[Math.min(t.length - 1, Math.floor(t.length * 0.95))] };
}

const fmt = (s) => ['min', 'median', 'mean', 'p95'].map((k) => `${k} ${s[k].toFixed(2)} ms`).join('  ');

const report = ss.validate(KIND, text);
if (report.issues.length) throw new Error(`the document must validate clean: ${JSON.stringify(report.issues.slice(0, 3))}`);
const doc = JSON.parse(text);
console.log(`${KIND}, ${(text.length / 1e6).toFixed(1)} MB of JSON, ${iterations} iterations, ${process.version}`);
console.log(`node     validate(text):     ${fmt(measure(() => ss.validate(KIND, text)))}`);
console.log(`node     validate(object):   ${fmt(measure(() => ss.validate(KIND, doc)))}`);

const here = dirname(fileURLToPath(import.meta.url));
const server = await serve(join(here, '../bindings-wasm'), { '/bench/document.json': docPath });
const browser = await launch();
try {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/web/index.html`);
  await page.waitForSelector('body[data-ready="true"]');
  const version = browser.context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
  const out = await page.evaluate(
    async ({ kind, n, measureSrc }) => {
      const ss = await import('/pkg/index.mjs');
      await ss.init();
      const text = await (await fetch('/bench/document.json')).text();
      const doc = JSON.parse(text);
      const measure = new Function(`return ${measureSrc}`)();
      return {
        text: measure(() => ss.validate(kind, text), n),
        object: measure(() => ss.validate(kind, doc), n),
      };
    },
    { kind: KIND, n: iterations, measureSrc: measure.toString().replace('n = iterations', 'n') },
  );
  console.log(`chromium validate(text):     ${fmt(out.text)}   (${version})`);
  console.log(`chromium validate(object):   ${fmt(out.object)}`);
} finally {
  await browser.close();
  await server.close();
}
