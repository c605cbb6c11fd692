// fleetgate-wasm for runtimes that forbid compiling WebAssembly from bytes, booking build: Cloudflare Workers
// (workerd, bundled by wrangler), Next.js Edge routes and Vercel Edge (`edge-light`). Their bundlers turn the
// `.wasm?module` import below into a precompiled WebAssembly.Module, instantiated here on import, so `init()` is a
// no-op kept for code shared with browsers.
import module from '../pkg/booking/fleetgate_wasm_bg.wasm?module';
import * as bg from '../pkg/booking/fleetgate_wasm_bg.js';
import { loader } from '../load.js';
import { bookingNamespaces } from '../namespaces.js';

const wasm = loader(bg);
wasm.initSync(module);

/** Resolves at once: the precompiled module is instantiated on import. */
export default async function init() {}

/** Instantiates synchronously from a WebAssembly.Module or bytes (no-op once initialised). */
export const initSync = wasm.initSync;

export const { units, booking, pricing, availability, _panicForTests } =
  bookingNamespaces(bg);
