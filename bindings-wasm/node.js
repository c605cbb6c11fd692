// fleetgate-wasm for Node.js: the WebAssembly module is loaded synchronously, nothing to initialise.
// The namespaces are documented in namespaces.js and typed in node.d.ts.
import wasm from './pkg/node/fleetgate_wasm.js';
import { namespaces } from './namespaces.js';

export const { units, odometer, booking, pricing, availability, webhooks, smartcar, ratelimit, retry, sse, odoo, _panicForTests } =
  namespaces(wasm);
