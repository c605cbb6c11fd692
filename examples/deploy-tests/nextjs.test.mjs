// examples/nextjs, as its users run it: installed from the packed tarballs (npm ci), `next build`, `next start` on
// 127.0.0.1 behind a stand-in for the platform's edge proxy (it sets X-Real-IP, as Vercel does), then every route
// over real HTTP and the booking page in headless Chromium. Needs `bash scripts/pack.sh` first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import fleetgate from 'fleetgate';
import { ROOT, tarball, npmCi, run, freePort, start, httpFrom, platformProxy } from './helpers.mjs';
import { startMockSmartcar } from '../node/mock-smartcar.mjs';
import { launchChromium } from '../../core/tests/js/chromium.mjs';

const APP = join(ROOT, 'examples', 'nextjs');
const AMT = 'demo-application-management-token';
const ODOO = 'demo-odoo-webhook-secret-0123456789';
const env = { NEXT_TELEMETRY_DISABLED: '1' };
let mock;
let server;
let proxy;

before(async () => {
  tarball('fleetgate');
  tarball('fleetgate-wasm');
  npmCi(APP);
  run('npx', ['next', 'build'], { cwd: APP, env });
  mock = await startMockSmartcar();
  const port = await freePort();
  server = start('npx', ['next', 'start', '--hostname', '127.0.0.1', '--port', String(port)], {
    cwd: APP,
    env: { ...env, SMARTCAR_AUTH_URL: mock.url, SMARTCAR_API_URL: mock.url, FLEETGATE_PLATFORM: 'vercel' },
    ready: /Ready in|started server on/i,
  });
  await server.started;
  proxy = await platformProxy(`http://127.0.0.1:${port}`);
});

after(async () => {
  await proxy?.close();
  server?.stop();
  await mock?.close();
});

