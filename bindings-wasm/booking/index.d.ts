// Types of `fleetgate-wasm/booking`, the booking form's build (booking, pricing, availability, units), for every
// entry point (node.js, web.js, edge.js in this folder). The same API as those namespaces of the full build.
import type * as raw from '../pkg/booking/fleetgate_wasm.js';
import type { InitInput } from '../init.js';

export type { InitInput } from '../init.js';

/**
 * Instantiates the module once; later calls resolve at once. In Node, workerd and Edge runtimes the module is
 * ready on import and this is a no-op; in browsers it fetches the `.wasm` beside the entry (or `input`).
 */
export default function init(input?: InitInput | Promise<InitInput> | { module_or_path: InitInput | Promise<InitInput> }): Promise<void>;
/** Instantiates synchronously from a `WebAssembly.Module` or the `.wasm` bytes (no-op once initialised). */
export declare function initSync(module: WebAssembly.Module | ArrayBuffer | ArrayBufferView | { module: WebAssembly.Module | ArrayBuffer | ArrayBufferView }): void;

/** Distances: exact conversion between kilometres, miles and integer metres. */
export declare const units: Omit<typeof raw.units, 'prototype'>;
/** Booking requests: validation and sanitisation, every problem collected. */
export declare const booking: Omit<typeof raw.booking, 'prototype'>;
/** Rental prices: `new pricing.RateCard(rules, options).quote(start, end, options)` and `pricing.lateFee(...)`. */
export declare const pricing: Omit<typeof raw.pricing, 'prototype'> & { RateCard: typeof raw.RateCard };
/** Availability of stock over half-open, padded bookings. */
export declare const availability: Omit<typeof raw.availability, 'prototype'>;
/** Test hook: panics inside Rust. Not part of the public API. */
export declare const _panicForTests: typeof raw._panicForTests;
