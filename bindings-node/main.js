// The package entry: everything napi generates (index.js) plus `verifyRequest`, the one helper that needs
// JavaScript because it awaits the body of a WHATWG `Request` (Next.js App Router, fetch handlers).
//
// Every export is a plain `exports.name = ...` assignment so Node's CommonJS export detection (cjs-module-lexer)
// sees the names: `import { webhooks, ratelimit } from 'fleetgate'` works from ES modules, as does
// `import fleetgate from 'fleetgate'` (the whole object) and `require('fleetgate')`.
'use strict';

const native = require('./index.js');

/**
 * Verifies a WHATWG `Request`: reads its body ONCE as raw bytes and checks it with `verifier`.
 * Returns `{verified, body}`; parse `body` (a Uint8Array) yourself afterwards, e.g. `smartcar.parseEvent(body)`.
 * Throws an Error with `code` (`invalid_signature`, `timestamp_too_old`, ...) like `Verifier.verify`.
 */
async function verifyRequest(verifier, request, options) {
  if (!request || typeof request.arrayBuffer !== 'function' || !request.headers) {
    const error = new Error(
      'verifyRequest needs a WHATWG Request (App Router handlers receive one); for other frameworks call ' +
        "verifier.verify(headers, rawBody) with the raw body bytes (Express: express.raw({type: 'application/json'}))",
    );
    error.code = 'body_not_bytes';
    throw error;
  }
  if (request.bodyUsed) {
    const error = new Error('the request body was already read (e.g. by request.json()); verify before parsing');
    error.code = 'body_not_bytes';
    throw error;
  }
  const body = new Uint8Array(await request.arrayBuffer());
  const verified = verifier.verify(request.headers, body, options);
  return { verified, body };
}

/**
 * The rate-limit key of a request's client on a hosting platform (`ratelimit.clientKeyFromRequest`): reads
 * `request.headers` whether it is a WHATWG `Headers`, a `Map`, an object or `[name, value]` pairs, then leaves the
 * rule to Rust (`vercel`: `X-Real-IP`; `cloudflare`: `CF-Connecting-IP`; `trusted_proxies`: `options.peer` and the
 * forwarding headers; `none`: refuses with code `missing_client_address`).
 */
function clientKeyFromRequest(request, options) {
  let headers = request === null || typeof request !== 'object' ? undefined : request.headers;
  if (headers !== null && typeof headers === 'object' && !Array.isArray(headers) && typeof headers.entries === 'function') {
    headers = Array.from(headers.entries());
  }
  // A missing or non-string platform reaches Rust as text, so it fails with fleetgate's `invalid_platform`.
  const given = options !== null && typeof options === 'object' ? options : {};
  return native.ratelimit.clientKeyFromRequest({ headers }, { ...given, platform: String(given.platform) });
}

exports.__napiBindingTarget = native.__napiBindingTarget;
exports._panicForTests = native._panicForTests;
exports.availability = native.availability;
exports.booking = native.booking;
exports.odometer = native.odometer;
exports.odoo = native.odoo;
exports.pricing = native.pricing;
exports.ratelimit = Object.freeze({ ...native.ratelimit, clientKeyFromRequest });
exports.retry = native.retry;
exports.smartcar = native.smartcar;
exports.sse = native.sse;
exports.units = native.units;
exports.webhooks = native.webhooks;
exports.verifyRequest = verifyRequest;
