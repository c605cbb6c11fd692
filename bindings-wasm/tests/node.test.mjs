// The shared vectors and error behaviour against the WASM package, loaded in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import * as fleetgate from '../node.js';
import { registerVectorTests } from '../../core/tests/js/node-files.mjs';
import { registerRateLimitApiTests } from '../../core/tests/js/api-ratelimit.mjs';
import { registerWebhookApiTests } from '../../core/tests/js/api-webhooks.mjs';

registerVectorTests(fleetgate, '[wasm-node]');
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
