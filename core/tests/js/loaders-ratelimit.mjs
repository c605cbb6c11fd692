// Vector loaders of the ratelimit, client_key, retry, sse and odoo areas for the JS runners (napi, WASM in Node,
// WASM in Chromium): map a case's snake_case function to the camelCase API and return the vector's JSON shape.
// No Node API is used, so the file runs in a browser page too.

const decision = (d) => ({ allowed: d.allowed, remaining: d.remaining, retry_after: d.retryAfter, reset: d.reset });
const quota = (c, extra = {}) => ({ limit: c.limit, period: c.period, burst: c.burst ?? undefined, ...extra });

/** `{model_map: ...}` -> `{modelMap: ...}`: the top-level keys only. */
const camelTop = (o) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]));

/** A bytes argument: UTF-8 text, or {"$bytes_hex": "..."}. */
export function bytesArg(arg) {
  if (typeof arg === 'string') return new TextEncoder().encode(arg);
  const hex = arg.$bytes_hex;
  return Uint8Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
}

function checkAll(api, config, requests, legacy = false) {
  const limiter = new api.ratelimit.Limiter({ ...quota(config), algorithm: config.algorithm, legacyHeaders: legacy });
  return requests.map(([key, now, cost]) => limiter.check(key, { now, cost }));
}

function backoff(api, c) {
  return new api.retry.Backoff({
    kind: c.kind, base: c.base, cap: c.cap, maxAttempts: c.max_attempts, maxElapsed: c.max_elapsed ?? undefined, seed: c.seed,
  });
}

function decodeAll(api, chunks, text = false) {
  const decoder = new api.sse.Decoder();
  const events = chunks.flatMap((c) => decoder.feed(text && typeof c === 'string' ? c : bytesArg(c)));
  return {
    events: events.map((e) => ({ event: e.event, data: e.data, id: e.id })),
    last_event_id: decoder.lastEventId,
    retry: decoder.retry ?? null,
  };
}

const opt = (v) => v ?? undefined;

export const RATELIMIT_LOADERS = {
  ratelimit: {
    limiter: (api, config, requests) => checkAll(api, config, requests).map(decision),
    limiter_options: (api, options, requests) => {
      const limiter = new api.ratelimit.Limiter(options);
      return requests.map(([key, now, cost]) => {
        const d = limiter.check(key, { now, cost });
        return { ...decision(d), denied_by: d.deniedBy ?? null };
      });
    },
    headers: (api, config, requests, legacy) => checkAll(api, config, requests, legacy).at(-1).headers,
    gcra_step: (api, config, state, now, cost) => {
      const step = api.ratelimit.gcraStep(state, now, quota(config, { cost }));
      return { ...decision(step.decision), state: step.state };
    },
    redis_reply: (api, config, reply, cost) => decision(api.ratelimit.decisionFromRedis(reply, quota(config, { cost }))),
  },
  client_key: {
    client_key: (api, peer, headers, trustedProxies, ipv6Prefix) =>
      api.ratelimit.clientKey(peer, headers, { trustedProxies, ipv6Prefix }),
  },
  retry: {
    delays: (api, config) => backoff(api, config).delays(),
    next_delays: (api, config, calls) => {
      const b = backoff(api, config);
      return calls.map(([attempt, retryAfter]) => b.nextDelay(attempt, opt(retryAfter)) ?? null);
    },
    parse_retry_after: (api, value, now) => api.retry.parseRetryAfter(value, now),
    is_retryable: (api, status, method, key) => api.retry.isRetryable(status, method, key),
  },
  sse: {
    encode: (api, data, event, id, retry) => api.sse.encode(data, { event: opt(event), id: opt(id), retry: opt(retry) }),
    comment: (api, text) => api.sse.comment(text),
    decode: (api, chunks) => decodeAll(api, chunks),
    // String chunks fed as JS strings (feed takes strings and bytes).
    decode_text: (api, chunks) => decodeAll(api, chunks, true),
    reconnect: (api, chunks, config, attempts) => {
      const decoder = new api.sse.Decoder();
      for (const c of chunks) decoder.feed(bytesArg(c));
      const b = backoff(api, config);
      return attempts.map((attempt) => {
        const next = decoder.reconnect(b, attempt);
        return next ? [next.delay, next.lastEventId] : null;
      });
    },
    roundtrip: (api, data, event, id) => decodeAll(api, [api.sse.encode(data, { event: opt(event), id: opt(id) })]),
  },
  odoo: {
    // Options are the vectors' snake_case keywords; JS spells the option names in camelCase (the map's keys,
    // Odoo model names, stay as they are).
    parse_event: (api, body, options) =>
      options === undefined ? api.odoo.parseEvent(bytesArg(body)) : api.odoo.parseEvent(bytesArg(body), camelTop(options)),
    image_url: (api, base, path) => api.odoo.imageUrl(base, path),
  },
};

/** A LOADERS entry for `area`: `(api, fn, args) => result`. */
export function loaderFor(area) {
  return (api, fn, args) => {
    const call = RATELIMIT_LOADERS[area][fn];
    if (!call) throw new TypeError(`unknown ${area} function ${fn}`);
    return call(api, ...args);
  };
}
