// smartcar.Client and odoo.Client against scripted servers on 127.0.0.1: Promises, retries, errors, secrets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { inspect } from 'node:util';
import { createRequire } from 'node:module';

const fleetgate = createRequire(import.meta.url)('../index.js');
const { smartcar, odoo, odometer, retry } = fleetgate;

const SECRET = 'client-secret-s3cr3t';
const NOW = 1_700_000_000;
const DATA_AGE = '2023-11-14T21:00:00.000Z';
const DATA_AGE_S = 1_699_995_600;

/** Starts a server whose `handler(request, seen)` returns {status, body, headers, delay}. */
async function serve(handler) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const [path, query = ''] = req.url.split('?');
      const request = { method: req.method, path, query, headers: req.headers, body: Buffer.concat(chunks).toString(), at: performance.now() };
      const seen = requests.filter((r) => r.path === path).length;
      requests.push(request);
      const answer = handler(request, seen);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
        res.end(answer.body ?? '{}');
      }, (answer.delay ?? 0) * 1000);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    forPath: (p) => requests.filter((r) => r.path === p),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

const fast = (maxAttempts = 3) => new retry.Backoff({ kind: 'constant', base: 0.01, cap: 5, maxAttempts, seed: 1 });
const client = (url, { attempts = 3, timeout = 2 } = {}) =>
  new smartcar.Client('client-id', SECRET, { authBaseUrl: url, apiBaseUrl: url, timeout, backoff: fast(attempts) });

const tokens = (delay = 0) => ({
  status: 200,
  delay,
  body: JSON.stringify({ access_token: 'new-access', token_type: 'Bearer', expires_in: 7200, refresh_token: 'new-refresh' }),
});
const odometerAnswer = (distance, system = 'metric') => ({
  status: 200,
  body: `{"distance": ${distance}}`,
  headers: { 'SC-Unit-System': system, 'SC-Data-Age': DATA_AGE },
});
const smartcarHandler = (distance = '104.32', tokenDelay = 0) => (request) => {
  if (request.path === '/oauth/token') return tokens(tokenDelay);
  if (['Bearer new-access', 'Bearer old-access'].includes(request.headers.authorization)) return odometerAnswer(distance);
  return { status: 401, body: '{"type": "AUTHENTICATION"}' };
};
const vehicle = (expiresAt) => ({
  id: 7, smartcarVehicleId: 'veh-1', carId: 'car-42', accessToken: 'old-access', refreshToken: 'old-refresh', expiresAt,
});

test('refreshToken resolves to the new tokens and sends Basic auth with a form body', async () => {
  const server = await serve(smartcarHandler());
  try {
    const got = await client(server.url).refreshToken('old-refresh', { now: NOW });
    assert.deepEqual(got, { access_token: 'new-access', refresh_token: 'new-refresh', expires_at: NOW + 7200 });
    const sent = server.forPath('/oauth/token')[0];
    assert.equal(sent.headers.authorization, `Basic ${Buffer.from(`client-id:${SECRET}`).toString('base64')}`);
    assert.equal(sent.body, 'grant_type=refresh_token&refresh_token=old-refresh');
  } finally {
    await server.close();
  }
});

test('an expired token is refreshed once under concurrent syncs', async () => {
  const server = await serve(smartcarHandler('104.32', 0.3));
  try {
    const sc = client(server.url);
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => sc.syncVehicle(vehicle(NOW - 10), [], { now: NOW })));
    assert.equal(server.forPath('/oauth/token').length, 1);
    assert.equal(server.forPath('/v2.0/vehicles/veh-1/odometer').length, 4);
    for (const outcome of outcomes) {
      assert.deepEqual(outcome.tokens, { access_token: 'new-access', refresh_token: 'new-refresh', expires_at: NOW + 7200, refreshed: true });
      assert.equal(outcome.verdict.status, 'accept');
    }
  } finally {
    await server.close();
  }
});

