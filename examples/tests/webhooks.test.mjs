// The webhook examples: the two App Router route handlers run behind a Node HTTP server and receive real Request
// objects, signed by fleetgate and hand-built with node:crypto (valid ones and forgeries); the Python script
// re-verifies a folder of stored deliveries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import fleetgate from 'fleetgate';
import { serveRoutes } from '../node/serve-routes.mjs';
import * as smartcarRoute from '../node/app/smartcar-webhook-route.mjs';
import * as odooRoute from '../node/app/odoo-webhook-route.mjs';

const ROOT = resolve(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
const AMT = 'demo-application-management-token';
const ODOO = 'demo-odoo-webhook-secret-0123456789';
const hmacHex = (key, text) => createHmac('sha256', key).update(text).digest('hex');
const STATE = JSON.stringify({
  eventId: 'evt_9', eventType: 'VEHICLE_STATE',
  data: { vehicle: { id: 'veh_9' }, signals: [{ code: 'odometer-traveleddistance', body: { unit: 'miles', value: 1000.5 }, meta: { oemUpdatedAt: 1731000000000, fetchedAt: 1731000005000 } }] },
  meta: { deliveryId: 'dl_9', webhookId: 'wh_9' },
});

let server;
before(async () => {
  server = await serveRoutes([
    { pattern: /^\/api\/smartcar\/webhook$/, handler: smartcarRoute.POST },
    { pattern: /^\/api\/webhook\/(?<kind>[^/]+)$/, handler: odooRoute.POST },
  ]);
});
after(() => server.close());

async function post(path, headers, body) {
  const res = await fetch(server.url + path, { method: 'POST', headers, body });
  return { status: res.status, json: await res.json() };
}

test('Smartcar VERIFY is answered unsigned with HMAC(AMT, challenge)', async () => {
  const body = JSON.stringify({ eventId: 'e', eventType: 'VERIFY', data: { challenge: '5e2a-challenge' }, meta: {} });
  const { status, json } = await post('/api/smartcar/webhook', {}, body);
  assert.equal(status, 200);
  assert.deepEqual(json, { challenge: hmacHex(AMT, '5e2a-challenge') });
  const legacy = JSON.stringify({ version: '2.0', webhookId: 'w', eventName: 'verify', payload: { challenge: 'old' } });
  assert.deepEqual((await post('/api/smartcar/webhook', {}, legacy)).json, { challenge: hmacHex(AMT, 'old') });
});

test('Smartcar VERIFY whose challenge is a JSON body is refused (no signing oracle)', async () => {
  const body = JSON.stringify({ eventId: 'e', eventType: 'VERIFY', data: { challenge: STATE } });
  const { status, json } = await post('/api/smartcar/webhook', {}, body);
  assert.deepEqual([status, json.error], [400, 'invalid_payload']);
});

test('a Smartcar delivery signed by hand (node:crypto) returns its odometer readings in metres', async () => {
  const { status, json } = await post('/api/smartcar/webhook', { 'SC-Signature': hmacHex(AMT, STATE) }, STATE);
  assert.equal(status, 200);
  assert.deepEqual(json.readings, [{
    vehicleId: 'veh_9', eventId: 'evt_9', deliveryId: 'dl_9', rawValue: '1000.5', rawUnit: 'miles',
    metres: 1610149, readAtMs: 1731000000000, fetchedAtMs: 1731000005000, // 1000.5 * 1609.344 = 1610148.672
  }]);
});

test('a Smartcar delivery signed by fleetgate verifies too', async () => {
  const headers = fleetgate.webhooks.Verifier.smartcar(AMT).sign(STATE);
  assert.equal((await post('/api/smartcar/webhook', headers, STATE)).status, 200);
});

test('forged, re-serialised, unsigned and malformed Smartcar deliveries are rejected with their codes', async () => {
  const cases = [
    [{ 'SC-Signature': hmacHex('wrong-token', STATE) }, STATE, 401, 'invalid_signature'],
    [{ 'SC-Signature': hmacHex(AMT, STATE) }, JSON.stringify(JSON.parse(STATE), null, 2), 401, 'invalid_signature'],
    [{ 'SC-Signature': 'not-hex' }, STATE, 401, 'no_supported_signature'],
    [{}, STATE, 401, 'missing_header'],
    [{ 'SC-Signature': hmacHex(AMT, '{"eventType":') }, '{"eventType":', 400, 'invalid_payload'],
  ];
  for (const [headers, body, status, code] of cases) {
    const got = await post('/api/smartcar/webhook', headers, body);
    assert.deepEqual([got.status, got.json.error], [status, code], JSON.stringify(headers));
  }
});

test('Odoo booking and inventory webhooks: hand-signed and fleetgate-signed pass; forgeries and replays do not', async () => {
  const body = JSON.stringify({ id: 7, model: 'rental.order' });
  const now = Math.floor(Date.now() / 1000);
  const byHand = { 'X-Odoo-Timestamp': String(now), 'X-Odoo-Signature': 'sha256=' + hmacHex(ODOO, `${now}.${body}`) };
  assert.deepEqual((await post('/api/webhook/booking', byHand, body)).json.id, 7);
  const signed = fleetgate.webhooks.Verifier.odoo(ODOO, { timestamped: true }).sign(body, { timestamp: now });
  assert.equal((await post('/api/webhook/inventory', signed, body)).status, 200);
  const old = now - 301;
  const replay = { 'X-Odoo-Timestamp': String(old), 'X-Odoo-Signature': 'sha256=' + hmacHex(ODOO, `${old}.${body}`) };
  assert.deepEqual((await post('/api/webhook/booking', replay, body)).json.error, 'timestamp_too_old');
  const bodyOnly = { 'X-Odoo-Timestamp': String(now), 'X-Odoo-Signature': 'sha256=' + hmacHex(ODOO, body) };
  assert.deepEqual((await post('/api/webhook/booking', bodyOnly, body)).json.error, 'invalid_signature');
  assert.deepEqual((await post('/api/webhook/booking', { 'X-Odoo-Signature': byHand['X-Odoo-Signature'] }, body)).json.error, 'missing_header');
  assert.equal((await post('/api/webhook/payments', byHand, body)).status, 404);
});

test('Python: re-verifying a folder of stored deliveries reports each one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fleetgate-deliveries-'));
  try {
    const bodies = { a: STATE, b: '{"eventId":"x"}', c: STATE };
    writeFileSync(join(dir, 'a.body'), bodies.a);
    writeFileSync(join(dir, 'a.headers.json'), JSON.stringify({ 'sc-signature': hmacHex(AMT, bodies.a) }));
    writeFileSync(join(dir, 'b.body'), Buffer.from([0xff, 0x00, 0x7b]));
    writeFileSync(join(dir, 'b.headers.json'), JSON.stringify({ 'SC-Signature': createHmac('sha256', 'old-token').update(Buffer.from([0xff, 0x00, 0x7b])).digest('hex') }));
    writeFileSync(join(dir, 'c.body'), bodies.c + ' ');
    writeFileSync(join(dir, 'c.headers.json'), JSON.stringify({ 'SC-Signature': hmacHex(AMT, bodies.c) }));
    let out;
    let status = 0;
    try {
      out = execFileSync(join(ROOT, '.venv', 'bin', 'python'), ['examples/python/reverify_deliveries.py', dir, '--scheme', 'smartcar', '--secret-env', 'AMTS'],
        { cwd: ROOT, encoding: 'utf8', env: { ...process.env, AMTS: `${AMT},old-token` } });
    } catch (err) {
      ({ status, stdout: out } = err);
    }
    assert.equal(status, 1);
    assert.match(out, /^a: ok key_index=0/m);
    assert.match(out, /^b: ok key_index=1/m);
    assert.match(out, /^c: REJECTED invalid_signature/m);
    assert.match(out, /^1 rejected$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the webhooks demo prints accepted and rejected requests', () => {
  const out = execFileSync('node', ['examples/node/webhooks-demo.mjs'], { cwd: ROOT, encoding: 'utf8' });
  assert.match(out, /VERIFY \(unsigned\)\s+-> 200 \{"challenge":"[0-9a-f]{64}"\}/);
  assert.match(out, /VEHICLE_STATE forged\s+-> 401 \{"error":"invalid_signature"/);
  assert.match(out, /Odoo booking replayed \(1 h\)\s+-> 401 \{"error":"timestamp_too_old"/);
});

test('the Python webhooks demo verifies, parses and rejects a tampered body', () => {
  const out = execFileSync(join(ROOT, '.venv', 'bin', 'python'), ['examples/python/webhooks_demo.py'], { cwd: ROOT, encoding: 'utf8' });
  assert.match(out, /verify -> Verified\(key_index=0, msg_id=None, timestamp=None\)/);
  assert.match(out, /'raw_value': '104\.320'.*'metres': 104320/);
  assert.match(out, /tampered body -> WebhookError code=invalid_signature/);
  assert.match(out, /tampered: REJECTED invalid_signature/);
});
