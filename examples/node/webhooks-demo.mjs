// fleetgate webhooks from Node: the two App Router route handlers behind a local HTTP server, fed a signed
// Smartcar delivery, a forgery, a replay and an Odoo booking. Run: node examples/node/webhooks-demo.mjs
import fleetgate from 'fleetgate';
import { serveRoutes } from './serve-routes.mjs';
import * as smartcarRoute from './app/smartcar-webhook-route.mjs';
import * as odooRoute from './app/odoo-webhook-route.mjs';

const { webhooks } = fleetgate;
const server = await serveRoutes([
  { pattern: /^\/api\/smartcar\/webhook$/, handler: smartcarRoute.POST },
  { pattern: /^\/api\/webhook\/(?<kind>[^/]+)$/, handler: odooRoute.POST },
]);
const post = async (path, headers, body) => {
  const res = await fetch(server.url + path, { method: 'POST', headers, body });
  return `${res.status} ${await res.text()}`;
};

console.log('== Node: fleetgate webhooks (App Router handlers on a local server) ==');
const smartcarSigner = webhooks.Verifier.smartcar('demo-application-management-token');
const verify = JSON.stringify({ eventId: 'evt_v', eventType: 'VERIFY', data: { challenge: 'b1a6e0c4' }, meta: {} });
console.log('VERIFY (unsigned)            ->', await post('/api/smartcar/webhook', {}, verify));
const state = JSON.stringify({
  eventId: 'evt_1', eventType: 'VEHICLE_STATE',
  data: { vehicle: { id: 'veh_1' }, signals: [{ code: 'odometer-traveleddistance', body: { unit: 'km', value: 104.32 }, meta: { oemUpdatedAt: 1731000000000 } }] },
  meta: { deliveryId: 'dl_1' },
});
console.log('VEHICLE_STATE signed         ->', await post('/api/smartcar/webhook', smartcarSigner.sign(state), state));
const forged = webhooks.Verifier.smartcar('not-the-real-token').sign(state);
console.log('VEHICLE_STATE forged         ->', await post('/api/smartcar/webhook', forged, state));
const reserialised = JSON.stringify(JSON.parse(state), null, 1);
console.log('VEHICLE_STATE re-serialised  ->', await post('/api/smartcar/webhook', smartcarSigner.sign(state), reserialised));

const odooSigner = webhooks.Verifier.odoo('demo-odoo-webhook-secret-0123456789', { timestamped: true });
const booking = JSON.stringify({ id: 42, vehicle: 'Fiat 500', start: '2026-12-01' });
const now = Math.floor(Date.now() / 1000);
console.log('Odoo booking signed          ->', await post('/api/webhook/booking', odooSigner.sign(booking, { timestamp: now }), booking));
console.log('Odoo booking replayed (1 h)  ->', await post('/api/webhook/booking', odooSigner.sign(booking, { timestamp: now - 3600 }), booking));
await server.close();
