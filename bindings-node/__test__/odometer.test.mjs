// The Node surface of odometer beyond the shared vectors: the columnar API agrees with the object API, and bad
// input gets fleetgate's codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const { odometer } = createRequire(import.meta.url)('../index.js');

test('checkBatchColumns agrees with checkBatch, reading for reading', () => {
  const n = 500;
  const values = new Float64Array(n);
  const times = new Float64Array(n);
  const eventIds = [];
  let seed = 7;
  const rand = (k) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % k; };
  for (let i = 0; i < n; i++) {
    values[i] = 10000 + i * 0.7 + [0, 0, 0, -50, 400][rand(5)];
    times[i] = 1_700_000_000 + rand(500) * 60;
    eventIds.push(`e${rand(450)}`);
  }
  const columns = odometer.checkBatchColumns({ values, units: 'km', times, eventIds });
  const objects = odometer.checkBatch(Array.from(values, (value, i) => ({ value, unit: 'km', readingTime: times[i], eventId: eventIds[i] })));
  assert.ok(columns.status instanceof Uint8Array && columns.metres instanceof Float64Array);
  assert.deepEqual(Array.from(columns.status, (c) => odometer.STATUSES[c]), objects.map((v) => v.status));
  assert.deepEqual(Array.from(columns.reason, (c) => odometer.REASONS[c] || null), objects.map((v) => v.reason));
  assert.deepEqual(Array.from(columns.metres, (m) => (Number.isNaN(m) ? null : m)), objects.map((v) => v.metres));
  columns.duplicateOf.forEach((index, i) => {
    assert.equal(index === -1, objects[i].duplicate_of === null);
    if (index !== -1) assert.equal(eventIds[index], objects[i].duplicate_of);
  });
});

test('columns of different lengths are invalid_reading', () => {
  assert.throws(
    () => odometer.checkBatchColumns({ values: new Float64Array(2), units: 'km', times: new Float64Array(1) }),
    { code: 'invalid_reading' },
  );
});

test('malformed readings and policies get fleetgate codes', () => {
  assert.throws(() => odometer.check([], { value: 1, unit: 'km' }), { code: 'invalid_reading' });
  assert.throws(() => odometer.check([], { value: 1, unit: 'km', readingTime: 'noon' }), { code: 'invalid_time' });
  assert.throws(() => odometer.check([], { value: 1, unit: 'km', readingTime: 0, colour: 'red' }), { code: 'invalid_reading' });
  assert.throws(() => odometer.check('not a list', { value: 1, unit: 'km', readingTime: 0 }), { code: 'invalid_reading' });
  assert.throws(() => odometer.check([], { value: 1, unit: 'km', readingTime: 0 }, { maxSpeedKmh: -5 }), { code: 'invalid_policy' });
  assert.equal(odometer.check([], { value: NaN, unit: 'km', readingTime: 0 }).reason, 'invalid_value');
});

test('meterEntry builds the row for accepted readings only', () => {
  const reading = { value: '31,120.3', unit: 'mi', readingTime: '2024-06-01T00:00:00Z', eventId: 'e4' };
  const verdict = odometer.check([], reading);
  const entry = odometer.meterEntry(verdict, { carId: 17, sourceId: 3, sync: 'manual' }, reading);
  assert.equal(entry.odometer_reading, 50083.268);
  assert.equal(entry.source_type, 'manual');
  assert.equal(entry.notes, 'Automatically synced from Smartcar (manual sync)');
  assert.deepEqual(odometer.meterEntry(verdict, { carId: 17, sourceId: 3, sync: 'manual' }), entry);
  assert.equal(odometer.meterEntry(odometer.check([reading], reading), { carId: 17, sourceId: 3 }), null);
});

test('verdicts are fleetgate objects that cannot be forged', () => {
  const verdict = odometer.check([], { value: 1000, unit: 'km', readingTime: 0 });
  assert.ok(verdict instanceof odometer.Verdict);
  assert.deepEqual(JSON.parse(JSON.stringify(verdict)), {
    status: 'accept', reason: null, metres: 1000000, km: 1000, allowed_range_m: null, duplicate_of: null,
  });
  assert.throws(() => new odometer.Verdict(), Error);
  const forged = { status: 'accept', reason: null, metres: 5000000, km: 5000, allowed_range_m: null, duplicate_of: null };
  for (const fake of [forged, verdict.toJSON(), Object.create(odometer.Verdict.prototype), null, 7]) {
    assert.throws(() => odometer.meterEntry(fake, { carId: 1, sourceId: 2 }), (e) => e.name === 'FleetgateError'
      && e.code === 'invalid_argument' && e.details.argument === 'verdict');
  }
  assert.throws(() => odometer.meterEntry(verdict, { carId: 1, sourceId: 2 }, { value: 5000, unit: 'km', readingTime: 0 }),
    { code: 'invalid_argument' });
  assert.throws(() => odometer.meterEntry(verdict, { carId: 1 }), (e) => e.code === 'invalid_option' && e.details.path === 'sourceId');
  assert.throws(() => odometer.meterEntry(verdict, { carId: 1, sourceId: 2, sorceType: 'x' }), { code: 'invalid_option' });
});

