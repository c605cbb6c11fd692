// Types shared by the full and the booking entry points: what `init()` accepts, and the mapped types that make the
// generated declarations match the runtime. wasm-bindgen declares every options parameter required, though the
// Rust side treats a missing one as empty; these types make a trailing parameter optional wherever the runtime
// accepts it omitted (every field of it optional, or `null` / `undefined` allowed).

/**
 * `WebAssembly.Module` where the program's lib declares it (DOM, workers), else any object: Node-only programs
 * (`lib: ["es2022"]`, `@types/node`) have no `WebAssembly` types.
 */
export type WasmModule = typeof globalThis extends { WebAssembly: { Module: abstract new (...args: never[]) => infer M } }
  ? M
  : object;

/** A source of the `.wasm`: a URL to fetch, a fetched `Response`, the bytes, or a compiled module. */
export type InitInput = string | URL | Request | Response | ArrayBuffer | ArrayBufferView | WasmModule;

/** Parameter list `P` with its trailing parameters optional while each accepts `{}` or `undefined`. */
export type OptionalTail<P extends readonly unknown[]> = P extends readonly [...infer Head, infer Last]
  ? {} extends Last
    ? [...OptionalTail<Head>, Last?]
    : undefined extends Last
      ? [...OptionalTail<Head>, Last?]
      : P
  : P;

/** A function with `OptionalTail` parameters. */
export type Lenient<F> = F extends (...args: infer A) => infer R ? (...args: OptionalTail<A>) => R : F;

/** The instance type of a class, private constructor or not. */
export type InstanceOf<C> = C extends { prototype: infer I } ? I : never;

/** An instance whose methods take `OptionalTail` parameters. */
export type LenientInstance<I> = I & { [K in keyof I]: Lenient<I[K]> };

/** The static functions and getters of a wasm-bindgen class, as a namespace (no `prototype`). */
export type Namespace<C> = { [K in keyof C as K extends 'prototype' ? never : K]: Lenient<C[K]> };

/**
 * A wasm-bindgen class with lenient constructor, static functions (factories return lenient instances) and
 * methods; `instanceof` still narrows to the class's instances.
 */
export type LenientClass<C> = {
  [K in keyof C as K extends 'prototype' ? never : K]: C[K] extends (...args: infer A) => infer R
    ? (...args: OptionalTail<A>) => R extends InstanceOf<C> ? LenientInstance<R> : R
    : C[K];
} & (C extends new (...args: infer A) => infer I ? { new (...args: OptionalTail<A>): LenientInstance<I> } : {}) & {
  readonly prototype: InstanceOf<C>;
  [Symbol.hasInstance](value: unknown): value is InstanceOf<C>;
};

/**
 * Instantiates the module once; later calls resolve at once. In Node, workerd and Edge runtimes the module is
 * ready on import and this is a no-op; in browsers it fetches the `.wasm` beside the entry (or `input`).
 */
export type Init = (
  input?: InitInput | Promise<InitInput> | { module_or_path: InitInput | Promise<InitInput> },
) => Promise<void>;

/** Instantiates synchronously from a `WebAssembly.Module` or the `.wasm` bytes (no-op once initialised). */
export type InitSync = (
  module: WasmModule | ArrayBuffer | ArrayBufferView | { module: WasmModule | ArrayBuffer | ArrayBufferView },
) => void;
