// Opens examples/browser/booking.html in headless Chromium (served from 127.0.0.1), types a bad booking and then
// a good one the way a user would, prints the field errors, the quote and the availability the page shows, and
// saves screenshots (with the errors, then with the quote). Run: node examples/browser/booking-run.mjs [screenshot.png]
import { dirname, join, resolve } from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { serveStatic } from '../../core/tests/js/static-server.mjs';
import { launchChromium } from '../../core/tests/js/chromium.mjs';

const ROOT = resolve(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
const screenshot = process.argv[2] ?? join(ROOT, 'target', 'demo', 'browser-booking.png');
const sample = JSON.parse(readFileSync(join(ROOT, 'examples', 'data', 'rental-sample.json'), 'utf8'));
const FIELDS = ['customer_name', 'customer_email', 'customer_phone', 'date_from', 'date_to'];

const server = await serveStatic(ROOT);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
  await page.goto(`${server.url}/examples/browser/booking.html?now=${encodeURIComponent(sample.now)}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  console.log(await page.textContent('#log'));

  for (const field of FIELDS) await page.fill(`#${field}`, sample.bad_request[field] || ' ');
  await page.fill('#customer_name', '');
  for (const field of FIELDS) console.log(`bad ${field} -> ${await page.textContent(`#err-${field}`)}`);
  console.log(`bad quote -> ${await page.textContent('#quote')}`);
  mkdirSync(dirname(screenshot), { recursive: true });
  const errorsShot = screenshot.replace(/\.png$/, '-errors.png');
  await page.screenshot({ path: errorsShot, fullPage: true });
  console.log(`screenshot with errors: ${errorsShot}`);

  await page.selectOption('#vehicle_id', String(sample.request.vehicle_id));
  for (const field of FIELDS) await page.fill(`#${field}`, sample.request[field]);
  console.log(`good errors -> ${JSON.stringify(await Promise.all(FIELDS.map((f) => page.textContent(`#err-${f}`))))}`);
  console.log(`good total -> ${await page.textContent('#total')}`);
  console.log(`good breakdown -> ${(await page.textContent('#breakdown')).trim()}`);
  console.log(`good best -> ${await page.textContent('#best')}`);
  console.log(`good availability -> ${await page.textContent('#free')}`);
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);
} finally {
  await browser.close();
  await server.close();
}
