// napi package, TypeScript nodenext (CommonJS): `import x = require('fleetgate')`.
import f = require('fleetgate');

/** Calls every function of the shared API, with and without its optional arguments. */
export function use(): unknown[] {
  const amt = 'demo-application-management-token';
  const body = new TextEncoder().encode('{"eventId":"e"}');
  const headers = new Headers({ 'sc-signature': '00' });
  const range = ['2024-02-01T08:00:00Z', '2024-02-03T08:00:00Z'] as const;

  const metres: number = f.units.toMetres('12,345.6', 'mi') + f.units.fromMetres(1609344, 'mi') + f.units.convert(1, 'mi', 'km');

  const reading = { value: '48211.7', unit: 'km', readingTime: '2025-06-02T07:45:00Z', eventId: 'e1', source: 'smartcar' };
  const verdict = f.odometer.check([], reading);
  f.odometer.check([reading], reading, { maxSpeedKmh: 200 });
  f.odometer.checkBatch([reading]);
  f.odometer.checkBatch([reading], { toleranceM: 10 });
  const entry = f.odometer.meterEntry(verdict, { carId: 42, sourceId: 'e1' });
  f.odometer.meterEntry(verdict, { carId: 42, sourceId: 'e1', sourceType: 'smartcar' }, reading);
  const status: string = verdict.status;
  const [delivered] = f.smartcar.parseEvent(body).readings;
  const fromSmartcar = f.odometer.readingFromSmartcar(delivered);
  f.odometer.readingFromSmartcar(delivered, { receivedTime: '2025-06-02T07:46:00Z', timeFallback: 'fetched' });
  f.odometer.meterEntry(f.odometer.check([fromSmartcar], fromSmartcar), { carId: 42, sourceId: 1, sync: 'manual', sourceType: null });
  const now = f.odometer.current([fromSmartcar]);
  f.odometer.current([fromSmartcar], { maxSpeedKmh: 200 });
  const currentKm: number | undefined = now?.km;
  const columns = f.odometer.checkBatchColumns({ values: new Float64Array([1]), units: 'km', times: [0] });
  f.odometer.checkBatchColumns({ values: [1], units: ['km'], times: new Float64Array([0]), eventIds: [null] }, { toleranceM: 1 });
  const columnStatus: string | undefined = f.odometer.STATUSES[columns.status[0]];

  const request = { vehicle_id: '7', customer_name: 'Ann', customer_email: 'ann@example.be', date_from: '2024-02-01', date_to: '2024-02-08' };
  const cleaned = f.booking.validate(request);
  f.booking.validate(request, { rules: { time_zone: 'Europe/Brussels' }, now: '2024-01-15T12:00:00Z' });

  const rules = [{ unit: 'day' as const, duration: 1, price: '65.00' }];
  const card = new f.pricing.RateCard(rules);
  new f.pricing.RateCard(rules, { currency: 'EUR', listPrice: '80.00' });
  card.quote(range[0], range[1]);
  card.quote(range[0], range[1], { mode: 'odoo', tz: 'Europe/Brussels' });
  f.pricing.lateFee(range[0], range[1], { extraHourly: '10.00', extraDaily: '60.00' });

  const counts: number = f.availability.available(2, [], range[0], range[1]) + f.availability.unavailable([], range[0], range[1]);
  f.availability.timeline(2, [], range[0], range[1]);
  const free: string[] = f.availability.freeUnits(['u1'], [], range[0], range[1]);

  const verifier = f.webhooks.Verifier.smartcar(amt);
  f.webhooks.Verifier.smartcar([amt, 'old-token'], { maxBody: 1 << 20 });
  f.webhooks.Verifier.standardWebhooks('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
  f.webhooks.Verifier.standardWebhooks('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', { tolerance: 300 });
  f.webhooks.Verifier.stripe('whsec_x');
  f.webhooks.Verifier.stripe('whsec_x', { tolerance: [300, 60] });
  f.webhooks.Verifier.github('s');
  f.webhooks.Verifier.github('s', { maxBody: 1 });
  f.webhooks.Verifier.shopify('s');
  f.webhooks.Verifier.shopify('s', { maxBody: 1 });
  f.webhooks.Verifier.odoo('s');
  f.webhooks.Verifier.odoo('s', { timestamped: true });
  f.webhooks.Verifier.hmac('s', { header: 'X-Signature' });
  const verified = verifier.verify(headers, body);
  verifier.verify([['sc-signature', '00']], 'raw body', { now: 0 });
  const keyIndex: number = verified.keyIndex;
  const signed: Record<string, string> = verifier.sign(body);
  verifier.sign('raw body', { timestamp: 1 });
  const stream = verifier.stream(headers);
  verifier.stream({ 'sc-signature': '00' }, { checkTime: false });
  stream.update(body);
  stream.finish();
  const weak: ArrayLike<number> = verifier.weakKeys;

  f.smartcar.parseEvent(body);
  const reply: string = f.smartcar.challengeReply(amt, 'c') + f.smartcar.challenge(amt, 'c');

  const limiter = new f.ratelimit.Limiter();
  new f.ratelimit.Limiter({ limit: 10, period: 3600 });
  const decision = limiter.check('203.0.113.7');
  limiter.check('203.0.113.7', { now: 0, cost: 1 });
  limiter.evictIdle();
  const held: number = limiter.size;
  new Headers(decision.headers);
  new Response(null, { status: decision.allowed ? 200 : 429, headers: decision.headers });
  const key: string = f.ratelimit.clientKey('203.0.113.7');
  f.ratelimit.clientKey('10.0.0.1', { 'x-forwarded-for': '203.0.113.7' });
  f.ratelimit.clientKey('10.0.0.1', [['x-forwarded-for', '203.0.113.7']], { trustedProxies: 1 });
  f.ratelimit.clientKeyFromRequest(new Request('http://127.0.0.1/'), { platform: 'vercel' });
  f.ratelimit.clientKeyFromRequest({ headers: { 'x-forwarded-for': '203.0.113.7' } }, { platform: 'trusted_proxies', peer: '10.0.0.1', trustedProxies: 1 });
  f.ratelimit.gcraStep(0, 1, { limit: 10, period: 3600 });
  f.ratelimit.redisArgs({ limit: 10, period: 3600 });
  f.ratelimit.decisionFromRedis([1, 0, 0], { limit: 10, period: 3600 });
  const script: string = f.ratelimit.REDIS_GCRA_SCRIPT;

  const backoff = new f.retry.Backoff();
  new f.retry.Backoff({ base: 1, cap: 30 });
  backoff.nextDelay(1);
  backoff.nextDelay(1, 5);
  backoff.delays();
  f.retry.parseRetryAfter('120');
  f.retry.parseRetryAfter('120', 0);
  f.retry.isRetryable(503, 'GET');
  f.retry.isRetryable(503, 'POST', true);

  const frame: string = f.sse.encode('data') + f.sse.encode('data', { event: 'e', id: '1', retry: 1000 }) + f.sse.comment('hi');
  const decoder = new f.sse.Decoder();
  decoder.feed('data: x\n\n');
  decoder.reconnect(backoff, 1);

  f.odoo.parseEvent(body);
  const url: string = f.odoo.imageUrl('https://odoo.example', '/web/image/1');

  return [metres, entry, status, currentKm, columnStatus, cleaned, counts, free, keyIndex, signed, weak, reply, held, key, script, frame, url];
}
