// The shared vectors against the napi module.
import { createRequire } from 'node:module';
import { registerVectorTests } from '../../core/tests/js/node-files.mjs';

const api = createRequire(import.meta.url)('../index.js');
registerVectorTests(api, '[napi]');
