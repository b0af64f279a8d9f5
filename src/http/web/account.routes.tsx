/** The signed-in user's own pages: dashboard, two-factor authentication, sessions, API tokens. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { API_SCOPES, describeUserAgent, type ApiScope, type Membership, type Session } from '../../core/account.ts';
import type { AppDeps } from '../../app/deps.ts';
import { beginTotpSetup, changePassword, confirmTotpSetup, disableTotp, pendingTotpSecret, recoveryCodesLeft, regenerateRecoveryCodes } from '../../app/accounts.ts';
import { audit } from '../../app/audit.ts';
import { readQuickScanDraft } from '../../app/assessments.ts';
import { QUICK_SCAN_COOKIE } from './quick-scan.routes.tsx';
import { consume, HOUR } from '../../app/rate-limit.ts';
import { randomToken, sha256 } from '../../adapters/crypto.ts';
import { totpQrSvg, totpUri } from '../../adapters/totp.ts';
import { listMembershipsOfUser } from '../../db/repositories/company.repository.ts';
import { listLiveSessions, revokeAllSessions, revokeSession } from '../../db/repositories/session.repository.ts';
import { insertApiToken, listApiTokens, revokeApiToken, type ApiToken } from '../../db/repositories/token.repository.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { USER } from '../access.ts';
import { sendPage } from '../render.ts';
import { Csrf, ErrorSummary, formatDateTime, Notice, PostButton, TextField, type FieldErrors } from './components.tsx';
import { parseForm, password, text } from './forms.ts';
import { Layout } from './layout.tsx';
import { pageCtx, type PageCtx } from './page-context.ts';
import { PASSWORD_PROBLEM_KEYS, requestMeta } from './auth.routes.tsx';
import { PASSWORD_MIN_LENGTH } from '../../core/password-policy.ts';

const NOTICES: Record<string, MessageKey> = {
  mfa_disabled: 'notice.mfa_disabled',
  sessions_revoked: 'notice.sessions_revoked',
  session_revoked: 'notice.session_revoked',
  token_revoked: 'notice.token_revoked',
  recovery_used: 'notice.recovery_used',
  password_changed: 'notice.password_changed',
  company_created: 'notice.company_created',
  joined: 'notice.joined',
};

export function noticeFrom(request: FastifyRequest, allowed: Record<string, MessageKey>): MessageKey | undefined {
  const done = (request.query as Record<string, unknown>).done;
  return typeof done === 'string' ? allowed[done] : undefined;
}

function AccountPage(p: { ctx: PageCtx; memberships: Membership[]; notice?: MessageKey | undefined; hasDraft?: boolean }) {
  const { t, locale, user } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('account.title')}>
      <h1>{t('account.hello', { name: user?.displayName ?? '' })}</h1>
      {p.notice ? <Notice>{t(p.notice)}</Notice> : null}
      {p.hasDraft ? (
        <Notice kind="info">
          {t('qs.draft_waiting')} <a href={`/${locale}/companies/new?from=quick-scan`}>{t('qs.draft_use')}</a>
        </Notice>
      ) : null}
      {!user?.totpEnabled ? (
        <Notice kind="warn">
          {t('account.mfa_nudge')} <a href={`/${locale}/account/security`}>{t('account.mfa_nudge_link')}</a>
        </Notice>
      ) : null}
      <h2>{t('account.companies')}</h2>
      {p.memberships.length === 0 ? <p>{t('account.no_companies')}</p> : null}
      <ul class="cards">
        {p.memberships.map((m) => (
          <li class="card">
            <h3>
              <a href={`/${locale}/companies/${m.companyId}`}>{m.companyName}</a>
            </h3>
            <p>
              {t('company.your_role')}: {t(`role.${m.role}` as MessageKey)}
            </p>
          </li>
        ))}
      </ul>
      <p>
        <a class="button" href={`/${locale}/companies/new`}>
          {t('account.new_company')}
        </a>
      </p>
      <h2>{t('account.settings')}</h2>
      <ul>
        <li>
          <a href={`/${locale}/account/security`}>{t('security.title')}</a>
        </li>
        <li>
          <a href={`/${locale}/account/sessions`}>{t('sessions.title')}</a>
        </li>
        <li>
          <a href={`/${locale}/account/tokens`}>{t('tokens.title')}</a>
        </li>
      </ul>
    </Layout>
  );
}

interface SecurityView {
  enabled: boolean;
  codesLeft: number;
  setup?: { secret: string; qrSvg: string } | undefined;
  recoveryCodes?: string[] | undefined;
  errors?: FieldErrors | undefined;
  notice?: MessageKey | undefined;
  requiredBy?: boolean;
}

function SecurityPage(p: { ctx: PageCtx; v: SecurityView }) {
  const { t, locale } = p.ctx;
  const v = p.v;
  return (
    <Layout ctx={p.ctx} title={t('security.title')} narrow>
      <h1>{t('security.title')}</h1>
      {v.notice ? <Notice>{t(v.notice)}</Notice> : null}
      {v.requiredBy && !v.enabled ? <Notice kind="warn">{t('security.required_by_company')}</Notice> : null}
      <ErrorSummary ctx={p.ctx} errors={v.errors} />
      <h2>{t('security.mfa_heading')}</h2>
      <p>{t('security.explain')}</p>
      {v.recoveryCodes ? (
        <section>
          <h2>{t('security.codes_heading')}</h2>
          <Notice kind="warn">{t('security.codes_explain')}</Notice>
          <ul class="codes" data-testid="recovery-codes">
            {v.recoveryCodes.map((c) => (
              <li>{c}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {v.enabled ? (
        <>
          <p>
            <strong>{t('security.status_on')}</strong>
          </p>
          <p>{t('security.codes_left', { count: v.codesLeft })}</p>
          <PostButton ctx={p.ctx} action={`/${locale}/account/security/recovery-codes`} label={t('security.new_codes')} kind="secondary" />
          <h2>{t('security.disable_heading')}</h2>
          <form method="post" action={`/${locale}/account/security/disable`} novalidate>
            <Csrf ctx={p.ctx} />
            <TextField name="password" type="password" label={t('security.confirm_password')} autocomplete="current-password" error={v.errors?.password} required />
            <button type="submit" class="danger">
              {t('security.disable')}
            </button>
          </form>
        </>
      ) : v.setup ? (
        <section>
          <h2>{t('security.setup_heading')}</h2>
          <ol class="steps">
            <li>{t('security.step_app')}</li>
            <li>
              {t('security.step_scan')}
              <div class="qr" role="img" aria-label={t('security.qr_label')} dangerouslySetInnerHTML={{ __html: v.setup.qrSvg }} />
              <p>
                {t('security.step_manual')} <code class="secret" data-testid="totp-secret">{v.setup.secret}</code>
              </p>
            </li>
            <li>{t('security.step_code')}</li>
          </ol>
          <form method="post" action={`/${locale}/account/security/confirm`} novalidate>
            <Csrf ctx={p.ctx} />
            <TextField name="code" label={t('mfa.code')} autocomplete="one-time-code" inputMode="numeric" error={v.errors?.code} maxLength={10} required />
            <button type="submit">{t('security.confirm')}</button>
          </form>
        </section>
      ) : (
        <>
          <p>
            <strong>{t('security.status_off')}</strong>
          </p>
          <PostButton ctx={p.ctx} action={`/${locale}/account/security/setup`} label={t('security.start')} />
        </>
      )}
      <h2>{t('security.password_heading')}</h2>
      <form method="post" action={`/${locale}/account/password`} novalidate>
        <Csrf ctx={p.ctx} />
        <TextField name="current" type="password" label={t('security.current_password')} autocomplete="current-password" error={v.errors?.current} required />
        <TextField
          name="next"
          type="password"
          label={t('security.new_password')}
          hint={t('signup.password_hint', { min: PASSWORD_MIN_LENGTH })}
          autocomplete="new-password"
          error={v.errors?.next}
          required
        />
        <button type="submit" class="secondary">
          {t('security.change_password')}
        </button>
      </form>
    </Layout>
  );
}

function SessionsPage(p: { ctx: PageCtx; sessions: Session[]; currentId: string; notice?: MessageKey | undefined }) {
  const { t, locale } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('sessions.title')}>
      <h1>{t('sessions.title')}</h1>
      {p.notice ? <Notice>{t(p.notice)}</Notice> : null}
      <p>{t('sessions.explain')}</p>
      <div class="table-scroll">
        <table>
          <caption class="hint">{t('sessions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sessions.device')}</th>
              <th scope="col">{t('sessions.address')}</th>
              <th scope="col">{t('sessions.started')}</th>
              <th scope="col">{t('sessions.last_seen')}</th>
              <th scope="col">{t('sessions.action')}</th>
            </tr>
          </thead>
          <tbody>
            {p.sessions.map((s) => (
              <tr>
                <td>
                  {describeUserAgent(s.userAgent)}
                  {s.id === p.currentId ? <strong> ({t('sessions.this_one')})</strong> : null}
                </td>
                <td>{s.ip}</td>
                <td>{formatDateTime(s.createdAt, locale)}</td>
                <td>{formatDateTime(s.lastSeenAt, locale)}</td>
                <td>{s.id === p.currentId ? '—' : <PostButton ctx={p.ctx} action={`/${locale}/account/sessions/revoke`} fields={{ id: s.id }} label={t('sessions.revoke')} kind="secondary" />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <PostButton ctx={p.ctx} action={`/${locale}/account/sessions/revoke-all`} label={t('sessions.revoke_all')} kind="danger" />
    </Layout>
  );
}

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
          <table>
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
                  <td>{tok.name}</td>
                  <td>{tok.scopes.join(', ')}</td>
                  <td>{formatDateTime(tok.createdAt, locale)}</td>
                  <td>{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt, locale) : t('tokens.never')}</td>
                  <td>
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
        <button type="submit">{t('tokens.create')}</button>
      </form>
    </Layout>
  );
}

const ScopesField = z
  .union([z.string(), z.array(z.string())], { message: 'tokens.error.scopes' })
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.enum(API_SCOPES, { message: 'tokens.error.scopes' })).min(1, { message: 'tokens.error.scopes' }).max(API_SCOPES.length));

export function accountRoutes(deps: AppDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/:lang/account', { config: { access: USER } }, async (request, reply) => {
      const memberships = await listMembershipsOfUser(deps.db, request.user!.id);
      const hasDraft = (await readQuickScanDraft(deps, request.cookies[QUICK_SCAN_COOKIE])) !== undefined;
      return sendPage(reply, <AccountPage ctx={pageCtx(request)} memberships={memberships} notice={noticeFrom(request, NOTICES)} hasDraft={hasDraft} />);
    });

    async function securityView(request: FastifyRequest, extra: Partial<SecurityView> = {}): Promise<SecurityView> {
      const user = request.user!;
      const pending = user.totpEnabled ? null : await pendingTotpSecret(deps, user.id);
      const setup = pending ? { secret: pending, qrSvg: await totpQrSvg(totpUri(pending, user.email)) } : undefined;
      const q = request.query as Record<string, unknown>;
      return {
        enabled: user.totpEnabled,
        codesLeft: user.totpEnabled ? await recoveryCodesLeft(deps, user.id) : 0,
        setup,
        notice: noticeFrom(request, NOTICES),
        requiredBy: typeof q.required === 'string',
        ...extra,
      };
    }

    app.get('/:lang/account/security', { config: { access: USER } }, async (request, reply) =>
      sendPage(reply, <SecurityPage ctx={pageCtx(request)} v={await securityView(request)} />),
    );

    app.post('/:lang/account/security/setup', { config: { access: USER } }, async (request, reply) => {
      if (!request.user!.totpEnabled) await beginTotpSetup(deps, request.user!.id);
      return reply.redirect(`/${request.locale}/account/security`, 303);
    });

    app.post('/:lang/account/security/confirm', { config: { access: USER } }, async (request, reply) => {
      const form = parseForm(z.object({ code: text(10) }), request.body, request.t);
      const ctx = pageCtx(request);
      if (!form.ok) return sendPage(reply, <SecurityPage ctx={ctx} v={await securityView(request, { errors: form.errors })} />, 400);
      const limited = await consume(deps, [{ key: `mfa-setup:${request.user!.id}`, max: 10, windowMs: HOUR }]);
      if (!limited.allowed) return sendPage(reply, <SecurityPage ctx={ctx} v={await securityView(request, { errors: { code: request.t('error.rate_limited') } })} />, 429);
      const result = await confirmTotpSetup(deps, request.user!.id, form.data.code, requestMeta(request));
      if (!result.ok) {
        return sendPage(reply, <SecurityPage ctx={ctx} v={await securityView(request, { errors: { code: request.t('mfa.invalid') } })} />, 400);
      }
      const u = { ...request.user!, totpEnabled: true };
      request.user = u;
      return sendPage(reply, <SecurityPage ctx={pageCtx(request)} v={await securityView(request, { recoveryCodes: result.recoveryCodes, setup: undefined, notice: 'notice.mfa_enabled' })} />);
    });

    app.post('/:lang/account/security/recovery-codes', { config: { access: USER } }, async (request, reply) => {
      if (!request.user!.totpEnabled) return reply.redirect(`/${request.locale}/account/security`, 303);
      const codes = await regenerateRecoveryCodes(deps, request.user!.id, requestMeta(request));
      return sendPage(reply, <SecurityPage ctx={pageCtx(request)} v={await securityView(request, { recoveryCodes: codes })} />);
    });

    app.post('/:lang/account/security/disable', { config: { access: USER } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const form = parseForm(z.object({ password }), request.body, request.t);
      if (!form.ok) return sendPage(reply, <SecurityPage ctx={ctx} v={await securityView(request, { errors: form.errors })} />, 400);
      const result = await disableTotp(deps, request.user!.id, form.data.password, requestMeta(request));
      if (!result.ok) {
        const key: MessageKey = result.error === 'required_by_company' ? 'security.cannot_disable_required' : 'security.wrong_password';
        return sendPage(reply, <SecurityPage ctx={ctx} v={await securityView(request, { errors: { password: request.t(key) } })} />, 400);
      }
      return reply.redirect(`/${request.locale}/account/security?done=mfa_disabled`, 303);
    });

    app.post('/:lang/account/password', { config: { access: USER } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const form = parseForm(z.object({ current: password, next: password }), request.body, request.t);
      if (!form.ok) return sendPage(reply, <SecurityPage ctx={ctx} v={await securityView(request, { errors: form.errors })} />, 400);
      const result = await changePassword(deps, request.user!.id, request.session!.id, form.data.current, form.data.next, requestMeta(request));
      if (!result.ok) {
        const errors: FieldErrors =
          result.error === 'invalid_password'
            ? { current: request.t('security.wrong_password') }
            : result.error === 'rate_limited'
              ? { current: request.t('error.rate_limited') }
              : { next: request.t(PASSWORD_PROBLEM_KEYS[result.error] ?? 'form.error.invalid') };
        return sendPage(reply, <SecurityPage ctx={ctx} v={await securityView(request, { errors })} />, result.error === 'rate_limited' ? 429 : 400);
      }
      return reply.redirect(`/${request.locale}/account/security?done=password_changed`, 303);
    });

    app.get('/:lang/account/sessions', { config: { access: USER } }, async (request, reply) => {
      const sessions = await listLiveSessions(deps.db, request.user!.id, deps.clock.now().toISOString());
      return sendPage(reply, <SessionsPage ctx={pageCtx(request)} sessions={sessions} currentId={request.session!.id} notice={noticeFrom(request, NOTICES)} />);
    });

    app.post('/:lang/account/sessions/revoke', { config: { access: USER } }, async (request, reply) => {
      const form = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) }).safeParse(request.body);
      if (form.success) await revokeSession(deps.db, request.user!.id, form.data.id, deps.clock.now().toISOString());
      return reply.redirect(`/${request.locale}/account/sessions?done=session_revoked`, 303);
    });

    app.post('/:lang/account/sessions/revoke-all', { config: { access: USER } }, async (request, reply) => {
      const n = await revokeAllSessions(deps.db, request.user!.id, deps.clock.now().toISOString(), request.session!.id);
      await audit(deps, deps.db, { type: 'user.sessions_revoked', userId: request.user!.id, ip: request.ip, detail: { count: n, reason: 'user_request' } });
      return reply.redirect(`/${request.locale}/account/sessions?done=sessions_revoked`, 303);
    });

    app.get('/:lang/account/tokens', { config: { access: USER } }, async (request, reply) => {
      const tokens = await listApiTokens(deps.db, request.user!.id);
      return sendPage(reply, <TokensPage ctx={pageCtx(request)} tokens={tokens} notice={noticeFrom(request, NOTICES)} />);
    });

    app.post('/:lang/account/tokens', { config: { access: USER } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const userId = request.user!.id;
      const form = parseForm(z.object({ name: text(60), scopes: ScopesField }), request.body, request.t);
      if (!form.ok) return sendPage(reply, <TokensPage ctx={ctx} tokens={await listApiTokens(deps.db, userId)} errors={form.errors} />, 400);
      const limited = await consume(deps, [{ key: `token-create:${userId}`, max: 20, windowMs: HOUR }]);
      if (!limited.allowed) return sendPage(reply, <TokensPage ctx={ctx} tokens={await listApiTokens(deps.db, userId)} errors={{ name: request.t('error.rate_limited') }} />, 429);
      const token = `sch_${randomToken(32)}`;
      const id = randomUUID();
      await insertApiToken(deps.db, { id, userId, name: form.data.name, tokenHash: sha256(token), scopes: form.data.scopes as ApiScope[], now: deps.clock.now().toISOString() });
      await audit(deps, deps.db, { type: 'user.api_token_created', userId, ip: request.ip, detail: { tokenId: id, scopes: form.data.scopes.join(' ') } });
      return sendPage(reply, <TokensPage ctx={ctx} tokens={await listApiTokens(deps.db, userId)} created={token} />);
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
