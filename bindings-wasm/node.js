// fleetgate-wasm for Node.js: the .wasm beside this package is read and instantiated synchronously on
// import, so `init()` is a no-op kept for code shared with browsers (`await init()` works everywhere).
import { readFileSync } from 'node:fs';
import * as bg from './pkg/full/fleetgate_wasm_bg.js';
import { loader } from './load.js';
import { namespaces } from './namespaces.js';

const wasm = loader(bg);
wasm.initSync(readFileSync(new URL('./pkg/full/fleetgate_wasm_bg.wasm', import.meta.url)));

/** Resolves at once: in Node the module is ready on import. */
export default async function init() {}

/** Instantiates synchronously from a WebAssembly.Module or bytes (no-op once initialised). */
export const initSync = wasm.initSync;

export const { units, odometer, booking, pricing, availability, webhooks, smartcar, ratelimit, retry, sse, odoo, _panicForTests } =
  namespaces(bg);
