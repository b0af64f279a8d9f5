/** Small readers of the request that pages of every area share. */
import type { FastifyRequest } from 'fastify';
import type { RequestMeta } from '../../../app/accounts.ts';
import type { MessageKey } from '../../../i18n/index.ts';

/** The confirmation to show after a redirect (`?done=…`), only from the page's own list of notices. */
export function noticeFrom(request: FastifyRequest, allowed: Record<string, MessageKey>): MessageKey | undefined {
  const done = (request.query as Record<string, unknown>).done;
  return typeof done === 'string' ? allowed[done] : undefined;
}

/** Who made a request, for the audit log and rate limits. */
export function requestMeta(request: FastifyRequest): RequestMeta {
  return { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '').slice(0, 300) };
}
