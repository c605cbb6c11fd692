// A worker process of redis-limiter.test.mjs: one RedisLimiter on one key, one JSON line per decision on stdout
// ({allowed, reason, at}). Runs `count` checks, or until stdin closes when count is 0. argv: url client key
// options-json count pace-ms. The client is "ioredis" or "node-redis".
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';

const require = createRequire(import.meta.url);
const { ratelimit } = require('../../main.js');
const [url, kind, key, optionsJson, countText, paceText] = process.argv.slice(2);
const count = Number(countText);
const pace = Number(paceText);

let client;
if (kind === 'ioredis') {
  const Redis = require('ioredis');
  client = new Redis(url, { lazyConnect: false });
} else {
  const { createClient } = require('redis');
  client = createClient({ url, socket: { reconnectStrategy: () => 50 } });
  client.on('error', () => {}); // reconnection errors; the limiter's policy handles the calls
  await client.connect();
}
const limiter = new ratelimit.RedisLimiter(client, JSON.parse(optionsJson));
let open = true;
process.stdin.on('end', () => { open = false; });
process.stdin.on('data', () => {});
process.stdin.resume();
for (let i = 0; count === 0 ? open : i < count; i++) {
  const d = await limiter.check(key);
  process.stdout.write(`${JSON.stringify({ allowed: d.allowed, reason: d.reason ?? null, at: d.at })}\n`);
  if (pace > 0) await sleep(pace);
}
if (kind === 'ioredis') client.disconnect();
else await client.disconnect().catch(() => {});
process.exit(0);
