// Shared by every entry point: instantiates one wasm-bindgen build (the glue module `bg`, made by
// `wasm-bindgen --target bundler`) from whatever the runtime can give: a precompiled `WebAssembly.Module`
// (workerd, Next.js Edge, Node), bytes, or a URL / Response to fetch (browsers).
//
// Two things the generated glue gets wrong in these runtimes are done here instead:
// - `instanceof WebAssembly.Module` is false for a module made in another realm (edge-runtime and Next.js run
//   route code in a `vm` context), so a module is recognised by its `Symbol.toStringTag`, never by `instanceof`;
// - nothing compiles bytes where a module was given, so runtimes that forbid code generation (workerd, Edge)
//   only ever instantiate the module their bundler precompiled.

/** The wasm import module name wasm-bindgen's bundler glue is linked under. */
const GLUE = './fleetgate_wasm_bg.js';

/** Whether `value` is a `WebAssembly.Module`, from any realm. */
export function isModule(value) {
  return Object.prototype.toString.call(value) === '[object WebAssembly.Module]';
}

function isResponse(value) {
  return typeof Response === 'function' && Object.prototype.toString.call(value) === '[object Response]';
}

/**
 * The loader of one build: `initSync(moduleOrBytes)` instantiates synchronously, `init(input)` also fetches.
 * Both are idempotent: the first successful call wins and later calls return at once.
 */
export function loader(bg) {
  let ready = false;
  const imports = () => ({ [GLUE]: bg });

  function finish(instance) {
    if (ready) return;
    bg.__wbg_set_wasm(instance.exports);
    if (typeof instance.exports.__wbindgen_start === 'function') instance.exports.__wbindgen_start();
    ready = true;
  }

  /** Instantiates from a `WebAssembly.Module`, or compiles bytes first (where the runtime allows it). */
  function initSync(input) {
    if (ready) return;
    let module = input && !isModule(input) && typeof input === 'object' && 'module' in input ? input.module : input;
    if (!isModule(module)) module = new WebAssembly.Module(module);
    finish(new WebAssembly.Instance(module, imports()));
  }

  /** Instantiates from a module, bytes, a `Response` or a URL to fetch (a string, `URL` or `Request`). */
  async function init(input) {
    if (ready) return;
    let source = await input;
    if (source && typeof source === 'object' && !isModule(source) && 'module_or_path' in source) {
      source = await source.module_or_path;
    }
    if (typeof source === 'string' || (typeof Request === 'function' && source instanceof Request)) {
      source = await fetch(source);
    } else if (source instanceof URL || (source && typeof source === 'object' && typeof source.href === 'string')) {
      // A URL, or a bundler's stand-in for one (some rewrite `new URL(..., import.meta.url)` into their own class).
      source = await fetch(String(source.href));
    }
    if (ready) return;
    if (isModule(source)) {
      finish(await WebAssembly.instantiate(source, imports()));
      return;
    }
    if (isResponse(source)) {
      if (!source.ok) throw new Error(`fleetgate-wasm: fetching the .wasm failed with HTTP ${source.status} (${source.url})`);
      const streaming = typeof WebAssembly.instantiateStreaming === 'function' &&
        (source.headers.get('content-type') || '').split(';')[0].trim() === 'application/wasm';
      const result = streaming
        ? await WebAssembly.instantiateStreaming(source, imports())
        : await WebAssembly.instantiate(await source.arrayBuffer(), imports());
      finish(result.instance);
      return;
    }
    // Bytes: WebAssembly.instantiate(bytes) resolves to {module, instance}.
    const result = await WebAssembly.instantiate(source, imports());
    finish(result.instance ?? result);
  }

  return { init, initSync, isReady: () => ready };
}
