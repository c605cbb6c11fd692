// The Rust Smartcar receiver (examples/src/receiver) as a user runs it: `receiver serve` on a local port with a
// SQLite file, real HTTP deliveries signed with the napi package (and forged ones), then the rows it stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = resolve(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
const fleetgate = createRequire(import.meta.url)(join(ROOT, 'bindings-node'));
const AMT = 'node-test-application-management-token';

function delivery(eventId, value, unit, oemMs) {
  return JSON.stringify({
    eventId, eventType: 'VEHICLE_STATE', vehicleId: 'veh-9',
    data: { vehicle: { id: 'veh-9' }, signals: [{ code: 'odometer-traveleddistance', name: 'TraveledDistance', group: 'Odometer',
      body: { unit, value }, meta: { oemUpdatedAt: oemMs, fetchedAt: oemMs + 1000 } }] },
    meta: { version: '4.0', webhookId: 'wh', deliveryId: `d-${eventId}-${Math.random()}`, deliveredAt: oemMs + 2000 },
  });
}

async function startReceiver(db) {
  execFileSync('cargo', ['build', '--quiet', '-p', 'fleetgate-examples', '--bin', 'receiver'], { cwd: ROOT });
  const child = spawn(join(ROOT, 'target', 'debug', 'receiver'),
    ['serve', '--db', db, '--listen', '127.0.0.1:0', '--amt', AMT, '--link', 'veh-9=42'], { cwd: ROOT });
  const url = await new Promise((ok, fail) => {
    child.stderr.on('data', (chunk) => {
      const match = /listening on (http:\/\/\S+)/.exec(String(chunk));
      if (match) ok(`${match[1]}/api/smartcar/webhook`);
    });
    child.on('exit', (code) => fail(new Error(`receiver exited with ${code}`)));
  });
  return { child, url };
}

async function post(url, body, amt = AMT) {
  const headers = fleetgate.webhooks.Verifier.smartcar(amt).sign(Buffer.from(body));
  const response = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
  return { status: response.status, json: await response.json() };
}

test('receiver stores signed readings once, refuses forgeries, keeps every reading in the sync log', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'fleetgate-receiver-')), 'meter.sqlite');
  const { child, url } = await startReceiver(db);
  try {
    const t0 = 1_717_401_600_000;
    const first = await post(url, delivery('e1', 50000.5, 'kilometers', t0));
    assert.equal(first.status, 200);
    assert.equal(first.json.readings[0].status, 'accept');
    const retry = await post(url, delivery('e1', 50000.5, 'kilometers', t0));
    assert.equal(retry.json.readings[0].status, 'duplicate');
    const forged = await post(url, delivery('e2', 99999, 'kilometers', t0 + 3_600_000), 'not-the-real-token-0000000000');
    assert.deepEqual([forged.status, forged.json.error], [401, 'invalid_signature']);
    const late = await post(url, delivery('e3', 50010, 'kilometers', t0 - 3_600_000));
    assert.equal(late.json.readings[0].status, 'void');
    assert.equal(late.json.readings[0].reason, 'out_of_sequence');
  } finally {
    child.kill();
  }
  const rows = execFileSync(join(ROOT, '.venv', 'bin', 'python'), ['-c', `
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(json.dumps({
  "entries": db.execute("SELECT car_id, odometer_reading, entry_date, source_type, notes, event_id FROM meter_entries").fetchall(),
  "log": db.execute("SELECT event_id, status, reason FROM odometer_readings ORDER BY id").fetchall(),
}))`, db], { encoding: 'utf8' });
  const { entries, log } = JSON.parse(rows);
  assert.deepEqual(entries, [[42, 50000.5, '2024-06-03T08:00:00Z', 'manual', 'Automatically synced from Smartcar', 'e1']]);
  assert.deepEqual(log, [['e1', 'accept', null], ['e1', 'duplicate', null], ['e3', 'void', 'out_of_sequence']]);
});

test('receiver demo: the scripted day stores what it should and says why', () => {
  const out = execFileSync('cargo', ['run', '--quiet', '-p', 'fleetgate-examples', '--bin', 'receiver', '--', 'demo'], { cwd: ROOT, encoding: 'utf8' });
  assert.match(out, /the same event retried 25 s later\s+-> 200 duplicate/);
  assert.match(out, /09:00 reading arriving late\s+-> 200 accept/);
  assert.match(out, /sent in miles but labelled km\s+-> 200 void \(unit_mismatch\)/);
  assert.match(out, /parked: same value, six hours later\s+-> 200 accept/);
  assert.match(out, /a forged delivery \(wrong token\)\s+-> 401 refused: invalid_signature/);
  assert.equal((out.match(/^ {2}car 17 /gm) ?? []).length, 5);
});
