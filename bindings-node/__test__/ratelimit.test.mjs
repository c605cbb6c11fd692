// The ratelimit, retry, sse and odoo API tests against the napi module.
import { createRequire } from 'node:module';
import { registerRateLimitApiTests } from '../../core/tests/js/api-ratelimit.mjs';

registerRateLimitApiTests(createRequire(import.meta.url)('../index.js'), '[napi]');

// The package entry (main.js) replaces ratelimit.Limiter with the JS wrapper of limiter.js: the same tests.
registerRateLimitApiTests(createRequire(import.meta.url)('../main.js'), '[napi main.js]');
