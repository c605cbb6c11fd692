// The shared vectors and error behaviour against the WASM package, loaded in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import * as fleetgate from '../node.js';
import { registerVectorTests } from '../../core/tests/js/node-files.mjs';
import { registerRateLimitApiTests } from '../../core/tests/js/api-ratelimit.mjs';

registerVectorTests(fleetgate, '[wasm-node]');
registerRateLimitApiTests(fleetgate, '[wasm-node]');

test('[wasm-node] errors are real Errors with stable codes', () => {
  assert.throws(() => fleetgate.units.toMetres('abc', 'km'), (err) => err instanceof Error && err.code === 'invalid_value');
  assert.throws(() => fleetgate.units.toMetres(1, 'furlong'), { code: 'invalid_unit' });
  for (const bad of [{}, [], null, undefined, true, 10n]) {
    assert.throws(() => fleetgate.units.toMetres(bad, 'km'), { code: 'invalid_value' }, String(bad));
  }
});

test('[wasm-node] a Rust panic surfaces as internal_error and the module keeps working', () => {
  assert.throws(() => fleetgate._panicForTests(), (err) => err instanceof Error && err.code === 'internal_error');
  assert.equal(fleetgate.units.toMetres(1, 'mi'), 1609);
});
