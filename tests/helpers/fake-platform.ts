import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in chat platform over HTTP on 127.0.0.1, outside the processes that post to it, so a post
 * survives the poster being killed. Counts deliveries per idempotency key.
 */
export async function startFakePlatform(latencyMs: number) {
  const deliveries = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = url.searchParams.get('key') ?? '';
    if (req.method === 'POST' && url.pathname === '/post') {
      setTimeout(() => {
        deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
        res.end(JSON.stringify({ messageRef: `m-${key}` }));
      }, latencyMs);
    } else if (req.method === 'GET' && url.pathname === '/find') {
      res.end(JSON.stringify(deliveries.has(key) ? { messageRef: `m-${key}` } : null));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deliveries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
