// Runs the rate-limit / SSE / Odoo examples: the Node rental server against the test command's private Redis,
// the Rust and Python demos by their output.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fleetgate from 'fleetgate';

import { createRentalApp } from '../node/rental-server.mjs';

const ROOT = resolve(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const REDIS_URL = process.env.FLEETGATE_REDIS_URL;

let app;
let base;

before(async () => {
  assert.ok(REDIS_URL, 'FLEETGATE_REDIS_URL must point at a redis-server (scripts/test.sh starts one on 127.0.0.1)');
  app = createRentalApp({ redisUrl: REDIS_URL, prefix: `rl:example:${process.pid}:${Date.now()}` });
  await new Promise((r) => app.server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${app.server.address().port}`;
});

after(() => app?.close());

test('Node example: 10 bookings per hour per client through Redis, then 429 with Retry-After', async () => {
  const statuses = [];
  let last;
  for (let i = 0; i < 12; i += 1) {
    // The peer (127.0.0.1) is the trusted proxy, so the client is the rightmost forwarded address.
    last = await fetch(`${base}/api/bookings`, { method: 'POST', headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.9' } });
    statuses.push(last.status);
  }
  assert.deepEqual(statuses, [...Array(10).fill(201), 429, 429]);
  assert.equal(last.headers.get('retry-after'), '3600'); // the sliding log: the oldest booking leaves in an hour
  assert.equal(last.headers.get('ratelimit-policy'), '"default";q=10;w=3600');
  assert.equal(last.headers.get('x-ratelimit-remaining'), '0');
  // Another client (a spoofed left part does not matter; the proxy's entry does) has its own quota.
  const other = await fetch(`${base}/api/bookings`, { method: 'POST', headers: { 'x-forwarded-for': '198.51.100.10' } });
  assert.equal(other.status, 201);
});

test('Node example: an Odoo webhook reaches the SSE stream', async () => {
  const controller = new AbortController();
  const stream = await fetch(`${base}/api/inventory/stream`, { signal: controller.signal });
  const reader = stream.body.getReader();
  const decoder = new fleetgate.sse.Decoder();
  const events = [];
  events.push(...decoder.feed((await reader.read()).value));
  const body = JSON.stringify({ event_type: 'vehicle.availability_changed', vehicle_id: 1, availability_status: 'available' });
  const hook = await fetch(`${base}/api/webhook/inventory`, { method: 'POST', body });
  assert.equal(hook.status, 200);
  while (events.length < 2) events.push(...decoder.feed((await reader.read()).value));
  controller.abort();
  assert.equal(events[0].event, 'hello');
  assert.equal(events[1].event, 'vehicle.availability_changed');
  assert.deepEqual(JSON.parse(events[1].data), [
    { cache: 'vehicle_list' }, { cache: 'vehicle', vehicle_id: 1 }, { cache: 'availability', vehicle_id: 1 },
  ]);
  const bad = await fetch(`${base}/api/webhook/inventory`, { method: 'POST', body: '{"event_type": "vehicle.teleported", "vehicle_id": 1}' });
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).error, 'unknown_odoo_event');
});

test('Rust ratelimit demo', () => {
  const out = run('cargo', ['run', '--quiet', '-p', 'fleetgate-examples', '--bin', 'ratelimit_demo']);
  assert.match(out, /GCRA 10\/hour: 19 admitted in a rolling hour; sliding log: 10/);
  assert.match(out, /spoofed X-Forwarded-For, no trusted proxy -> 203\.0\.113\.7/);
  assert.match(out, /Retry-After "Fri, 21 Nov 2025 04:42:00 GMT" -> wait 120 s/);
  assert.match(out, /odoo vehicle\.availability_changed invalidates \[VehicleList, Vehicle\(1\), Availability\(1\)\]/);
});

test('Python ratelimit demo', () => {
  const out = run(join(ROOT, '.venv', 'bin', 'python'), ['examples/python/ratelimit_demo.py']);
  assert.match(out, /booking 11: allowed=False retry_after=3600/);
  assert.match(out, /client_key behind 1 trusted proxy: 198\.51\.100\.9/);
  assert.match(out, /field_injection/);
  assert.match(out, /full jitter delays: \[/);
});
