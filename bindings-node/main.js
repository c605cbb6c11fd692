// The package entry: everything napi generates (index.js) plus `verifyRequest`, the one helper that needs
// JavaScript because it awaits the body of a WHATWG `Request` (Next.js App Router, fetch handlers).
//
// Every export is a plain `exports.name = ...` assignment so Node's CommonJS export detection (cjs-module-lexer)
// sees the names: `import { webhooks, ratelimit } from 'fleetgate'` works from ES modules, as does
// `import fleetgate from 'fleetgate'` (the whole object) and `require('fleetgate')`.
'use strict';

const native = require('./index.js');
const { RedisLimiter } = require('./redis-limiter.js');
const { limiterClasses } = require('./limiter.js');

/**
 * Verifies a WHATWG `Request`: reads its body ONCE as raw bytes and checks it with `verifier`.
 * Returns `{verified, body}`; parse `body` (a Uint8Array) yourself afterwards, e.g. `smartcar.parseEvent(body)`.
 * Throws an Error with `code` (`invalid_signature`, `timestamp_too_old`, ...) like `Verifier.verify`.
 */
/** The `body_not_bytes` error of `verifyRequest`, shaped like every fleetgate error (name, code, details). */
function bodyNotBytes(message, got) {
  const error = new Error(message);
  error.name = 'FleetgateError';
  error.code = 'body_not_bytes';
  error.details = { got };
  return error;
}

async function verifyRequest(verifier, request, options) {
  if (!request || typeof request.arrayBuffer !== 'function' || !request.headers) {
    throw bodyNotBytes(
      'verifyRequest needs a WHATWG Request (App Router handlers receive one); for other frameworks call ' +
        "verifier.verify(headers, rawBody) with the raw body bytes (Express: express.raw({type: 'application/json'}))",
      request === null ? 'null' : typeof request === 'object' ? 'an object that is not a Request' : `a JS ${typeof request}`,
    );
  }
  if (request.bodyUsed) {
    throw bodyNotBytes('the request body was already read (e.g. by request.json()); verify before parsing', 'a used body');
  }
  const body = new Uint8Array(await request.arrayBuffer());
  const verified = verifier.verify(request.headers, body, options);
  return { verified, body };
}

exports.__napiBindingTarget = native.__napiBindingTarget;
exports._panicForTests = native._panicForTests;
exports.availability = native.availability;
exports.booking = native.booking;
exports.odometer = native.odometer;
exports.odoo = native.odoo;
exports.pricing = native.pricing;
exports.ratelimit = Object.freeze({ ...native.ratelimit, Limiter: limiterClasses(native).Limiter, RedisLimiter });
exports.retry = native.retry;
exports.smartcar = native.smartcar;
exports.sse = native.sse;
exports.units = native.units;
exports.webhooks = native.webhooks;
exports.verifyRequest = verifyRequest;
