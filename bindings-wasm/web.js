// fleetgate-wasm for browsers and bundlers: `await init()` once (it fetches the .wasm beside this
// file, which bundlers emit as an asset; or give it a URL, Response, bytes or WebAssembly.Module), then call the
// namespaces. Nothing calls into WebAssembly before init: the namespaces only wrap the generated classes.
import * as bg from './pkg/full/fleetgate_wasm_bg.js';
import { loader } from './load.js';
import { namespaces } from './namespaces.js';

const wasm = loader(bg);

/**
 * Instantiates the module once (later calls resolve at once): from `input` (a URL, string, Request, Response,
 * bytes, WebAssembly.Module, or `{module_or_path}`), by default the .wasm beside this file.
 */
export default function init(input) {
  return wasm.init(input ?? new URL('./pkg/full/fleetgate_wasm_bg.wasm', import.meta.url));
}

/** Instantiates synchronously from a WebAssembly.Module or bytes (no-op once initialised). */
export const initSync = wasm.initSync;

export const { units, odometer, booking, pricing, availability, webhooks, smartcar, ratelimit, retry, sse, odoo, _panicForTests } =
  namespaces(bg);
