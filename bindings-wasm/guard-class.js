// Shared by node.js and web.js: wraps a wasm-bindgen class (constructor and methods) so a Rust panic surfaces as
// an `Error` with `code === "internal_error"`, like the static functions wrapped by `namespace()` in guard.js.
import { guard } from './guard.js';

/** A subclass of `cls` whose constructor and methods are guarded; same name, same behaviour otherwise. */
export function guardClass(cls) {
  const guarded = class extends cls {
    constructor(...args) {
      guard(() => super(...args))();
    }
  };
  for (const name of Object.getOwnPropertyNames(cls.prototype)) {
    const descriptor = Object.getOwnPropertyDescriptor(cls.prototype, name);
    if (name === 'constructor' || typeof descriptor.value !== 'function') continue;
    const method = descriptor.value;
    Object.defineProperty(guarded.prototype, name, {
      ...descriptor,
      value(...args) {
        return guard(method.bind(this))(...args);
      },
    });
  }
  Object.defineProperty(guarded, 'name', { value: cls.name });
  return guarded;
}
