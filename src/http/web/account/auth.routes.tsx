/** Sign-up, e-mail verification, log-in (with the TOTP step), log-out and password reset. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PASSWORD_MIN_LENGTH } from '../../../core/password-policy.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { completeMfa } from '../../../app/mfa.ts';
import {
  isResetTokenValid,
  logIn,
  openLoginHint,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  sealLoginHint,
  signUp,
  verifyEmail,
} from '../../../app/accounts.ts';
import { audit } from '../../../app/audit.ts';
import { revokeSession } from '../../../db/repositories/session.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { MFA_PENDING, PUBLIC } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { cookieNames, cookieOptions } from '../../request-context.ts';
import { Csrf, ErrorSummary, Notice, TextField, type FieldErrors } from '../ui/components.tsx';
import { OneTimeCodeField } from '../ui/one-time-code.tsx';
import { nextQuery, SignupForm } from '../ui/signup-form.tsx';
import { email, parseForm, password, safeNext, text } from '../ui/forms.ts';
import { Layout } from '../ui/layout.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';
import { requestMeta } from '../ui/request.ts';
import { PASSWORD_PROBLEM_KEYS } from './password-problems.ts';



/** Notices shown after a redirect, by an allow-listed code in `?done=`. */
const NOTICES: Record<string, MessageKey> = {
  password_reset: 'notice.password_reset',
  logged_out: 'notice.logged_out',
  verified: 'notice.verified',
};

function noticeOf(request: FastifyRequest): MessageKey | undefined {
  const done = (request.query as Record<string, unknown>).done;
  return typeof done === 'string' ? NOTICES[done] : undefined;
}

/** A page to come back to after confirming the address, or undefined (the account page is the default). */
function optionalNext(value: unknown): string | undefined {
  return safeNext(value, '') || undefined;
}

function SignupPage(p: { ctx: PageCtx; values?: Record<string, string>; errors?: FieldErrors; general?: string; next?: string | undefined }) {
  const { t, locale } = p.ctx;
  const invited = p.next?.startsWith(`/${locale}/invitations/`) ?? false;
  return (
    <Layout ctx={p.ctx} title={t('signup.title')} narrow>
      <h1>{t('signup.title')}</h1>
      <p class="lead">{t(invited ? 'signup.lead_invited' : 'signup.lead')}</p>
      <ErrorSummary ctx={p.ctx} errors={p.errors} general={p.general} />
      <SignupForm ctx={p.ctx} values={p.values} errors={p.errors} next={p.next} />
      <p>
        {t('signup.have_account')} <a href={`/${locale}/login${nextQuery(p.next)}`}>{t('nav.login')}</a>
      </p>
    </Layout>
  );
}

/**
 * "Check your mail", with a form to send the link again (rate-limited in the use case). It keeps `next`, so a new
 * link still leads back to the invitation.
 */
function CheckMailPage(p: { ctx: PageCtx; message: string; email?: string | undefined; next?: string | undefined; errors?: FieldErrors; general?: string | undefined }) {
  const { t, locale } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('signup.check_mail_title')} narrow>
      <h1>{t('signup.check_mail_title')}</h1>
      <ErrorSummary ctx={p.ctx} errors={p.errors} general={p.general} />
      <Notice kind="info">{p.message}</Notice>
      <h2>{t('verify.resend_heading')}</h2>
      <form method="post" action={`/${locale}/verify-email/resend`} novalidate>
        <Csrf ctx={p.ctx} />
        {p.next ? <input type="hidden" name="next" value={p.next} /> : null}
        <TextField name="email" type="email" label={t('login.email')} autocomplete="email" value={p.email} error={p.errors?.email} required />
        <button type="submit" class="secondary">
          {t('login.resend')}
        </button>
      </form>
    </Layout>
  );
}

