// Hostile input (issue 12) through the JS packages: each case measured on the bindings before the fix (an abort,
// a stack overflow, quadratic work, unbounded memory) must end in a fleetgate error or a correct answer. Shared by
// the napi module and the WASM package (both expose the same camelCase API); needs no Node API.

const SMARTCAR = (oem) =>
  `{"eventId":"e1","eventType":"VEHICLE_STATE","vehicleId":"v1","data":{"signals":[{"code":"odometer-traveleddistance","body":{"unit":"km","value":1},"meta":{"oemUpdatedAt":${oem}}}]},"meta":{"version":"4.0","webhookId":"w","deliveryId":"d","deliveredAt":1}}`;

function deep(n) {
  let value = [];
  for (let i = 1; i < n; i += 1) value = [value];
  return value;
}

function codeOf(f) {
  try {
    f();
  } catch (error) {
    return error.code;
  }
  return 'no error';
}

/** `[name, check]` pairs; a check throws (an assertion) when the package misbehaves. */
export function hostileCases(api, assert) {
  return [
    ['sliding log: a cost of 2^40 is decided in bounded memory', () => {
      const limiter = new api.ratelimit.Limiter({ limit: 2 ** 40, period: 2 ** 40 / 1e6, algorithm: 'sliding_log' });
      assert.equal(limiter.check('k', { cost: 2 ** 40, now: 1 }).allowed, true);
      assert.equal(limiter.check('k', { cost: 1, now: 1 }).allowed, false);
    }],
    ['booking: a list nested 200,000 deep is invalid_argument, not a crash', () => {
      assert.equal(codeOf(() => api.booking.validate({ vehicle_id: 1, notes: deep(200000) })), 'invalid_argument');
    }],
    ['odometer: 50,000 readings at one reading time are judged (no quadratic scan)', () => {
      const readings = Array.from({ length: 50000 }, (_, i) => ({ value: 1000 + i, unit: 'km', readingTime: 1_700_000_000, eventId: `e${i}` }));
      const verdicts = api.odometer.checkBatch(readings);
      assert.equal(verdicts.length, 50000);
    }],
    ['odometer: sameValueWindowS = 2^62 is invalid_policy', () => {
      const reading = { value: 1, unit: 'km', readingTime: 0 };
      assert.equal(codeOf(() => api.odometer.check([], reading, { sameValueWindowS: 2 ** 62 })), 'invalid_policy');
    }],
    ['sse: 2 MiB without a newline is buffer_overflow', () => {
      const decoder = new api.sse.Decoder();
      assert.equal(codeOf(() => decoder.feed('a'.repeat(2 * 1024 * 1024))), 'buffer_overflow');
      assert.equal(codeOf(() => new api.sse.Decoder({ maxBuffer: 0 })), 'invalid_option');
    }],
    ['pricing: a best-mode cover too large to compute is quote_too_complex; odoo mode still answers', () => {
      const rules = [];
      for (let d = 4001; d <= 5000; d += 1) rules.push({ unit: 'hour', duration: d, price: String(d * 100000 - (d - 4000) ** 2) });
      const card = new api.pricing.RateCard(rules);
      const [start, end] = ['2024-01-01T00:00:00Z', '2123-12-31T00:00:00Z'];
      assert.equal(codeOf(() => card.quote(start, end, { mode: 'best' })), 'quote_too_complex');
      assert.ok(card.quote(start, end, { mode: 'odoo' }).total_minor > 0);
    }],
    ['smartcar: oemUpdatedAt past the year 9999 is invalid_payload', () => {
      assert.equal(codeOf(() => api.smartcar.parseEvent(SMARTCAR('253402300800000'))), 'invalid_payload');
      assert.equal(codeOf(() => api.smartcar.parseEvent(SMARTCAR('1700000000000'))), 'no error');
    }],
    ['webhooks: 1,001 header lines are refused, whatever the scheme', () => {
      const headers = Array.from({ length: 1001 }, (_, i) => [`x-${i}`, 'v']);
      const verifier = api.webhooks.Verifier.github("It's a Secret to Everybody");
      assert.equal(codeOf(() => verifier.verify(headers, new Uint8Array(0), { checkTime: false })), 'invalid_argument');
      const some = Array.from({ length: 300 }, (_, i) => [`x-${i}`, 'v']);
      assert.equal(codeOf(() => verifier.verify(some, new Uint8Array(0), { checkTime: false })), 'too_many_headers');
    }],
  ];
}
