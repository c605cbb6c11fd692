// A rental site's API in the style of Next.js route handlers (Request in, Response out), on node:http:
//
//   POST /api/bookings          at most 10 booking submissions in any hour per client, shared by every instance
//                               through Redis (ratelimit.RedisLimiter on the app's ioredis client: one EVALSHA)
//   POST /api/webhook/inventory an Odoo webhook: parsed by fleetgate, broadcast to the live stream
//   GET  /api/inventory/stream  server-sent events for browsers (EventSource), with heartbeats
//
// Run: FLEETGATE_REDIS_URL=redis://127.0.0.1:6379/ node examples/node/rental-server.mjs
import { createServer } from 'node:http';
import Redis from 'ioredis';
import fleetgate from 'fleetgate';

const { ratelimit, sse, odoo } = fleetgate;
const QUOTA = { limit: 10, period: 3600 };
// The load balancer in front of the app is the only trusted proxy.
const TRUSTED_PROXIES = ['127.0.0.0/8'];

export function createRentalApp({ redisUrl, prefix = 'rl:bookings' }) {
  const redis = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 });
  // Sliding log (the default): never more than 10 in any hour. If Redis is down, bookings are refused for a
  // second rather than let through unlimited (onError: 'deny'); decision.reason says so.
  const limiter = new ratelimit.RedisLimiter(redis, { ...QUOTA, prefix, onError: 'deny', legacyHeaders: true });
  const streams = new Set();

  async function submitBooking(request, peer) {
    const key = ratelimit.clientKey(peer, [...request.headers], { trustedProxies: TRUSTED_PROXIES });
    const decision = await limiter.check(key);
    const headers = new Headers(decision.headers);
    if (!decision.allowed) {
      return Response.json({ error: 'too_many_bookings', retryAfter: decision.retryAfter }, { status: 429, headers });
    }
    return Response.json({ ok: true, remaining: decision.remaining }, { status: 201, headers });
  }

  async function inventoryWebhook(request) {
    try {
      const event = odoo.parseEvent(new Uint8Array(await request.arrayBuffer()));
      const frame = sse.encode(JSON.stringify(event.invalidates), { event: event.type, id: String(Date.now()) });
      for (const stream of streams) stream.write(frame);
      return Response.json({ ok: true, invalidates: event.invalidates });
    } catch (error) {
      return Response.json({ error: error.code, message: error.message }, { status: 400 });
    }
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/api/inventory/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(sse.encode('connected', { event: 'hello', retry: 2000 }));
      const heartbeat = setInterval(() => res.write(sse.comment('heartbeat')), 15000);
      streams.add(res);
      req.on('close', () => { clearInterval(heartbeat); streams.delete(res); });
      return;
    }
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const request = new Request(url, { method: req.method, headers: req.headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    let response;
    try {
      if (req.method === 'POST' && url.pathname === '/api/bookings') response = await submitBooking(request, req.socket.remoteAddress);
      else if (req.method === 'POST' && url.pathname === '/api/webhook/inventory') response = await inventoryWebhook(request);
      else response = new Response('not found', { status: 404 });
    } catch (error) {
      response = Response.json({ error: error.code ?? 'error', message: error.message }, { status: error.code ? 400 : 500 });
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });

  return {
    server,
    async close() {
      for (const stream of streams) stream.end();
      await new Promise((resolve) => server.close(resolve));
      redis.disconnect();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const app = createRentalApp({ redisUrl: process.env.FLEETGATE_REDIS_URL ?? 'redis://127.0.0.1:6379/' });
  app.server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
    console.log(`rental API on http://127.0.0.1:${app.server.address().port}`);
  });
}
