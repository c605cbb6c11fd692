// Types of the package entry: napi's generated declarations (index.d.ts) plus verifyRequest.
import { webhooks, ratelimit as native } from './index';

export * from './index';

/**
 * Verifies a WHATWG `Request`: reads its body once as raw bytes and checks it with `verifier`.
 * @throws {Error} with `code` `invalid_signature`, `timestamp_too_old`, `body_not_bytes`, ...
 */
export declare function verifyRequest(
  verifier: webhooks.Verifier,
  request: Request,
  options?: webhooks.VerifyOptions,
): Promise<{ verified: webhooks.Verified; body: Uint8Array }>;

/** The `ratelimit` namespace: everything napi generates plus `RedisLimiter` (redis-limiter.js). */
export declare namespace ratelimit {
  export import Decision = native.Decision;
  export import Limiter = native.Limiter;
  export import RedisPlan = native.RedisPlan;
  export import CheckOptions = native.CheckOptions;
  export import clientKey = native.clientKey;
  export import clientKeyFromRequest = native.clientKeyFromRequest;
  export import ClientKeyFromRequestOptions = native.ClientKeyFromRequestOptions;
  export import ClientKeyOptions = native.ClientKeyOptions;
  export import decisionFromRedis = native.decisionFromRedis;
  export import gcraStep = native.gcraStep;
  export import GcraStep = native.GcraStep;
  export import headersOf = native.headersOf;
  export import LimiterOptions = native.LimiterOptions;
  export import QuotaOptions = native.QuotaOptions;
  export import REDIS_GCRA_SCRIPT = native.REDIS_GCRA_SCRIPT;
  export import redisArgs = native.redisArgs;

  /** The options of `RedisLimiter` (and `RedisPlan`). */
  export interface RedisLimiterOptions {
    /** Requests per period (default 10); not with `quotas`. */
    limit?: number;
    /** The period in seconds (default 3600); not with `quotas`. */
    period?: number;
    /** GCRA burst (default: `limit`). */
    burst?: number;
    /** Several quotas enforced together (e.g. 3 per minute and 10 per hour). */
    quotas?: Array<{ limit: number; period: number; burst?: number }>;
    /** `"sliding_log"` (default: at most `limit` in any rolling `period`) or `"gcra"` (smooth, bursts). */
    algorithm?: 'sliding_log' | 'gcra';
    /** Key prefix (default `"fleetgate"`); keys are `{prefix:key}:...` (a Redis Cluster hash tag). */
    prefix?: string;
    /** How long a decision may wait for Redis (default 1000 ms) before `onError` applies. */
    timeoutMs?: number;
    /** When Redis fails or times out: `"allow"` (default), `"deny"` (Retry-After 1 s) or `"raise"`. */
    onError?: 'allow' | 'deny' | 'raise';
    /** Also give the `X-RateLimit-*` headers. */
    legacyHeaders?: boolean;
  }

  /**
   * What `RedisLimiter` needs from a Redis client: ioredis, node-redis v4/v5 (`evalSha(sha, {keys, arguments})`)
   * or this Upstash REST style.
   */
  export interface EvalClient {
    evalsha(sha: string, keys: string[], args: string[]): Promise<unknown>;
    eval(script: string, keys: string[], args: string[]): Promise<unknown>;
  }

  /** A limiter whose state lives in Redis, shared by every server instance. */
  export class RedisLimiter {
    /** @throws {Error} with `code` `invalid_option`, `invalid_quota` or `invalid_argument`. */
    constructor(client: object, options?: RedisLimiterOptions);
    /**
     * One decision: one EVALSHA (EVAL after NOSCRIPT). Under failure or timeout, `onError` decides
     * (`decision.reason` is `"timeout"` or `"store_error"`), or it rejects with `code` `redis_error` (`raise`).
     */
    check(key: string, options?: { cost?: number }): Promise<Decision>;
  }
}
