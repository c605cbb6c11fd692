// Per-decision latency of a Redis-backed limiter through Node: fleetgate's ratelimit.RedisLimiter (ioredis and
// node-redis clients, sliding log and GCRA) next to rate-limiter-flexible's RateLimiterRedis (ioredis), in the
// same run, against one local redis-server. Decisions are awaited one at a time (latency), then 64 at a time
// (throughput). 10 requests per hour per key; "one key" is mostly denials, "distinct keys" all admissions.
//   PROFILE=release scripts/build.sh && REDIS_URL=redis://127.0.0.1:6379/ node benches/ratelimit-redis.mjs
import { createRequire } from 'node:module';
import { RateLimiterRedis } from 'rate-limiter-flexible';

const require = createRequire(import.meta.url);
const { ratelimit } = require('../bindings-node/main.js');
const Redis = require('ioredis');
const { createClient } = require('redis');

const url = process.env.REDIS_URL ?? process.env.FLEETGATE_REDIS_URL ?? 'redis://127.0.0.1:6379/';
const CALLS = Number(process.env.CALLS ?? 20_000);
const run = `${process.pid}-${Date.now()}`;

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const best = new Map(); // name -> [one, distinct, concurrent], the best of ROUNDS interleaved rounds

async function measure(name, check) {
  for (let i = 0; i < 2000; i++) await check(`warm-${run}-${i % 50}`);
  let start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) await check(`one-${run}`);
  const one = Number(process.hrtime.bigint() - start) / CALLS / 1e3;
  start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) await check(`k-${run}-${i}`);
  const distinct = Number(process.hrtime.bigint() - start) / CALLS / 1e3;
  start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i += 64) {
    await Promise.all(Array.from({ length: 64 }, (_, j) => check(`c-${run}-${(i + j) % 1000}`)));
  }
  const concurrent = Number(process.hrtime.bigint() - start) / CALLS / 1e3;
  const prev = best.get(name) ?? [Infinity, Infinity, Infinity];
  best.set(name, [Math.min(prev[0], one), Math.min(prev[1], distinct), Math.min(prev[2], concurrent)]);
}

const io = new Redis(url);
const nodeRedis = createClient({ url });
await nodeRedis.connect();
console.log(`node ${process.version}; ${CALLS} decisions each; ${url}\n`);
for (let round = 0; round < ROUNDS; round++) {
  const tag = `${run}-${round}`;
  for (const algorithm of ['sliding_log', 'gcra']) {
    const a = new ratelimit.RedisLimiter(io, { limit: 10, period: 3600, algorithm, prefix: `bench-${tag}` });
    await measure(`fleetgate RedisLimiter ${algorithm}, ioredis`, (key) => a.check(key));
    const b = new ratelimit.RedisLimiter(nodeRedis, { limit: 10, period: 3600, algorithm, prefix: `bench-n-${tag}` });
    await measure(`fleetgate RedisLimiter ${algorithm}, node-redis`, (key) => b.check(key));
  }
  const rlf = new RateLimiterRedis({ storeClient: io, points: 10, duration: 3600, keyPrefix: `rlflx-${tag}` });
  await measure('rate-limiter-flexible RateLimiterRedis, ioredis (consume)', (key) => rlf.consume(key).catch(() => false));
}
console.log(`best of ${ROUNDS} interleaved rounds\n`);
console.log('| limiter | one key, sequential | distinct keys, sequential | 64 in flight (per decision) |\n|---|---|---|---|');
for (const [name, [one, distinct, concurrent]] of best) {
  console.log(`| ${name} | ${one.toFixed(1)} µs | ${distinct.toFixed(1)} µs | ${concurrent.toFixed(1)} µs |`);
}
io.disconnect();
await nodeRedis.quit();