/** Token endpoint answering new-access; the odometer accepts only `accepted` (null: every token refused). */
const refusingHandler = (accepted, status = 401) => (request) => {
  if (request.path === '/oauth/token') return tokens();
  if (accepted !== null && request.headers.authorization === `Bearer ${accepted}`) return odometerAnswer('104.32');
  return { status, body: '{"type": "AUTHENTICATION", "description": "token refused"}' };
};
const READ_PATH = '/v2.0/vehicles/veh-1/odometer';

test('a 401 on an unexpired token: exactly one refresh and one retry, the new tokens returned', async () => {
  const server = await serve(refusingHandler('new-access'));
  try {
    const sc = client(server.url);
    const outcome = await sc.syncVehicle(vehicle(NOW + 3600), [], { now: NOW });
    assert.equal(server.forPath('/oauth/token').length, 1);
    assert.deepEqual(server.forPath(READ_PATH).map((r) => r.headers.authorization), ['Bearer old-access', 'Bearer new-access']);
    assert.deepEqual(outcome.tokens, { access_token: 'new-access', refresh_token: 'new-refresh', expires_at: NOW + 7200, refreshed: true });
    assert.equal(outcome.sync_log.token_refreshed, true);
    assert.equal(outcome.verdict.status, 'accept');
    // The client keeps the tokens it got: the same stale row synced again exchanges nothing.
    const again = await sc.syncVehicle(vehicle(NOW + 3600), [], { now: NOW });
    assert.equal(again.tokens.refresh_token, 'new-refresh');
    assert.equal(server.forPath('/oauth/token').length, 1);
  } finally {
    await server.close();
  }
});

test('a second 401 is the error, after one refresh and one retry; none after a fresh refresh or a 403', async () => {
  const server = await serve(refusingHandler(null));
  try {
    await assert.rejects(client(server.url).syncVehicle(vehicle(NOW + 3600), [], { now: NOW }), { code: 'unauthorized' });
    assert.equal(server.forPath('/oauth/token').length, 1);
    assert.equal(server.forPath(READ_PATH).length, 2);
    await assert.rejects(client(server.url).syncVehicle(vehicle(NOW - 10), [], { now: NOW }), { code: 'unauthorized' });
    assert.equal(server.forPath('/oauth/token').length, 2, 'expired tokens: the one refresh comes first');
    assert.equal(server.forPath(READ_PATH).length, 3, 'and no retry after it');
  } finally {
    await server.close();
  }
  const forbidden = await serve(refusingHandler(null, 403));
  try {
    await assert.rejects(client(forbidden.url).syncVehicle(vehicle(NOW + 3600), [], { now: NOW }), { code: 'unauthorized' });
    assert.deepEqual([forbidden.forPath('/oauth/token').length, forbidden.forPath(READ_PATH).length], [0, 1]);
  } finally {
    await forbidden.close();
  }
});

test('429 with Retry-After is waited out, then the read succeeds', async () => {
  const server = await serve((r, seen) => (seen === 0 ? { status: 429, headers: { 'Retry-After': '1' } } : odometerAnswer('5')));
  try {
    const read = await client(server.url).odometer('veh-1', 'tok');
    assert.deepEqual(read, { value: '5', unit: 'km', metres: 5000, reading_time: '2023-11-14T21:00:00Z' });
    const [first, second] = server.forPath('/v2.0/vehicles/veh-1/odometer');
    assert.ok(second.at - first.at >= 1000, 'the server\'s Retry-After, not the 10 ms backoff');
  } finally {
    await server.close();
  }
});

