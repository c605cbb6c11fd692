// Types of fleetgate-wasm for workerd and Edge runtimes (a precompiled module, ready on import): see api.d.ts.
export * from './api.js';
export { default } from './api.js';
