// A local stand-in for Smartcar's token and v2 odometer endpoints (127.0.0.1 only), as route handlers for
// serve-routes.mjs: Basic auth, single-use refresh tokens, 2-hour access tokens, `SC-Unit-System` and `SC-Data-Age`.
import { serveRoutes } from './serve-routes.mjs';

export const CLIENT_ID = 'demo-client-id';
export const CLIENT_SECRET = 'demo-client-secret';
const ODOMETERS = { 'sc-veh-civic': ['48211.7', '2025-06-02T07:45:00.000Z'] };

export async function startMockSmartcar() {
  const refreshTokens = new Set(['mock-refresh-1']);
  const accessTokens = new Set();
  let counter = 1;
  let tokenRequests = 0;
  const expected = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
  const token = async (request) => {
    tokenRequests += 1;
    if (request.headers.get('authorization') !== expected) {
      return Response.json({ error: 'invalid_client', error_description: 'Invalid client credentials.' }, { status: 401 });
    }
    const form = new URLSearchParams(await request.text());
    if (form.get('grant_type') !== 'refresh_token' || !refreshTokens.delete(form.get('refresh_token'))) {
      return Response.json({ error: 'invalid_grant', error_description: 'Invalid or expired refresh token.' }, { status: 400 });
    }
    const access = `mock-access-${++counter}`;
    const refresh = `mock-refresh-${++counter}`;
    accessTokens.add(access);
    refreshTokens.add(refresh);
    return Response.json({ access_token: access, token_type: 'Bearer', expires_in: 7200, refresh_token: refresh });
  };
  const odometer = async (request, { params }) => {
    const { id } = await params;
    if (!accessTokens.has((request.headers.get('authorization') ?? '').replace(/^Bearer /, ''))) {
      return Response.json({ type: 'AUTHENTICATION', description: 'The access token is invalid.' }, { status: 401 });
    }
    if (!ODOMETERS[id]) return Response.json({ type: 'RESOURCE_NOT_FOUND', description: 'Unknown vehicle.' }, { status: 404 });
    const [km, recorded] = ODOMETERS[id];
    return new Response(`{"distance": ${km}}`, {
      headers: { 'content-type': 'application/json', 'SC-Unit-System': 'metric', 'SC-Data-Age': recorded },
    });
  };
  const server = await serveRoutes([
    { pattern: /^\/oauth\/token$/, handler: token },
    { pattern: /^\/v2\.0\/vehicles\/(?<id>[^/]+)\/odometer$/, handler: odometer },
  ]);
  return { ...server, tokenRequests: () => tokenRequests };
}
