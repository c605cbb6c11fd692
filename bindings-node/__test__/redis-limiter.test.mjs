// ratelimit.RedisLimiter against real redis-servers: the shared one of scripts/test.sh (FLEETGATE_REDIS_URL) and,
// for the failure tests, private ones this file starts and stops (redis-server on PATH, 127.0.0.1 only).
// Without FLEETGATE_REDIS_URL these tests fail: they must not pass silently when Redis is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const require = createRequire(import.meta.url);
const { ratelimit } = require('../main.js');
const Redis = require('ioredis');
const { createClient } = require('redis');

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const python = process.env.FLEETGATE_PYTHON ?? path.join(root, '.venv/bin/python');
const URL = process.env.FLEETGATE_REDIS_URL;

function url() {
  assert.ok(URL, 'FLEETGATE_REDIS_URL must point at a redis-server (scripts/test.sh starts one on 127.0.0.1)');
  return URL;
}

const fresh = (name) => `${name}-${process.pid}-${process.hrtime.bigint()}`;

/** The Upstash REST style, over ioredis: evalsha(sha, keys, args) / eval(script, keys, args). */
function upstashStyle(ioredis) {
  return {
    evalsha: (sha, keys, args) => ioredis.evalsha(sha, keys.length, ...keys, ...args),
    eval: (script, keys, args) => ioredis.eval(script, keys.length, ...keys, ...args),
  };
}

async function clients() {
  const io = new Redis(url());
  const nodeRedis = createClient({ url: url() });
  await nodeRedis.connect();
  return {
    all: { ioredis: io, 'node-redis': nodeRedis, 'upstash-style': upstashStyle(io) },
    async close() {
      io.disconnect();
      await nodeRedis.quit();
    },
  };
}

const view = (d) => ({
  allowed: d.allowed, remaining: d.remaining, retryAfter: d.retryAfter, reset: d.reset,
  deniedBy: d.deniedBy ?? null, reason: d.reason ?? null, headers: d.headers,
});

test('RedisLimiter and the in-memory Limiter agree decision by decision (every client, both algorithms, quotas)', async () => {
  const cs = await clients();
  try {
    const cases = [
      { limit: 5, period: 0.2 },
      { limit: 5, period: 0.2, algorithm: 'gcra' },
      { quotas: [{ limit: 3, period: 0.05 }, { limit: 8, period: 0.4 }] },
      { quotas: [{ limit: 3, period: 0.05 }, { limit: 8, period: 0.4 }], algorithm: 'gcra' },
    ];
    // EVALSHA answers NOSCRIPT after a flush: the limiter loads the script with EVAL.
    await cs.all.ioredis.script('FLUSH');
    for (const [kind, client] of Object.entries(cs.all)) {
      for (const options of cases) {
        const key = fresh('recorded');
        const limiter = new ratelimit.RedisLimiter(client, { ...options, prefix: 'fleetgate-test' });
        const cost = (i) => (i % 5 === 3 ? 2 : 1);
        const recorded = [];
        for (let i = 0; i < 80; i++) {
          recorded.push(await limiter.check(key, { cost: cost(i) }));
          if (i % 10 >= 7) await sleep(25);
        }
        const memory = new ratelimit.Limiter(options);
        recorded.forEach((got, i) => {
          assert.equal(got.reason, null, `${kind}: decision ${i} made by Redis`);
          const want = memory.check('k', { now: got.at, cost: cost(i) });
          assert.deepEqual(view(got), view(want), `${kind} ${JSON.stringify(options)}: decision ${i}`);
        });
        const allowed = recorded.filter((d) => d.allowed).length;
        assert.ok(allowed > 0 && allowed < recorded.length, `${kind}: both outcomes (${allowed} allowed)`);
        if (options.quotas) {
          const by = new Set(recorded.map((d) => d.deniedBy).filter((i) => i !== null));
          assert.ok(by.has(0) && by.has(1), `${kind}: each quota denies some: ${[...by]}`);
        }
      }
    }
  } finally {
    await cs.close();
  }
});

test('keys carry the prefix and one hash tag, and expire', async () => {
  const io = new Redis(url());
  try {
    const key = fresh('ttl');
    const limiter = new ratelimit.RedisLimiter(io, { quotas: [{ limit: 3, period: 60 }, { limit: 10, period: 3600 }], prefix: 'fleetgate-test' });
    await limiter.check(key);
    const keys = (await io.keys(`{fleetgate-test:${key}}:*`)).sort();
    assert.deepEqual(keys, [`{fleetgate-test:${key}}:sliding_log:10:3600000000`, `{fleetgate-test:${key}}:sliding_log:3:60000000`]);
    for (const k of keys) {
      const ttl = await io.pttl(k);
      assert.ok(ttl > 0, `${k} has a TTL (${ttl} ms)`);
    }
  } finally {
    io.disconnect();
  }
});

