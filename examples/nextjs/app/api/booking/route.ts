// The rental site's booking proxy (Node runtime): at most 10 submissions per hour per client, then the same
// validation the browser ran (same rules, same errors), availability and the price. 200 with the booking and the
// quote, 422 with every problem, 429 with Retry-After; RateLimit headers on every answer.
//
// The client key comes from the one header the hosting platform sets and a client cannot override
// (FLEETGATE_PLATFORM: `vercel` reads X-Real-IP, `cloudflare` CF-Connecting-IP): a route handler has no socket
// peer, and X-Forwarded-For is whatever the client wrote.
import { availability, booking, pricing, ratelimit } from 'fleetgate';
import { bookingsFor, fleet, now, rateCard, rules } from '@/lib/rental';
import { state } from '@/lib/state';

export const runtime = 'nodejs';

const PLATFORM = (process.env.FLEETGATE_PLATFORM ?? 'vercel') as 'vercel' | 'cloudflare' | 'none';
const card = new pricing.RateCard(rateCard.rules, { currency: rateCard.currency, listPrice: rateCard.list_price });

type Problem = { loc: (string | number)[]; code: string; message: string };

export async function POST(request: Request): Promise<Response> {
  let key: string;
  try {
    key = ratelimit.clientKeyFromRequest(request, { platform: PLATFORM });
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return Response.json({ errors: [{ loc: [], code, message }] }, { status: 400 });
  }
  const decision = state().limiter.check(key);
  const headers = new Headers(decision.headers as [string, string][]);
  if (!decision.allowed) {
    headers.set('retry-after', String(decision.retryAfter));
    return Response.json({ error: 'too_many_bookings', retryAfter: decision.retryAfter }, { status: 429, headers });
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ errors: [{ loc: [], code: 'invalid_json', message: 'the body is not JSON' }] }, { status: 400, headers });
  }
  let cleaned: ReturnType<typeof booking.validate>;
  try {
    cleaned = booking.validate(body as Record<string, unknown>, { rules, now });
  } catch (error) {
    const { code, errors } = error as { code?: string; errors?: Problem[] };
    if (code === 'validation_failed') return Response.json({ errors }, { status: 422, headers });
    throw error;
  }
  const vehicle = fleet.find((v) => v.id === cleaned.vehicle_id);
  if (!vehicle) {
    const errors = [{ loc: ['vehicle_id'], code: 'unknown_vehicle', message: 'no such vehicle at this location' }];
    return Response.json({ errors }, { status: 422, headers });
  }
  const start = cleaned.start as string;
  const end = cleaned.end as string;
  const free = availability.freeUnits(vehicle.units, bookingsFor(vehicle.id), start, end);
  if (free.length === 0) {
    const errors = [{ loc: ['vehicle_id'], code: 'not_available', message: 'this vehicle is booked for these dates' }];
    return Response.json({ errors }, { status: 409, headers });
  }
  const quote = card.quote(start, end, { mode: 'odoo', tz: rules.time_zone });
  return Response.json({ booking: cleaned, unit: free[0], quote, key }, { status: 200, headers });
}
