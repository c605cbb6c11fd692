// API tests of the ratelimit, retry, sse and odoo namespaces beyond the shared vectors, run against the napi module
// and the WASM package (the same camelCase API): classes, defaults, error codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';

/** An `assert.throws` check: a FleetgateError with `code` and, when given, `details.path`. */
const fails = (code, path) => (e) => e.name === 'FleetgateError' && e.code === code && (path === undefined || e.details?.path === path);

export function registerRateLimitApiTests(api, label) {
  const { ratelimit, retry, sse, odoo } = api;

  test(`${label} ratelimit.Limiter: size, evictIdle, decision shape`, () => {
    const limiter = new ratelimit.Limiter({ limit: 2, period: 10, algorithm: 'gcra' });
    limiter.check('a', { now: 100 });
    const d = limiter.check('b', { now: 105 });
    assert.equal(limiter.size, 2);
    assert.equal(limiter.evictIdle(108), 1);
    assert.equal(limiter.size, 1);
    const { allowed, remaining, retryAfter, reset, at, headers } = d;
    assert.deepEqual({ allowed, remaining, retryAfter, reset, at, headers }, {
      allowed: true, remaining: 1, retryAfter: 0, reset: 5, at: 105,
      headers: [['RateLimit-Policy', '"default";q=2;w=10'], ['RateLimit', '"default";r=1;t=5']],
    });
    assert.ok(Math.abs(new ratelimit.Limiter().check('k').at - Date.now() / 1000) < 5, 'default now is the clock');
    // The default algorithm is the sliding log: one a minute for an hour admits exactly the limit.
    const exact = new ratelimit.Limiter({ limit: 10, period: 3600 });
    const admitted = Array.from({ length: 60 }, (_, i) => exact.check('k', { now: 60 * i }).allowed).filter(Boolean);
    assert.equal(admitted.length, 10);
    const both = new ratelimit.Limiter({ quotas: [{ limit: 3, period: 60 }, { limit: 10, period: 3600 }] });
    const ds = [0, 1, 2, 3].map((i) => both.check('k', { now: 1000 + i }));
    assert.deepEqual(ds.map((d) => [d.allowed, d.deniedBy ?? null, d.reason ?? null]),
      [[true, null, null], [true, null, null], [true, null, null], [false, 0, null]]);
  });

  test(`${label} ratelimit errors carry codes`, () => {
    assert.throws(() => new ratelimit.Limiter({ limit: 0 }), (e) => e instanceof Error && e.code === 'invalid_quota');
    assert.throws(() => new ratelimit.Limiter({ algorithm: 'token_bucket' }), { code: 'invalid_quota' });
    assert.throws(() => new ratelimit.Limiter({ limit: 3 }).check('k', { now: 0, cost: 4 }), { code: 'invalid_cost' });
    assert.throws(() => new ratelimit.Limiter().check('k', { now: -1 }), { code: 'invalid_now' });
    assert.throws(() => ratelimit.clientKey('nope', null), { code: 'invalid_address' });
    assert.equal(typeof ratelimit.REDIS_GCRA_SCRIPT, 'string');
    assert.match(ratelimit.REDIS_GCRA_SCRIPT, /redis\.call\('TIME'\)/);
    assert.deepEqual(ratelimit.redisArgs({ limit: 10, period: 3600 }), ['360000000', '10', '1']);
  });

  test(`${label} ratelimit.clientKey reads Node-style header objects`, () => {
    const headers = { 'x-forwarded-for': ['6.6.6.6', '198.51.100.9'], host: 'example.com', absent: undefined };
    assert.equal(ratelimit.clientKey('10.0.0.2', headers), '10.0.0.2');
    assert.equal(ratelimit.clientKey('10.0.0.2', headers, { trustedProxies: 1 }), '198.51.100.9');
    assert.equal(ratelimit.clientKey('::ffff:10.0.0.2', headers, { trustedProxies: ['10.0.0.0/8'] }), '198.51.100.9');
  });

  test(`${label} ratelimit.clientKey: Headers, Map, plain object and pairs give the same key`, () => {
    const shapes = [
      new Headers([['X-Forwarded-For', '6.6.6.6, 198.51.100.9']]),
      new Map([['x-forwarded-for', '6.6.6.6, 198.51.100.9']]),
      { 'X-Forwarded-For': '6.6.6.6, 198.51.100.9' },
      { 'x-forwarded-for': ['6.6.6.6', '198.51.100.9'] },
      [['X-Forwarded-For', '6.6.6.6'], ['x-forwarded-for', '198.51.100.9']],
    ];
    for (const headers of shapes) {
      assert.equal(ratelimit.clientKey('10.0.0.2', headers, { trustedProxies: 1 }), '198.51.100.9', String(headers));
      assert.equal(ratelimit.clientKey('10.0.0.2', headers), '10.0.0.2', 'untrusted by default');
    }
    assert.throws(() => ratelimit.clientKey('10.0.0.2', 5), { name: 'FleetgateError', code: 'invalid_argument' });
    assert.throws(() => ratelimit.clientKey('10.0.0.2', { a: 5 }), fails('invalid_argument', 'a'));
    assert.throws(() => ratelimit.clientKey('10.0.0.2', null, { trustedProxies: true }), fails('invalid_option', 'trustedProxies'));
    assert.equal(ratelimit.clientKey('2001:db8:ab12:cd00::1', null), '2001:db8:ab12:cd00::/56', 'the /56 default');
  });

  test(`${label} option objects are decoded by the core: defaults, camelCase, codes`, () => {
    const d = new ratelimit.Limiter().check('k', { now: 0 });
    assert.deepEqual(d.headers[0], ['RateLimit-Policy', '"default";q=10;w=3600']);
    assert.throws(() => new ratelimit.Limiter({ limit: '10' }), fails('invalid_option', 'limit'));
    assert.throws(() => new ratelimit.Limiter({ legacyHeader: true }), fails('invalid_option', 'legacyHeader'));
    assert.throws(() => new ratelimit.Limiter().check(5), { code: 'invalid_argument' });
    const step = ratelimit.gcraStep(0, 100, { limit: 2, period: 10 });
    assert.equal(step.state, 105000000);
    assert.deepEqual([step.decision.allowed, step.decision.remaining, step.decision.retryAfter], [true, 1, 0]);
    assert.deepEqual(new retry.Backoff({ kind: 'constant', seed: 1 }).delays(), [0.1, 0.1, 0.1, 0.1]);
    assert.throws(() => new retry.Backoff({ base: '0.1' }), fails('invalid_option', 'base'));
    assert.throws(() => new sse.Decoder({ maxBufer: 1 }), { code: 'invalid_option' });
    assert.throws(() => new sse.Decoder().feed(5), { code: 'invalid_argument' });
    const decoder = new sse.Decoder();
    decoder.feed('retry: 250\nid: 4\ndata: x\n\n');
    assert.deepEqual(decoder.reconnect(new retry.Backoff({ maxAttempts: 2 }), 1), { delay: 0.25, lastEventId: '4' });
  });

  test(`${label} retry.Backoff`, () => {
    const random = new retry.Backoff({ maxAttempts: 8 }).delays();
    assert.equal(random.length, 7);
    assert.ok(random.every((d) => d >= 0 && d <= 30));
    const b = new retry.Backoff({ kind: 'constant', base: 2, maxElapsed: 5 });
    assert.deepEqual([b.nextDelay(1), b.nextDelay(2), b.nextDelay(3) ?? null], [2, 2, null]);
    assert.equal(b.elapsed, 4);
    assert.throws(() => new retry.Backoff({ kind: 'linear' }), { code: 'invalid_backoff' });
    assert.equal(retry.isRetryable(null, 'GET'), true);
  });

  test(`${label} sse.Decoder and encode errors`, () => {
    const decoder = new sse.Decoder();
    assert.deepEqual(decoder.feed(new TextEncoder().encode('retry: 250\nid: 3\ndata: a\r')), []);
    assert.deepEqual(decoder.feed('\n\n'), [{ event: 'message', data: 'a', id: '3' }]);
    assert.equal(decoder.lastEventId, '3');
    assert.equal(decoder.retry, 250);
    assert.throws(() => sse.encode('x', { id: '1\n2' }), { code: 'field_injection' });
  });

  test(`${label} odoo.parseEvent wants the raw body`, () => {
    const body = new TextEncoder().encode('{"event_type": "vehicle.removed", "vehicle_id": 4}');
    assert.equal(odoo.parseEvent(body).type, 'vehicle.removed');
    assert.throws(() => odoo.parseEvent({ event_type: 'vehicle.removed', vehicle_id: 4 }), {
      code: 'invalid_odoo_payload', message: /raw request bytes/,
    });
    assert.throws(() => odoo.parseEvent(new TextEncoder().encode('{"event_type": "booking.created", "vehicle_id": "7"}')), {
      code: 'invalid_odoo_payload',
      errors: [
        { loc: 'booking_id', code: 'missing', message: 'booking_id is required' },
        { loc: 'vehicle_id', code: 'wrong_type', message: 'vehicle_id must be an integer' },
      ],
    });
  });
}
