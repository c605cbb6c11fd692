// Opens examples/browser/units.html in headless Chromium (served from 127.0.0.1), types into the form, prints what
// the page shows and saves a screenshot. Run: node examples/browser/run.mjs [screenshot.png]
import { dirname, join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { serveStatic } from '../../core/tests/js/static-server.mjs';
import { launchChromium } from '../../core/tests/js/chromium.mjs';

const ROOT = resolve(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
const screenshot = process.argv[2] ?? join(ROOT, 'target', 'demo', 'browser-units.png');

const server = await serveStatic(ROOT);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/examples/browser/units.html`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  console.log(await page.textContent('#log'));
  for (const typed of ['250,000', '12,34']) {
    await page.fill('#value', typed);
    console.log(`typed ${JSON.stringify(typed)} (mi) -> page shows: ${await page.textContent('#result')}`);
  }
  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot });
  console.log(`screenshot: ${screenshot}`);
} finally {
  await browser.close();
  await server.close();
}
