// examples/worker, as its users ship it: installed from the packed fleetgate-wasm tarball (npm ci), bundled by
// wrangler (`wrangler deploy --dry-run`, no account), then run in workerd through miniflare: a signed Odoo webhook
// verified, a booking validated and priced, clients keyed by CF-Connecting-IP. Needs `bash scripts/pack.sh` first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fleetgate from 'fleetgate';
import { ROOT, tarball, npmCi, run } from './helpers.mjs';

const WORKER = join(ROOT, 'examples', 'worker');
const OUT = join(ROOT, 'target', 'worker-bundle');
const ODOO = 'demo-odoo-webhook-secret-0123456789';
let mf;

before(async () => {
  tarball('fleetgate-wasm');
  npmCi(WORKER);
  rmSync(OUT, { recursive: true, force: true });
  run('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', OUT], { cwd: WORKER, env: { WRANGLER_SEND_METRICS: 'false', CI: '1' } });
  // miniflare from the example's own node_modules (the version wrangler bundles with).
  const { Miniflare } = createRequire(join(WORKER, 'package.json'))('miniflare');
  mf = new Miniflare({
    modules: true,
    scriptPath: join(OUT, 'index.js'),
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
    compatibilityDate: '2026-04-01',
    bindings: { ODOO_WEBHOOK_SECRET: ODOO },
  });
  await mf.ready;
});

after(async () => {
  await mf?.dispose();
});

test('wrangler bundles one .wasm as a module beside the script (nothing compiled from bytes at run time)', () => {
  const files = readdirSync(OUT);
  assert.deepEqual(files.filter((f) => f.endsWith('.wasm')).length, 1, files.join(', '));
});

test('the Worker verifies a signed Odoo webhook in workerd and refuses a forged one', async () => {
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({ event_type: 'vehicle.availability_changed', vehicle_id: 1, availability_status: 'available' });
  const headers = fleetgate.webhooks.Verifier.odoo(ODOO, { timestamped: true }).sign(body, { timestamp: now });
  const ok = await mf.dispatchFetch('http://worker.test/webhook', { method: 'POST', headers, body });
  assert.equal(ok.status, 200, await ok.clone().text());
  const json = await ok.json();
  assert.equal(json.type, 'vehicle.availability_changed');
  assert.equal(json.signedAt, now);
  const forged = await mf.dispatchFetch('http://worker.test/webhook', {
    method: 'POST', headers: { ...headers, 'X-Odoo-Signature': 'sha256=' + '0'.repeat(64) }, body,
  });
  assert.deepEqual([forged.status, (await forged.json()).error], [401, 'invalid_signature']);
});

test('the Worker validates and prices a booking, collecting every problem, keyed by CF-Connecting-IP', async () => {
  const request = {
    vehicle_id: '7', customer_name: '  Ann   Peeters ', customer_email: 'Ann.Peeters@Example.BE',
    customer_phone: '0470 12 34 56', date_from: '2024-02-01', date_to: '2024-02-08',
  };
  const url = 'http://worker.test/booking?now=2024-01-15T12:00:00Z';
  const ip = { 'CF-Connecting-IP': '203.0.113.7', 'X-Forwarded-For': '198.51.100.1' };
  const ok = await mf.dispatchFetch(url, { method: 'POST', headers: ip, body: JSON.stringify(request) });
  assert.equal(ok.status, 200, await ok.clone().text());
  const json = await ok.json();
  assert.deepEqual([json.key, json.quote.total, json.booking.customer_phone], ['203.0.113.7', '520.00', '+32470123456']);
  const bad = await mf.dispatchFetch(url, { method: 'POST', headers: ip, body: JSON.stringify({ ...request, customer_email: 'ann@', date_to: '2024-01-01' }) });
  assert.equal(bad.status, 422);
  assert.deepEqual((await bad.json()).errors.map((e) => e.code).sort(), ['end_not_after_start', 'invalid_email']);
  // workerd (like Cloudflare) sets CF-Connecting-IP itself: a client-written X-Forwarded-For changes nothing.
  const keys = [];
  for (const spoof of ['198.51.100.77', '198.51.100.78']) {
    const answer = await mf.dispatchFetch(url, { method: 'POST', headers: { 'X-Forwarded-For': spoof }, body: JSON.stringify(request) });
    assert.equal(answer.status, 200);
    keys.push((await answer.json()).key);
  }
  assert.equal(keys[0], keys[1], 'spoofed X-Forwarded-For minted a fresh key');
  assert.ok(!keys[0].startsWith('198.51.100.'), keys[0]);
});
