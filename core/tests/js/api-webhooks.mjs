// API tests of the webhooks and smartcar namespaces beyond the shared vectors, run against the napi module and the
// WASM package (the same camelCase API): every header and body shape, options decoded by the core, error details.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const AMT = 'amt-0123456789abcdef0123456789';
const BODY = new TextEncoder().encode('{"eventId":"e1","eventType":"VERIFY","data":{"challenge":"c-1"}}');

export function registerWebhookApiTests(api, label) {
  const { webhooks, smartcar } = api;

  test(`${label} headers as Headers, Map, plain object and pairs all verify; bad shapes are invalid_argument`, () => {
    const v = webhooks.Verifier.standardWebhooks('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const signed = v.sign(BODY, { timestamp: 1_700_000_000, msgId: 'msg_1' });
    for (const headers of [new Headers(signed), new Map(Object.entries(signed)), signed, Object.entries(signed)]) {
      assert.deepEqual(v.verify(headers, BODY, { now: 1_700_000_000 }), { keyIndex: 0, msgId: 'msg_1', timestamp: 1_700_000_000 });
      const stream = v.stream(headers, { now: 1_700_000_000 });
      stream.update(BODY);
      assert.equal(stream.finish().msgId, 'msg_1');
    }
    for (const [headers, path] of [[[['webhook-id']], '[0]'], [{ 'webhook-id': 5 }, 'webhook-id'], [42, ''], ['webhook-id: 1', '']]) {
      assert.throws(() => v.verify(headers, BODY), (err) =>
        err.name === 'FleetgateError' && err.code === 'invalid_argument' && err.details.argument === 'headers' && err.details.path === path);
      assert.throws(() => v.stream(headers), { code: 'invalid_argument' });
    }
  });

  test(`${label} generic HMAC with a signed_content template: sign, verify and stream agree; a changed header fails`, () => {
    const v = webhooks.Verifier.hmac('template-secret-0123456789abcdef', {
      header: 'X-Sig', timestampHeader: 'X-Ts', idHeader: 'X-Id', signedContent: '{id}:{timestamp}:{body}:{header:X-Shop}',
    });
    const signed = v.sign(BODY, { timestamp: 1_700_000_000, msgId: 'd-1', headers: [['x-shop', 'shop-7']] });
    assert.deepEqual(Object.keys(signed), ['X-Sig', 'X-Ts', 'X-Id', 'X-Shop']);
    assert.deepEqual(v.verify(signed, BODY, { now: 1_700_000_000 }), { keyIndex: 0, msgId: 'd-1', timestamp: 1_700_000_000 });
    const stream = v.stream(new Headers(signed), { now: 1_700_000_000 });
    for (let i = 0; i < BODY.length; i += 7) stream.update(BODY.subarray(i, i + 7));
    assert.equal(stream.finish().msgId, 'd-1');
    assert.throws(() => v.verify({ ...signed, 'X-Shop': 'shop-8' }, BODY, { now: 1_700_000_000 }), { code: 'invalid_signature' });
    assert.throws(() => webhooks.Verifier.hmac('k', { header: 'X-Sig', signedContent: '{body' }), (err) =>
      err.code === 'invalid_signed_content' && err.details.at === 0 && typeof err.details.reason === 'string');
  });

  test(`${label} bodies: Uint8Array, Buffer, ArrayBuffer and text verify alike; a parsed object does not`, () => {
    const v = webhooks.Verifier.smartcar(AMT);
    const headers = v.sign(BODY);
    const text = new TextDecoder().decode(BODY);
    for (const body of [BODY, Buffer.from(BODY), BODY.buffer.slice(0), text]) {
      assert.deepEqual(v.verify(headers, body), { keyIndex: 0 });
      assert.deepEqual(v.sign(body), headers);
    }
    assert.equal(smartcar.parseEvent(BODY.buffer.slice(0)).challenge, 'c-1');
    for (const bad of [new Int16Array(4), new DataView(new ArrayBuffer(2)), undefined, () => 1]) {
      assert.throws(() => v.verify(headers, bad), { code: 'body_not_bytes' });
    }
  });

  test(`${label} options are decoded by the core: maxBody "1000" and tolerance [1, 2, 3] are invalid_option`, () => {
    assert.throws(() => webhooks.Verifier.smartcar(AMT, { maxBody: '1000' }), (err) =>
      err.name === 'FleetgateError' && err.code === 'invalid_option' && err.details.path === 'maxBody');
    assert.throws(() => webhooks.Verifier.stripe('whsec_x', { tolerance: [1, 2, 3] }), (err) =>
      err.code === 'invalid_option' && err.details.path === 'tolerance');
    assert.throws(() => webhooks.Verifier.smartcar(AMT, { tolerance: 5 }), (err) =>
      err.code === 'invalid_option' && /unknown field `tolerance`, expected `maxBody`/.test(err.message));
    assert.throws(() => webhooks.Verifier.hmac('s', { header: 'X-Sig', encoding: 'base32' }), { code: 'invalid_option' });
    assert.throws(() => webhooks.Verifier.hmac('s'), { code: 'invalid_option' });
    assert.throws(() => webhooks.Verifier.smartcar(42), { code: 'invalid_secret' });
    assert.throws(() => webhooks.Verifier.smartcar([AMT, 7]), (err) => err.code === 'invalid_secret' && err.details.path === '[1]');
    const limited = webhooks.Verifier.smartcar(AMT, { maxBody: 4 });
    assert.throws(() => limited.verify(limited.sign(BODY), BODY), (err) => err.code === 'body_too_large' && err.details.max === 4);
  });

  test(`${label} a stale request names its numbers in err.details; now may be an RFC 3339 instant`, () => {
    const v = webhooks.Verifier.stripe('whsec_stripe_0123456789abcdefghij', { tolerance: [60, 5] });
    const headers = v.sign(BODY, { timestamp: '2023-11-14T22:13:20Z' });
    assert.equal(v.verify(headers, BODY, { now: 1_700_000_060 }).timestamp, 1_700_000_000);
    assert.throws(() => v.verify(headers, BODY, { now: '2023-11-14T22:14:21Z' }), (err) => {
      assert.deepEqual(err.details, { timestamp: 1_700_000_000, now: 1_700_000_061, age: 61, tolerance: 60 });
      return err.code === 'timestamp_too_old';
    });
    assert.throws(() => v.verify(headers, BODY, { now: 1_699_999_994 }), (err) =>
      err.code === 'timestamp_too_new' && err.details.ahead === 6 && err.details.tolerance === 5);
    assert.equal(v.verify(headers, BODY, { checkTime: false }).keyIndex, 0);
    assert.throws(() => v.verify(headers, BODY, { now: 'yesterday' }), (err) => err.code === 'invalid_option' && err.details.path === 'now');
  });

  test(`${label} a finished stream says stream_finished`, () => {
    const v = webhooks.Verifier.smartcar(AMT);
    const stream = v.stream(v.sign(BODY));
    stream.update(BODY);
    assert.equal(stream.finish().keyIndex, 0);
    assert.throws(() => stream.finish(), (err) => err.name === 'FleetgateError' && err.code === 'stream_finished');
    assert.throws(() => stream.update(BODY), { code: 'stream_finished' });
  });

  test(`${label} smartcar: parseEvent's result shape, challenge arguments are strings`, () => {
    const body = '{"eventId":"e1","eventType":"VEHICLE_STATE","data":{"vehicle":{"id":"v1"},"signals":[' +
      '{"code":"odometer-traveleddistance","body":{"unit":"km","value":104.320},"meta":{"oemUpdatedAt":17}}]},' +
      '"meta":{"deliveryId":"d1"}}';
    const event = smartcar.parseEvent(new TextEncoder().encode(body).buffer);
    assert.deepEqual(event.readings, [{
      vehicleId: 'v1', eventId: 'e1', deliveryId: 'd1', rawValue: '104.320', rawUnit: 'km', metres: 104320, readAtMs: 17,
    }]);
    assert.deepEqual([event.eventType, event.legacy, event.vehicleId, event.issues], ['VEHICLE_STATE', false, 'v1', []]);
    assert.throws(() => smartcar.parseEvent({ eventId: 'e1' }), { code: 'body_not_bytes' });
    assert.throws(() => smartcar.challenge(AMT, 42), (err) => err.code === 'invalid_argument' && err.details.argument === 'challenge');
    assert.throws(() => smartcar.challengeReply(undefined, 'c'), (err) => err.code === 'invalid_argument' && err.details.argument === 'amt');
  });
}