function MessagePage(p: { ctx: PageCtx; title: string; message: string; link?: { href: string; label: string }; kind?: 'ok' | 'warn' | 'info' }) {
  return (
    <Layout ctx={p.ctx} title={p.title} narrow>
      <h1>{p.title}</h1>
      <Notice kind={p.kind ?? 'info'}>{p.message}</Notice>
      {p.link ? (
        <p>
          <a class="button" href={p.link.href}>
            {p.link.label}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}

function LoginPage(p: { ctx: PageCtx; next: string; email?: string | undefined; errors?: FieldErrors; general?: string; notice?: MessageKey; unverified?: boolean }) {
  const { t, locale } = p.ctx;
  const keepNext = p.next === `/${locale}/account` ? undefined : p.next;
  return (
    <Layout ctx={p.ctx} title={t('login.title')} narrow>
      <h1>{t('login.title')}</h1>
      {p.notice ? <Notice>{t(p.notice)}</Notice> : null}
      <ErrorSummary ctx={p.ctx} errors={p.errors} general={p.general} />
      {p.unverified ? (
        <form method="post" action={`/${locale}/verify-email/resend`} class="notice warn">
          <Csrf ctx={p.ctx} />
          <input type="hidden" name="email" value={p.email ?? ''} />
          {keepNext ? <input type="hidden" name="next" value={keepNext} /> : null}
          <p>{t('login.unverified_help')}</p>
          <button type="submit" class="secondary">
            {t('login.resend')}
          </button>
        </form>
      ) : null}
      <form method="post" action={`/${locale}/login`} novalidate>
        <Csrf ctx={p.ctx} />
        <input type="hidden" name="next" value={p.next} />
        <TextField name="email" type="email" label={t('login.email')} autocomplete="username" value={p.email} error={p.errors?.email} required />
        <TextField name="password" type="password" label={t('login.password')} autocomplete="current-password" error={p.errors?.password} required />
        <button type="submit">{t('login.submit')}</button>
      </form>
      <p>
        <a href={`/${locale}/forgot-password`}>{t('login.forgot')}</a>
      </p>
      <p>
        {t('login.no_account')} <a href={`/${locale}/signup${nextQuery(keepNext)}`}>{t('nav.signup')}</a>
      </p>
    </Layout>
  );
}

/**
 * The second log-in step. The app's code gets the number keypad; a recovery code (letters and digits) has its own
 * field one tap away, so the keypad never blocks it.
 */
function MfaPage(p: { ctx: PageCtx; next: string; error?: string; recoveryError?: string; showRecovery?: boolean }) {
  const { t, locale } = p.ctx;
  const errors: FieldErrors = { ...(p.error ? { code: p.error } : {}), ...(p.recoveryError ? { recoveryCode: p.recoveryError } : {}) };
  return (
    <Layout ctx={p.ctx} title={t('mfa.title')} narrow>
      <h1>{t('mfa.title')}</h1>
      <p>{t('mfa.lead')}</p>
      <ErrorSummary ctx={p.ctx} errors={errors} />
      <form method="post" action={`/${locale}/login/mfa`} novalidate>
        <Csrf ctx={p.ctx} />
        <input type="hidden" name="next" value={p.next} />
        <OneTimeCodeField name="code" label={t('mfa.code')} error={p.error} />
        <button type="submit">{t('mfa.submit')}</button>
      </form>
      <details open={p.showRecovery || p.recoveryError !== undefined}>
        <summary>{t('mfa.use_recovery')}</summary>
        <form method="post" action={`/${locale}/login/mfa`} novalidate>
          <Csrf ctx={p.ctx} />
          <input type="hidden" name="next" value={p.next} />
          <TextField name="recoveryCode" label={t('mfa.recovery_code')} hint={t('mfa.recovery_hint')} autocomplete="off" error={p.recoveryError} maxLength={20} required />
          <button type="submit" class="secondary">
            {t('mfa.submit')}
          </button>
        </form>
      </details>
    </Layout>
  );
}

function ForgotPage(p: { ctx: PageCtx; sent?: boolean; errors?: FieldErrors; email?: string }) {
  const { t, locale } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('forgot.title')} narrow>
      <h1>{t('forgot.title')}</h1>
      {p.sent ? <Notice>{t('forgot.sent')}</Notice> : <p>{t('forgot.lead')}</p>}
      <ErrorSummary ctx={p.ctx} errors={p.errors} />
      <form method="post" action={`/${locale}/forgot-password`} novalidate>
        <Csrf ctx={p.ctx} />
        <TextField name="email" type="email" label={t('login.email')} autocomplete="email" value={p.email} error={p.errors?.email} required />
        <button type="submit">{t('forgot.submit')}</button>
      </form>
    </Layout>
  );
}

function ResetPage(p: { ctx: PageCtx; token: string; errors?: FieldErrors }) {
  const { t, locale } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('reset.title')} narrow>
      <h1>{t('reset.title')}</h1>
      <ErrorSummary ctx={p.ctx} errors={p.errors} />
      <form method="post" action={`/${locale}/reset-password`} novalidate>
        <Csrf ctx={p.ctx} />
        <input type="hidden" name="token" value={p.token} />
        <TextField
          name="password"
          type="password"
          label={t('reset.password')}
          hint={t('signup.password_hint', { min: PASSWORD_MIN_LENGTH })}
          autocomplete="new-password"
          error={p.errors?.password}
          required
        />
        <button type="submit">{t('reset.submit')}</button>
      </form>
    </Layout>
  );
}

