// The package's namespaces, built from a wasm-bindgen glue module (the full or the booking build): shared by every
// entry point (node.js, web.js, edge.js and booking/*) so all export exactly the same API. Every function, getter and class
// member is guarded (see guard.js).
import { guard, guardClass, namespace } from './guard.js';

/**
 * The booking form's namespaces (booking, pricing, availability, units): all the `fleetgate-wasm/booking` build
 * holds, and part of every build.
 */
export function bookingNamespaces(wasm) {
  return {
    /** Distances: exact conversion between kilometres, miles and integer metres. */
    units: namespace(wasm.units),
    /** Booking requests: validation and sanitisation, every problem collected. */
    booking: namespace(wasm.booking),
    /** Rental prices: `new pricing.RateCard(rules, options).quote(start, end, options)` and `pricing.lateFee(...)`. */
    pricing: namespace(wasm.pricing, { RateCard: guardClass(wasm.RateCard) }),
    /** Availability of stock over half-open, padded bookings; `new availability.Bookings(list)` indexes them once. */
    availability: namespace(wasm.availability, { Bookings: guardClass(wasm.Bookings) }),
    /** Test hook: panics inside Rust. Not part of the public API. */
    _panicForTests: guard(wasm._panicForTests),
  };
}

/** The public namespaces of fleetgate-wasm over the generated module `wasm`. */
export function namespaces(wasm) {
  return {
    ...bookingNamespaces(wasm),
    /** Odometer readings: duplicates, order and speed checks, verdicts and meter entries. */
    odometer: namespace(wasm.odometer),
    /** Webhook verification and signing: `webhooks.Verifier.smartcar(amt).verify(headers, body)`, ... */
    webhooks: Object.freeze({ Verifier: guardClass(wasm.Verifier), VerifyStream: guardClass(wasm.VerifyStream) }),
    /** Smartcar events: `smartcar.parseEvent(body)`, `smartcar.challengeReply(amt, challenge)`. */
    smartcar: namespace(wasm.smartcar),
    /** Rate limiting: GCRA and sliding-log limiters, the Redis GCRA script, client keys. */
    ratelimit: namespace(wasm.ratelimit, { Limiter: guardClass(wasm.Limiter) }),
    /** Retries: backoff with jitter and budgets, Retry-After parsing, retryable responses. */
    retry: namespace(wasm.retry, { Backoff: guardClass(wasm.Backoff) }),
    /** Server-sent events: the injection-safe encoder and a streaming decoder. */
    sse: namespace(wasm.sse, { Decoder: guardClass(wasm.Decoder) }),
    /** Odoo webhook events and image URLs. */
    odoo: namespace(wasm.odoo),
  };
}
