/** One error handler for the whole app: JSON for the API (and clients that ask for it), a page for people. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { MessageKey } from '../i18n/index.ts';
import { databaseErrorCode } from './db-errors.ts';
import { AppError, ERROR_CATALOG, type ErrorCode, type FieldIssue } from './errors.ts';
import { sendPage } from './render.ts';
import { Layout } from './web/ui/layout.tsx';
import { pageCtx, type PageCtx } from './web/ui/page-context.ts';
import { translator } from '../i18n/index.ts';
import { localeOf } from './request-context.ts';

function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = String(request.headers.accept ?? '');
  return accept.includes('application/json') && !accept.includes('text/html');
}

const ISSUE_KEYS: Record<string, MessageKey> = {
  invalid_type: 'api.issue.invalid_type',
  too_small: 'api.issue.too_small',
  too_big: 'api.issue.too_big',
  invalid_value: 'api.issue.invalid_value',
  invalid_format: 'api.issue.invalid_format',
  unrecognized_keys: 'api.issue.unrecognized_keys',
};

function ErrorPage(p: { ctx: PageCtx; code: ErrorCode; status: number }) {
  const { t, locale } = p.ctx;
  const title = p.status === 404 ? t('error.page.not_found_title') : p.status >= 500 ? t('error.page.server_title') : t('error.page.title');
  return (
    <Layout ctx={p.ctx} title={title} narrow>
      <h1>{title}</h1>
      <p class="lead">{t(ERROR_CATALOG[p.code].message)}</p>
      <p>
        <a class="button" href={`/${locale}/`}>
          {t('error.page.home')}
        </a>
      </p>
      <p class="hint">
        {t('error.page.code')}: <code>{p.code}</code>
      </p>
    </Layout>
  );
}

export function sendError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, issues?: FieldIssue[], retryAfterSeconds?: number): FastifyReply {
  const { status, message } = ERROR_CATALOG[code];
  if (retryAfterSeconds) reply.header('retry-after', String(retryAfterSeconds));
  if (wantsJson(request)) {
    return reply.status(status).header('cache-control', 'no-store').send({ error: { code, message: request.t(message), ...(issues ? { issues } : {}) } });
  }
  return sendPage(reply, <ErrorPage ctx={pageCtx(request)} code={code} status={status} />, status);
}

function classify(error: FastifyError, request: FastifyRequest): { code: ErrorCode; issues?: FieldIssue[] } {
  if (error instanceof AppError) return { code: error.code, ...(error.issues ? { issues: error.issues } : {}) };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      path: `${error.validationContext ?? ''}${v.instancePath ?? ''}`.replace(/\//g, '.'),
      message: request.t(ISSUE_KEYS[String((v.params as { issue?: { code?: string } }).issue?.code)] ?? 'form.error.invalid'),
    }));
    return { code: 'validation_failed', issues };
  }
  if (error.validation) return { code: 'validation_failed' };
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'payload_too_large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'unsupported_media_type' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'invalid_json' };
  }
  if (error instanceof SyntaxError || /JSON/.test(error.message)) {
    if (error.statusCode === 400) return { code: 'invalid_json' };
  }
  const fromDatabase = databaseErrorCode(error);
  if (fromDatabase) return { code: fromDatabase };
  const status = error.statusCode ?? 500;
  if (status === 404) return { code: 'not_found' };
  if (status === 405) return { code: 'method_not_allowed' };
  if (status === 413) return { code: 'payload_too_large' };
  if (status === 415) return { code: 'unsupported_media_type' };
  if (status === 429) return { code: 'rate_limited' };
  if (status >= 400 && status < 500) return { code: 'bad_request' };
  return { code: 'internal' };
}

/**
 * Errors the router raises before any hook or route runs: a path segment longer than `maxParamLength` (an id no
 * record can have) and a path that is not valid percent-encoding. Without this, Fastify answers them with its own
 * English JSON (`FST_ERR_MAX_PARAM_LENGTH`, status 414), outside the error catalogue and without a page for people
 * (DESIGN.md: one error handler; OWASP ASVS 4.0.3 §7.4.1: a generic message). Passed as Fastify's `frameworkErrors`.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  request.locale = localeOf(request);
  request.t = translator(request.locale);
  request.log.info({ code: error.code }, 'request refused by the router');
  return sendError(request, reply, error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'not_found' : 'bad_request');
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { code, issues } = classify(error, request);
    if (code === 'internal') request.log.error({ err: error }, 'unhandled error');
    else if (code === 'unavailable' || code === 'storage_full') request.log.warn({ code, err: error.message }, 'database unavailable');
    else request.log.info({ code, err: error.message }, 'request refused');
    // Both pass by themselves (a restart, freed space): tell clients when to try again (RFC 9110 §10.2.3).
    const retryAfter = error instanceof AppError ? error.retryAfterSeconds : code === 'unavailable' || code === 'storage_full' ? 30 : undefined;
    return sendError(request, reply, code, issues, retryAfter);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, 'not_found'));
}
