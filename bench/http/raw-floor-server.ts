/**
 * A lower floor than bench/http/floor-server.ts for `bench/http/floor.ts`: Node's own HTTP server with no framework,
 * which reads a POST body, parses it as JSON and answers with a response captured from Schild (same status, headers
 * and bytes). What it costs per request is the least any server in Node can spend on that exchange. CAPTURE names the
 * JSON file of captures; each entry is served at /<name>. 127.0.0.1 only.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';

const captured = JSON.parse(readFileSync(process.env.CAPTURE ?? '', 'utf8')) as Record<string, { headers: Record<string, string>; body: string }>;
const answers = new Map(
  Object.entries(captured).map(([name, c]) => {
    const body = Buffer.from(c.body);
    return [`/${name}`, { body, headers: { ...c.headers, 'content-length': String(body.length) } }] as const;
  }),
);
const server = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  const answer = answers.get((req.url ?? '') as `/${string}`);
  const chunks: Buffer[] = [];
  req.on('data', (d: Buffer) => chunks.push(d));
  req.on('end', () => {
    if (chunks.length > 0) JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (!answer) res.writeHead(404).end();
    else res.writeHead(200, answer.headers).end(answer.body);
  });
});
server.keepAliveTimeout = 72_000;
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => console.log('raw floor server listening'));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
process.once('SIGINT', () => server.close(() => process.exit(0)));
