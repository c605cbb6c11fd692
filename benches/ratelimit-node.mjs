// Rate-limit decisions per second through Node: fleetgate (napi and WASM) next to rate-limiter-flexible's memory
// limiter, in the same run. All limit 10 requests per hour per key.
//   PROFILE=release scripts/build.sh && node benches/ratelimit-node.mjs
import { createRequire } from 'node:module';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import * as wasm from '../bindings-wasm/node.js';

const napi = createRequire(import.meta.url)('../bindings-node/main.js'); // the package entry (JS decisions)
const ONE_KEY_CALLS = 1_000_000;
const MANY = 1_000_000;
const keys = Array.from({ length: MANY }, (_, i) => `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);

async function measure(name, calls, body) {
  await body(Math.min(calls, 10_000)); // warm up
  const start = process.hrtime.bigint();
  await body(calls);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`| ${name} | ${(seconds / calls * 1e9).toFixed(0)} ns | ${(calls / seconds / 1e6).toFixed(2)} M/s |`);
}

console.log(`node ${process.version}; 10 per hour per key\n\n| decision | time per decision | throughput |\n|---|---|---|`);
for (const [label, api] of [['napi', napi], ['wasm', wasm]]) {
  const one = new api.ratelimit.Limiter({ limit: 10, period: 3600 });
  await measure(`fleetgate ${label}, one key, default now (clock), sliding log (the default)`, ONE_KEY_CALLS, (n) => { for (let i = 0; i < n; i += 1) one.check('203.0.113.7'); });
  const gcra = new api.ratelimit.Limiter({ limit: 10, period: 3600, algorithm: 'gcra' });
  await measure(`fleetgate ${label}, one key, default now (clock), GCRA`, ONE_KEY_CALLS, (n) => { for (let i = 0; i < n; i += 1) gcra.check('203.0.113.7'); });
  const many = new api.ratelimit.Limiter({ limit: 10, period: 3600 });
  await measure(`fleetgate ${label}, 1M distinct keys`, MANY, (n) => { for (let i = 0; i < n; i += 1) many.check(keys[i]); });
}
const rlfOne = new RateLimiterMemory({ points: 10, duration: 3600 });
await measure('rate-limiter-flexible memory, one key (await consume)', ONE_KEY_CALLS, async (n) => {
  for (let i = 0; i < n; i += 1) await rlfOne.consume('203.0.113.7').catch(() => false);
});
const rlfMany = new RateLimiterMemory({ points: 10, duration: 3600 });
await measure('rate-limiter-flexible memory, 1M distinct keys', MANY, async (n) => {
  for (let i = 0; i < n; i += 1) await rlfMany.consume(keys[i]).catch(() => false);
});
process.exit(0); // rate-limiter-flexible keeps expiry timers for every key
