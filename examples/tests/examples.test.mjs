// Runs every example program the way the README and the demo do, and checks what it prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('Rust demo prints exact conversions and the error code', () => {
  const out = run('cargo', ['run', '--quiet', '-p', 'fleetgate-examples', '--bin', 'demo']);
  assert.match(out, /to_metres\("12,345.6", "mi"\) = 19868317 m/);
  assert.match(out, /999,999 mi: exact 1609342391 m, the x1\.60934 approximation 1609338391 m \(4000 m short\)/);
  assert.match(out, /error invalid_value/);
});

test('Python example', () => {
  const out = run(join(ROOT, '.venv', 'bin', 'python'), ['examples/python/units_demo.py']);
  assert.match(out, /to_metres\('12,345.6', 'mi'\) = 19868317/);
  assert.match(out, /convert\(1, 'mi', 'km'\)\s+= 1\.609344/);
  assert.match(out, /UnitsError code=invalid_value/);
});

test('Python backfill: one verdict row per reading, nothing dropped', () => {
  const out = join(ROOT, 'target', 'test-backfill-verdicts.csv');
  rmSync(out, { force: true });
  const printed = run(join(ROOT, '.venv', 'bin', 'python'), ['examples/python/backfill.py', 'examples/python/sample_readings.csv', out]);
  assert.match(printed, /11 readings ->/);
  const rows = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(rows.length, 12);
  const statusOf = (id) => rows.find((r) => r.includes(`,smartcar,${id},`) || r.includes(`,manual,${id},`)).split(',').slice(-6, -4).join('/');
  assert.equal(statusOf(2), 'duplicate/');
  assert.equal(statusOf(4), 'accept/'); // late but in order
  assert.equal(statusOf(5), 'void/unit_mismatch');
  assert.equal(statusOf(7), 'accept/'); // parked car, same value later
  assert.equal(statusOf(8), 'void/invalid_value');
  assert.equal(statusOf(9), 'void/out_of_sequence');
  assert.equal(statusOf(10), 'void/exceeds_max_rate');
});

test('Node example', () => {
  const out = run('node', ['examples/node/units-demo.mjs']);
  assert.match(out, /units\.toMetres\('12,345.6', 'mi'\) = 19868317/);
  assert.match(out, /units\.fromMetres\(1609344, 'mi'\)\s+= 1000/);
  assert.match(out, /code=invalid_value/);
});

test('browser example: the form shows metres and errors, and a screenshot is saved', () => {
  const shot = join(ROOT, 'target', 'test-browser-units.png');
  rmSync(shot, { force: true });
  const out = run('node', ['examples/browser/run.mjs', shot]);
  assert.match(out, /units\.toMetres\('12,345\.6', 'mi'\) = 19868317/);
  assert.match(out, /typed "250,000" \(mi\) -> page shows: 402336000 m = 402336 km/);
  assert.match(out, /typed "12,34" \(mi\) -> page shows: invalid_value: /);
  assert.ok(existsSync(shot) && readFileSync(shot).subarray(1, 4).toString() === 'PNG');
});

test('README snippets are the example files (so the README shows code that runs)', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const marked = [...readme.matchAll(/<!-- example: (\S+) -->\s*```\w*\n([\s\S]*?)```/g)];
  assert.ok(marked.length >= 3, 'README marks its snippets with <!-- example: path -->');
  for (const [, path, code] of marked) {
    assert.ok(readFileSync(join(ROOT, path), 'utf8').includes(code.trim()), `README snippet differs from ${path}`);
  }
});
