// Runs `f` `n` times after up to 10 warm-up calls and answers {min, median, mean, p95} in milliseconds. Shared
// by the Node and the Chromium side of bench/wasm_validate.mjs (the page imports it from the bench server).
export function measure(f, n) {
  for (let i = 0; i < Math.min(n, 10); i++) f();
  const t = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    f();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  const mean = t.reduce((a, b) => a + b, 0) / t.length;
  return { min: t[0], median: t[t.length >> 1], mean, p95: t[Math.min(t.length - 1, Math.floor(t.length * 0.95))] };
}
