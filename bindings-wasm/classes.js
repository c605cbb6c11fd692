// Shared by node.js and web.js: guards the methods, getters and constructor of a wasm-bindgen class, so a Rust
// panic inside them becomes an `Error` with code `internal_error` (like the namespace functions in guard.js).
import { guard } from './guard.js';

/** A subclass of `cls` whose constructor, methods and getters are guarded. */
export function guardedClass(cls) {
  const construct = guard((args) => Reflect.construct(cls, args));
  const Guarded = {
    [cls.name]: function (...args) {
      if (!new.target) throw new TypeError(`Class constructor ${cls.name} cannot be invoked without 'new'`);
      return construct(args);
    },
  }[cls.name];
  Guarded.prototype = cls.prototype;
  for (const name of Object.getOwnPropertyNames(cls.prototype)) {
    if (name === 'constructor') continue;
    const descriptor = Object.getOwnPropertyDescriptor(cls.prototype, name);
    if (typeof descriptor.value === 'function') {
      const method = descriptor.value;
      descriptor.value = function guardedMethod(...args) {
        return guard((...a) => method.apply(this, a))(...args);
      };
    } else if (descriptor.get) {
      const getter = descriptor.get;
      descriptor.get = function guardedGetter() {
        return guard(() => getter.call(this))();
      };
    }
    Object.defineProperty(cls.prototype, name, descriptor);
  }
  return Guarded;
}

/** A frozen namespace object: the properties of `ns` (getters stay lazy, so nothing runs before `init()`) plus
 * the given classes. */
export function withClasses(ns, classes) {
  const out = Object.defineProperties({}, Object.getOwnPropertyDescriptors(ns));
  return Object.freeze(Object.assign(out, classes));
}
