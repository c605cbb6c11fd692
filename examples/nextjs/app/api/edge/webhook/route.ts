// An Odoo webhook verified on the Edge runtime with fleetgate-wasm: the package's `edge-light` entry imports its
// `.wasm` as a precompiled module (`?module`), so nothing is compiled from bytes and `init()` is a no-op.
import init, { odoo, webhooks } from 'fleetgate-wasm';

export const runtime = 'edge';

const SECRET = process.env.ODOO_WEBHOOK_SECRET ?? 'demo-odoo-webhook-secret-0123456789';

export async function POST(request: Request): Promise<Response> {
  await init();
  const verifier = webhooks.Verifier.odoo(SECRET, { timestamped: true });
  const body = new Uint8Array(await request.arrayBuffer());
  try {
    verifier.verify(request.headers, body, {});
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return Response.json({ error: code, message, runtime: 'edge' }, { status: 401 });
  }
  const event = odoo.parseEvent(body) as { type: string; invalidates: unknown };
  return Response.json({ runtime: 'edge', type: event.type, invalidates: event.invalidates });
}
