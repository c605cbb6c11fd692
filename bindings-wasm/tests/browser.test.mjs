// The shared vectors against the WASM package's web build, in headless Chromium. The page loads the package and
// the shared JS harness from a local static server; this driver hands it every vector file and turns each result
// into a node:test test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { serveStatic } from '../../core/tests/js/static-server.mjs';
import { launchChromium } from '../../core/tests/js/chromium.mjs';
import { vectorFiles } from '../../core/tests/js/node-files.mjs';

const ROOT = resolve(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
let server;
let browser;
let page;

before(async () => {
  server = await serveStatic(ROOT);
  browser = await launchChromium();
  page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${server.url}/bindings-wasm/tests/browser/index.html`);
  await page.waitForFunction(() => document.getElementById('status').textContent === 'ready', null, { timeout: 20000 })
    .catch((e) => { throw new Error(`page did not get ready: ${pageErrors.join('; ') || e.message}`); });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('[wasm-chromium] vectors', async (t) => {
  const results = await page.evaluate((files) => window.runVectors(files), vectorFiles());
  assert.ok(results.length > 0, 'no case ran');
  for (const result of results) {
    await t.test(`[wasm-chromium] ${result.id}`, () => assert.ok(result.ok, result.detail));
  }
});

test('[wasm-chromium] errors carry codes; a panic is internal_error', async () => {
  const probe = await page.evaluate(() => window.probeErrors());
  assert.deepEqual(probe.invalidValue, { isError: true, code: 'invalid_value' });
  assert.deepEqual(probe.panic, { isError: true, code: 'internal_error' });
  assert.equal(probe.afterPanic, 1609);
});
