// fleetgate-wasm for browsers and bundlers: `await init()` once (it fetches the .wasm beside this file, or takes a
// URL, Response, BufferSource or WebAssembly.Module), then call the namespaces.
import init, * as wasm from './pkg/web/fleetgate_wasm.js';
import { guard, namespace } from './guard.js';
import { guardedClass } from './classes.js';

export default init;
export { initSync } from './pkg/web/fleetgate_wasm.js';

/** Distances: exact conversion between kilometres, miles and integer metres. */
export const units = namespace(wasm.units);
/** Webhook verification and signing: `webhooks.Verifier.smartcar(amt).verify(headers, body)`, ... */
export const webhooks = Object.freeze({ Verifier: guardedClass(wasm.Verifier), VerifyStream: guardedClass(wasm.VerifyStream) });
/** Smartcar events: `smartcar.parseEvent(body)`, `smartcar.challengeReply(amt, challenge)`. */
export const smartcar = namespace(wasm.smartcar);
/** Test hook: panics inside Rust. Not part of the public API. */
export const _panicForTests = guard(wasm._panicForTests);
