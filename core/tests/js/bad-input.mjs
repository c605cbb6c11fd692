// The JS runner of core/tests/vectors/bad_input.json (format: CONTRIBUTING.md, "Bad-input vectors"), shared by the
// napi module, the WASM package in Node and the WASM package in headless Chromium. Needs no Node API.

/** `max_body` -> `maxBody`, for keys and paths (`quotas[0].period_s` -> `quotas[0].periodS`). */
export function camel(name) {
  return name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
}

/** camelCases option keys, except inside `{"$data": ...}` (data every language writes in snake_case). */
function camelDeep(value) {
  if (Array.isArray(value)) return value.map(camelDeep);
  if (value && typeof value === 'object' && '$data' in value) return value;
  if (value && typeof value === 'object' && value.constructor === Object) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [camel(k), camelDeep(v)]));
  }
  return value;
}

const FLOATS = { nan: NaN, inf: Infinity, '-inf': -Infinity };

/** Decodes the markers of a bad-input argument into the JS value it stands for. */
export function hostValue(arg) {
  if (Array.isArray(arg)) return arg.map(hostValue);
  if (!arg || typeof arg !== 'object') return arg;
  if ('$options' in arg) return hostValue(camelDeep(arg.$options));
  if ('$data' in arg) return hostValue(arg.$data);
  if ('$bytes' in arg) return new TextEncoder().encode(arg.$bytes);
  if ('$float' in arg) return FLOATS[arg.$float];
  if ('$bigint' in arg) return BigInt(arg.$bigint);
  if ('$undefined' in arg) return undefined;
  if ('$function' in arg) return () => {};
  if ('$map' in arg) return new Map(arg.$map.map(([k, v]) => [k, hostValue(v)]));
  if ('$headers' in arg) return new Headers(arg.$headers);
  if ('$deep' in arg) {
    let value = [];
    for (let i = 1; i < arg.$deep; i += 1) value = [value];
    return value;
  }
  return Object.fromEntries(Object.entries(arg).map(([k, v]) => [k, hostValue(v)]));
}

/** The function at a dotted path written in snake_case (`smartcar.parse_event` is `smartcar.parseEvent`). */
function resolvePath(api, path) {
  let target = api;
  let owner;
  for (const part of path.split('.')) {
    owner = target;
    target = target?.[camel(part)];
    if (target === undefined) throw new TypeError(`the package has no ${path} (at ${part})`);
  }
  return { target, owner };
}

/** Runs one bad-input case; returns {id, ok, detail}. Never throws. */
export function runBadInput(api, testCase) {
  const id = `bad_input: ${testCase.id}`;
  if (testCase.hosts && !testCase.hosts.includes('js')) return { id, ok: true, detail: 'not a JS case', skipped: true };
  const steps = testCase.fn;
  let current;
  for (const [index, [name, args = []]] of steps.entries()) {
    const last = index === steps.length - 1;
    let fn;
    let self;
    try {
      if (index === 0) ({ target: fn, owner: self } = resolvePath(api, name));
      else {
        self = current;
        fn = current[camel(name)];
      }
      if (typeof fn !== 'function') return { id, ok: false, detail: `${name} is not a function` };
    } catch (error) {
      return { id, ok: false, detail: error.message };
    }
    try {
      const values = args.map(hostValue);
      // Static factories and methods are called on their owner; classes are constructed.
      current = /^[A-Z]/.test(name.split('.').pop()) ? new fn(...values) : fn.apply(self, values);
    } catch (error) {
      if (!last) return { id, ok: false, detail: `step ${name} failed: ${error?.code} ${error?.message}` };
      if (!(error instanceof Error)) return { id, ok: false, detail: `threw a non-Error ${String(error)}` };
      if (error.name !== 'FleetgateError') return { id, ok: false, detail: `error name ${error.name}: ${error.message}` };
      if (error.code !== testCase.error) {
        return { id, ok: false, detail: `expected ${testCase.error}, got ${error.code}: ${error.message}` };
      }
      if ('path' in testCase) {
        const want = testCase.js_path ?? camel(testCase.path);
        if (error.details?.path !== want) {
          return { id, ok: false, detail: `expected details.path ${want}, got ${error.details?.path} (${error.message})` };
        }
      }
      return { id, ok: true, detail: '' };
    }
  }
  return { id, ok: false, detail: `expected ${testCase.error}, but the call succeeded` };
}
