// The booking examples in every language: the browser form (headless Chromium) shows live field errors, the
// quote with its breakdown and the availability; Rust, Python, Node and the browser print identical sample
// quotes, error lists and timelines. Expected values are hand calculations on examples/data/rental-sample.json:
// Feb 1 to Feb 8 inclusive in Brussels is 8 days (2024-01-31T23:00Z to 2024-02-08T23:00Z); Odoo mode takes the
// cheapest single rule, 8 days x 65.00 = 520.00 (2 weeks = 580.00, 192 h x 15.00 = 2880.00, 1 month = 950.00);
// the cheapest cover is 1 week + 1 day = 355.00. The Fiat 500 has 2 units; one is booked Feb 2 08:00Z (2 h
// padding: from 06:00Z) to Feb 4 17:00Z, so 1 of 2 is available.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const SAMPLES = ['quote odoo', 'quote best', 'errors', 'timeline'];

/** The `sample <what> = <json>` lines a demo printed, parsed. */
function samples(output) {
  return Object.fromEntries(SAMPLES.map((what) => {
    const line = output.split('\n').find((l) => l.startsWith(`sample ${what} = `));
    assert.ok(line, `missing "sample ${what}" in:\n${output}`);
    return [what, JSON.parse(line.slice(`sample ${what} = `.length))];
  }));
}

function checkHandCalculations(s) {
  assert.equal(s['quote odoo'].total, '520.00');
  assert.deepEqual(s['quote odoo'].breakdown.map((l) => [l.count, l.rule.unit, l.subtotal]), [[8, 'day', '520.00']]);
  assert.equal(s['quote best'].total, '355.00');
  assert.deepEqual(s['quote best'].breakdown.map((l) => [l.count, l.rule.unit]).sort(), [[1, 'day'], [1, 'week']]);
  assert.deepEqual(s.errors.map((e) => `${e.loc.join('.')} ${e.code}`), [
    'customer_name required', 'customer_email invalid_email', 'customer_phone invalid_phone',
    'date_from weekday_not_allowed', 'date_to end_not_after_start',
  ]);
  assert.deepEqual(s.timeline.map((t) => [t.start, t.available]), [
    ['2024-01-31T23:00:00Z', 2], ['2024-02-02T06:00:00Z', 1], ['2024-02-04T17:00:00Z', 2],
  ]);
}

const outputs = {};

test('Rust booking demo', () => {
  outputs.rust = run('cargo', ['run', '--quiet', '-p', 'fleetgate-examples', '--bin', 'booking-demo']);
  checkHandCalculations(samples(outputs.rust));
});

test('Python booking demo', () => {
  outputs.python = run(join(ROOT, '.venv', 'bin', 'python'), ['examples/python/booking_demo.py']);
  checkHandCalculations(samples(outputs.python));
  assert.match(outputs.python, /BookingValidationError code=validation_failed/);
  // 2024-02-08T23:00Z -> 2024-02-10T03:30Z is 28.5 h late: 1 day x 65.00 + 4 whole hours x 15.00.
  assert.match(outputs.python, /late_fee\(returned 2024-02-10T03:30:00Z\) = 125\.00 EUR \(1 d 4 h\)/);
});

test('Node /api/booking route handler', () => {
  outputs.node = run('node', ['examples/node/booking-demo.mjs']);
  checkHandCalculations(samples(outputs.node));
  assert.match(outputs.node, /POST \/api\/booking \(good request\) -> 200, unit 1-ABC-124, total 520\.00 EUR/);
  assert.match(outputs.node, /POST \/api\/booking \(bad request\) {2}-> 422: customer_name required/);
});

test('browser booking page: live errors, quote, availability and screenshots', () => {
  const shot = join(ROOT, 'target', 'test-browser-booking.png');
  const errorsShot = join(ROOT, 'target', 'test-browser-booking-errors.png');
  rmSync(shot, { force: true });
  rmSync(errorsShot, { force: true });
  outputs.browser = run('node', ['examples/browser/booking-run.mjs', shot]);
  const out = outputs.browser;
  checkHandCalculations(samples(out));
  assert.match(out, /bad customer_name -> .*\(required\)/);
  assert.match(out, /bad customer_email -> .*\(invalid_email\)/);
  assert.match(out, /bad customer_phone -> .*\(invalid_phone\)/);
  assert.match(out, /bad date_from -> .*\(weekday_not_allowed\)/);
  assert.match(out, /bad date_to -> .*\(end_not_after_start\)/);
  assert.match(out, /good errors -> \["","","","",""\]/);
  assert.match(out, /good total -> Price: 520\.00 EUR/);
  assert.match(out, /good breakdown -> 8 x 1 day at 65\.00/);
  assert.match(out, /good best -> Cheapest combination: 355\.00 EUR/);
  assert.match(out, /good availability -> 1 of 2 available/);
  for (const png of [shot, errorsShot]) {
    assert.ok(existsSync(png) && readFileSync(png).subarray(1, 4).toString() === 'PNG', `${png} is a PNG`);
  }
});

test('Rust, Python, Node and the browser print identical quotes, errors and timelines', () => {
  const langs = ['rust', 'python', 'node', 'browser'];
  for (const lang of langs) assert.ok(outputs[lang], `the ${lang} demo ran`);
  const [first, ...others] = langs.map((l) => samples(outputs[l]));
  for (const other of others) assert.deepEqual(other, first);
});
