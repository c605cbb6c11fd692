// fleetgate-wasm for browsers and bundlers: `await init()` once (it fetches the .wasm beside this file, or takes a
// URL, Response, BufferSource or WebAssembly.Module), then call the namespaces.
import init, * as wasm from './pkg/web/fleetgate_wasm.js';
import { guard, namespace } from './guard.js';
import { guardedClass, withClasses } from './classes.js';

export default init;
export { initSync } from './pkg/web/fleetgate_wasm.js';

/** Distances: exact conversion between kilometres, miles and integer metres. */
export const units = namespace(wasm.units);
/** Rate limiting: GCRA and sliding-log limiters, the Redis GCRA script, client keys. */
export const ratelimit = withClasses(namespace(wasm.ratelimit), { Limiter: guardedClass(wasm.Limiter) });
/** Retries: backoff with jitter and budgets, Retry-After parsing, retryable responses. */
export const retry = withClasses(namespace(wasm.retry), { Backoff: guardedClass(wasm.Backoff) });
/** Server-sent events: the injection-safe encoder and a streaming decoder. */
export const sse = withClasses(namespace(wasm.sse), { Decoder: guardedClass(wasm.Decoder) });
/** Odoo webhook events and image URLs. */
export const odoo = namespace(wasm.odoo);
/** Test hook: panics inside Rust. Not part of the public API. */
export const _panicForTests = guard(wasm._panicForTests);
