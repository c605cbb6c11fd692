// The types of fleetgate-wasm, declared once for every entry point of the full build (node.js, web.js, edge.js):
// `init` / `initSync`, then the namespaces over the declarations wasm-bindgen generates for the classes.
import type * as raw from './pkg/full/fleetgate_wasm.js';
import type { InitInput } from './init.js';

export type { InitInput } from './init.js';

/**
 * Instantiates the module once; later calls resolve at once. In Node, workerd and Edge runtimes the module is
 * ready on import and this is a no-op; in browsers it fetches the `.wasm` beside the entry (or `input`).
 */
export default function init(input?: InitInput | Promise<InitInput> | { module_or_path: InitInput | Promise<InitInput> }): Promise<void>;
/** Instantiates synchronously from a `WebAssembly.Module` or the `.wasm` bytes (no-op once initialised). */
export declare function initSync(module: WebAssembly.Module | ArrayBuffer | ArrayBufferView | { module: WebAssembly.Module | ArrayBuffer | ArrayBufferView }): void;

/** Distances: exact conversion between kilometres, miles and integer metres. */
export declare const units: Omit<typeof raw.units, 'prototype'>;
/** Odometer readings: duplicates, order and speed checks, verdicts and meter entries. */
export declare const odometer: Omit<typeof raw.odometer, 'prototype'>;
export type { ReadingInput, PolicyInput, Verdict, MeterEntry } from './pkg/full/fleetgate_wasm.js';
/** Booking requests: validation and sanitisation, every problem collected. */
export declare const booking: Omit<typeof raw.booking, 'prototype'>;
/** Rental prices: `new pricing.RateCard(rules, options).quote(start, end, options)` and `pricing.lateFee(...)`. */
export declare const pricing: Omit<typeof raw.pricing, 'prototype'> & { RateCard: typeof raw.RateCard };
/** Availability of stock over half-open, padded bookings. */
export declare const availability: Omit<typeof raw.availability, 'prototype'>;
/** Webhook verification and signing: `webhooks.Verifier.smartcar(amt).verify(headers, body)`, ... */
export declare const webhooks: { readonly Verifier: typeof raw.Verifier; readonly VerifyStream: typeof raw.VerifyStream };
/** Smartcar events: `smartcar.parseEvent(body)`, `smartcar.challengeReply(amt, challenge)`. */
export declare const smartcar: Omit<typeof raw.smartcar, 'prototype'>;
/** Rate limiting: GCRA and sliding-log limiters, the Redis GCRA script, client keys. */
export declare const ratelimit: Omit<typeof raw.ratelimit, 'prototype'> & { Limiter: typeof raw.Limiter };
/** Retries: backoff with jitter and budgets, Retry-After parsing, retryable responses. */
export declare const retry: Omit<typeof raw.retry, 'prototype'> & { Backoff: typeof raw.Backoff };
/** Server-sent events: the injection-safe encoder and a streaming decoder. */
export declare const sse: Omit<typeof raw.sse, 'prototype'> & { Decoder: typeof raw.Decoder };
/** Odoo webhook events and image URLs. */
export declare const odoo: Omit<typeof raw.odoo, 'prototype'>;
/** Test hook: panics inside Rust. Not part of the public API. */
export declare const _panicForTests: typeof raw._panicForTests;
