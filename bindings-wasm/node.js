// fleetgate-wasm for Node.js: the WebAssembly module is loaded synchronously, nothing to initialise.
import wasm from './pkg/node/fleetgate_wasm.js';
import { guard, guardClass, namespace } from './guard.js';

/** Distances: exact conversion between kilometres, miles and integer metres. */
export const units = namespace(wasm.units);
/** Odometer readings: duplicates, order and speed checks, verdicts and meter entries. */
export const odometer = namespace(wasm.odometer);
/** Booking requests: validation and sanitisation, every problem collected. */
export const booking = namespace(wasm.booking);
/** Rental prices: `new pricing.RateCard(rules, options).quote(start, end, options)` and `pricing.lateFee(...)`. */
export const pricing = namespace(wasm.pricing, { RateCard: guardClass(wasm.RateCard) });
/** Availability of stock over half-open, padded bookings. */
export const availability = namespace(wasm.availability);
/** Webhook verification and signing: `webhooks.Verifier.smartcar(amt).verify(headers, body)`, ... */
export const webhooks = Object.freeze({ Verifier: guardClass(wasm.Verifier), VerifyStream: guardClass(wasm.VerifyStream) });
/** Smartcar events: `smartcar.parseEvent(body)`, `smartcar.challengeReply(amt, challenge)`. */
export const smartcar = namespace(wasm.smartcar);
/** Rate limiting: GCRA and sliding-log limiters, the Redis GCRA script, client keys. */
export const ratelimit = namespace(wasm.ratelimit, { Limiter: guardClass(wasm.Limiter) });
/** Retries: backoff with jitter and budgets, Retry-After parsing, retryable responses. */
export const retry = namespace(wasm.retry, { Backoff: guardClass(wasm.Backoff) });
/** Server-sent events: the injection-safe encoder and a streaming decoder. */
export const sse = namespace(wasm.sse, { Decoder: guardClass(wasm.Decoder) });
/** Odoo webhook events and image URLs. */
export const odoo = namespace(wasm.odoo);
/** Test hook: panics inside Rust. Not part of the public API. */
export const _panicForTests = guard(wasm._panicForTests);
