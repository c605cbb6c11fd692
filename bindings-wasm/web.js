// fleetgate-wasm for browsers and bundlers: `await init()` once (it fetches the .wasm beside this file, or takes a
// URL, Response, BufferSource or WebAssembly.Module), then call the namespaces (documented in namespaces.js, typed
// in web.d.ts). Nothing calls into WebAssembly before init: namespace getters are lazy.
import init, * as wasm from './pkg/web/fleetgate_wasm.js';
import { namespaces } from './namespaces.js';

export default init;
export { initSync } from './pkg/web/fleetgate_wasm.js';

export const { units, odometer, booking, pricing, availability, webhooks, smartcar, ratelimit, retry, sse, odoo, _panicForTests } =
  namespaces(wasm);