test('bad options and clients have fleetgate codes', () => {
  const io = upstashStyle({});
  assert.throws(() => new ratelimit.RedisLimiter(io, { onError: 'ignore' }), { code: 'invalid_option' });
  assert.throws(() => new ratelimit.RedisLimiter(io, { limti: 3 }), { code: 'invalid_option' });
  assert.throws(() => new ratelimit.RedisLimiter(io, { limit: 3, quotas: [{ limit: 3, period: 60 }] }), { code: 'invalid_quota' });
  assert.throws(() => new ratelimit.RedisLimiter(io, { timeoutMs: 0 }), { code: 'invalid_quota' });
  assert.throws(() => new ratelimit.RedisLimiter({}, {}), { code: 'invalid_argument' });
  assert.throws(() => new ratelimit.RedisLimiter(null), { code: 'invalid_argument' });
});

// ---- failures: a private redis-server stopped and restarted in the middle of a run ----

async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/** A private redis-server (no persistence) that can be stopped and started again on the same port. */
async function privateRedis() {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'fleetgate-redis-'));
  let child = null;
  const server = {
    url: `redis://127.0.0.1:${port}/`,
    async start() {
      child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
      for (let i = 0; i < 100; i++) {
        if (spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().trim() === 'PONG') return;
        await sleep(50);
      }
      throw new Error('redis-server did not start');
    },
    async stop() {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
      child = null;
    },
    async close() {
      if (child) await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

test('Redis stopped and restarted: each policy applies, nothing hangs, decisions resume', { timeout: 120_000 }, async () => {
  const redis = await privateRedis();
  const io = new Redis(redis.url, { retryStrategy: () => 50 });
  io.on('error', () => {});
  const nodeRedis = createClient({ url: redis.url, socket: { reconnectStrategy: () => 50 } });
  nodeRedis.on('error', () => {});
  await nodeRedis.connect();
  try {
    for (const [kind, client] of [['ioredis', io], ['node-redis', nodeRedis]]) {
      const key = fresh('outage');
      const limiters = Object.fromEntries(
        ['allow', 'deny', 'raise'].map((onError) => [onError, new ratelimit.RedisLimiter(client, { limit: 100, period: 60, onError, timeoutMs: 300 })]),
      );
      for (const limiter of Object.values(limiters)) {
        const d = await limiter.check(key);
        assert.equal(d.reason, null, `${kind}: Redis decides while it runs`);
      }
      await redis.stop();
      for (let i = 0; i < 3; i++) {
        const allowed = await limiters.allow.check(key);
        assert.equal(allowed.allowed, true, `${kind}: onError allow admits`);
        assert.ok(['timeout', 'store_error'].includes(allowed.reason), `${kind}: reason ${allowed.reason}`);
        const denied = await limiters.deny.check(key);
        assert.equal(denied.allowed, false, `${kind}: onError deny denies`);
        assert.ok(['timeout', 'store_error'].includes(denied.reason), `${kind}: reason ${denied.reason}`);
        assert.equal(denied.retryAfter, 1);
        await assert.rejects(limiters.raise.check(key), (e) => e.code === 'redis_error', `${kind}: onError raise rejects`);
      }
      await redis.start();
      // The clients reconnect by themselves; decisions come from Redis again (a bounded wait, no timing assertion).
      let resumed = null;
      for (let i = 0; i < 200 && !resumed; i++) {
        const d = await limiters.deny.check(key);
        if (d.reason === null) resumed = d;
        else await sleep(50);
      }
      assert.ok(resumed, `${kind}: decisions resumed after the restart`);
      assert.equal(resumed.allowed, true);
      const raised = await limiters.raise.check(key);
      assert.equal(raised.reason, null);
    }
  } finally {
    io.disconnect();
    await nodeRedis.disconnect().catch(() => {});
    await redis.close();
  }
});

// ---- several processes, two languages, one key ----

function worker(lang, redisUrl, kind, key, options, count, pace) {
  const args = [redisUrl, kind, key, JSON.stringify(options), String(count), String(pace)];
  const child = lang === 'node'
    ? spawn(process.execPath, [path.join(here, 'redis/worker.mjs'), ...args], { stdio: ['pipe', 'pipe', 'inherit'] })
    : spawn(python, [path.join(root, 'bindings-python/tests/redis_worker.py'), ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const decisions = [];
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => decisions.push(JSON.parse(line)));
  const done = once(child, 'exit').then(([code]) => code);
  return { lang, kind, child, decisions, done, stop: () => child.stdin.end() };
}

const WORKERS = [
  ['node', 'ioredis'], ['node', 'node-redis'], ['node', 'ioredis'], ['node', 'node-redis'],
  ['python', 'sync'], ['python', 'async'], ['python', 'sync'], ['python', 'async'],
];

test('4 Node and 4 Python processes hammering one key admit exactly the quota', { timeout: 120_000 }, async () => {
  for (const [js, py] of [
    [{ limit: 50, period: 3600 }, { limit: 50, period: 3600 }],
    [{ quotas: [{ limit: 30, period: 3600 }, { limit: 80, period: 7200 }] }, { quotas: [{ limit: 30, period: 3600 }, { limit: 80, period: 7200 }] }],
  ]) {
    const key = fresh('hammer');
    const workers = WORKERS.map(([lang, kind]) => worker(lang, url(), kind, key, lang === 'node' ? { ...js, prefix: 'fleetgate-test' } : { ...py, prefix: 'fleetgate-test' }, 40, 0));
    const codes = await Promise.all(workers.map((w) => w.done));
    assert.deepEqual(codes, WORKERS.map(() => 0), 'every worker exited cleanly');
    const all = workers.flatMap((w) => w.decisions);
    assert.equal(all.length, 8 * 40, 'every decision reported');
    assert.ok(all.every((d) => d.reason === null), 'every decision made by Redis');
    const quota = js.limit ?? js.quotas[0].limit;
    assert.equal(all.filter((d) => d.allowed).length, quota, `exactly the quota admitted (${JSON.stringify(js)})`);
  }
});

test('a Redis restart in the middle of a mixed run goes as each worker\'s policy says', { timeout: 180_000 }, async () => {
  const redis = await privateRedis();
  const key = fresh('restart');
  try {
    const policy = (i) => (i % 2 === 0 ? 'deny' : 'allow');
    const workers = WORKERS.map(([lang, kind], i) => {
      const options = lang === 'node'
        ? { limit: 1000, period: 3600, onError: policy(i), timeoutMs: 300 }
        : { limit: 1000, period: 3600, on_error: policy(i), timeout: 0.3 };
      return worker(lang, redis.url, kind, key, options, 0, 10);
    });
    const until = async (what, ok) => {
      for (let i = 0; i < 1200; i++) {
        if (workers.every(ok)) return;
        await sleep(50);
      }
      assert.fail(`workers never ${what}: ${workers.map((w) => `${w.lang}/${w.kind} ${w.decisions.length}`).join(', ')}`);
    };
    await until('decided through Redis', (w) => w.decisions.filter((d) => d.reason === null).length >= 5);
    await redis.stop();
    const before = workers.map((w) => w.decisions.length);
    await until('decided under failure', (w) => w.decisions.filter((d) => d.reason !== null).length >= 3);
    await redis.start();
    await until('resumed', (w) => {
      const last = w.decisions.findLastIndex((d) => d.reason !== null);
      return w.decisions.slice(last + 1).length >= 3;
    });
    workers.forEach((w) => w.stop());
    const codes = await Promise.all(workers.map((w) => w.done));
    assert.deepEqual(codes, WORKERS.map(() => 0), 'every worker exited cleanly');
    workers.forEach((w, i) => {
      const failed = w.decisions.filter((d) => d.reason !== null);
      assert.ok(failed.length >= 3, `${w.lang}/${w.kind}: decisions under failure`);
      for (const d of failed) {
        assert.ok(['timeout', 'store_error'].includes(d.reason), `${w.lang}/${w.kind}: reason ${d.reason}`);
        assert.equal(d.allowed, policy(i) === 'allow', `${w.lang}/${w.kind}: onError ${policy(i)}`);
      }
      // Redis' decisions (all admitted: the quota is far away) come before and after the outage.
      assert.ok(w.decisions.slice(0, before[i]).some((d) => d.reason === null));
      assert.ok(w.decisions.filter((d) => d.reason === null).every((d) => d.allowed));
    });
  } finally {
    await redis.close();
  }
});
