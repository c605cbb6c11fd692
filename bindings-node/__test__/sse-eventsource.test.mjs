// The SSE encoder's output read by a real browser EventSource (headless Chromium), served by a local Node server
// on 127.0.0.1; then the browser reconnects and sends the Last-Event-ID the decoder would also report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

import { launchChromium } from '../../core/tests/js/chromium.mjs';

const { sse } = createRequire(import.meta.url)('../index.js');

const EVENTS = [
  { data: 'plain' },
  { data: 'line 1\nline 2\n\nline 4', event: 'inventory', id: 'a1' },
  { data: 'crlf\r\nand lone\rcr', id: 'a2' },
  { data: '  two leading spaces', event: 'spaces' },
  { data: 'data: not a field\nid: not an id', id: 'a3' },
  { data: '', event: 'ping' },
  { data: 'été ☃ 🚗 {"vehicle_id": 7}', event: 'inventory', id: 'é4' },
  { data: 'trailing newline\n', id: 'a5' },
];
const TYPES = ['message', 'inventory', 'spaces', 'ping'];

const PAGE = `<!doctype html><meta charset="utf-8"><script>
  window.received = [];
  const source = new EventSource('/events');
  for (const type of ${JSON.stringify(TYPES)}) {
    source.addEventListener(type, (e) => window.received.push({ event: e.type, data: e.data, id: e.lastEventId }));
  }
</script>`;

let server;
let browser;
const reconnects = [];

before(async () => {
  let connections = 0;
  server = createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      return;
    }
    if (req.url !== '/events') {
      res.writeHead(404).end();
      return;
    }
    connections += 1;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    if (connections === 1) {
      res.write(sse.comment('heartbeat\nevent: injected?'));
      res.write(sse.encode('reconnect quickly', { event: 'message', retry: 50 }));
      for (const e of EVENTS) res.write(sse.encode(e.data, { event: e.event, id: e.id }));
      res.end(); // the browser reconnects after `retry` ms
    } else {
      reconnects.push(req.headers['last-event-id']);
      res.write(sse.encode('after reconnect'));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

test('[napi] EventSource in Chromium receives exactly what sse.encode wrote', async () => {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction((n) => window.received.length >= n, EVENTS.length + 2, { timeout: 20000 });
  const received = await page.evaluate(() => window.received);

  // What the browser reports, computed from the inputs alone: line breaks become LF, the id carries over.
  let lastId = '';
  const expected = [{ event: 'message', data: 'reconnect quickly', id: '' }];
  for (const e of EVENTS) {
    lastId = e.id ?? lastId;
    expected.push({ event: e.event ?? 'message', data: e.data.replace(/\r\n|\r/g, '\n'), id: lastId });
  }
  expected.push({ event: 'message', data: 'after reconnect', id: lastId });
  assert.deepEqual(received, expected);

  // The browser sent the last event ID on reconnecting, the same one fleetgate's decoder reports.
  assert.equal(reconnects[0], 'a5');
  const decoder = new sse.Decoder();
  for (const e of EVENTS) decoder.feed(Buffer.from(sse.encode(e.data, { event: e.event, id: e.id })));
  assert.equal(decoder.lastEventId, lastId);
});
