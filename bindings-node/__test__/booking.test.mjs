// The booking, pricing and availability APIs of the napi module and the WASM package (in Node), side by side:
// the same camelCase API, errors with fleetgate codes (never napi's or wasm-bindgen's), and identical results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

import * as wasm from '../../bindings-wasm/node.js';

const napi = createRequire(import.meta.url)('../index.js');
const PACKAGES = { napi, wasm };
const NOW = '2024-01-15T12:00:00Z';
const REQUEST = {
  vehicle_id: 7, customer_name: 'Ann', customer_email: 'ann@example.be', customer_phone: '+32470123456',
  date_from: '2024-02-01', date_to: '2024-02-05',
};
const RULES = [{ unit: 'day', duration: 1, price: '60.00' }, { unit: 'week', duration: 1, price: '300.00' }];

for (const [label, api] of Object.entries(PACKAGES)) {
  test(`[${label}] validation errors carry every problem`, () => {
    assert.throws(() => api.booking.validate({ ...REQUEST, customer_email: 'x', customer_phone: '1' }, { now: NOW }), (err) => {
      assert.ok(err instanceof Error);
      assert.equal(err.code, 'validation_failed');
      assert.deepEqual(err.errors.map((e) => [e.loc, e.code]), [[['customer_email'], 'invalid_email'], [['customer_phone'], 'invalid_phone']]);
      assert.ok(err.errors.every((e) => typeof e.message === 'string' && e.message.length > 0));
      return true;
    });
  });

  test(`[${label}] unknown options are errors, not ignored`, () => {
    assert.throws(() => api.booking.validate(REQUEST, { now: NOW, rule: {} }), { code: 'invalid_option' });
    assert.throws(() => api.booking.validate(REQUEST, { now: NOW, rules: { timezone: 'UTC' } }), (err) => {
      assert.equal(err.name, 'FleetgateError');
      assert.equal(err.code, 'invalid_booking_rules');
      assert.equal(err.details.path, 'rules.timezone');
      assert.match(err.message, /timezone/);
      return true;
    });
    assert.throws(() => api.booking.validate(REQUEST, { now: NOW, rules: { max_rental_days: 4000 } }), (err) => {
      assert.deepEqual([err.code, err.details.path], ['invalid_booking_rules', 'rules.max_rental_days']);
      return true;
    });
    assert.throws(() => api.booking.validate(REQUEST, { now: 1.5 }), { code: 'invalid_now' });
    assert.throws(() => new api.pricing.RateCard(RULES, { curency: 'EUR' }), { code: 'invalid_rate_card' });
    const card = new api.pricing.RateCard(RULES);
    assert.throws(() => card.quote(0, 86_400, { mod: 'best' }), { code: 'invalid_quote' });
    assert.throws(() => card.quote(0, 86_400, 'best'), { code: 'invalid_quote' });
    assert.throws(() => api.pricing.lateFee(0, 1, { extraHourly: '1', extraDaily: '2', grace: 1 }), { code: 'invalid_quote' });
  });

  test(`[${label}] arguments of the wrong JS type get fleetgate codes`, () => {
    for (const bad of [() => 1, Symbol('s'), {}, [], true, 1.5]) {
      assert.throws(() => api.availability.unavailable([], bad, 86_400), { code: 'invalid_window' }, String(typeof bad));
      if (!Array.isArray(bad)) assert.throws(() => new api.pricing.RateCard(bad), { code: 'invalid_rate_card' });
    }
    // A BigInt within 64 bits is an integer (the boundary's rule): unix seconds.
    assert.equal(api.availability.unavailable([], 10n, 86_400), 0);
    assert.throws(() => api.booking.validate('not an object', { now: NOW }), { code: 'validation_failed' });
    assert.throws(() => api.availability.available(-1, [], 0, 3600), { code: 'invalid_booking' });
  });

  test(`[${label}] a Date is an instant; integers beyond 32 bits stay integers`, () => {
    const card = new api.pricing.RateCard(RULES);
    const quote = card.quote(new Date('2024-02-01T10:00:00Z'), new Date('2024-02-05T10:00:00Z'));
    assert.equal(quote.total, '240.00');
    const cleaned = api.booking.validate({ ...REQUEST, vehicle_id: 5_000_000_000 }, { now: NOW });
    assert.equal(cleaned.vehicle_id, 5_000_000_000);
    assert.throws(() => card.quote(new Date('2024-02-01T10:00:00.500Z'), 1_707_127_200), { code: 'invalid_quote' });
  });
}

