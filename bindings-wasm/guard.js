// Shared by every entry point: re-exports wasm-bindgen's classes of static functions as plain namespace objects
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

/**
 * A frozen namespace object exposing the static functions and getters of a wasm-bindgen class, guarded, plus
 * `extras` (guarded classes such as `Limiter`). Getters stay lazy: nothing calls into WebAssembly before `init()`.
 */
export function namespace(cls, extras = {}) {
  const out = { ...extras };
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

function guardMembers(target, skip) {
  for (const name of Object.getOwnPropertyNames(target)) {
    if (skip.includes(name)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(target, name);
    if (typeof descriptor.value === 'function') {
      const method = descriptor.value;
      Object.defineProperty(target, name, { ...descriptor, value: function guarded(...args) { return guard(method.bind(this))(...args); } });
    } else if (descriptor.get) {
      const getter = descriptor.get;
      Object.defineProperty(target, name, { ...descriptor, get: function guarded() { return guard(getter.bind(this))(); } });
    }
  }
}

/**
 * Guards a wasm-bindgen class: its constructor (through a Proxy), static functions, getters and methods, so a Rust
 * panic in any of them becomes an `Error` with code `internal_error`. Members are wrapped in place, so instances
 * made by static factories (`Verifier.smartcar(...)`) are still `instanceof` the exported class.
 */
export function guardClass(cls) {
  guardMembers(cls, ['length', 'name', 'prototype']);
  guardMembers(cls.prototype, ['constructor', 'free', '__destroy_into_raw']);
  return new Proxy(cls, { construct: (target, args, newTarget) => guard(() => Reflect.construct(target, args, newTarget))() });
}
