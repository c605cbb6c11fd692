// Types of fleetgate-wasm for Node.js (the module is ready on import; `init()` is a no-op): see api.d.ts.
export * from './api.js';
export { default } from './api.js';
