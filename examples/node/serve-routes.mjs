// A tiny Node HTTP server that runs Next.js App Router route handlers (`export async function POST(request,
// {params})`) on real WHATWG Request objects, bound to 127.0.0.1. The examples' tests and the demo use it.
import http from 'node:http';

/**
 * Starts a server for `routes`: `[{pattern: /^\/api\/webhook\/(?<kind>[^/]+)$/, handler}]`.
 * Resolves to `{url, close}`; named groups of the pattern become the handler's `params`.
 */
export function serveRoutes(routes) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const route = routes.map((r) => ({ ...r, match: r.pattern.exec(url.pathname) })).find((r) => r.match);
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const request = new Request(url, { method: req.method, headers, body });
    const response = await route.handler(request, { params: Promise.resolve({ ...route.match.groups }) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}
