// The rental site's Odoo webhooks, `/api/webhook/booking` and `/api/webhook/inventory` (Node runtime): the back
// office signs `timestamp + "." + body` (X-Odoo-Signature, X-Odoo-Timestamp); fleetgate checks the signature and the
// 5-minute window, parses the event, and the caches it invalidates are broadcast to `/api/events`.
import { odoo, sse, verifyRequest, webhooks } from 'fleetgate';
import { broadcast } from '@/lib/state';

export const runtime = 'nodejs';

const SECRET = process.env.ODOO_WEBHOOK_SECRET ?? 'demo-odoo-webhook-secret-0123456789';
const verifier = webhooks.Verifier.odoo(SECRET, { timestamped: true, maxBody: 1 << 20 });
const KINDS = new Set(['booking', 'inventory']);

export async function POST(request: Request, { params }: { params: Promise<{ kind: string }> }): Promise<Response> {
  const { kind } = await params;
  if (!KINDS.has(kind)) return Response.json({ error: 'unknown_webhook' }, { status: 404 });
  let body: Uint8Array;
  try {
    ({ body } = await verifyRequest(verifier, request));
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return Response.json({ error: code, message }, { status: 401 });
  }
  // Only now is the body trusted enough to parse.
  let event: ReturnType<typeof odoo.parseEvent>;
  try {
    event = odoo.parseEvent(body);
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return Response.json({ error: code, message }, { status: 400 });
  }
  const type = String(event.type);
  const listeners = broadcast(sse.encode(JSON.stringify({ kind, type, invalidates: event.invalidates }), { event: type }));
  return Response.json({ kind, type, invalidates: event.invalidates, listeners });
}
