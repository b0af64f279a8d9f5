/** The signed-in user's own pages: dashboard, two-factor authentication, sessions, API tokens. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { describeUserAgent, type Membership, type Session } from '../../../core/account.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { changePassword } from '../../../app/accounts.ts';
import { beginTotpSetup, confirmTotpSetup, disableTotp, pendingTotpSecret, recoveryCodesLeft, regenerateRecoveryCodes, type ManageMfaError } from '../../../app/mfa.ts';
import { endAllApiTokens } from '../../../app/api-tokens.ts';
import { audit } from '../../../app/audit.ts';
import { readQuickScanDraft } from '../../../app/assessments.ts';
import { QUICK_SCAN_COOKIE } from '../ui/quick-scan-cookie.ts';
import { totpQrSvg, totpUri } from '../../../adapters/totp.ts';
import { listMembershipsOfUser } from '../../../db/repositories/company.repository.ts';
import { listLiveSessions, revokeAllSessions, revokeSession } from '../../../db/repositories/session.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { USER } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { Csrf, ErrorSummary, formatDateTime, Notice, PostButton, TextField, type FieldErrors } from '../ui/components.tsx';
import { parseForm, password, text } from '../ui/forms.ts';
import { Layout } from '../ui/layout.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';
import { noticeFrom, requestMeta } from '../ui/request.ts';
import { PASSWORD_PROBLEM_KEYS } from './password-problems.ts';
import { PASSWORD_MIN_LENGTH } from '../../../core/password-policy.ts';

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


/** Unticked by default: ending the API tokens too is the safe default (OWASP ASVS 4.0.3 §3.3.3). */
function KeepTokens({ ctx }: { ctx: PageCtx }) {
  return (
    <div class="field">
      <label>
        <input type="checkbox" name="keepTokens" value="yes" /> {ctx.t('account.keep_tokens')}
      </label>
      <p class="hint">{ctx.t('account.keep_tokens_hint')}</p>
    </div>
  );
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
          <h2>{t('security.new_codes')}</h2>
          <p>{t('security.prove_both')}</p>
          <form method="post" action={`/${locale}/account/security/recovery-codes`} novalidate>
            <Csrf ctx={p.ctx} />
            <TextField name="codesPassword" type="password" label={t('security.confirm_password')} autocomplete="current-password" error={v.errors?.codesPassword} required />
            <TextField name="codesCode" label={t('security.confirm_code')} autocomplete="one-time-code" error={v.errors?.codesCode} maxLength={20} required />
            <button type="submit" class="secondary">
              {t('security.new_codes')}
            </button>
          </form>
          <h2>{t('security.disable_heading')}</h2>
          <p>{t('security.prove_both')}</p>
          <form method="post" action={`/${locale}/account/security/disable`} novalidate>
            <Csrf ctx={p.ctx} />
            <TextField name="password" type="password" label={t('security.confirm_password')} autocomplete="current-password" error={v.errors?.password} required />
            <TextField name="code" label={t('security.confirm_code')} autocomplete="one-time-code" error={v.errors?.code} maxLength={20} required />
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
        <KeepTokens ctx={p.ctx} />
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
        <table class="stack" data-testid="sessions">
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
                <td data-label={t('sessions.device')}>
                  {describeUserAgent(s.userAgent)}
                  {s.id === p.currentId ? <strong> ({t('sessions.this_one')})</strong> : null}
                </td>
                <td data-label={t('sessions.address')}>{s.ip}</td>
                <td data-label={t('sessions.started')}>{formatDateTime(s.createdAt, locale)}</td>
                <td data-label={t('sessions.last_seen')}>{formatDateTime(s.lastSeenAt, locale)}</td>
                <td data-label={t('sessions.action')}>{s.id === p.currentId ? '—' : <PostButton ctx={p.ctx} action={`/${locale}/account/sessions/revoke`} fields={{ id: s.id }} label={t('sessions.revoke')} kind="secondary" />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form method="post" action={`/${locale}/account/sessions/revoke-all`}>
        <Csrf ctx={p.ctx} />
        <KeepTokens ctx={p.ctx} />
        <button type="submit" class="danger">
          {t('sessions.revoke_all')}
        </button>
      </form>
    </Layout>
  );
}

