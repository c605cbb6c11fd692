// Errors crossing the napi boundary: real Error objects with fleetgate's stable codes; panics become internal_error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const fleetgate = createRequire(import.meta.url)('../index.js');

test('a bad value throws an Error with code invalid_value', () => {
  assert.throws(() => fleetgate.units.toMetres('abc', 'km'), (err) => {
    assert.ok(err instanceof Error);
    assert.equal(err.code, 'invalid_value');
    assert.match(err.message, /"abc"/);
    return true;
  });
});

test('a bad unit throws an Error with code invalid_unit', () => {
  assert.throws(() => fleetgate.units.toMetres(1, 'furlong'), { code: 'invalid_unit' });
});

test('wrong argument types get fleetgate codes, not napi ones', () => {
  for (const bad of [{}, [], null, undefined, true, 2n ** 70n, () => 1]) {
    assert.throws(() => fleetgate.units.toMetres(bad, 'km'), { code: 'invalid_value' }, String(bad));
  }
  assert.equal(fleetgate.units.toMetres(10n, 'km'), 10000, 'a BigInt within 64 bits is an integer, like a Python int');
  assert.throws(() => fleetgate.units.fromMetres('1', 'km'), { code: 'invalid_value' });
  assert.throws(() => fleetgate.units.toMetres(1, {}), { code: 'invalid_unit' });
});

test('a Rust panic surfaces as internal_error and the module keeps working', () => {
  assert.throws(() => fleetgate._panicForTests(), (err) => err instanceof Error && err.code === 'internal_error');
  assert.equal(fleetgate.units.toMetres(1, 'mi'), 1609);
});

test('MAX_METRES is Number.MAX_SAFE_INTEGER', () => {
  assert.equal(fleetgate.units.MAX_METRES, Number.MAX_SAFE_INTEGER);
});
