// Types of fleetgate-wasm for Node.js; the functions are typed by wasm-bindgen's generated declarations.
import type * as raw from './pkg/node/fleetgate_wasm.js';

/** Distances: exact conversion between kilometres, miles and integer metres. */
export declare const units: Omit<typeof raw.units, 'prototype'>;
/** Test hook: panics inside Rust. Not part of the public API. */
export declare const _panicForTests: typeof raw._panicForTests;