test('503 then success; timeouts; malformed JSON; rate limited to the end', async () => {
  const server = await serve((r, seen) => {
    if (r.path.includes('/flaky/')) return seen === 0 ? { status: 503, body: 'busy' } : odometerAnswer('7');
    if (r.path.includes('/slow/')) return { ...odometerAnswer('1'), delay: 1.5 };
    if (r.path.includes('/limited/')) return { status: 429, headers: { 'Retry-After': '0' } };
    return { status: 200, body: '{"distance": ', headers: { 'SC-Data-Age': DATA_AGE } };
  });
  try {
    assert.equal((await client(server.url).odometer('flaky', 'tok')).metres, 7000);
    assert.equal(server.forPath('/v2.0/vehicles/flaky/odometer').length, 2);
    await assert.rejects(client(server.url, { attempts: 2, timeout: 0.2 }).odometer('slow', 'tok'), { code: 'timeout' });
    assert.equal(server.forPath('/v2.0/vehicles/slow/odometer').length, 2);
    await assert.rejects(client(server.url).odometer('bad', 'tok'), { code: 'invalid_response' });
    await assert.rejects(client(server.url, { attempts: 2 }).odometer('limited', 'tok'), { code: 'rate_limited' });
    assert.equal(server.forPath('/v2.0/vehicles/limited/odometer').length, 2);
  } finally {
    await server.close();
  }
});

test('imperial units are sent and honoured', async () => {
  const server = await serve((r) => odometerAnswer('100', r.headers['sc-unit-system'] ?? 'none'));
  try {
    const read = await client(server.url).odometer('veh-1', 'tok', { unitSystem: 'imperial' });
    assert.equal(server.forPath('/v2.0/vehicles/veh-1/odometer')[0].headers['sc-unit-system'], 'imperial');
    assert.deepEqual([read.value, read.unit, read.metres], ['100', 'miles', 160934]);
  } finally {
    await server.close();
  }
});

test('wrong credentials reject with unauthorized, and no secret is shown anywhere', async () => {
  const server = await serve(() => ({ status: 401, body: '{"error": "invalid_client", "error_description": "unknown old-refresh"}' }));
  try {
    const sc = client(server.url);
    const err = await sc.syncVehicle(vehicle(NOW - 10), [], { now: NOW }).then(() => assert.fail('resolved'), (e) => e);
    assert.ok(err instanceof Error);
    assert.equal(err.code, 'unauthorized');
    const shown = [err.message, err.stack, inspect(err), inspect(sc), JSON.stringify(sc)].join(' ');
    assert.match(shown, /invalid_client/);
    for (const secret of [SECRET, 'old-refresh', 'old-access']) assert.ok(!shown.includes(secret), shown);
  } finally {
    await server.close();
  }
});

test('bad arguments reject with invalid_argument or the odometer code, never a napi error', async () => {
  const sc = new smartcar.Client('id', SECRET, { authBaseUrl: 'http://127.0.0.1:9', apiBaseUrl: 'http://127.0.0.1:9' });
  await assert.rejects(sc.odometer('veh-1', 'tok', { version: 4 }), (e) => e.code === 'invalid_option' && e.details.path === 'version');
  await assert.rejects(sc.odometer(42, 'tok'), { code: 'invalid_argument' });
  await assert.rejects(sc.syncVehicle({ id: 1 }, []), { code: 'invalid_argument' });
  await assert.rejects(sc.syncVehicle(vehicle(NOW), [{ value: 1 }], { now: NOW }), { code: 'invalid_reading' });
  await assert.rejects(sc.refreshToken('rt', { nowe: 1 }), { code: 'invalid_option' });
  await assert.rejects(sc.refreshToken('rt', { idempotencyKey: 'k' }), { code: 'invalid_option' });
  await assert.rejects(sc.refreshToken('rt', { now: 'yesterday' }), (e) => e.code === 'invalid_option' && e.details.path === 'now');
  assert.throws(() => new smartcar.Client('id', SECRET, { apiBaseUrl: 'ftp://x' }), { code: 'invalid_argument' });
  assert.throws(() => new smartcar.Client('id', SECRET, { backoff: { kind: 'linear' } }), { code: 'invalid_argument' });
  assert.throws(() => new smartcar.Client('id', SECRET, { backoff: 'fast' }), { code: 'invalid_option' });
  assert.throws(() => new smartcar.Client('id', SECRET, { timeout: '10' }), { code: 'invalid_option' });
  assert.throws(() => new smartcar.Client(42, SECRET), (e) => e.code === 'invalid_argument' && e.details.argument === 'clientId');
  assert.ok(new smartcar.Client('id', SECRET, { backoff: { maxAttempts: 2 } }), 'the data form of a backoff');
});

