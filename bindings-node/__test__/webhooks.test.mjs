// The napi package's webhook surface beyond the vectors: verifyRequest on real Request objects, the header
// shapes JS callers hold, streaming, and the errors a caller gets for the wrong kind of argument.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

import { registerWebhookApiTests } from '../../core/tests/js/api-webhooks.mjs';

const fleetgate = createRequire(import.meta.url)('../main.js');
const { webhooks, smartcar, verifyRequest } = fleetgate;

registerWebhookApiTests(fleetgate, '[napi]');
const AMT = 'amt-0123456789abcdef0123456789';
const BODY = new TextEncoder().encode('{"eventId":"e1","eventType":"VERIFY","data":{"challenge":"c-1"}}');

test('verifyRequest reads a Request body once and verifies it', async () => {
  const v = webhooks.Verifier.smartcar(AMT);
  const request = new Request('http://127.0.0.1/api/smartcar/webhook', { method: 'POST', headers: v.sign(BODY), body: BODY });
  const { verified, body } = await verifyRequest(v, request);
  assert.equal(verified.keyIndex, 0);
  assert.deepEqual(body, BODY);
  assert.equal(request.bodyUsed, true);
  await assert.rejects(verifyRequest(v, request), { name: 'FleetgateError', code: 'body_not_bytes', details: { got: 'a used body' } });
});

test('verifyRequest reads the headers of a Request like verify does (every shape through one reader)', async () => {
  const v = webhooks.Verifier.smartcar(AMT);
  for (const headers of [new Headers(v.sign(BODY)), v.sign(BODY), Object.entries(v.sign(BODY))]) {
    const request = { headers, bodyUsed: false, arrayBuffer: async () => BODY.buffer.slice(0) };
    assert.equal((await verifyRequest(v, request)).verified.keyIndex, 0);
  }
  const bad = { headers: [['SC-Signature']], bodyUsed: false, arrayBuffer: async () => BODY.buffer.slice(0) };
  await assert.rejects(verifyRequest(v, bad), { code: 'invalid_argument' });
});

test('verifyRequest rejects a forged request with invalid_signature', async () => {
  const v = webhooks.Verifier.smartcar(AMT);
  const headers = webhooks.Verifier.smartcar('some-other-application-token').sign(BODY);
  const request = new Request('http://127.0.0.1/', { method: 'POST', headers, body: BODY });
  await assert.rejects(verifyRequest(v, request), { code: 'invalid_signature' });
});

test('verifyRequest without a Request explains how to get the raw body', async () => {
  const v = webhooks.Verifier.smartcar(AMT);
  await assert.rejects(verifyRequest(v, { body: { a: 1 } }), (err) => err.code === 'body_not_bytes' && /raw body/.test(err.message));
  await assert.rejects(verifyRequest(v, undefined), { name: 'FleetgateError', code: 'body_not_bytes' });
});

test('a parsed object as body is body_not_bytes, with the fix in the message', () => {
  const v = webhooks.Verifier.smartcar(AMT);
  assert.throws(() => v.verify(v.sign(BODY), JSON.parse(new TextDecoder().decode(BODY))), (err) =>
    err instanceof Error && err.code === 'body_not_bytes' && /arrayBuffer\(\)/.test(err.message) && /express\.raw/.test(err.message));
  for (const bad of [42, null, true]) assert.throws(() => v.verify(v.sign(BODY), bad), { code: 'body_not_bytes' });
});

test('a body arriving in chunks verifies like the whole body', () => {
  const v = webhooks.Verifier.stripe('whsec_stripe_0123456789abcdefghij', { tolerance: [600, 5], maxBody: 1 << 20 });
  const headers = v.sign(BODY, { timestamp: 1_700_000_000 });
  const stream = v.stream(headers, { now: 1_700_000_500 });
  for (let i = 0; i < BODY.length; i += 7) stream.update(BODY.subarray(i, i + 7));
  assert.deepEqual(stream.finish(), { keyIndex: 0, timestamp: 1_700_000_000 });
  assert.throws(() => v.stream(headers, { now: 1_700_000_601 }), { code: 'timestamp_too_old' });
});

test('smartcar.parseEvent takes the raw body and names a missing field', () => {
  assert.equal(smartcar.parseEvent(BODY).challenge, 'c-1');
  assert.throws(() => smartcar.parseEvent('{"eventType":"VERIFY","data":{}}'), (err) => err.code === 'invalid_payload' && /eventId/.test(err.message));
  assert.equal(smartcar.challengeReply(AMT, 'c-1'), JSON.stringify({ challenge: smartcar.challenge(AMT, 'c-1') }));
  assert.throws(() => smartcar.challenge(AMT, 42), (err) => err.code === 'invalid_argument' && err.details.argument === 'challenge');
  assert.throws(() => smartcar.parseEvent('{"eventType":"VERIFY","data":{}}'), (err) => err.details.field === 'eventId');
});
