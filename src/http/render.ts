import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { PAGE_HEADERS, rememberPage } from './page-cache.ts';

/** Sends a server-rendered page. preact-render-to-string escapes every interpolated value. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  const html = `<!doctype html>${renderToString(page)}`;
  rememberPage(reply, status, html);
  return reply.status(status).headers(PAGE_HEADERS).send(html);
}
