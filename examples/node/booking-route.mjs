// A Next.js-style route handler for the rental site's /api/booking proxy (app/api/booking/route.js would
// `export { POST } from ...`). It re-validates the booking exactly as the browser did (same rules, same errors),
// prices it and checks availability before forwarding it to the back office.
import fleetgate from 'fleetgate';

const { booking, pricing, availability } = fleetgate;

/**
 * Builds the POST handler for a location: `rules` (booking rules), `rateCard` ({rules, currency, list_price}),
 * `fleet` (vehicles with their serial units) and `bookingsFor(vehicleId)` (the blocking bookings).
 */
export function bookingRoute({ rules, rateCard, fleet, bookingsFor, now = () => undefined }) {
  const card = new pricing.RateCard(rateCard.rules, { currency: rateCard.currency, listPrice: rateCard.list_price });
  return async function POST(request) {
    let body;
    try {
      body = await request.json();
    } catch {
      return Response.json({ errors: [{ loc: [], code: 'invalid_json', message: 'the body is not JSON' }] }, { status: 400 });
    }
    let cleaned;
    try {
      cleaned = booking.validate(body, { rules, now: now() });
    } catch (error) {
      if (error.code === 'validation_failed') return Response.json({ errors: error.errors }, { status: 422 });
      throw error;
    }
    const vehicle = fleet.find((v) => v.id === cleaned.vehicle_id);
    if (!vehicle) {
      const errors = [{ loc: ['vehicle_id'], code: 'unknown_vehicle', message: 'no such vehicle at this location' }];
      return Response.json({ errors }, { status: 422 });
    }
    const blocking = bookingsFor(vehicle.id);
    const free = availability.freeUnits(vehicle.units, blocking, cleaned.start, cleaned.end);
    if (free.length === 0) {
      const errors = [{ loc: ['vehicle_id'], code: 'not_available', message: 'this vehicle is booked for these dates' }];
      return Response.json({ errors }, { status: 409 });
    }
    const quote = card.quote(cleaned.start, cleaned.end, { mode: 'odoo', tz: rules.time_zone });
    return Response.json({ booking: cleaned, unit: free[0], quote }, { status: 200 });
  };
}
