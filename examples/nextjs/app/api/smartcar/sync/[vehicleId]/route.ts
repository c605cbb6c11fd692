// "Sync Now" for one vehicle (Node runtime): fleetgate's Smartcar client refreshes an expiring token, reads the
// odometer and judges the reading with the same rules as the webhook route; the handler only stores what comes
// back. SMARTCAR_AUTH_URL / SMARTCAR_API_URL point it at the bundled mock (examples/node/mock-smartcar.mjs) in tests.
import { odometer, smartcar } from 'fleetgate';
import { state } from '@/lib/state';

export const runtime = 'nodejs';

const client = new smartcar.Client(
  process.env.SMARTCAR_CLIENT_ID ?? 'demo-client-id',
  process.env.SMARTCAR_CLIENT_SECRET ?? 'demo-client-secret',
  { authBaseUrl: process.env.SMARTCAR_AUTH_URL, apiBaseUrl: process.env.SMARTCAR_API_URL, timeout: 5 },
);

/** The app's `vehicles` rows: tokens as stored, refreshed in place. */
const vehicles = new Map([
  ['1', {
    id: 1, smartcarVehicleId: 'sc-veh-civic', carId: 101,
    accessToken: 'mock-access-expired', refreshToken: 'mock-refresh-1', expiresAt: Math.floor(Date.now() / 1000) - 60,
  }],
]);

export async function POST(_request: Request, { params }: { params: Promise<{ vehicleId: string }> }): Promise<Response> {
  const { vehicleId } = await params;
  const vehicle = vehicles.get(vehicleId);
  if (!vehicle) return Response.json({ error: 'not_found' }, { status: 404 });
  const { history, entries } = state();
  const past = history.get(vehicle.smartcarVehicleId) ?? [];
  try {
    const result = await client.syncVehicle(vehicle, past);
    const tokens = result.tokens as { refreshed: boolean; access_token: string; refresh_token: string; expires_at: number };
    // The refresh token is single-use: store the new pair before anything else can fail.
    if (tokens.refreshed) {
      Object.assign(vehicle, { accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expiresAt: tokens.expires_at });
    }
    const verdict = result.verdict as odometer.Verdict;
    const entry = (result.meter_entry ?? null) as odometer.MeterEntry | null;
    if (entry) {
      entries.push(entry);
      history.set(vehicle.smartcarVehicleId, [
        ...past,
        { value: entry.raw_value, unit: entry.raw_unit ?? undefined, readingTime: entry.reading_time, source: 'smartcar', id: entries.length },
      ]);
    }
    return Response.json({ status: verdict.status, reason: verdict.reason, duplicateOf: verdict.duplicate_of, entry });
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    // unauthorized: reconnect the car; rate_limited / timeout / upstream_error: try again later.
    const status = ({ unauthorized: 409, rate_limited: 429, invalid_argument: 400 } as Record<string, number>)[code ?? ''] ?? 502;
    return Response.json({ error: code, message }, { status });
  }
}
