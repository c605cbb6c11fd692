// Live updates for the rental site's pages (Node runtime): a server-sent-events stream (EventSource) of the Odoo
// events the webhook routes receive, encoded by fleetgate's injection-safe encoder, with a heartbeat.
import { sse } from 'fleetgate';
import { state } from '@/lib/state';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(request: Request): Response {
  const { streams } = state();
  const encoder = new TextEncoder();
  let write: ((frame: string) => void) | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    if (write) streams.delete(write);
    if (heartbeat) clearInterval(heartbeat);
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      write = (frame) => controller.enqueue(encoder.encode(frame));
      streams.add(write);
      controller.enqueue(encoder.encode(sse.encode('connected', { event: 'hello', retry: 2000 })));
      heartbeat = setInterval(() => controller.enqueue(encoder.encode(sse.comment('heartbeat'))), 15000);
      request.signal.addEventListener('abort', () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel: stop,
  });
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-accel-buffering': 'no' },
  });
}
