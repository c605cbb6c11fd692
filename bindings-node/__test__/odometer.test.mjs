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
  const entry = odometer.meterEntry(verdict, reading, 17, 3, { sync: 'manual' });
  assert.equal(entry.odometer_reading, 50083.268);
  assert.equal(entry.notes, 'Automatically synced from Smartcar (manual sync)');
  assert.equal(odometer.meterEntry(odometer.check([reading], reading), reading, 17, 3), null);
});
