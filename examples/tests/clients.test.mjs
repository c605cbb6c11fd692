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