const hmacHex = (key, text) => createHmac('sha256', key).update(text).digest('hex');
const post = (path, { from = '127.0.0.1', headers = {}, body = '' } = {}) =>
  httpFrom(from, `${proxy.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

function delivery(eventId, value, oemMs) {
  return JSON.stringify({
    eventId, eventType: 'VEHICLE_STATE', vehicleId: 'veh-9',
    data: { vehicle: { id: 'veh-9' }, signals: [{ code: 'odometer-traveleddistance', name: 'TraveledDistance', group: 'Odometer',
      body: { unit: 'kilometers', value }, meta: { oemUpdatedAt: oemMs, fetchedAt: oemMs + 1000 } }] },
    meta: { version: '4.0', webhookId: 'wh', deliveryId: `d-${eventId}-${Math.random()}`, deliveredAt: oemMs + 2000 },
  });
}

test('Smartcar webhook (Node runtime, napi): VERIFY, signed deliveries to verdicts and meter entries, forgeries refused', async () => {
  const verify = JSON.stringify({ eventId: 'e', eventType: 'VERIFY', data: { challenge: 'c-123' }, meta: {} });
  const challenge = await post('/api/smartcar/webhook', { body: verify });
  assert.equal(challenge.status, 200);
  assert.deepEqual(challenge.json(), { challenge: hmacHex(AMT, 'c-123') });

  const t0 = 1_717_401_600_000;
  const body = delivery('e1', 50000.5, t0);
  const signed = fleetgate.webhooks.Verifier.smartcar(AMT).sign(body);
  const first = await post('/api/smartcar/webhook', { headers: signed, body });
  assert.equal(first.status, 200, first.text);
  const [reading] = first.json().readings;
  assert.equal(reading.status, 'accept');
  assert.equal(reading.entry.car_id, 42);
  assert.equal(reading.entry.odometer_reading, 50000.5);
  // parseEvent -> readingFromSmartcar -> check -> meterEntry: the car's time, the event id, the received time.
  assert.equal(reading.entry.entry_date, '2024-06-03T08:00:00Z');
  assert.equal(reading.entry.event_id, 'e1');
  assert.equal(reading.entry.source_id, 1);
  assert.equal(reading.entry.source_type, 'manual');
  assert.match(reading.entry.received_time, /^\d{4}-\d{2}-\d{2}T/);
  const retry = await post('/api/smartcar/webhook', { headers: fleetgate.webhooks.Verifier.smartcar(AMT).sign(body), body });
  assert.equal(retry.json().readings[0].status, 'duplicate');
  const late = delivery('e0', 49990.25, t0 - 3_600_000);
  const lateReply = await post('/api/smartcar/webhook', { headers: fleetgate.webhooks.Verifier.smartcar(AMT).sign(late), body: late });
  assert.equal(lateReply.json().readings[0].status, 'accept', 'a late delivery that fits between its neighbours');
  const legacy = JSON.stringify({ version: '2.0', webhookId: 'wh', eventName: 'schedule', mode: 'live', payload: { vehicles: [
    { vehicleId: 'veh-9', requestId: 'r1', data: [{ path: '/odometer', code: 200, body: { distance: 50001 } }] }] } });
  const legacyReply = await post('/api/smartcar/webhook', { headers: fleetgate.webhooks.Verifier.smartcar(AMT).sign(legacy), body: legacy });
  assert.deepEqual(legacyReply.json().readings.map((r) => [r.status, r.reason]), [['skipped', 'missing_reading_time']]);
  const forged = await post('/api/smartcar/webhook', { headers: { 'SC-Signature': hmacHex('not-the-token', body) }, body });
  assert.deepEqual([forged.status, forged.json().error], [401, 'invalid_signature']);
  const unsigned = await post('/api/smartcar/webhook', { body });
  assert.deepEqual([unsigned.status, unsigned.json().error], [401, 'missing_header']);
});

test('Sync Now against the bundled mock Smartcar: the token is refreshed, a reading stored once', async () => {
  const first = await post('/api/smartcar/sync/1');
  assert.equal(first.status, 200, first.text);
  assert.equal(first.json().status, 'accept');
  assert.equal(first.json().entry.odometer_reading, 48211.7);
  const second = await post('/api/smartcar/sync/1');
  assert.equal(second.json().status, 'duplicate');
  assert.equal(mock.tokenRequests(), 1);
  assert.equal((await post('/api/smartcar/sync/99')).status, 404);
});

test('booking proxy: 200 with the price, 422 with every problem, 429 after 10 an hour; X-Forwarded-For mints no fresh keys', async () => {
  const sample = (await import('../data/rental-sample.json', { with: { type: 'json' } })).default;
  const from = '127.0.0.2';
  const ok = await post('/api/booking', { from, body: JSON.stringify(sample.request) });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json().quote.total, '520.00');
  assert.equal(ok.json().key, from);
  assert.match(ok.headers['ratelimit'] ?? ok.headers['ratelimit-remaining'] ?? '', /\d/);
  const bad = await post('/api/booking', { from, body: JSON.stringify(sample.bad_request) });
  assert.equal(bad.status, 422);
  assert.ok(bad.json().errors.length >= 3, bad.text);
  assert.ok(bad.json().errors.every((e) => e.loc && e.code && e.message));
  for (let i = 2; i < 10; i += 1) assert.equal((await post('/api/booking', { from, body: JSON.stringify(sample.request) })).status, 200);
  const limited = await post('/api/booking', { from, body: JSON.stringify(sample.request) });
  assert.equal(limited.status, 429);
  assert.ok(Number(limited.headers['retry-after']) > 0);
  for (let i = 0; i < 5; i += 1) {
    const spoofed = await post('/api/booking', {
      from, body: JSON.stringify(sample.request),
      headers: { 'x-forwarded-for': `198.51.100.${i + 1}`, 'x-real-ip': `203.0.113.${i + 1}`, forwarded: `for=192.0.2.${i + 1}` },
    });
    assert.equal(spoofed.status, 429, `spoofed request ${i} got a fresh key: ${spoofed.text}`);
  }
  const other = await post('/api/booking', { from: '127.0.0.3', body: JSON.stringify(sample.request) });
  assert.equal(other.status, 200, 'another client has its own bucket');
});

test('Odoo webhooks broadcast their events to the SSE route; forgeries are refused', async () => {
  const controller = new AbortController();
  const events = await fetch(`${proxy.url}/api/events`, { signal: controller.signal });
  assert.equal(events.headers.get('content-type'), 'text/event-stream');
  const reader = events.body.pipeThrough(new TextDecoderStream()).getReader();
  let received = '';
  const until = async (pattern) => {
    while (!pattern.test(received)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended: ${received}`);
      received += value;
    }
  };
  await until(/event: hello/);
  const now = Math.floor(Date.now() / 1000);
  const sign = (body) => fleetgate.webhooks.Verifier.odoo(ODOO, { timestamped: true }).sign(body, { timestamp: now });
  const created = JSON.stringify({ event_type: 'booking.created', booking_id: 501, vehicle_id: 3, start: '2026-12-01 08:00:00', end: '2026-12-03 18:00:00' });
  const answer = await post('/api/webhook/booking', { headers: sign(created), body: created });
  assert.equal(answer.status, 200, answer.text);
  assert.ok(answer.json().listeners >= 1);
  await until(/event: booking\.created\ndata: .*"kind":"booking"/);
  const inventory = JSON.stringify({ event_type: 'vehicle.availability_changed', vehicle_id: 1, availability_status: 'available' });
  assert.equal((await post('/api/webhook/inventory', { headers: sign(inventory), body: inventory })).status, 200);
  await until(/event: vehicle\.availability_changed\ndata: .*"availability"/);
  const forged = await post('/api/webhook/booking', { headers: { ...sign(created), 'X-Odoo-Signature': 'sha256=' + hmacHex('wrong', `${now}.${created}`) }, body: created });
  assert.deepEqual([forged.status, forged.json().error], [401, 'invalid_signature']);
  assert.equal((await post('/api/webhook/payments', { headers: sign(created), body: created })).status, 404);
  controller.abort();
});

