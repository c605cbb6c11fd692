// A Cloudflare Worker in front of the rental site's back office, with fleetgate-wasm:
//   POST /webhook   an Odoo webhook: the signature and the 5-minute window checked on the raw body, then parsed
//   POST /booking   a booking request validated (every problem collected) and priced, as the site's form does
// Clients are keyed by CF-Connecting-IP (`ratelimit.clientKeyFromRequest(request, {platform: 'cloudflare'})`), which
// Cloudflare sets and a client cannot override. `await init()` is a no-op here: the package's `workerd` entry
// instantiates the precompiled module wrangler bundled.
import init, { booking, odoo, pricing, ratelimit, webhooks } from 'fleetgate-wasm';

const RULES = { time_zone: 'Europe/Brussels', default_region: 'BE', forbidden_weekdays: ['sun'], min_rental_hours: 4, max_rental_days: 60 };
const RATE_CARD = [
  { unit: 'hour', duration: 1, price: '15.00' },
  { unit: 'day', duration: 1, price: '65.00' },
  { unit: 'week', duration: 1, price: '290.00' },
];
/** One limiter per isolate (a real Worker would use a Durable Object or the Redis script for a shared count). */
let limiter;

function failure(status, error) {
  return Response.json({ error: error.code ?? 'internal_error', message: error.message, errors: error.errors }, { status });
}

async function webhook(request, env) {
  const verifier = webhooks.Verifier.odoo(env.ODOO_WEBHOOK_SECRET, { timestamped: true });
  const body = new Uint8Array(await request.arrayBuffer());
  try {
    const verified = verifier.verify(request.headers, body, {});
    const event = odoo.parseEvent(body);
    return Response.json({ type: event.type, invalidates: event.invalidates, signedAt: verified.timestamp });
  } catch (error) {
    return failure(error.code === 'invalid_odoo_payload' ? 400 : 401, error);
  } finally {
    verifier.free();
  }
}

async function bookingRequest(request) {
  let key;
  try {
    key = ratelimit.clientKeyFromRequest(request, { platform: 'cloudflare' });
  } catch (error) {
    return failure(400, error);
  }
  limiter ??= new ratelimit.Limiter({ limit: 10, period: 3600 });
  const decision = limiter.check(key, {});
  const headers = new Headers(decision.headers);
  if (!decision.allowed) return Response.json({ error: 'too_many_bookings' }, { status: 429, headers });
  try {
    const url = new URL(request.url);
    const cleaned = booking.validate(await request.json(), { rules: RULES, now: url.searchParams.get('now') ?? undefined });
    const card = new pricing.RateCard(RATE_CARD, { currency: 'EUR', listPrice: '80.00' });
    const quote = card.quote(cleaned.start, cleaned.end, { mode: 'odoo', tz: RULES.time_zone });
    card.free();
    return Response.json({ booking: cleaned, quote, key }, { headers });
  } catch (error) {
    return failure(error.code === 'validation_failed' ? 422 : 400, error);
  }
}

export default {
  /** The Worker's fetch handler. */
  async fetch(request, env) {
    await init();
    const { pathname } = new URL(request.url);
    if (request.method === 'POST' && pathname === '/webhook') return webhook(request, env);
    if (request.method === 'POST' && pathname === '/booking') return bookingRequest(request);
    return new Response('not found', { status: 404 });
  },
};
