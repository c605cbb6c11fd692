// The shared vectors and error behaviour against the WASM package, loaded in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import * as fleetgate from '../node.js';
import { registerVectorTests } from '../../core/tests/js/node-files.mjs';
import { hostileCases } from '../../core/tests/js/hostile.mjs';
import { registerRateLimitApiTests } from '../../core/tests/js/api-ratelimit.mjs';
import { registerWebhookApiTests } from '../../core/tests/js/api-webhooks.mjs';

registerVectorTests(fleetgate, '[wasm-node]');
for (const [name, check] of hostileCases(fleetgate, assert)) test(`[wasm-node] hostile: ${name}`, check);
registerRateLimitApiTests(fleetgate, '[wasm-node]');
registerWebhookApiTests(fleetgate, '[wasm-node]');

test('[wasm-node] errors are real Errors with stable codes', () => {
  assert.throws(() => fleetgate.units.toMetres('abc', 'km'), (err) => err instanceof Error && err.code === 'invalid_value');
  assert.throws(() => fleetgate.units.toMetres(1, 'furlong'), { code: 'invalid_unit' });
  for (const bad of [{}, [], null, undefined, true, 2n ** 70n, () => 1]) {
    assert.throws(() => fleetgate.units.toMetres(bad, 'km'), { code: 'invalid_value' }, String(bad));
  }
  assert.equal(fleetgate.units.toMetres(10n, 'km'), 10000, 'a BigInt within 64 bits is an integer, like a Python int');
});

test('[wasm-node] a Rust panic surfaces as internal_error and the module keeps working', () => {
  assert.throws(() => fleetgate._panicForTests(), (err) => err instanceof Error && err.code === 'internal_error');
  assert.equal(fleetgate.units.toMetres(1, 'mi'), 1609);
});

test('[wasm-node] webhooks: Headers objects, ArrayBuffer bodies, and body_not_bytes for parsed objects', () => {
  const v = fleetgate.webhooks.Verifier.smartcar('amt-0123456789abcdef0123456789');
  const body = new TextEncoder().encode('{"eventId":"e1"}');
  const headers = new Headers(v.sign(body));
  assert.deepEqual(v.verify(headers, body.buffer), { keyIndex: 0 });
  assert.throws(() => v.verify(headers, { eventId: 'e1' }), (err) => err.code === 'body_not_bytes' && /raw/.test(err.message));
  assert.throws(() => fleetgate.smartcar.parseEvent('{'), { code: 'invalid_payload' });
});

test('[wasm-node] odometer verdicts cannot be forged; meterEntry builds from the reading the verdict holds', () => {
  const { odometer } = fleetgate;
  const reading = { value: '31,120.3', unit: 'mi', readingTime: '2024-06-01T00:00:00Z', eventId: 'e4' };
  const verdict = odometer.check([], reading);
  assert.deepEqual(JSON.parse(JSON.stringify(verdict)), {
    status: 'accept', reason: null, metres: 50083268, km: 50083.268, allowed_range_m: null, duplicate_of: null,
  });
  const entry = odometer.meterEntry(verdict, { carId: 17, sourceId: 3, sync: 'manual' });
  assert.equal(entry.odometer_reading, 50083.268);
  assert.equal(entry.source_type, 'manual');
  assert.deepEqual(odometer.meterEntry(verdict, { carId: 17, sourceId: 3, sync: 'manual' }, reading), entry);
  // the verdict is still usable after meterEntry (it was borrowed, not consumed)
  assert.equal(verdict.status, 'accept');
  const forged = { status: 'accept', reason: null, metres: 5000000, km: 5000, allowed_range_m: null, duplicate_of: null };
  const spoofed = Object.create(Object.getPrototypeOf(verdict));
  const blank = new verdict.constructor();
  for (const fake of [forged, verdict.toJSON(), spoofed, blank, null, undefined, 7]) {
    assert.throws(() => odometer.meterEntry(fake, { carId: 1, sourceId: 2 }),
      (e) => e.name === 'FleetgateError' && e.code === 'invalid_argument' && e.details.argument === 'verdict');
  }
  assert.throws(() => odometer.meterEntry(verdict, { carId: 1, sourceId: 2 }, { value: 1, unit: 'km', readingTime: 0 }),
    { code: 'invalid_argument' });
  assert.throws(() => odometer.meterEntry(verdict, { carId: 1 }), { code: 'invalid_option' });
  assert.throws(() => odometer.check([], { value: 1, unit: 'km', readingTime: 0 }, { sameValueWindowS: 1e12 }),
    (e) => e.code === 'invalid_policy' && e.details.path === 'sameValueWindowS' && e.details.max === 31536000);
});

