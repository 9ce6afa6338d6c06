// A static file server for the browser tests: serves bindings-wasm/ on 127.0.0.1 (a free port), GET only,
// with the MIME types a browser needs for ES modules and streaming WebAssembly compilation.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/** Starts the server on `root` (plus `extra`: URL path → file; `proxy`: requests under `/proxy/` forwarded to
 * that origin, so a page reaches another local service from its own origin); answers `{origin, log, close()}`
 * (`log`: every request as "METHOD /path"). */
export async function serve(root, extra = {}, proxy = null) {
  const log = [];
  const server = createServer(async (req, res) => {
    log.push(`${req.method} ${req.url}`);
    if (proxy && req.url.startsWith('/proxy/')) {
      await forward(req, res, proxy + req.url.slice('/proxy'.length));
      return;
    }
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (req.method !== 'GET' || path.includes('..')) {
      res.writeHead(405).end();
      return;
    }
    try {
      const body = await readFile(extra[path] ?? join(root, path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, log, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function forward(req, res, url) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'origin', 'referer'].includes(k)));
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  const r = await fetch(url, { method: req.method, headers, body, redirect: 'manual' });
  const out = Buffer.from(await r.arrayBuffer());
  const h = {};
  r.headers.forEach((v, k) => {
    if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(k)) h[k] = v;
  });
  res.writeHead(r.status, h).end(out);
}
