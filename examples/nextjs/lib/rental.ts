// The rental site's location: booking rules, rate card, fleet and blocking bookings (examples/data/rental-sample.json,
// shared with the Node, Python, browser and Rust examples), plus the sample's clock so its dates stay bookable.
import sample from './rental-sample.json';

type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
type Unit = 'hour' | 'day' | 'week' | 'month' | 'year';

/** Booking rules as `booking.validate` takes them. */
export const rules = sample.rules as {
  time_zone: string;
  default_region: string;
  forbidden_weekdays: Weekday[];
  min_rental_hours: number;
  max_rental_days: number;
};
/** The rate card: Odoo-style pricing rules, currency, list price. */
export const rateCard = sample.rate_card as {
  rules: { unit: Unit; duration: number; price: string }[];
  currency: string;
  list_price: string;
};
/** Vehicles with their serial units. */
export const fleet: { id: number; name: string; units: string[] }[] = sample.vehicles;
/** The sample's "now" (validation and availability are judged at this instant). */
export const now: string = sample.now;
/** A valid booking request from the sample. */
export const sampleRequest: Record<string, string> = sample.request;

type Blocking = { start: string; end: string; unit: string; padding_hours?: number };
/** The confirmed bookings that block a vehicle's units. */
export function bookingsFor(vehicleId: number): Blocking[] {
  return (sample.bookings as Record<string, Blocking[]>)[String(vehicleId)] ?? [];
}
