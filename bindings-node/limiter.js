// ratelimit.Limiter as the package exports it: the native in-memory limiter, with each decision handed back as
// a plain JS object instead of a native one. A native object per decision costs a wrapper and a finalizer that
// the garbage collector must run; here the native `checkInto` writes the decision's numbers into one reused
// Float64Array and JS copies them. Every rule (the decision, its headers) stays in the core.
'use strict';

const REASONS = [null, 'timeout', 'store_error'];

function limiterClasses(native) {
  const { Limiter: NativeLimiter, headersOf } = native.ratelimit;

  /** One rate-limit decision (the same fields as the native `ratelimit.Decision`). */
  class Decision {
    #limit;
    #period;
    #legacy;

    constructor(f) {
      /** Whether the request may proceed. */
      this.allowed = f[0] === 1;
      /** How many more requests of cost 1 the key could make right now. */
      this.remaining = f[1];
      /** When denied, seconds (rounded up) until the request would be allowed; 0 when allowed. */
      this.retryAfter = f[2];
      /** Seconds (rounded up) until the key is back to its full quota. */
      this.reset = f[3];
      /** The instant of the decision, unix seconds. */
      this.at = f[4];
      /** With several quotas, the index of the quota that denied; null otherwise. */
      this.deniedBy = f[5] < 0 ? null : f[5];
      /** null, or how a distributed limiter decided under failure. */
      this.reason = REASONS[f[6]];
      this.#limit = f[7];
      this.#period = f[8];
      this.#legacy = f[9];
    }

    /** The response headers as `[name, value]` pairs (`new Headers(decision.headers)`), built by the core. */
    get headers() {
      const f = [this.allowed ? 1 : 0, this.remaining, this.retryAfter, this.reset, this.at, 0, 0];
      return headersOf([...f, this.#limit, this.#period, this.#legacy]);
    }
  }

  /** A keyed in-memory rate limiter (sliding log by default, or GCRA) that evicts idle keys itself. */
  class Limiter {
    #native;
    #out = new Float64Array(10);

    /** `new ratelimit.Limiter({limit, period, burst, algorithm, quotas, legacyHeaders})`. */
    constructor(options) {
      this.#native = new NativeLimiter(options);
    }

    /** Decides one request for `key` at `now` (unix seconds; default: the clock) of `cost` (default 1). */
    check(key, options) {
      const out = this.#out;
      if (options === undefined || options === null) this.#native.checkInto(key, undefined, undefined, out);
      else this.#native.checkInto(key, options.now ?? undefined, options.cost ?? undefined, out);
      return new Decision(out);
    }

    /** Drops every key idle at `now` (default: the clock); returns how many were dropped. */
    evictIdle(now) {
      return this.#native.evictIdle(now);
    }

    /** The number of keys held. */
    get size() {
      return this.#native.size;
    }
  }

  return { Limiter, Decision };
}

module.exports = { limiterClasses };