/** Only the exact value "yes" keeps the tokens; anything else (or nothing) ends them. */
const KeepTokensField = z.unknown().optional().transform((v) => v === 'yes');

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
      const result = await confirmTotpSetup(deps, request.user!.id, form.data.code, requestMeta(request));
      if (!result.ok) {
        const limited = result.error === 'rate_limited';
        return sendPage(reply, <SecurityPage ctx={ctx} v={await securityView(request, { errors: { code: request.t(limited ? 'error.rate_limited' : 'mfa.invalid') } })} />, limited ? 429 : 400);
      }
      const u = { ...request.user!, totpEnabled: true };
      request.user = u;
      return sendPage(reply, <SecurityPage ctx={pageCtx(request)} v={await securityView(request, { recoveryCodes: result.recoveryCodes, setup: undefined, notice: 'notice.mfa_enabled' })} />);
    });

    /** The messages for a failed proof, on the fields of the form that was sent. */
    const proofErrors = (request: FastifyRequest, error: ManageMfaError, fields: { password: string; code: string }): FieldErrors =>
      error === 'rate_limited'
        ? { [fields.password]: request.t('error.rate_limited') }
        : error === 'invalid_password'
          ? { [fields.password]: request.t('security.wrong_password') }
          : { [fields.code]: request.t('mfa.invalid') };

    app.post('/:lang/account/security/recovery-codes', { config: { access: USER } }, async (request, reply) => {
      if (!request.user!.totpEnabled) return reply.redirect(`/${request.locale}/account/security`, 303);
      const ctx = pageCtx(request);
      const form = parseForm(z.object({ codesPassword: password, codesCode: text(20) }), request.body, request.t);
      if (!form.ok) return sendPage(reply, <SecurityPage ctx={ctx} v={await securityView(request, { errors: form.errors })} />, 400);
      const result = await regenerateRecoveryCodes(deps, request.user!.id, { password: form.data.codesPassword, code: form.data.codesCode }, requestMeta(request));
      if (!result.ok) {
        const errors = proofErrors(request, result.error, { password: 'codesPassword', code: 'codesCode' });
        return sendPage(reply, <SecurityPage ctx={ctx} v={await securityView(request, { errors })} />, result.error === 'rate_limited' ? 429 : 400);
      }
      return sendPage(reply, <SecurityPage ctx={ctx} v={await securityView(request, { recoveryCodes: result.recoveryCodes })} />);
    });

    app.post('/:lang/account/security/disable', { config: { access: USER } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const form = parseForm(z.object({ password, code: text(20) }), request.body, request.t);
      if (!form.ok) return sendPage(reply, <SecurityPage ctx={ctx} v={await securityView(request, { errors: form.errors })} />, 400);
      const result = await disableTotp(deps, request.user!.id, form.data, requestMeta(request));
      if (!result.ok) {
        const errors =
          result.error === 'required_by_company'
            ? { password: request.t('security.cannot_disable_required') }
            : proofErrors(request, result.error, { password: 'password', code: 'code' });
        return sendPage(reply, <SecurityPage ctx={ctx} v={await securityView(request, { errors })} />, result.error === 'rate_limited' ? 429 : 400);
      }
      return reply.redirect(`/${request.locale}/account/security?done=mfa_disabled`, 303);
    });

    app.post('/:lang/account/password', { config: { access: USER } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const form = parseForm(z.object({ current: password, next: password, keepTokens: KeepTokensField }), request.body, request.t);
      if (!form.ok) return sendPage(reply, <SecurityPage ctx={ctx} v={await securityView(request, { errors: form.errors })} />, 400);
      const result = await changePassword(deps, request.user!.id, request.session!.id, form.data.current, form.data.next, requestMeta(request), { keepTokens: form.data.keepTokens });
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
      const keep = KeepTokensField.safeParse((request.body as Record<string, unknown> | undefined)?.keepTokens);
      if (!(keep.success && keep.data)) await endAllApiTokens(deps, request.user!.id, 'user_request', requestMeta(request));
      return reply.redirect(`/${request.locale}/account/sessions?done=sessions_revoked`, 303);
    });

  };
}
