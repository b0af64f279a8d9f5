import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { PAGE_HEADERS, rememberPage } from './page-cache.ts';
import { rememberSessionPage } from './session-page-cache.ts';

/** Sends a server-rendered page. preact-render-to-string escapes every interpolated value. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  const html = `<!doctype html>${renderToString(page)}`;
  if (reply.request.session === null) rememberPage(reply, status, html);
  else rememberSessionPage(reply, status, html);
  return reply.status(status).headers(PAGE_HEADERS).send(html);
}
