// The namespaces of fleetgate-wasm, typed once for both entry points (node.d.ts, web.d.ts): the declarations
// wasm-bindgen generates for the nodejs and web builds are identical for these classes.
import type * as raw from './pkg/web/fleetgate_wasm.js';

/** Distances: exact conversion between kilometres, miles and integer metres. */
export declare const units: Omit<typeof raw.units, 'prototype'>;
/** Odometer readings: duplicates, order and speed checks, verdicts and meter entries. */
export declare const odometer: Omit<typeof raw.odometer, 'prototype'>;
export type { ReadingInput, PolicyInput, Verdict, VerdictJson, MeterEntryOptions, MeterEntry } from './pkg/web/fleetgate_wasm.js';
/** Booking requests: validation and sanitisation, every problem collected. */
export declare const booking: Omit<typeof raw.booking, 'prototype'>;
export type { BookingRules, ValidateOptions, CleanBooking } from './pkg/web/fleetgate_wasm.js';
/** Rental prices: `new pricing.RateCard(rules, options).quote(start, end, options)` and `pricing.lateFee(...)`. */
export declare const pricing: Omit<typeof raw.pricing, 'prototype'> & { RateCard: typeof raw.RateCard };
export type {
  PricingRule, RateCardOptions, QuoteOptions, LateFeeOptions, Quote, QuoteLine, PricedRule, LateFee,
} from './pkg/web/fleetgate_wasm.js';
/** Availability of stock over half-open, padded bookings. */
export declare const availability: Omit<typeof raw.availability, 'prototype'>;
export type { AvailabilityBooking, Segment } from './pkg/web/fleetgate_wasm.js';
/** Webhook verification and signing: `webhooks.Verifier.smartcar(amt).verify(headers, body)`, ... */
export declare const webhooks: { readonly Verifier: typeof raw.Verifier; readonly VerifyStream: typeof raw.VerifyStream };
export type {
  Secrets, HeadersInput, BodyInput, BodyOptions, TimedOptions, OdooOptions, HmacOptions, VerifyOptions, SignOptions,
  Verified,
} from './pkg/web/fleetgate_wasm.js';
/** Smartcar events: `smartcar.parseEvent(body)`, `smartcar.challengeReply(amt, challenge)`. */
export declare const smartcar: Omit<typeof raw.smartcar, 'prototype'>;
export type { SmartcarEvent, OdometerReading, VehicleIssue } from './pkg/web/fleetgate_wasm.js';
/** Rate limiting: GCRA and sliding-log limiters, the Redis GCRA script, client keys. */
export declare const ratelimit: Omit<typeof raw.ratelimit, 'prototype'> & { Limiter: typeof raw.Limiter };
export type {
  LimiterOptions, QuotaOptions, CheckOptions, ClientKeyOptions, HeadersInput, Decision, GcraStep,
} from './pkg/web/fleetgate_wasm.js';
/** Retries: backoff with jitter and budgets, Retry-After parsing, retryable responses. */
export declare const retry: Omit<typeof raw.retry, 'prototype'> & { Backoff: typeof raw.Backoff };
export type { BackoffOptions } from './pkg/web/fleetgate_wasm.js';
/** Server-sent events: the injection-safe encoder and a streaming decoder. */
export declare const sse: Omit<typeof raw.sse, 'prototype'> & { Decoder: typeof raw.Decoder };
export type { SseEvent, SseReconnect, DecoderOptions, EncodeOptions } from './pkg/web/fleetgate_wasm.js';
/** Odoo webhook events and image URLs. */
export declare const odoo: Omit<typeof raw.odoo, 'prototype'>;
export type {
  OdooEvent, OdooBookingEvent, OdooVehicleEvent, OdooNativeEvent, OdooInvalidation,
} from './pkg/web/fleetgate_wasm.js';
/** Test hook: panics inside Rust. Not part of the public API. */
export declare const _panicForTests: typeof raw._panicForTests;
