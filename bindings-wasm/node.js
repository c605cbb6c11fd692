// fleetgate-wasm for Node.js: the WebAssembly module is loaded synchronously, nothing to initialise.
import wasm from './pkg/node/fleetgate_wasm.js';
import { guard, namespace } from './guard.js';

/** Distances: exact conversion between kilometres, miles and integer metres. */
export const units = namespace(wasm.units);
/** Odometer readings: duplicates, order and speed checks, verdicts and meter entries. */
export const odometer = namespace(wasm.odometer);
/** Test hook: panics inside Rust. Not part of the public API. */
export const _panicForTests = guard(wasm._panicForTests);
