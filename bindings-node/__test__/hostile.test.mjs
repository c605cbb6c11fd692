// Hostile input (issue 12) through the napi module: the shared cases of core/tests/js/hostile.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

import { hostileCases } from '../../core/tests/js/hostile.mjs';

const require = createRequire(import.meta.url);
const api = require('../main.js');

for (const [name, check] of hostileCases(api, assert)) test(`[napi] hostile: ${name}`, check);

test('[napi] hostile: a Smartcar client refuses a vehicle id that would leave its path', async () => {
  const client = new api.smartcar.Client('id', 'secret', { authBaseUrl: 'http://127.0.0.1:9', apiBaseUrl: 'http://127.0.0.1:9' });
  await assert.rejects(client.odometer('..', 'token'), (e) => e.code === 'invalid_path_segment');
});
