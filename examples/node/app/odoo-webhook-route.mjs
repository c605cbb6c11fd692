// Next.js App Router route handler for the rental site's `app/api/webhook/[kind]/route.js` (kind: booking or
// inventory). The Odoo back office signs `timestamp + "." + body` with ODOO_WEBHOOK_SECRET (X-Odoo-Signature:
// sha256=<hex>, X-Odoo-Timestamp); fleetgate checks the signature and the 5-minute window before anything is parsed.
import fleetgate from 'fleetgate';

const { webhooks, verifyRequest } = fleetgate;
const SECRET = process.env.ODOO_WEBHOOK_SECRET ?? 'demo-odoo-webhook-secret-0123456789';
const verifier = webhooks.Verifier.odoo(SECRET, { timestamped: true, maxBody: 1 << 20 });
const KINDS = new Set(['booking', 'inventory']);

export async function POST(request, { params }) {
  const { kind } = await params;
  if (!KINDS.has(kind)) return Response.json({ error: 'unknown_webhook' }, { status: 404 });
  let verified;
  let body;
  try {
    ({ verified, body } = await verifyRequest(verifier, request));
  } catch (err) {
    return Response.json({ error: err.code, message: err.message }, { status: 401 });
  }
  // Only now is the body trusted enough to parse.
  let payload;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return Response.json({ error: 'invalid_payload' }, { status: 400 });
  }
  return Response.json({ kind, accepted: true, id: payload.id ?? null, signedAt: verified.timestamp, keyIndex: verified.keyIndex });
}
