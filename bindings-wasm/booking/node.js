// fleetgate-wasm for Node.js, booking build: the .wasm beside this package is read and instantiated synchronously on
// import, so `init()` is a no-op kept for code shared with browsers (`await init()` works everywhere).
import { readFileSync } from 'node:fs';
import * as bg from '../pkg/booking/fleetgate_wasm_bg.js';
import { loader } from '../load.js';
import { bookingNamespaces } from '../namespaces.js';

const wasm = loader(bg);
wasm.initSync(wasmBytes(new URL('../pkg/booking/fleetgate_wasm_bg.wasm', import.meta.url)));

/**
 * The .wasm beside this file. A bundler that rewrites `new URL(..., import.meta.url)` into the URL of a copied asset
 * (Next.js server bundles: "/_next/static/media/...") leaves no file to read: that is an Error saying what to do.
 */
function wasmBytes(url) {
  try {
    return readFileSync(new URL(String(url)));
  } catch (cause) {
    const error = new Error(
      `fleetgate-wasm could not read its .wasm (${String(url)}): a bundler rewrote the path. Load the package from ` +
        "node_modules instead of bundling it (Next.js: serverExternalPackages: ['fleetgate-wasm'] in next.config).",
      { cause },
    );
    error.code = 'wasm_not_found';
    throw error;
  }
}

/** Resolves at once: in Node the module is ready on import. */
export default async function init() {}

/** Instantiates synchronously from a WebAssembly.Module or bytes (no-op once initialised). */
export const initSync = wasm.initSync;

export const { units, booking, pricing, availability, _panicForTests } =
  bookingNamespaces(bg);
