// Types of fleetgate-wasm for browsers and bundlers (`await init()` fetches the `.wasm`): see api.d.ts.
export * from './api.js';
export { default } from './api.js';
