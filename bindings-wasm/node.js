// fleetgate-wasm for Node.js: the WebAssembly module is loaded synchronously, nothing to initialise.
import wasm from './pkg/node/fleetgate_wasm.js';
import { guard, namespace } from './guard.js';
import { guardedClass } from './classes.js';

/** Distances: exact conversion between kilometres, miles and integer metres. */
export const units = namespace(wasm.units);
/** Webhook verification and signing: `webhooks.Verifier.smartcar(amt).verify(headers, body)`, ... */
export const webhooks = Object.freeze({ Verifier: guardedClass(wasm.Verifier), VerifyStream: guardedClass(wasm.VerifyStream) });
/** Smartcar events: `smartcar.parseEvent(body)`, `smartcar.challengeReply(amt, challenge)`. */
export const smartcar = namespace(wasm.smartcar);
/** Test hook: panics inside Rust. Not part of the public API. */
export const _panicForTests = guard(wasm._panicForTests);
