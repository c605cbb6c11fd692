// "Sync Now" from Node: the App Router handler (app/smartcar-sync-route.mjs) against the local mock Smartcar, with
// an in-memory database. The first press refreshes the expired token and stores a meter entry; the second finds the
// same reading (a duplicate, nothing stored); then the webhook delivers that reading too: also a duplicate.
// Run: node examples/node/sync-now-demo.mjs
import fleetgate from 'fleetgate';
import { serveRoutes } from './serve-routes.mjs';
import { syncRoute } from './app/smartcar-sync-route.mjs';
import { CLIENT_ID, CLIENT_SECRET, startMockSmartcar } from './mock-smartcar.mjs';

const { smartcar, odometer } = fleetgate;
const mock = await startMockSmartcar();
const client = new smartcar.Client(CLIENT_ID, CLIENT_SECRET, { authBaseUrl: mock.url, apiBaseUrl: mock.url, timeout: 5 });

const rows = new Map([[1, {
  id: 1, smartcar_vehicle_id: 'sc-veh-civic', car_id: 101,
  access_token: 'mock-access-expired', refresh_token: 'mock-refresh-1', expires_at: Math.floor(Date.now() / 1000) - 60,
}]]);
const entries = [];
const db = {
  vehicle: async (id) => rows.get(Number(id)),
  history: async (carId) => entries.filter((e) => e.car_id === carId)
    .map((e, i) => ({ value: e.raw_value, unit: e.raw_unit, readingTime: e.reading_time, source: 'smartcar', id: i + 1 })),
  saveTokens: async (id, t) => Object.assign(rows.get(id), { access_token: t.access_token, refresh_token: t.refresh_token, expires_at: t.expires_at }),
  insertEntry: async (entry) => entries.push(entry),
  log: async () => {},
};
const app = await serveRoutes([{ pattern: /^\/api\/smartcar\/sync\/(?<vehicleId>\d+)$/, handler: syncRoute({ client, db }) }]);
const press = async () => (await fetch(`${app.url}/api/smartcar/sync/1`, { method: 'POST' })).json();

console.log('== Node: Sync Now (route handler + smartcar.Client against the mock) ==');
console.log('first press  ->', JSON.stringify(await press()));
console.log('second press ->', JSON.stringify(await press()));
const webhook = { value: '48211.7', unit: 'kilometers', readingTime: '2025-06-02T07:45:00Z', eventId: 'evt-9', source: 'smartcar' };
const verdict = odometer.check(await db.history(101), webhook);
console.log(`webhook of the same reading -> ${verdict.status} of entry ${verdict.duplicate_of}`);
console.log(`meter entries stored: ${entries.length}; token requests: ${mock.tokenRequests()}`);
await app.close();
await mock.close();