test('a manual sync and a webhook delivery of the same reading make one meter entry', async () => {
  const body = Buffer.from(JSON.stringify({
    eventId: 'evt-1',
    eventType: 'VEHICLE_STATE',
    data: { vehicle: { id: 'veh-1' }, signals: [{ code: 'odometer-traveleddistance', body: { unit: 'kilometers', value: 104.32 }, meta: { oemUpdatedAt: DATA_AGE_S * 1000 } }] },
    meta: { deliveryId: 'd1' },
  }));
  const parsed = smartcar.parseEvent(body).readings[0];
  // The webhook path in three calls: parseEvent -> readingFromSmartcar -> check (stored with its row id).
  const webhook = { ...odometer.readingFromSmartcar(parsed, { receivedTime: NOW }), id: 501 };
  const webhookVerdict = odometer.check([], webhook);
  const webhookEntry = odometer.meterEntry(webhookVerdict, { carId: 'car-42', sourceId: 7, sync: 'webhook' });
  assert.equal(webhookVerdict.status, 'accept');
  const server = await serve(smartcarHandler('104.32'));
  try {
    const sc = client(server.url);
    const second = await sc.syncVehicle(vehicle(NOW + 3600), [webhook], { now: NOW });
    assert.deepEqual([second.verdict.status, second.verdict.duplicate_of, second.meter_entry], ['duplicate', 501, null]);
    const first = await sc.syncVehicle(vehicle(NOW + 3600), [], { now: NOW });
    const entry = first.meter_entry;
    for (const key of ['car_id', 'odometer_reading', 'entry_date', 'source_type', 'source_id', 'metres']) {
      assert.deepEqual(entry[key], webhookEntry[key], key);
    }
    assert.equal(entry.notes, 'Automatically synced from Smartcar (manual sync)');
    const stored = { value: entry.raw_value, unit: entry.raw_unit, readingTime: entry.reading_time, source: 'smartcar', id: 900 };
    const again = odometer.check([stored], webhook);
    assert.deepEqual([again.status, again.duplicate_of], ['duplicate', 900]);
  } finally {
    await server.close();
  }
});

test('odoo.Client: absolute images, availability, bookings retried only with a key, invalid ones never sent', async () => {
  const server = await serve((r, seen) => {
    if (r.path === '/api/fleet/vehicles') return { status: 200, body: '[{"id": 1, "image_url": "/web/image/1.png"}]' };
    if (r.path === '/api/fleet/vehicles/1/availability') return { status: 200, body: JSON.stringify({ query: r.query }) };
    if (r.path === '/api/fleet/bookings') return seen === 0 ? { status: 503, headers: { 'Retry-After': '0' } } : { status: 201, body: '{"id": 11}' };
    return { status: 404, body: '{"error": "not found"}' };
  });
  const booking = {
    vehicle_id: 1, customer_name: 'Ada Lovelace', customer_email: 'ada@example.com', customer_phone: '+32 470 12 34 56',
    date_from: '2026-02-01', date_to: '2026-02-03',
  };
  const now = '2026-01-01T00:00:00Z';
  try {
    const c = new odoo.Client(server.url, { backoff: fast() });
    assert.deepEqual(await c.vehicles(), [{ id: 1, image_url: `${server.url}/web/image/1.png` }]);
    assert.deepEqual(await c.availability(1, '2026-02-01', '2026-02-03'), { query: 'start=2026-02-01&end=2026-02-03' });
    await assert.rejects(c.vehicle(2), { code: 'upstream_error', message: 'the upstream answered HTTP 404: not found' });
    await assert.rejects(c.createBooking(booking, { now }), { code: 'upstream_error' });
    assert.equal(server.forPath('/api/fleet/bookings').length, 1);
    assert.deepEqual(await c.createBooking(booking, { idempotencyKey: 'k-1', now }), { id: 11 });
    assert.equal(server.forPath('/api/fleet/bookings')[1].headers['idempotency-key'], 'k-1');
    const refused = await c.createBooking({ ...booking, customer_email: 'nope' }, { now }).then(() => assert.fail('resolved'), (e) => e);
    assert.equal(refused.code, 'validation_failed');
    assert.deepEqual(refused.errors.map((e) => e.loc), [['customer_email']]);
    assert.equal(server.forPath('/api/fleet/bookings').length, 2);
  } finally {
    await server.close();
  }
});

