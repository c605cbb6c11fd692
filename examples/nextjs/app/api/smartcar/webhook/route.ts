// The maintenance app's Smartcar webhook (Node runtime, the napi package): answers VERIFY, verifies SC-Signature on
// the raw body, judges every odometer reading against the vehicle's history and stores a meter entry for each
// accepted one. Retries of a delivery are duplicates, stored once.
import { odometer, smartcar, webhooks } from 'fleetgate';
import { state } from '@/lib/state';

export const runtime = 'nodejs';

const AMT = process.env.SMARTCAR_AMT ?? 'demo-application-management-token';
/** Built once: the key is prepared at start-up. Pass [newAmt, oldAmt] while rotating. */
const verifier = webhooks.Verifier.smartcar(AMT, { maxBody: 1 << 20 });
/** The app's car id for each Smartcar vehicle (the app's `vehicles` table). */
const CARS: Record<string, number> = { 'veh-9': 42 };
/** The `smartcar_vehicles` row of each Smartcar vehicle (the meter entry's `source_id`). */
const VEHICLE_ROWS: Record<string, number> = { 'veh-9': 1 };

function reject(status: number, error: unknown): Response {
  const { code, message } = error as { code?: string; message?: string };
  return Response.json({ error: code ?? 'internal_error', message }, { status });
}

export async function POST(request: Request): Promise<Response> {
  // Read the raw bytes once, before anything parses them: the signature covers these exact bytes.
  const body = new Uint8Array(await request.arrayBuffer());
  const signed = request.headers.has('sc-signature');
  if (signed) {
    try {
      verifier.verify(request.headers, body);
    } catch (error) {
      return reject(401, error);
    }
  }
  let event: smartcar.Event;
  try {
    event = smartcar.parseEvent(body);
  } catch (error) {
    return reject(400, error);
  }
  if (event.challenge !== undefined && event.challenge !== null) {
    // VERIFY may arrive unsigned; parseEvent has already refused challenges that are JSON documents.
    return new Response(smartcar.challengeReply(AMT, event.challenge), {
      headers: { 'content-type': 'application/json' },
    });
  }
  if (!signed) return Response.json({ error: 'missing_header', message: 'missing header "SC-Signature"' }, { status: 401 });
  const { history, entries } = state();
  const readings = event.readings.map((r) => {
    // Each reading exactly as parseEvent returns it: readingFromSmartcar gives what check takes (the car's reading
    // time, oemUpdatedAt; the event id, the same across retries; source 'smartcar'; the value as delivered).
    let reading: odometer.ReadingInput;
    try {
      reading = odometer.readingFromSmartcar(r);
    } catch (error) {
      // Without the car's reading time (legacy v2 bodies) a reading cannot be placed among the others: skip it.
      const { code } = error as { code?: string };
      return { vehicleId: r.vehicleId, status: 'skipped', reason: code ?? 'internal_error', entry: null };
    }
    const past = history.get(r.vehicleId) ?? [];
    const verdict = odometer.check(past, reading);
    const carId = CARS[r.vehicleId];
    const sourceId = VEHICLE_ROWS[r.vehicleId];
    const entry = carId === undefined || sourceId === undefined ? null : odometer.meterEntry(verdict, { carId, sourceId });
    if (entry) {
      entries.push(entry);
      history.set(r.vehicleId, [...past, { ...reading, id: entries.length }]);
    }
    return { vehicleId: r.vehicleId, status: verdict.status, reason: verdict.reason, entry };
  });
  return Response.json({ eventId: event.eventId, eventType: event.eventType, readings, stored: entries.length });
}
