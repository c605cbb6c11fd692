// Types of the package entry: napi's generated declarations (index.d.ts) plus verifyRequest.
import type { webhooks } from './index';

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