test('errors name their place in camelCase', () => {
  const history = [{ value: 1, unit: 'km', readingTime: 0 }, { value: 1, unit: 'km', readingTime: 'noon' }];
  assert.throws(() => odometer.check(history, { value: 1, unit: 'km', readingTime: 0 }),
    (e) => e.code === 'invalid_time' && e.details.path === '[1].readingTime');
  assert.throws(() => odometer.check([], { value: 1, unit: 'km', readingTime: 0 }, { sameValueWindowS: 1e12 }),
    (e) => e.code === 'invalid_policy' && e.details.path === 'sameValueWindowS' && e.details.max === 31536000);
  assert.throws(() => odometer.checkBatchColumns({ values: [1, 'x'], units: 'km', times: [0, 1] }),
    (e) => e.code === 'invalid_reading' && e.details.path === 'values[1]');
  assert.throws(() => odometer.checkBatchColumns({ values: new Float64Array(1), units: 'km', times: [0], eventIdz: [] }),
    (e) => e.code === 'invalid_reading' && e.details.path === 'eventIdz');
  const dup = odometer.check([{ value: 1, unit: 'km', readingTime: 0, id: 7.0 }], { value: 1, unit: 'km', readingTime: 0 });
  assert.equal(dup.duplicate_of, 7);
});

const DELIVERY = Buffer.from('{"eventId":"evt-7","eventType":"VEHICLE_STATE","data":{"vehicle":{"id":"veh-9"},"signals":[{"code":'
  + '"odometer-traveleddistance","body":{"unit":"kilometers","value":50031.200},"meta":{"oemUpdatedAt":1717203600000,'
  + '"fetchedAt":1717203605000}}]},"meta":{"version":"4.0","webhookId":"wh","deliveryId":"d-1","deliveredAt":1717203610000}}');

test('parseEvent -> readingFromSmartcar -> check -> meterEntry, no renaming', () => {
  const { smartcar } = createRequire(import.meta.url)('../index.js');
  const [delivered] = smartcar.parseEvent(DELIVERY).readings;
  const reading = odometer.readingFromSmartcar(delivered, { receivedTime: '2024-06-01T01:00:25Z' });
  assert.deepEqual(reading, {
    value: '50031.200', unit: 'kilometers', readingTime: '2024-06-01T01:00:00Z', eventId: 'evt-7', source: 'smartcar',
    receivedTime: '2024-06-01T01:00:25Z',
  });
  const history = [{ value: 50000, unit: 'km', readingTime: 1717200000, id: 1 }];
  const verdict = odometer.check(history, reading);
  const entry = odometer.meterEntry(verdict, { carId: 17, sourceId: 3 }, reading);
  assert.deepEqual([entry.source_type, entry.notes, entry.event_id, entry.received_time],
    ['manual', 'Automatically synced from Smartcar', 'evt-7', '2024-06-01T01:00:25Z']);
  const retry = odometer.check([...history, { ...reading, id: 2 }], odometer.readingFromSmartcar(delivered));
  assert.deepEqual([retry.status, retry.duplicate_of], ['duplicate', 2]);
  const { readAtMs, ...withoutTime } = delivered;
  assert.equal(readAtMs, 1717203600000);
  assert.throws(() => odometer.readingFromSmartcar(withoutTime),
    (e) => e.code === 'missing_reading_time' && e.details.path === 'readAtMs' && e.details.event_id === 'evt-7');
  assert.equal(odometer.readingFromSmartcar(withoutTime, { timeFallback: 'fetched' }).readingTime, '2024-06-01T01:00:05Z');
  assert.throws(() => odometer.readingFromSmartcar(delivered, { now: 5 }), (e) => e.code === 'invalid_option' && e.details.path === 'now');
});

test('current is the newest accepted reading, null when none', () => {
  const history = [
    { value: 1000, unit: 'km', readingTime: 0, id: 1 },
    { value: 1100, unit: 'km', readingTime: 7200, id: 2 },
    { value: 900, unit: 'km', readingTime: 9000, id: 3 },
  ];
  assert.deepEqual(odometer.current(history), { index: 1, id: 2, metres: 1100000, km: 1100, reading_time: '1970-01-01T02:00:00Z' });
  assert.equal(odometer.current([]), null);
  assert.equal(odometer.current(history, { maxSpeedKmh: 1 }).index, 0);
  assert.throws(() => odometer.current('history'), { code: 'invalid_reading' });
});
