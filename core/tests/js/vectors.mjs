// The JS runner of the shared vectors (core/tests/vectors/*.json), used unchanged by all three JS runners:
// the napi module in Node, the WASM package in Node, and the WASM package in headless Chromium. It needs no Node
// API, so it runs in a browser page as well.
//
// A vector file is {"area", "cases": [{"id", "fn", "args", "expect" | "error", "dynamic_only"?}]}. Each area has
// one loader below that maps a case's snake_case function name to the camelCase API (the same in the napi and
// WASM packages) and calls it with the case's arguments.

import { runBadInput } from './bad-input.mjs';
import { BOOKING_LOADERS } from './booking-loaders.mjs';
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
  odometer(api, fn, args) {
    const od = api.odometer;
    // Verdicts are objects (they hold their reading); toJSON() is the shared JSON shape.
    if (fn === 'check') return od.check(args[0].map(camelKeys), camelKeys(args[1]), camelKeys(args[2])).toJSON();
    if (fn === 'check_batch') return od.checkBatch(args[0].map(camelKeys), camelKeys(args[1])).map((v) => v.toJSON());
    if (fn === 'meter_entry') {
      const [history, candidate, carId, sourceId, options] = args;
      const verdict = od.check(history.map(camelKeys), camelKeys(candidate));
      return od.meterEntry(verdict, { carId, sourceId, ...camelKeys(options) }, camelKeys(candidate));
    }
    if (fn === 'current') return od.current(args[0].map(camelKeys), camelKeys(args[1]));
    // The Smartcar path: each reading of parseEvent goes to readingFromSmartcar exactly as parseEvent returns it.
    if (fn === 'reading_from_smartcar') {
      const [body, options] = args;
      const { readings } = api.smartcar.parseEvent(decodeBody(body));
      return readings.map((r) => snakeKeys(od.readingFromSmartcar(r, camelKeys(options))));
    }
    if (fn === 'smartcar_meter_entry') {
      const [body, history, carId, sourceId, options, fromOptions] = args;
      return api.smartcar.parseEvent(decodeBody(body)).readings.map((r) => {
        const reading = od.readingFromSmartcar(r, camelKeys(fromOptions));
        const verdict = od.check(history.map(camelKeys), reading);
        const entry = od.meterEntry(verdict, { carId, sourceId, ...camelKeys(options) }, reading);
        return { verdict: verdict.toJSON(), meter_entry: entry };
      });
    }
    if (fn === 'check_batch_columns') {
      const [values, units, times, eventIds, sources, policy] = args;
      const columns = { values: Float64Array.from(values), units, times: Float64Array.from(times) };
      if (eventIds) columns.eventIds = eventIds;
      if (sources) columns.sources = sources;
      const out = od.checkBatchColumns(columns, camelKeys(policy));
      return {
        status: Array.from(out.status, (c) => od.STATUSES[c]),
        reason: Array.from(out.reason, (c) => od.REASONS[c] || null),
        metres: Array.from(out.metres, (m) => (Number.isNaN(m) ? null : m)),
        duplicate_of: Array.from(out.duplicateOf, (i) => (i === -1 ? null : i)),
      };
    }
    throw new TypeError(`unknown odometer function ${fn}`);
  },
  ...BOOKING_LOADERS,
  webhooks(api, fn, args) {
    const call = {
      verify: (config, headers, body, now) => {
        const options = now === 'skip' ? { checkTime: false } : { now };
        const ok = verifier(api, config).verify(headers, decodeBody(body), options);
        return { key_index: ok.keyIndex, msg_id: ok.msgId ?? null, timestamp: ok.timestamp ?? null };
      },
      sign: (config, body, msgId, timestamp, headers) =>
        Object.entries(
          verifier(api, config).sign(decodeBody(body), {
            msgId: msgId ?? undefined,
            timestamp: timestamp ?? undefined,
            headers: headers ?? undefined,
          }),
        ),
      weak_keys: (config) => [...verifier(api, config).weakKeys],
      challenge: (amt, challenge) => api.smartcar.challenge(amt, challenge),
    }[fn];
    if (!call) throw new TypeError(`unknown webhooks function ${fn}`);
    return call(...args);
  },
  smartcar(api, fn, args) {
    const call = {
      parse_event: (body) => eventAsVector(api.smartcar.parseEvent(decodeBody(body))),
      challenge_reply: (amt, challenge) => api.smartcar.challengeReply(amt, challenge),
    }[fn];
    if (!call) throw new TypeError(`unknown smartcar function ${fn}`);
    return call(...args);
  },
  ratelimit: loaderFor('ratelimit'),
  client_key: loaderFor('client_key'),
  retry: loaderFor('retry'),
  sse: loaderFor('sse'),
  odoo: loaderFor('odoo'),
  odoo_rental(api, fn, args) {
    const call = { constraints: api.odoo.rentalConstraints, availabilities: api.odoo.rentalAvailabilities }[fn];
    if (!call) throw new TypeError(`unknown odoo_rental function ${fn}`);
    return call(...args);
  },
};