test('[wasm-node] checkBatchColumns: typed arrays in and out, the same verdicts as checkBatch', () => {
  const { odometer } = fleetgate;
  const n = 300;
  const values = new Float64Array(n);
  const times = new Float64Array(n);
  const eventIds = [];
  let seed = 11;
  const rand = (k) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % k; };
  for (let i = 0; i < n; i++) {
    values[i] = 20000 + i * 0.9 + [0, 0, 0, -70, 500][rand(5)];
    times[i] = 1_700_000_000 + rand(300) * 60;
    eventIds.push(rand(4) === 0 ? null : `e${rand(250)}`);
  }
  const columns = odometer.checkBatchColumns({ values, units: 'km', times, eventIds });
  const objects = odometer.checkBatch(Array.from(values, (value, i) => ({ value, unit: 'km', readingTime: times[i], eventId: eventIds[i] })));
  assert.ok(columns.status instanceof Uint8Array && columns.reason instanceof Uint8Array);
  assert.ok(columns.metres instanceof Float64Array && columns.duplicateOf instanceof Int32Array);
  assert.deepEqual(Array.from(columns.status, (c) => odometer.STATUSES[c]), objects.map((v) => v.status));
  assert.deepEqual(Array.from(columns.reason, (c) => odometer.REASONS[c] || null), objects.map((v) => v.reason));
  assert.deepEqual(Array.from(columns.metres, (m) => (Number.isNaN(m) ? null : m)), objects.map((v) => v.metres));
  columns.duplicateOf.forEach((index, i) => {
    assert.equal(index !== -1, objects[i].status === 'duplicate');
    // the index of the repeated reading; the object API names it by its event id (null when it has none)
    if (index !== -1) assert.equal(eventIds[index], objects[i].duplicate_of);
  });
  assert.ok(columns.duplicateOf.some((index) => index !== -1), 'the input has duplicates');
  assert.deepEqual(odometer.STATUSES, ['accept', 'duplicate', 'void']);
  assert.deepEqual(odometer.REASONS, ['', 'out_of_sequence', 'exceeds_max_rate', 'unit_mismatch', 'rollover_suspected', 'invalid_value']);
  assert.throws(() => odometer.checkBatchColumns({ values: new Float64Array(2), units: 'km', times: new Float64Array(1) }),
    (e) => e.code === 'invalid_reading' && e.details.path === 'times');
  assert.throws(() => odometer.checkBatchColumns({ values: new Float32Array(1), units: 'km', times: [0] }),
    (e) => e.code === 'invalid_reading' && e.details.path === 'values');
});

test('[wasm-node] parseEvent -> readingFromSmartcar -> check -> meterEntry; current', () => {
  const { odometer, smartcar } = fleetgate;
  const body = new TextEncoder().encode('{"eventId":"evt-7","eventType":"VEHICLE_STATE","vehicleId":"veh-9","data":{"signals":[{"code":'
    + '"odometer-traveleddistance","body":{"unit":"km","value":1050.5},"meta":{"oemUpdatedAt":3600000}}]},"meta":{}}');
  const [delivered] = smartcar.parseEvent(body).readings;
  const reading = odometer.readingFromSmartcar(delivered, { receivedTime: 3700 });
  assert.deepEqual(reading, { value: '1050.5', unit: 'km', readingTime: '1970-01-01T01:00:00Z', eventId: 'evt-7', source: 'smartcar', receivedTime: '1970-01-01T01:01:40Z' });
  const history = [{ value: 1000, unit: 'km', readingTime: 0, id: 1 }, { value: 1100, unit: 'km', readingTime: 7200, id: 2 }];
  const entry = odometer.meterEntry(odometer.check(history, reading), { carId: 17, sourceId: 3 }, reading);
  assert.deepEqual([entry.odometer_reading, entry.source_type, entry.notes], [1050.5, 'manual', 'Automatically synced from Smartcar']);
  assert.deepEqual(odometer.current([...history, { ...reading, id: 3 }]), { index: 1, id: 2, metres: 1100000, km: 1100, reading_time: '1970-01-01T02:00:00Z' });
  assert.equal(odometer.current([]), null);
  const { readAtMs, ...noTime } = delivered;
  assert.throws(() => odometer.readingFromSmartcar(noTime), (e) => e.code === 'missing_reading_time' && e.details.path === 'readAtMs');
});
