// Types of `fleetgate-wasm/booking`, the booking form's build (booking, pricing, availability, units), for every
// entry point in this folder: the same API as those namespaces of the full build (see ../api.d.ts).
import type * as raw from '../pkg/booking/fleetgate_wasm.js';
import type { Init, InitSync, LenientClass, Namespace } from '../shared.js';

export type { InitInput } from '../shared.js';

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
/** Booking requests: validation and sanitisation, every problem collected. */
export declare const booking: Namespace<typeof raw.booking>;
/** Rental prices: `new pricing.RateCard(rules, options).quote(start, end, options)` and `pricing.lateFee(...)`. */
export declare const pricing: Namespace<typeof raw.pricing> & { RateCard: LenientClass<typeof raw.RateCard> };
/** Availability of stock over half-open, padded bookings; `new availability.Bookings(list)` indexes them once. */
export declare const availability: Namespace<typeof raw.availability> & { Bookings: LenientClass<typeof raw.Bookings> };
/** Test hook: panics inside Rust. Not part of the public API. */
export declare const _panicForTests: typeof raw._panicForTests;
