// The /api/booking route handler at work on the sample data, plus a sample quote in both modes (napi module).
import { readFileSync } from 'node:fs';

import fleetgate from 'fleetgate';
import { bookingRoute } from './booking-route.mjs';

const sample = JSON.parse(readFileSync(new URL('../data/rental-sample.json', import.meta.url), 'utf8'));
const { pricing, availability } = fleetgate;

const POST = bookingRoute({
  rules: sample.rules,
  rateCard: sample.rate_card,
  fleet: sample.vehicles,
  bookingsFor: (id) => sample.bookings[id] ?? [],
  now: () => sample.now,
});
const post = (body) => POST(new Request('http://127.0.0.1/api/booking', { method: 'POST', body: JSON.stringify(body) }));

console.log('== Node: fleetgate (napi) booking, pricing, availability ==');
const ok = await post(sample.request);
const accepted = await ok.json();
console.log(`POST /api/booking (good request) -> ${ok.status}, unit ${accepted.unit}, total ${accepted.quote.total} ${accepted.quote.currency}`);
const bad = await post(sample.bad_request);
const rejected = await bad.json();
console.log(`POST /api/booking (bad request)  -> ${bad.status}: ${rejected.errors.map((e) => `${e.loc.join('.')} ${e.code}`).join(', ')}`);

const card = new pricing.RateCard(sample.rate_card.rules, { currency: sample.rate_card.currency, listPrice: sample.rate_card.list_price });
const { start, end } = accepted.booking;
const tz = sample.rules.time_zone;
console.log(`sample quote odoo = ${JSON.stringify(card.quote(start, end, { mode: 'odoo', tz }))}`);
console.log(`sample quote best = ${JSON.stringify(card.quote(start, end, { mode: 'best', tz }))}`);
console.log(`sample errors = ${JSON.stringify(rejected.errors)}`);
console.log(`sample timeline = ${JSON.stringify(availability.timeline(2, sample.bookings['7'], start, end))}`);