function InvalidResetLink({ ctx }: { ctx: PageCtx }) {
  return <MessagePage ctx={ctx} kind="warn" title={ctx.t('reset.title')} message={ctx.t('reset.invalid')} link={{ href: `/${ctx.locale}/forgot-password`, label: ctx.t('forgot.title') }} />;
}

function rateLimitedMessage(request: FastifyRequest, seconds: number): string {
  return request.t('error.rate_limited_minutes', { minutes: Math.max(1, Math.ceil(seconds / 60)) });
}

function setSessionCookie(deps: AppDeps, reply: FastifyReply, token: string, stage: 'mfa' | 'full') {
  const names = cookieNames(deps.config.secureCookies);
  reply.setCookie(names.session, token, cookieOptions(deps, stage === 'mfa' ? 10 * 60 : 14 * 24 * 3600));
}

const SignupFormSchema = z.object({ displayName: text(100), email, password });
const LoginForm = z.object({ email, password, next: z.string().optional() });
const TokenQuery = z.object({ token: z.string().min(10).max(200) });

export function authRoutes(deps: AppDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/:lang/signup', { config: { access: PUBLIC } }, async (request, reply) =>
      sendPage(reply, <SignupPage ctx={pageCtx(request)} next={optionalNext((request.query as Record<string, unknown>).next)} />),
    );

    app.post('/:lang/signup', { config: { access: PUBLIC } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const next = optionalNext(body.next);
      const values = { displayName: String(body.displayName ?? '').slice(0, 100), email: String(body.email ?? '').slice(0, 254) };
      const form = parseForm(SignupFormSchema, body, request.t);
      if (!form.ok) return sendPage(reply, <SignupPage ctx={ctx} values={values} errors={form.errors} next={next} />, 400);
      const result = await signUp(deps, { ...form.data, locale: request.locale, next }, requestMeta(request));
      if (!result.ok) {
        if (result.error === 'rate_limited') return sendPage(reply, <SignupPage ctx={ctx} values={values} general={request.t('error.rate_limited')} next={next} />, 429);
        if (result.error !== 'email_taken') {
          const key = PASSWORD_PROBLEM_KEYS[result.error] ?? 'form.error.invalid';
          return sendPage(reply, <SignupPage ctx={ctx} values={values} errors={{ password: request.t(key) }} next={next} />, 400);
        }
        // email_taken: answer exactly as for a new account; the owner of the address got an e-mail.
      }
      return sendPage(reply, <CheckMailPage ctx={ctx} message={request.t('signup.check_mail', { email: form.data.email })} email={form.data.email} next={next} />);
    });

    app.get('/:lang/verify-email', { config: { access: PUBLIC } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const q = TokenQuery.safeParse(request.query);
      const result = q.success ? await verifyEmail(deps, q.data.token) : { ok: false as const };
      if (!result.ok) {
        return sendPage(
          reply,
          <MessagePage ctx={ctx} kind="warn" title={request.t('verify.failed_title')} message={request.t('verify.failed')} link={{ href: `/${ctx.locale}/login`, label: request.t('nav.login') }} />,
          400,
        );
      }
      // Back to log-in with the address filled in (sealed, see sealLoginHint) and the page to go on to after it.
      const next = optionalNext((request.query as Record<string, unknown>).next);
      const nextParam = next ? `&next=${encodeURIComponent(next)}` : '';
      return reply.redirect(`/${ctx.locale}/login?done=verified&hint=${encodeURIComponent(sealLoginHint(deps, result.email))}${nextParam}`, 303);
    });

    app.post('/:lang/verify-email/resend', { config: { access: PUBLIC } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const next = optionalNext(body.next);
      const typed = typeof body.email === 'string' ? body.email.slice(0, 254) : '';
      const form = parseForm(z.object({ email }), body, request.t);
      if (!form.ok) return sendPage(reply, <CheckMailPage ctx={ctx} message={request.t('verify.resend_lead')} email={typed} next={next} errors={form.errors} />, 400);
      const result = await resendVerification(deps, form.data.email, requestMeta(request), next);
      if (!result.ok) {
        return sendPage(reply, <CheckMailPage ctx={ctx} message={request.t('verify.resend_lead')} email={typed} next={next} general={request.t('verify.resend_limited')} />, 429);
      }
      return sendPage(reply, <CheckMailPage ctx={ctx} message={request.t('verify.resent')} email={form.data.email} next={next} />);
    });

    app.get('/:lang/login', { config: { access: PUBLIC } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const query = request.query as Record<string, unknown>;
      const next = safeNext(query.next, `/${ctx.locale}/account`);
      if (ctx.user) return reply.redirect(next, 303);
      const notice = noticeOf(request);
      return sendPage(reply, <LoginPage ctx={ctx} next={next} email={openLoginHint(deps, query.hint)} {...(notice ? { notice } : {})} />);
    });

    app.post('/:lang/login', { config: { access: PUBLIC } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const next = safeNext(body.next, `/${ctx.locale}/account`);
      const typedEmail = typeof body.email === 'string' ? body.email.slice(0, 254) : '';
      const form = parseForm(LoginForm, body, request.t);
      if (!form.ok) return sendPage(reply, <LoginPage ctx={ctx} next={next} email={typedEmail} errors={form.errors} />, 400);
      const result = await logIn(deps, form.data, requestMeta(request));
      if (!result.ok) {
        if (result.error === 'rate_limited') {
          reply.header('retry-after', String(result.retryAfterSeconds ?? 900));
          return sendPage(reply, <LoginPage ctx={ctx} next={next} email={typedEmail} general={rateLimitedMessage(request, result.retryAfterSeconds ?? 900)} />, 429);
        }
        if (result.error === 'email_not_verified') {
          return sendPage(reply, <LoginPage ctx={ctx} next={next} email={typedEmail} general={request.t('login.unverified')} unverified />, 403);
        }
        return sendPage(reply, <LoginPage ctx={ctx} next={next} email={typedEmail} general={request.t('login.invalid')} />, 401);
      }
      if (request.sessionToken) await revokeSession(deps.db, request.user?.id ?? '', request.session?.id ?? '', deps.clock.now().toISOString());
      setSessionCookie(deps, reply, result.sessionToken, result.stage);
      if (result.stage === 'mfa') return reply.redirect(`/${ctx.locale}/login/mfa?next=${encodeURIComponent(next)}`, 303);
      return reply.redirect(next, 303);
    });

    app.get('/:lang/login/mfa', { config: { access: MFA_PENDING } }, async (request, reply) => {
      const ctx = pageCtx(request);
      return sendPage(reply, <MfaPage ctx={ctx} next={safeNext((request.query as Record<string, unknown>).next, `/${ctx.locale}/account`)} />);
    });

    app.post('/:lang/login/mfa', { config: { access: MFA_PENDING } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const next = safeNext(body.next, `/${ctx.locale}/account`);
      // Either field may carry the code: the number field (app) or the recovery-code field.
      const viaRecovery = typeof body.recoveryCode === 'string' && !(typeof body.code === 'string' && body.code.trim() !== '');
      const field = viaRecovery ? 'recoveryCode' : 'code';
      const page = (message: string, status: number) =>
        sendPage(reply, viaRecovery ? <MfaPage ctx={ctx} next={next} recoveryError={message} /> : <MfaPage ctx={ctx} next={next} error={message} />, status);
      const form = parseForm(z.object({ [field]: text(20) }), body, request.t);
      if (!form.ok) return page(form.errors[field] ?? request.t('form.error.required'), 400);
      const session = request.session;
      if (!session) return reply.redirect(`/${ctx.locale}/login`, 303);
      const code = String((form.data as Record<string, unknown>)[field]);
      const result = await completeMfa(deps, session.id, session.userId, code, requestMeta(request));
      if (!result.ok) return page(request.t(result.error === 'rate_limited' ? 'error.rate_limited' : 'mfa.invalid'), result.error === 'rate_limited' ? 429 : 400);
      setSessionCookie(deps, reply, result.sessionToken, 'full');
      return reply.redirect(result.usedRecoveryCode ? `/${ctx.locale}/account/security?done=recovery_used` : next, 303);
    });

    app.post('/:lang/logout', { config: { access: PUBLIC } }, async (request, reply) => {
      if (request.session && request.user) {
        await revokeSession(deps.db, request.user.id, request.session.id, deps.clock.now().toISOString());
        await audit(deps, deps.db, { type: 'user.logout', userId: request.user.id, ip: request.ip });
      }
      reply.clearCookie(cookieNames(deps.config.secureCookies).session, cookieOptions(deps));
      return reply.redirect(`/${request.locale}/login?done=logged_out`, 303);
    });

    app.get('/:lang/forgot-password', { config: { access: PUBLIC } }, async (request, reply) => sendPage(reply, <ForgotPage ctx={pageCtx(request)} />));

    app.post('/:lang/forgot-password', { config: { access: PUBLIC } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const form = parseForm(z.object({ email }), request.body, request.t);
      if (!form.ok) return sendPage(reply, <ForgotPage ctx={ctx} errors={form.errors} />, 400);
      await requestPasswordReset(deps, form.data.email, ctx.locale, requestMeta(request));
      return sendPage(reply, <ForgotPage ctx={ctx} sent email={form.data.email} />);
    });

    app.get('/:lang/reset-password', { config: { access: PUBLIC } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const q = TokenQuery.safeParse(request.query);
      if (!q.success || !(await isResetTokenValid(deps, q.data.token))) {
        return sendPage(reply, <InvalidResetLink ctx={ctx} />, 400);
      }
      return sendPage(reply, <ResetPage ctx={ctx} token={q.data.token} />);
    });

    app.post('/:lang/reset-password', { config: { access: PUBLIC } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const form = parseForm(z.object({ token: z.string().min(10).max(200), password }), request.body, request.t);
      const token = String((request.body as Record<string, unknown> | undefined)?.token ?? '').slice(0, 200);
      if (!form.ok) return sendPage(reply, <ResetPage ctx={ctx} token={token} errors={form.errors} />, 400);
      const result = await resetPassword(deps, form.data.token, form.data.password, requestMeta(request));
      if (!result.ok) {
        if (result.error === 'invalid_token') {
          return sendPage(reply, <InvalidResetLink ctx={ctx} />, 400);
        }
        return sendPage(reply, <ResetPage ctx={ctx} token={token} errors={{ password: request.t(PASSWORD_PROBLEM_KEYS[result.error] ?? 'form.error.invalid') }} />, 400);
      }
      reply.clearCookie(cookieNames(deps.config.secureCookies).session, cookieOptions(deps));
      return reply.redirect(`/${ctx.locale}/login?done=password_reset`, 303);
    });
  };
}