// --- stock Odoo's website rental routes (JSON-RPC, errors at HTTP 200) ---------------------------------------

const rpc = (r, result, error) => {
  const reply = { jsonrpc: '2.0', id: JSON.parse(r.body).id };
  if (error) reply.error = error;
  else reply.result = result;
  return { status: 200, body: JSON.stringify(reply) };
};
const CONSTRAINTS = {
  renting_unavailabity_days: { 1: false, 2: false, 3: false, 4: false, 5: false, 6: true, 7: true },
  renting_minimal_time: { duration: 2, unit: 'day' },
  website_tz: 'Europe/Brussels',
};
const AVAILABILITIES = {
  preparation_time: 1.5,
  renting_availabilities: [
    { start: '2026-02-03 12:00:00', end: '2026-02-10 00:00:00', quantity_available: 0 },
    { start: '2026-02-01 00:00:00', end: '2026-02-03 12:00:00', quantity_available: 2 },
  ],
};

test('odoo.Client: rentalConstraints and rentalAvailabilities over JSON-RPC feed booking.validate', async () => {
  const server = await serve((r) => {
    if (r.path === '/rental/product/constraints') return rpc(r, CONSTRAINTS);
    if (r.path === '/rental/product/availabilities') return rpc(r, AVAILABILITIES);
    return { status: 404, body: '<html>404</html>' };
  });
  try {
    const c = new odoo.Client(server.url, { backoff: fast() });
    const constraints = await c.rentalConstraints();
    const sent = server.forPath('/rental/product/constraints')[0];
    assert.equal(sent.method, 'POST');
    assert.deepEqual(JSON.parse(sent.body), { jsonrpc: '2.0', method: 'call', params: {}, id: 1 });
    assert.deepEqual(constraints, {
      forbidden_weekdays: ['sat', 'sun'], minimal_time: { duration: 2, unit: 'day' }, time_zone: 'Europe/Brussels',
      booking_rules: { forbidden_weekdays: ['sat', 'sun'], min_rental_hours: 48, time_zone: 'Europe/Brussels' },
    });
    const request = {
      vehicle_id: 1, customer_name: 'Ada Lovelace', customer_email: 'ada@example.com', customer_phone: '+32 470 12 34 56',
      date_from: '2026-02-07', date_to: '2026-02-10',
    };
    const rules = { max_rental_days: 30, ...constraints.booking_rules };
    assert.throws(() => fleetgate.booking.validate(request, { rules, now: '2026-01-01T00:00:00Z' }), (e) =>
      e.code === 'validation_failed' && e.errors.map((x) => x.code).join() === 'weekday_not_allowed');

    const got = await c.rentalAvailabilities(42, new Date('2026-02-01T00:00:00Z'), 1_770_508_800);
    const params = JSON.parse(server.forPath('/rental/product/availabilities')[0].body).params;
    assert.deepEqual(params, { product_id: 42, min_date: '2026-02-01 00:00:00', max_date: '2026-02-08 00:00:00' });
    assert.deepEqual(got, {
      preparation_time: 1.5, padding_seconds: 5400, padding_hours: 2, stock_limited: true,
      segments: [
        { start: '2026-02-01T00:00:00Z', end: '2026-02-03T12:00:00Z', quantity_available: 2 },
        { start: '2026-02-03T12:00:00Z', end: '2026-02-10T00:00:00Z', quantity_available: 0 },
      ],
    });
    for (const bad of [[0, NOW, NOW + 60], [42, NOW, NOW], ['42', NOW, NOW + 60], [42, 'tomorrow', NOW]]) {
      await assert.rejects(c.rentalAvailabilities(...bad), { code: 'invalid_argument' });
    }
    assert.equal(server.forPath('/rental/product/availabilities').length, 1);
  } finally {
    await server.close();
  }
});

