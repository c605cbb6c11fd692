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
    assert.throws(() => api.booking.validate(REQUEST, { now: NOW, rule: {} }), { code: 'invalid_booking_rules' });
    assert.throws(() => new api.pricing.RateCard(RULES, { curency: 'EUR' }), { code: 'invalid_rate_card' });
    const card = new api.pricing.RateCard(RULES);
    assert.throws(() => card.quote(0, 86_400, { mod: 'best' }), { code: 'invalid_quote' });
    assert.throws(() => card.quote(0, 86_400, 'best'), { code: 'invalid_quote' });
    assert.throws(() => api.pricing.lateFee(0, 1, { extraHourly: '1', extraDaily: '2', grace: 1 }), { code: 'invalid_quote' });
  });

  test(`[${label}] arguments of the wrong JS type get fleetgate codes`, () => {
    for (const bad of [() => 1, Symbol('s'), 10n, {}, [], true]) {
      assert.throws(() => api.availability.unavailable([], bad, 86_400), { code: 'invalid_window' }, String(typeof bad));
      if (!Array.isArray(bad)) assert.throws(() => new api.pricing.RateCard(bad), { code: 'invalid_rate_card' });
    }
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

test('napi and WASM give identical results and identical error lists', () => {
  const calls = [
    (api) => api.booking.validate({ ...REQUEST, customer_name: '  Zoe\u0308  ' }, { rules: { time_zone: 'Europe/Brussels' }, now: NOW }),
    (api) => api.booking.validate({ coupon: 1, vehicle_id: '042', customer_email: 'a@b', date_from: 'x' }, { now: NOW }),
    (api) => new api.pricing.RateCard(RULES, { listPrice: '10' }).quote('2024-02-01T00:00:00Z', '2024-02-09T05:00:00Z', { mode: 'best' }),
    (api) => new api.pricing.RateCard(RULES).quote('2024-10-26T12:00:00+02:00', '2024-10-27T12:00:00+01:00', { tz: 'Europe/Brussels' }),
    (api) => api.pricing.lateFee('2024-02-05T10:00:00Z', '2024-02-06T15:30:00Z', { extraHourly: '8', extraDaily: '70', variant: 'hourly_capped' }),
    (api) => api.availability.timeline(2, [{ start: 3600, end: 7200, quantity: 2, padding_hours: 1 }], 0, 10_800),
    (api) => api.availability.freeUnits(['A', 'B'], [{ start: 0, end: 7200, unit: 'A' }], 3600, 10_800),
  ];
  const outcome = (api, call) => {
    try {
      return { ok: call(api) };
    } catch (err) {
      return { code: err.code, errors: err.errors, message: err.message };
    }
  };
  for (const call of calls) assert.deepEqual(outcome(wasm, call), outcome(napi, call), call.toString());
});