for (const [label, api] of Object.entries(PACKAGES)) {
  test(`[${label}] results have their declared shapes and errors their paths`, () => {
    const card = new api.pricing.RateCard(RULES, { listPrice: '10', pricelistRules: { VIP: [{ unit: 'day', duration: 1, price: '50' }] } });
    const quote = card.quote('2024-02-01T10:00:00Z', '2024-02-03T10:00:00Z', { pricelist: 'VIP' });
    assert.deepEqual(quote, {
      total_minor: 10_000, total: '100.00', currency: 'EUR',
      rule: { unit: 'day', duration: 1, price: '50.00', pricelist: 'VIP' },
      breakdown: [{ rule: { unit: 'day', duration: 1, price: '50.00', pricelist: 'VIP' }, count: 2, subtotal_minor: 10_000, subtotal: '100.00' }],
    });
    assert.throws(() => new api.pricing.RateCard(RULES, { pricelistRules: { VIP: [{ unit: 'day', duration: 1, price: 'x' }] } }), (err) => {
      assert.deepEqual([err.code, err.details.argument, err.details.path], ['invalid_rate_card', 'options', 'pricelistRules.VIP[0].price']);
      return true;
    });
    assert.throws(() => api.pricing.lateFee(0, 1, { extraHourly: 1.5, extraDaily: '2' }), (err) => {
      assert.deepEqual([err.code, err.details.path], ['invalid_quote', 'extraHourly']);
      return true;
    });
    assert.throws(() => api.availability.timeline(1, [{ start: 0, end: 3600, padding_hours: 9000 }], 0, 3600), (err) => {
      assert.deepEqual([err.code, err.details.argument, err.details.path], ['invalid_booking', 'bookings', '[0].padding_hours']);
      return true;
    });
    const cleaned = api.booking.validate(REQUEST, { now: NOW });
    assert.deepEqual(Object.keys(cleaned).sort(), ['customer_email', 'customer_name', 'customer_phone', 'date_from', 'date_to', 'end', 'notes', 'start', 'vehicle_id']);
    assert.equal(cleaned.notes, null);
  });
}

for (const [label, api] of Object.entries(PACKAGES)) {
  test(`[${label}] availability.Bookings answers as the functions`, () => {
    const bookings = Array.from({ length: 60 }, (_, k) => {
      const i = 3 * k;
      return { start: 3600 * i, end: 3600 * (i + 1 + (i % 5)), quantity: 1 + (i % 3), padding_hours: i % 2, unit: `VIN-${i % 4}` };
    });
    const prepared = new api.availability.Bookings(bookings);
    assert.equal(prepared.length, 60);
    const units = ['VIN-0', 'VIN-1', 'VIN-2', 'VIN-3', 'VIN-9'];
    for (const [f, t] of [[0, 3600], [1800, 90_000], [-10, 10], [3600 * 50, 3600 * 80], [3600 * 179, 3600 * 400]]) {
      assert.equal(prepared.unavailable(f, t), api.availability.unavailable(bookings, f, t));
      assert.equal(prepared.available(4, f, t), api.availability.available(4, bookings, f, t));
      assert.deepEqual(prepared.timeline(4, f, t), api.availability.timeline(4, bookings, f, t));
      assert.deepEqual(prepared.freeUnits(units, f, t), api.availability.freeUnits(units, bookings, f, t));
    }
    assert.equal(prepared.unavailable(new Date(3600_000), '1970-01-01T02:00:00Z'), api.availability.unavailable(bookings, 3600, 7200));
    assert.throws(() => new api.availability.Bookings([{ start: 0, end: 10 }, { start: 10, end: 5 }]), (err) => {
      assert.equal(err.code, 'invalid_booking');
      assert.equal(err.details.path, '[1]');
      return true;
    });
    assert.throws(() => prepared.unavailable(10, 10), { code: 'invalid_window' });
    assert.throws(() => prepared.available('3', 0, 10), { code: 'invalid_booking' });
    assert.throws(() => new api.availability.Bookings(), { code: 'invalid_booking' });
  });
}

test('napi and WASM give identical results and identical error lists', () => {
  const calls = [
    (api) => api.booking.validate({ ...REQUEST, customer_name: '  Zoe\u0308  ' }, { rules: { time_zone: 'Europe/Brussels' }, now: NOW }),
    (api) => api.booking.validate({ coupon: 1, vehicle_id: '042', customer_email: 'a@b', date_from: 'x' }, { now: NOW }),
    (api) => new api.pricing.RateCard(RULES, { listPrice: '10' }).quote('2024-02-01T00:00:00Z', '2024-02-09T05:00:00Z', { mode: 'best' }),
    (api) => new api.pricing.RateCard(RULES).quote('2024-10-26T12:00:00+02:00', '2024-10-27T12:00:00+01:00', { tz: 'Europe/Brussels' }),
    (api) => api.pricing.lateFee('2024-02-05T10:00:00Z', '2024-02-06T15:30:00Z', { extraHourly: '8', extraDaily: '70', variant: 'hourly_capped' }),
    (api) => api.availability.timeline(2, [{ start: 3600, end: 7200, quantity: 2, padding_hours: 1 }], 0, 10_800),
    (api) => api.availability.freeUnits(['A', 'B'], [{ start: 0, end: 7200, unit: 'A' }], 3600, 10_800),
    (api) => new api.availability.Bookings([{ start: 3600, end: 7200, quantity: 2, padding_hours: 1 }]).timeline(2, 0, 10_800),
    (api) => new api.availability.Bookings([{ start: 0, end: 7200, unit: 'A' }]).freeUnits(['A', 'B'], 3600, 10_800),
    (api) => new api.availability.Bookings([{ start: 0, end: 7200, qty: 1 }]),
    (api) => new api.availability.Bookings([]).timeline(2, 5, 5),
  ];
  const outcome = (api, call) => {
    try {
      return { ok: call(api) };
    } catch (err) {
      return { code: err.code, errors: err.errors, message: err.message, details: err.details };
    }
  };
  for (const call of calls) assert.deepEqual(outcome(wasm, call), outcome(napi, call), call.toString());
});
