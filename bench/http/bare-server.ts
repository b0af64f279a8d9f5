/**
 * The baseline for `npm run bench`: a bare Fastify 5 server with one route that returns a tiny HTML string.
 * No plugins, no hooks, no logger. Started as a child process by bench/http/run.ts.
 */
import Fastify from 'fastify';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';

const HTML = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare</title></head><body><p>Hello</p></body></html>';

const app = Fastify({ logger: false });
app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(HTML));
app.get('/healthz', async () => ({ status: 'ok' }));

const address = await app.listen({ port, host });
console.log(`bare Fastify listening at ${address}`);

const stop = async () => {
  await app.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
