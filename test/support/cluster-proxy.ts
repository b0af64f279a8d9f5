/**
 * A small round-robin HTTP proxy on 127.0.0.1 in front of several web processes, for the cluster topology of the
 * end-to-end tests. It picks the next backend for every request, not every connection, so one browser's consecutive
 * requests (on one keep-alive connection) land on different processes: a page that only works when the same process
 * serves the next request fails here. That is what "stateless web processes behind any load balancer" means.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Backend {
  name: string;
  port: number;
}

export interface RoundRobinProxy {
  url: string;
  /** Requests answered per backend name, for tests that check every process served. */
  served: Map<string, number>;
  /** Sends every request to one backend (by name) until called with null. */
  pin(name: string | null): void;
  close(): Promise<void>;
}

// Hop-by-hop headers are for one connection only and are not forwarded (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) out[k] = v;
  return out;
}

export async function startRoundRobinProxy(backends: Backend[], port = 0): Promise<RoundRobinProxy> {
  if (backends.length === 0) throw new Error('a proxy needs at least one backend');
  const served = new Map(backends.map((b) => [b.name, 0]));
  let next = 0;
  let pinned: Backend | undefined;
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const backend = pinned ?? backends[next++ % backends.length]!;
    const upstream = http.request(
      { host: '127.0.0.1', port: backend.port, method: req.method, path: req.url, headers: endToEnd(req.headers), agent },
      (up) => {
        served.set(backend.name, (served.get(backend.name) ?? 0) + 1);
        res.writeHead(up.statusCode ?? 502, { ...endToEnd(up.headers), 'x-served-by': backend.name });
        up.pipe(res);
      },
    );
    upstream.on('error', (err) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy: backend ${backend.name} failed: ${err.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    served,
    pin(name) {
      if (name === null) pinned = undefined;
      else {
        pinned = backends.find((b) => b.name === name);
        if (!pinned) throw new Error(`no backend named ${name}`);
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
