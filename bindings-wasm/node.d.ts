// Types of fleetgate-wasm for Node.js: the namespaces (api.d.ts) over wasm-bindgen's generated declarations.
export * from './api.js';
