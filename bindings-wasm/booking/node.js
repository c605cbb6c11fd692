// fleetgate-wasm for Node.js, booking build: the .wasm beside this package is read and instantiated synchronously on
// import, so `init()` is a no-op kept for code shared with browsers (`await init()` works everywhere).
import { readFileSync } from 'node:fs';
import * as bg from '../pkg/booking/fleetgate_wasm_bg.js';
import { loader } from '../load.js';
import { bookingNamespaces } from '../namespaces.js';

const wasm = loader(bg);
wasm.initSync(readFileSync(new URL('../pkg/booking/fleetgate_wasm_bg.wasm', import.meta.url)));

/** Resolves at once: in Node the module is ready on import. */
export default async function init() {}

/** Instantiates synchronously from a WebAssembly.Module or bytes (no-op once initialised). */
export const initSync = wasm.initSync;

export const { units, booking, pricing, availability, _panicForTests } =
  bookingNamespaces(bg);
