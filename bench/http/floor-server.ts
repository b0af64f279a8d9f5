/**
 * The floor for `bench/http/floor.ts`: a bare Fastify 5 server (no plugins, hooks or logger) that answers with
 * responses captured from Schild, the same status line, headers and body bytes. What it costs per request is what
 * sending Schild's bytes costs, with none of Schild's work. CAPTURE names a JSON file { name: { headers, body } };
 * each entry is served at GET and POST /<name>, and the bare route at /.
 */
import Fastify from 'fastify';
import { readFileSync } from 'node:fs';

const captured = JSON.parse(readFileSync(process.env.CAPTURE ?? '', 'utf8')) as Record<string, { headers: Record<string, string>; body: string }>;
const HTML = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare</title></head><body><p>Hello</p></body></html>';
const app = Fastify({ logger: false });
app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(HTML));
app.get('/healthz', async () => ({ status: 'ok' }));
for (const [name, c] of Object.entries(captured)) {
  const body = Buffer.from(c.body);
  app.get(`/${name}`, async (_request, reply) => reply.headers(c.headers).send(body));
  app.post(`/${name}`, async (_request, reply) => reply.headers(c.headers).send(body));
}
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
console.log(`floor server listening at ${address}`);
const stop = async () => {
  await app.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
