// Types of fleetgate-wasm for Node.js; the functions are typed by wasm-bindgen's generated declarations.
import type * as raw from './pkg/node/fleetgate_wasm.js';

/** Distances: exact conversion between kilometres, miles and integer metres. */
export declare const units: Omit<typeof raw.units, 'prototype'>;
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
