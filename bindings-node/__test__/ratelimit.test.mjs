// The ratelimit, retry, sse and odoo API tests against the napi module.
import { createRequire } from 'node:module';
import { registerRateLimitApiTests } from '../../core/tests/js/api-ratelimit.mjs';

registerRateLimitApiTests(createRequire(import.meta.url)('../index.js'), '[napi]');
