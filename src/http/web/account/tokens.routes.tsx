/** The signed-in user's API tokens: list, make one (after giving the password again), delete. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API_SCOPES, type ApiScope } from '../../../core/account.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { createApiToken } from '../../../app/api-tokens.ts';
import { audit } from '../../../app/audit.ts';
import { listApiTokens, revokeApiToken, type ApiToken } from '../../../db/repositories/token.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { USER } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { noticeFrom, requestMeta } from '../ui/request.ts';
import { Csrf, ErrorSummary, formatDateTime, Notice, PostButton, TextField, type FieldErrors } from '../ui/components.tsx';
import { parseForm, password, text } from '../ui/forms.ts';
import { Layout } from '../ui/layout.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';

const NOTICES: Record<string, MessageKey> = { token_revoked: 'notice.token_revoked' };

function TokensPage(p: { ctx: PageCtx; tokens: ApiToken[]; created?: string | undefined; errors?: FieldErrors | undefined; notice?: MessageKey | undefined }) {
  const { t, locale } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('tokens.title')}>
      <h1>{t('tokens.title')}</h1>
      {p.notice ? <Notice>{t(p.notice)}</Notice> : null}
      <p>{t('tokens.explain')}</p>
      {p.created ? (
        <Notice kind="warn">
          <p>{t('tokens.shown_once')}</p>
          <code class="secret" data-testid="new-token">
            {p.created}
          </code>
        </Notice>
      ) : null}
      <ErrorSummary ctx={p.ctx} errors={p.errors} />
      {p.tokens.length > 0 ? (
        <div class="table-scroll">
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{t('tokens.name')}</th>
                <th scope="col">{t('tokens.scopes')}</th>
                <th scope="col">{t('tokens.created')}</th>
                <th scope="col">{t('tokens.last_used')}</th>
                <th scope="col">{t('sessions.action')}</th>
              </tr>
            </thead>
            <tbody>
              {p.tokens.map((tok) => (
                <tr>
                  <td data-label={t('tokens.name')}>{tok.name}</td>
                  <td data-label={t('tokens.scopes')}>{tok.scopes.join(', ')}</td>
                  <td data-label={t('tokens.created')}>{formatDateTime(tok.createdAt, locale)}</td>
                  <td data-label={t('tokens.last_used')}>{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt, locale) : t('tokens.never')}</td>
                  <td data-label={t('sessions.action')}>
                    <PostButton ctx={p.ctx} action={`/${locale}/account/tokens/revoke`} fields={{ id: tok.id }} label={t('tokens.revoke')} kind="secondary" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('tokens.none')}</p>
      )}
      <h2>{t('tokens.new_heading')}</h2>
      <form method="post" action={`/${locale}/account/tokens`} novalidate>
        <Csrf ctx={p.ctx} />
        <TextField name="name" label={t('tokens.name')} hint={t('tokens.name_hint')} error={p.errors?.name} maxLength={60} required />
        <fieldset class="field" id="f-scopes">
          <legend>{t('tokens.scopes')}</legend>
          {p.errors?.scopes ? <p class="error">{p.errors.scopes}</p> : null}
          <div class="choices">
            {API_SCOPES.map((s) => (
              <label>
                <input type="checkbox" name="scopes" value={s} /> <code>{s}</code> — {t(`scope.${s}` as MessageKey)}
              </label>
            ))}
          </div>
        </fieldset>
        <TextField
          name="password"
          type="password"
          label={t('tokens.password')}
          hint={t('tokens.password_hint')}
          autocomplete="current-password"
          error={p.errors?.password}
          required
        />
        <button type="submit">{t('tokens.create')}</button>
      </form>
    </Layout>
  );
}

const ScopesField = z
  .union([z.string(), z.array(z.string())], { message: 'tokens.error.scopes' })
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.enum(API_SCOPES, { message: 'tokens.error.scopes' })).min(1, { message: 'tokens.error.scopes' }).max(API_SCOPES.length));

export function tokenRoutes(deps: AppDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/:lang/account/tokens', { config: { access: USER } }, async (request, reply) => {
      const tokens = await listApiTokens(deps.db, request.user!.id);
      return sendPage(reply, <TokensPage ctx={pageCtx(request)} tokens={tokens} notice={noticeFrom(request, NOTICES)} />);
    });

    app.post('/:lang/account/tokens', { config: { access: USER } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const userId = request.user!.id;
      const page = async (errors: FieldErrors, status: number) => sendPage(reply, <TokensPage ctx={ctx} tokens={await listApiTokens(deps.db, userId)} errors={errors} />, status);
      const form = parseForm(z.object({ name: text(60), scopes: ScopesField, password }), request.body, request.t);
      if (!form.ok) return page(form.errors, 400);
      const result = await createApiToken(deps, userId, { name: form.data.name, scopes: form.data.scopes as ApiScope[], password: form.data.password }, requestMeta(request));
      if (!result.ok) {
        return result.error === 'rate_limited'
          ? page({ password: request.t('error.rate_limited') }, 429)
          : page({ password: request.t('security.wrong_password') }, 400);
      }
      return sendPage(reply, <TokensPage ctx={ctx} tokens={await listApiTokens(deps.db, userId)} created={result.token} />);
    });

    app.post('/:lang/account/tokens/revoke', { config: { access: USER } }, async (request, reply) => {
      const form = z.object({ id: z.uuid() }).safeParse(request.body);
      if (form.success && (await revokeApiToken(deps.db, request.user!.id, form.data.id, deps.clock.now().toISOString()))) {
        await audit(deps, deps.db, { type: 'user.api_token_revoked', userId: request.user!.id, ip: request.ip, detail: { tokenId: form.data.id } });
      }
      return reply.redirect(`/${request.locale}/account/tokens?done=token_revoked`, 303);
    });
  };
}
