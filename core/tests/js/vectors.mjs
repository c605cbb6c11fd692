// The JS runner of the shared vectors (core/tests/vectors/*.json), used unchanged by all three JS runners:
// the napi module in Node, the WASM package in Node, and the WASM package in headless Chromium. It needs no Node
// API, so it runs in a browser page as well.
//
// A vector file is {"area", "cases": [{"id", "fn", "args", "expect" | "error", "dynamic_only"?}]}. Each area has
// one loader below that maps a case's snake_case function name to the camelCase API (the same in the napi and
// WASM packages) and calls it with the case's arguments.

import { loaderFor } from './loaders-ratelimit.mjs';

/** One loader per area: `(api, fn, args) => result`; `api` is the fleetgate (napi) or fleetgate-wasm module. */
export const LOADERS = {
  units(api, fn, args) {
    const call = {
      to_metres: api.units.toMetres,
      from_metres: api.units.fromMetres,
      convert: api.units.convert,
    }[fn];
    if (!call) throw new TypeError(`unknown units function ${fn}`);
    return call(...args);
  },
  ratelimit: loaderFor('ratelimit'),
  client_key: loaderFor('client_key'),
  retry: loaderFor('retry'),
  sse: loaderFor('sse'),
  odoo: loaderFor('odoo'),
};

const FLOATS = { nan: NaN, inf: Infinity, '-inf': -Infinity };

/** Decodes the vector encoding of arguments: {"$float": "nan" | "inf" | "-inf"} is that float. */
export function decodeArg(arg) {
  if (arg && typeof arg === 'object' && !Array.isArray(arg) && '$float' in arg) return FLOATS[arg.$float];
  return arg;
}

/** Structural equality for JSON-like values; numbers compare with `===` (results are correctly rounded). */
export function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
}

/** Runs one case; returns {id, ok, detail}. Never throws. */
export function runCase(api, area, testCase) {
  const id = `${area}: ${testCase.id}`;
  const load = LOADERS[area];
  if (!load) return { id, ok: false, detail: `no JS loader for area "${area}" in core/tests/js/vectors.mjs` };
  let got;
  try {
    got = load(api, testCase.fn, testCase.args.map(decodeArg));
  } catch (error) {
    if ('error' in testCase) {
      const ok = error instanceof Error && error.code === testCase.error;
      return { id, ok, detail: ok ? '' : `expected error ${testCase.error}, got ${error?.code}: ${error?.message}` };
    }
    return { id, ok: false, detail: `unexpected error ${error?.code}: ${error?.message}` };
  }
  if ('error' in testCase) return { id, ok: false, detail: `expected error ${testCase.error}, got ${JSON.stringify(got)}` };
  const ok = deepEqual(got, testCase.expect);
  return { id, ok, detail: ok ? '' : `expected ${JSON.stringify(testCase.expect)}, got ${JSON.stringify(got)}` };
}

/** Runs every case of every given vector file ({area: parsed JSON}); returns the list of results. */
export function runAll(api, filesByArea) {
  const results = [];
  for (const [area, file] of Object.entries(filesByArea)) {
    for (const testCase of file.cases) results.push(runCase(api, area, testCase));
  }
  return results;
}
