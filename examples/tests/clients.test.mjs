// The "Sync Now" example against the bundled mock Smartcar: what it prints, and that no secret is printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));

test('Python sync_vehicles.py: one entry created, a duplicate, a void reading, an upstream error', () => {
  const out = execFileSync(join(ROOT, '.venv', 'bin', 'python'), ['examples/python/sync_vehicles.py'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  assert.match(out, /vehicle 1 \(sc-veh-civic\): 48211\.7 km read at 2025-06-02T07:45:00Z -> accept; tokens refreshed/);
  assert.match(out, /vehicle 2 \(sc-veh-model3\): .* -> duplicate \(repeats entry 9002\); tokens still valid/);
  assert.match(out, /vehicle 3 \(sc-veh-transit\): 150310 km .* -> void \(out_of_sequence\); tokens refreshed/);
  assert.match(out, /vehicle 4 \(sc-veh-unknown\): ClientError code=upstream_error/);
  assert.match(out, /meter entries to insert: 1\n  car 101: 48211\.7 km on 2025-06-02T07:45:00Z \(source manual #1/);
  assert.match(out, /token requests the mock served: 2/);
  for (const secret of ['demo-client-secret', 'mock-access-', 'mock-refresh-']) assert.ok(!out.includes(secret), secret);
});

test('Node sync-now-demo.mjs: the route stores one entry; a second press and the webhook are duplicates', () => {
  const out = execFileSync('node', ['examples/node/sync-now-demo.mjs'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const first = JSON.parse(out.match(/first press {2}-> (.*)/)[1]);
  assert.deepEqual([first.status, first.entry.odometer_reading, first.entry.entry_date, first.entry.car_id], ['accept', 48211.7, '2025-06-02T07:45:00Z', 101]);
  assert.equal(first.entry.notes, 'Automatically synced from Smartcar (manual sync)');
  assert.match(out, /second press -> \{"status":"duplicate","reason":null,"duplicateOf":1,"entry":null\}/);
  assert.match(out, /webhook of the same reading -> duplicate of entry 1/);
  assert.match(out, /meter entries stored: 1; token requests: 1/);
  for (const secret of ['demo-client-secret', 'mock-access-', 'mock-refresh-']) assert.ok(!out.includes(secret), secret);
});