/** The JS spelling of an input object: snake_case keys become camelCase (`reading_time` -> `readingTime`). */
export function camelKeys(obj) {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return obj;
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]));
}

/** The vectors' spelling of a result object: camelCase keys become snake_case (`readingTime` -> `reading_time`). */
export function snakeKeys(obj) {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return obj;
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]));
}

/** A webhook vector body: a string (its UTF-8), {"$bytes_hex": "..."} or {"$repeat": {"text", "times"}}. */
export function decodeBody(arg) {
  if (typeof arg === 'string') return new TextEncoder().encode(arg);
  if ('$bytes_hex' in arg) return Uint8Array.from(arg.$bytes_hex.match(/../g) ?? [], (h) => parseInt(h, 16));
  return new TextEncoder().encode(arg.$repeat.text.repeat(arg.$repeat.times));
}

/** The verifier a webhooks case's config describes, through the camelCase API. */
function verifier(api, config) {
  const { Verifier } = api.webhooks;
  const options = {};
  if ('tolerance' in config) options.tolerance = config.tolerance;
  if ('max_body' in config) options.maxBody = config.max_body;
  switch (config.preset) {
    case 'odoo':
      return Verifier.odoo(config.secrets, { ...options, timestamped: config.timestamped ?? false });
    case 'hmac':
      return Verifier.hmac(config.secrets, {
        ...options,
        header: config.header,
        prefix: config.prefix ?? undefined,
        encoding: config.encoding,
        timestampHeader: config.timestamp_header ?? undefined,
        idHeader: config.id_header ?? undefined,
        signedContent: config.signed_content ?? undefined,
      });
    case 'standard_webhooks':
      return Verifier.standardWebhooks(config.secrets, options);
    default:
      return Verifier[config.preset](config.secrets, options);
  }
}

/** A parsed Smartcar event in the vectors' snake_case shape (absent values as null). */
function eventAsVector(e) {
  const n = (v) => v ?? null;
  const ref = (r) => ({ code: n(r.code), name: n(r.name), group: n(r.group) });
  return {
    event_type: e.eventType, legacy: e.legacy, event_id: n(e.eventId), webhook_id: n(e.webhookId),
    delivery_id: n(e.deliveryId), delivered_at: n(e.deliveredAt), mode: n(e.mode), vehicle_id: n(e.vehicleId),
    challenge: n(e.challenge),
    readings: e.readings.map((r) => ({
      vehicle_id: r.vehicleId, event_id: n(r.eventId), delivery_id: n(r.deliveryId), raw_value: r.rawValue,
      raw_unit: r.rawUnit, metres: r.metres, read_at_ms: n(r.readAtMs), fetched_at_ms: n(r.fetchedAtMs),
    })),
    issues: e.issues.map((i) => ({
      error_type: n(i.errorType), code: n(i.code), state: n(i.state), description: n(i.description),
      signal: n(i.signal), suggested_user_message: n(i.suggestedUserMessage), doc_url: n(i.docUrl),
      resolution: n(i.resolution), resolution_url: n(i.resolutionUrl), signals: i.signals.map(ref),
    })),
    version: n(e.version), webhook_name: n(e.webhookName), delivered_at_ms: n(e.deliveredAtMs),
    signal_count: n(e.signalCount), sequence: n(e.sequence), user_id: n(e.userId),
    user_external_id: n(e.userExternalId),
    vehicle: e.vehicle === undefined ? null : {
      id: e.vehicle.id, make: n(e.vehicle.make), model: n(e.vehicle.model), year: n(e.vehicle.year),
      vin: n(e.vehicle.vin), mode: n(e.vehicle.mode), powertrain_type: n(e.vehicle.powertrainType),
    },
    triggers: e.triggers.map((t) => ({
      trigger_type: t.triggerType, code: n(t.code), name: n(t.name), group: n(t.group), source: t.source,
    })),
    // A signal's body is handed over as delivered: its keys are not camelCased.
    signals: e.signals.map((s) => ({
      code: s.code, name: n(s.name), group: n(s.group), body: n(s.body), status: n(s.status),
      oem_updated_at_ms: n(s.oemUpdatedAtMs), fetched_at_ms: n(s.fetchedAtMs),
      error: s.error === undefined ? null : {
        error_type: n(s.error.errorType), code: n(s.error.code), description: n(s.error.description),
      },
    })),
    event_based: e.eventBased === undefined ? null : {
      event_type: n(e.eventBased.eventType), event_time: n(e.eventBased.eventTime),
      event_time_ms: n(e.eventBased.eventTimeMs),
    },
  };
}

const FLOATS = { nan: NaN, inf: Infinity, '-inf': -Infinity };

/** Decodes the vector encoding of arguments: {"$float": "nan" | "inf" | "-inf"} is that float. */
export function decodeArg(arg) {
  if (Array.isArray(arg)) return arg.map(decodeArg);
  if (arg && typeof arg === 'object') {
    if ('$float' in arg) return FLOATS[arg.$float];
    return Object.fromEntries(Object.entries(arg).map(([k, v]) => [k, decodeArg(v)]));
  }
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
  if (area === 'bad_input') return runBadInput(api, testCase);
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
