/**
 * The page shown when an incident, or a company's new incidents, reached their limit (src/app/incidents.ts): a 429
 * with Retry-After that says in the reader's language when they can continue, that what they saved before is kept,
 * and gives back a text they typed, so nothing of a report under a legal deadline is lost by the refusal.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatDeadline, formatWait } from '../../../core/incidents/format.ts';
import type { AppDeps } from '../../../app/deps.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { sendPage } from '../../render.ts';
import { Notice } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import { pageCtx } from '../ui/page-context.ts';

export function sendIncidentLimited(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  p: { seconds: number; message: MessageKey; back: string; backLabel: MessageKey; text?: string | undefined },
): FastifyReply {
  const ctx = pageCtx(request);
  const { t } = ctx;
  const at = formatDeadline(new Date(deps.clock.now().getTime() + p.seconds * 1000).toISOString(), ctx.locale);
  const wait = formatWait(p.seconds, ctx.locale);
  reply.header('retry-after', String(p.seconds));
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('limit.incident.title')} narrow>
      <h1>{t('limit.incident.title')}</h1>
      <Notice kind="warn">
        <p data-testid="limit-message">{t(p.message)}</p>
        <p>
          <strong>{t('limit.incident.when', { time: at, wait })}</strong>
        </p>
      </Notice>
      {p.text ? (
        <div class="field">
          <label for="f-unsaved">{t('limit.incident.unsaved_text')}</label>
          <textarea id="f-unsaved" rows={6} readOnly>
            {p.text}
          </textarea>
        </div>
      ) : null}
      <p>
        <a class="button" href={p.back}>
          {t(p.backLabel)}
        </a>
      </p>
    </Layout>,
    429,
  );
}
