// Types of fleetgate-wasm for browsers: `init` / `initSync`, then the namespaces (api.d.ts) over wasm-bindgen's
// generated declarations.
export { default, initSync } from './pkg/web/fleetgate_wasm.js';
export type { InitInput, InitOutput, SyncInitInput } from './pkg/web/fleetgate_wasm.js';
export * from './api.js';
