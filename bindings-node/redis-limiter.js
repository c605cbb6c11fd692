// ratelimit.RedisLimiter: one quota per key shared by every server instance, on the Redis client the app already
// has. This file only does I/O: the script, its SHA-1, the key names, the arguments, the timeout, the failure
// policy and the reading of each reply all come from the core (`ratelimit.RedisPlan`, napi).
'use strict';

/**
 * The one small interface fleetgate needs from a Redis client, adapted from what `client` is:
 *
 * - **ioredis** (`new Redis(url)`, also `Redis.Cluster`): `client.evalsha(sha, numKeys, ...keys, ...args)`.
 * - **node-redis v4 / v5** (`createClient({url})`, connected): `client.evalSha(sha, {keys, arguments})`.
 * - **anything else with `eval` / `evalsha` in the Upstash REST style**: `client.evalsha(sha, keys, args)` and
 *   `client.eval(script, keys, args)`, both returning a promise of the script's reply (an array of integers).
 *
 * The adapter returns `{ evalsha(sha, keys, args), eval(script, keys, args) }`, both promises of the reply.
 * @param {object} client
 * @returns {{evalsha: (sha: string, keys: string[], args: string[]) => Promise<unknown>,
 *            eval: (script: string, keys: string[], args: string[]) => Promise<unknown>}}
 */
function adaptClient(client) {
  if (!client || (typeof client !== 'object' && typeof client !== 'function')) {
    throw coded('invalid_argument', 'RedisLimiter needs a Redis client (ioredis, node-redis or Upstash-style)');
  }
  if (typeof client.evalSha === 'function') {
    // node-redis v4 / v5
    return {
      evalsha: (sha, keys, args) => client.evalSha(sha, { keys, arguments: args }),
      eval: (script, keys, args) => client.eval(script, { keys, arguments: args }),
    };
  }
  if (typeof client.evalsha === 'function' && typeof client.defineCommand === 'function') {
    // ioredis (Redis and Cluster)
    return {
      evalsha: (sha, keys, args) => client.evalsha(sha, keys.length, ...keys, ...args),
      eval: (script, keys, args) => client.eval(script, keys.length, ...keys, ...args),
    };
  }
  if (typeof client.evalsha === 'function' && typeof client.eval === 'function') {
    // Upstash REST style: (sha, keys, args)
    return {
      evalsha: (sha, keys, args) => client.evalsha(sha, keys, args),
      eval: (script, keys, args) => client.eval(script, keys, args),
    };
  }
  throw coded('invalid_argument', 'the Redis client has no evalSha (node-redis) or evalsha (ioredis, Upstash style)');
}

function coded(code, message) {
  const error = new Error(message);
  error.name = 'FleetgateError';
  error.code = code;
  return error;
}

const TIMED_OUT = Symbol('timed out');

/**
 * A rate limiter whose state lives in Redis, so every server instance (every serverless function) shares one
 * quota per key. Same options and `Decision` as `ratelimit.Limiter`, plus the Redis ones; the default algorithm
 * is the sliding log (at most `limit` in any rolling `period`).
 *
 * ```js
 * const limiter = new ratelimit.RedisLimiter(new Redis(process.env.REDIS_URL), { limit: 10, period: 3600 });
 * const decision = await limiter.check(ratelimit.clientKey(peer, req.headers));
 * if (!decision.allowed) return new Response('Too many requests', { status: 429, headers: decision.headers });
 * ```
 */
class RedisLimiter {
  /**
   * @param {object} client an ioredis client, a connected node-redis v4/v5 client, or an Upstash-style client
   * @param {object} [options] `{limit, period, burst, quotas, algorithm, prefix, timeoutMs, onError, legacyHeaders}`
   * @throws {Error} with `code` `invalid_option`, `invalid_quota` or `invalid_argument`
   */
  constructor(client, options) {
    const { ratelimit } = require('./index.js');
    this._client = adaptClient(client);
    this._plan = new ratelimit.RedisPlan(options);
    this._sha = this._plan.sha;
    this._script = this._plan.script;
    this._timeoutMs = this._plan.timeoutMs;
    this._args1 = this._plan.args(1);
  }

  /**
   * Decides one request of `cost` (default 1) for `key`: one `EVALSHA` (an `EVAL` after `NOSCRIPT`, e.g. after
   * a Redis restart). When Redis fails or takes longer than `timeoutMs`, the `onError` policy decides (`allow`,
   * the default, or `deny`, with `decision.reason` set) or the promise rejects with `code` `redis_error`
   * (`raise`).
   * @param {string} key
   * @param {{cost?: number}} [options]
   * @returns {Promise<import('./index').ratelimit.Decision>}
   */
  async check(key, options) {
    const cost = options && options.cost !== undefined ? options.cost : 1;
    const args = cost === 1 ? this._args1 : this._plan.args(cost);
    const keys = this._plan.keys(key);
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, this._timeoutMs, TIMED_OUT);
    });
    const call = this._run(keys, args);
    let reply;
    try {
      reply = await Promise.race([call, timeout]);
    } catch (error) {
      return this._plan.failure('store_error', String((error && error.message) || error));
    } finally {
      clearTimeout(timer);
    }
    if (reply === TIMED_OUT) {
      call.catch(() => {}); // the late answer or error of a timed-out call is dropped
      return this._plan.failure('timeout', `no reply within ${this._timeoutMs} ms`);
    }
    return this._plan.decision(reply, cost);
  }

  async _run(keys, args) {
    try {
      return await this._client.evalsha(this._sha, keys, args);
    } catch (error) {
      if (!/NOSCRIPT/.test(String((error && error.message) || error))) throw error;
      return this._client.eval(this._script, keys, args);
    }
  }
}

module.exports = { RedisLimiter, adaptClient };
