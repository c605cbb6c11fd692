// Guards the methods of the wasm-bindgen classes the webhooks namespace exports (Verifier, VerifyStream), so a
// Rust panic in any of them becomes an Error with code `internal_error`, as for the namespaces of functions.
import { guard } from './guard.js';

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

/** Wraps the static and prototype methods of a wasm-bindgen class with `guard`, in place; returns the class. */
export function guardedClass(cls) {
  guardMembers(cls, ['length', 'name', 'prototype']);
  guardMembers(cls.prototype, ['constructor', 'free', '__destroy_into_raw']);
  return cls;
}
