// Next.js App Router route handler for the maintenance app's `app/api/smartcar/sync/[vehicleId]/route.js`: the
// "Sync Now" button. fleetgate refreshes an expiring token, reads the odometer and judges the reading with the same
// rules as the webhook route; the handler only stores what comes back. `db` is the app's data access (Supabase,
// Prisma, ...): `vehicle(id)`, `history(carId)`, `saveTokens(id, tokens)`, `insertEntry(entry)`, `log(record)`.
/** Builds the POST handler around one shared fleetgate `smartcar.Client` (safe to share; build it once). */
export function syncRoute({ client, db }) {
  return async function POST(request, { params }) {
    const { vehicleId } = await params;
    const row = await db.vehicle(vehicleId);
    if (!row) return Response.json({ error: 'not_found' }, { status: 404 });
    const vehicle = {
      id: row.id,
      smartcarVehicleId: row.smartcar_vehicle_id,
      carId: row.car_id,
      accessToken: row.access_token,
      refreshToken: row.refresh_token,
      expiresAt: row.expires_at,
    };
    try {
      const result = await client.syncVehicle(vehicle, await db.history(row.car_id));
      // The refresh token is single-use: store the new pair before anything else can fail.
      if (result.tokens.refreshed) await db.saveTokens(row.id, result.tokens);
      if (result.meter_entry) await db.insertEntry(result.meter_entry);
      await db.log(result.sync_log);
      const { status, reason, duplicate_of: duplicateOf } = result.verdict;
      return Response.json({ status, reason, duplicateOf, entry: result.meter_entry });
    } catch (err) {
      // unauthorized: the user must reconnect the car; rate_limited / timeout / upstream_error: try again later.
      const status = { unauthorized: 409, rate_limited: 429, invalid_argument: 400 }[err.code] ?? 502;
      return Response.json({ error: err.code, message: err.message }, { status });
    }
  };
}
