// Next.js App Router route handler for the maintenance app's `app/api/smartcar/webhook/route.js`.
// Answers Smartcar's VERIFY challenge, verifies SC-Signature on the RAW body, and returns the odometer readings.
import fleetgate from 'fleetgate';

const { webhooks, smartcar } = fleetgate;
const AMT = process.env.SMARTCAR_AMT ?? 'demo-application-management-token';
// Built once: the key is prepared at start-up. Pass [newAmt, oldAmt] while rotating.
const verifier = webhooks.Verifier.smartcar(AMT, { maxBody: 1 << 20 });

const reject = (status, err) => Response.json({ error: err.code, message: err.message }, { status });

export async function POST(request) {
  // Read the raw bytes ONCE, before anything parses them: the signature covers these exact bytes.
  const body = new Uint8Array(await request.arrayBuffer());
  const signed = request.headers.has('sc-signature');
  if (signed) {
    try {
      verifier.verify(request.headers, body);
    } catch (err) {
      return reject(401, err);
    }
  }
  let event;
  try {
    event = smartcar.parseEvent(body);
  } catch (err) {
    return reject(400, err);
  }
  if (event.challenge !== undefined && event.challenge !== null) {
    // VERIFY may arrive unsigned. parseEvent has already refused challenges that are JSON documents (their answer
    // would be a valid SC-Signature for that text as a body).
    return new Response(smartcar.challengeReply(AMT, event.challenge), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }
  if (!signed) return Response.json({ error: 'missing_header', message: 'missing header "SC-Signature"' }, { status: 401 });
  return Response.json({ eventId: event.eventId, eventType: event.eventType, readings: event.readings, issues: event.issues });
}