test('Edge route verifies an Odoo webhook with fleetgate-wasm', async () => {
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({ event_type: 'vehicle.added', vehicle_id: 4, name: 'Van' });
  const headers = fleetgate.webhooks.Verifier.odoo(ODOO, { timestamped: true }).sign(body, { timestamp: now });
  const ok = await post('/api/edge/webhook', { headers, body });
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual([ok.json().runtime, ok.json().type], ['edge', 'vehicle.added']);
  const forged = await post('/api/edge/webhook', { headers: { ...headers, 'X-Odoo-Signature': 'sha256=' + hmacHex('wrong', `${now}.${body}`) }, body });
  assert.deepEqual([forged.status, forged.json().error], [401, 'invalid_signature']);
});

test('booking page validates and prices in the browser (fleetgate-wasm/booking), then the proxy agrees', async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${proxy.url}/book`);
    await page.waitForSelector('#status:text("ready")');
    assert.equal(await page.locator('#problems li[data-code="required"]').count(), 1, 'the empty email is reported');
    assert.equal(await page.textContent('#quote'), '');
    await page.fill('input[name="customer_email"]', 'not-an-email');
    await page.waitForSelector('#problems li[data-code="invalid_email"]');
    await page.fill('input[name="customer_email"]', 'Ann.Peeters@Example.BE');
    await page.waitForSelector('#quote:text("520.00 EUR")');
    await page.click('button[type="submit"]');
    await page.waitForSelector('#server:text("200 520.00 EUR")');
    const wasm = await page.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => e.name.includes('.wasm')).map((e) => ({ name: e.name, size: e.decodedBodySize })));
    assert.equal(wasm.length, 1, `one .wasm fetched: ${JSON.stringify(wasm)}`);
    const booking = statSync(join(ROOT, 'bindings-wasm', 'pkg', 'booking', 'fleetgate_wasm_bg.wasm')).size;
    assert.equal(wasm[0].size, booking, 'the page loads the booking build, not the full one');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
