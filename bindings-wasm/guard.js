// Shared by node.js and web.js: re-exports wasm-bindgen's classes of static functions as plain namespace objects
// (`units.toMetres(...)`, like the napi package) and turns a Rust panic into a real Error with code
// `internal_error`. On wasm32 a panic aborts the call as a `WebAssembly.RuntimeError`; nothing else is caught.

/** Wraps `fn` so a WebAssembly trap (a Rust panic) becomes an `Error` with `code === "internal_error"`. */
export function guard(fn) {
  return function guarded(...args) {
    try {
      return fn(...args);
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) {
        const internal = new Error(
          `fleetgate failed internally (${error.message}); this is a bug, please report it`,
          { cause: error },
        );
        internal.name = 'FleetgateError';
        internal.code = 'internal_error';
        throw internal;
      }
      throw error;
    }
  };
}

/** A frozen namespace object exposing the static functions and getters of a wasm-bindgen class, guarded. */
export function namespace(cls) {
  const out = {};
  for (const name of Object.getOwnPropertyNames(cls)) {
    if (name === 'length' || name === 'name' || name === 'prototype') continue;
    const descriptor = Object.getOwnPropertyDescriptor(cls, name);
    if (typeof descriptor.value === 'function') {
      out[name] = guard(descriptor.value.bind(cls));
    } else if (descriptor.get) {
      Object.defineProperty(out, name, { get: guard(descriptor.get.bind(cls)), enumerable: true });
    }
  }
  return Object.freeze(out);
}
