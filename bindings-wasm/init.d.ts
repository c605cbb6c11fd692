// What `init()` accepts, shared by the full and the booking entry points.

/** A source of the `.wasm`: a URL to fetch, a fetched `Response`, the bytes, or a compiled module. */
export type InitInput = string | URL | Request | Response | ArrayBuffer | ArrayBufferView | WebAssembly.Module;