test('odoo.Client: rental JSON-RPC errors, HTTP errors, malformed and oversized replies', async () => {
  const server = await serve((r) => {
    if (r.path === '/rental/product/constraints') {
      return rpc(r, null, { code: 200, message: 'Odoo Server Error', data: { name: 'odoo.exceptions.AccessError', message: 'No access', debug: 'Traceback ...' } });
    }
    const { product_id: product } = JSON.parse(r.body).params;
    if (product === 1) return rpc(r, { preparation_time: 'soon', renting_availabilities: [{ start: 'x' }] });
    if (product === 2) return { status: 200, body: `{"jsonrpc": "2.0", "result": {"preparation_time": 0, "x": "${'y'.repeat(9_000_000)}"}}` };
    return { status: 500, body: '{"message": "boom"}' };
  });
  try {
    const c = new odoo.Client(server.url, { backoff: fast() });
    const rpcError = await c.rentalConstraints().then(() => assert.fail('resolved'), (e) => e);
    assert.equal(rpcError.code, 'odoo_rpc_error');
    assert.deepEqual(rpcError.details, { rpc_code: 200, rpc_message: 'Odoo Server Error', name: 'odoo.exceptions.AccessError', data_message: 'No access' });
    const malformed = await c.rentalAvailabilities(1, NOW, NOW + 3600).then(() => assert.fail('resolved'), (e) => e);
    assert.equal(malformed.code, 'invalid_odoo_payload');
    assert.deepEqual(malformed.errors.map((p) => p.loc), [
      'result.preparation_time', 'result.renting_availabilities[0].start', 'result.renting_availabilities[0].end',
      'result.renting_availabilities[0].quantity_available',
    ]);
    await assert.rejects(c.rentalAvailabilities(2, NOW, NOW + 3600), { code: 'response_too_large' });
    await assert.rejects(c.rentalAvailabilities(3, NOW, NOW + 3600), { code: 'upstream_error' });
    assert.equal(server.forPath('/rental/product/availabilities').filter((r) => JSON.parse(r.body).params.product_id === 3).length, 3);
  } finally {
    await server.close();
  }
  const missing = await serve(() => ({ status: 404, body: '<html>404</html>' }));
  try {
    const err = await new odoo.Client(missing.url, { backoff: fast() }).rentalConstraints().then(() => assert.fail('resolved'), (e) => e);
    assert.deepEqual([err.code, err.details.status], ['upstream_error', 404]);
  } finally {
    await missing.close();
  }
});

test('odoo.rentalConstraints / rentalAvailabilities read a reply fetched elsewhere (object, bytes or text)', () => {
  const reply = { jsonrpc: '2.0', id: 9, result: CONSTRAINTS };
  const fromObject = odoo.rentalConstraints(reply);
  assert.deepEqual(odoo.rentalConstraints(new TextEncoder().encode(JSON.stringify(reply))), fromObject);
  assert.deepEqual(odoo.rentalConstraints(JSON.stringify(reply)), fromObject);
  assert.deepEqual(odoo.rentalAvailabilities({ jsonrpc: '2.0', result: { preparation_time: 0 } }).segments, []);
  assert.throws(() => odoo.rentalAvailabilities(Buffer.from('<html>')), (e) => e.code === 'invalid_odoo_payload' && e.errors[0].code === 'not_json');
});
