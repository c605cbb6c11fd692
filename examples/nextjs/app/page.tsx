import Link from 'next/link';

/** The index: what this example app serves. */
export default function Home() {
  return (
    <main>
      <h1>fleetgate on Next.js</h1>
      <ul>
        <li><Link href="/book">Book a rental</Link> (validated and priced in the browser by fleetgate-wasm)</li>
        <li><code>POST /api/smartcar/webhook</code>: Smartcar webhooks (VERIFY, signed deliveries; napi)</li>
        <li><code>POST /api/smartcar/sync/[vehicleId]</code>: Sync Now</li>
        <li><code>POST /api/booking</code>: the booking proxy (validate, rate-limit, price)</li>
        <li><code>POST /api/webhook/booking</code>, <code>/api/webhook/inventory</code>: Odoo webhooks, broadcast to <code>GET /api/events</code> (SSE)</li>
        <li><code>POST /api/edge/webhook</code>: an Odoo webhook verified on the Edge runtime (fleetgate-wasm)</li>
      </ul>
    </main>
  );
}
