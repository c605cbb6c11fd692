// The types of fleetgate-wasm, declared once for every entry point of the full build (node.js, web.js, edge.js):
// `init` / `initSync`, then the namespaces over the declarations wasm-bindgen generates for the classes, with
// optional arguments optional (see shared.d.ts).
import type * as raw from './pkg/full/fleetgate_wasm.js';
import type { Init, InitSync, LenientClass, Namespace } from './shared.js';

export type { InitInput } from './shared.js';

/**
 * Instantiates the module once; later calls resolve at once. In Node, workerd and Edge runtimes the module is
 * ready on import and this is a no-op; in browsers it fetches the `.wasm` beside the entry (or `input`).
 */
declare const init: Init;
export default init;
/** Instantiates synchronously from a `WebAssembly.Module` or the `.wasm` bytes (no-op once initialised). */
export declare const initSync: InitSync;

/** Distances: exact conversion between kilometres, miles and integer metres. */
export declare const units: Namespace<typeof raw.units>;
/** Odometer readings: duplicates, order and speed checks, verdicts and meter entries. */
export declare const odometer: Namespace<typeof raw.odometer>;
/** Booking requests: validation and sanitisation, every problem collected. */
export declare const booking: Namespace<typeof raw.booking>;
/** Rental prices: `new pricing.RateCard(rules, options).quote(start, end, options)` and `pricing.lateFee(...)`. */
export declare const pricing: Namespace<typeof raw.pricing> & { RateCard: LenientClass<typeof raw.RateCard> };
/** Availability of stock over half-open, padded bookings; `new availability.Bookings(list)` indexes them once. */
export declare const availability: Namespace<typeof raw.availability> & { Bookings: LenientClass<typeof raw.Bookings> };
/** Webhook verification and signing: `webhooks.Verifier.smartcar(amt).verify(headers, body)`, ... */
export declare const webhooks: {
  readonly Verifier: LenientClass<typeof raw.Verifier>;
  readonly VerifyStream: LenientClass<typeof raw.VerifyStream>;
};
/** Smartcar events: `smartcar.parseEvent(body)`, `smartcar.challengeReply(amt, challenge)`. */
export declare const smartcar: Namespace<typeof raw.smartcar>;
/** Rate limiting: GCRA and sliding-log limiters, the Redis GCRA script, client keys. */
export declare const ratelimit: Namespace<typeof raw.ratelimit> & { Limiter: LenientClass<typeof raw.Limiter> };
/** Retries: backoff with jitter and budgets, Retry-After parsing, retryable responses. */
export declare const retry: Namespace<typeof raw.retry> & { Backoff: LenientClass<typeof raw.Backoff> };
/** Server-sent events: the injection-safe encoder and a streaming decoder. */
export declare const sse: Namespace<typeof raw.sse> & { Decoder: LenientClass<typeof raw.Decoder> };
/** Odoo webhook events and image URLs. */
export declare const odoo: Namespace<typeof raw.odoo>;

/** The option and result types of the namespaces above. */
export type { ReadingInput, PolicyInput, Verdict, VerdictJson, MeterEntryOptions, MeterEntry } from './pkg/full/fleetgate_wasm.js';
export type { BookingRules, ValidateOptions, CleanBooking } from './pkg/full/fleetgate_wasm.js';
export type {
  PricingRule, RateCardOptions, QuoteOptions, LateFeeOptions, Quote, QuoteLine, PricedRule, LateFee,
} from './pkg/full/fleetgate_wasm.js';
export type { AvailabilityBooking, Segment } from './pkg/full/fleetgate_wasm.js';
export type {
  Secrets, HeadersInput, BodyInput, BodyOptions, TimedOptions, OdooOptions, HmacOptions, VerifyOptions, SignOptions,
  Verified,
} from './pkg/full/fleetgate_wasm.js';
export type {
  SmartcarEvent, OdometerReading, VehicleIssue, SmartcarSignalRef, SmartcarSignalError, SmartcarSignal, SmartcarTrigger,
  SmartcarVehicle, SmartcarEventBased,
} from './pkg/full/fleetgate_wasm.js';
export type {
  LimiterOptions, QuotaOptions, CheckOptions, ClientKeyOptions, Decision, GcraStep,
} from './pkg/full/fleetgate_wasm.js';
export type { BackoffOptions } from './pkg/full/fleetgate_wasm.js';
export type { SseEvent, SseReconnect, DecoderOptions, EncodeOptions } from './pkg/full/fleetgate_wasm.js';
export type {
  OdooEvent, OdooBookingEvent, OdooVehicleEvent, OdooNativeEvent, OdooInvalidation,
  OdooSaleOrderEvent, OdooSaleOrderLineEvent, OdooProductEvent, OdooStockLotEvent, OdooParseOptions, OdooModel,
} from './pkg/full/fleetgate_wasm.js';
export type {
  OdooRentalConstraints, OdooMinimalTime, OdooRentalAvailabilities, OdooRentalSegment,
} from './pkg/full/fleetgate_wasm.js';
/** Test hook: panics inside Rust. Not part of the public API. */
export declare const _panicForTests: typeof raw._panicForTests;
