/** Sign-up, e-mail verification, log-in (with the TOTP step), log-out and password reset. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PASSWORD_MIN_LENGTH } from '../../../core/password-policy.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { completeMfa } from '../../../app/mfa.ts';
import {
  isResetTokenValid,
  logIn,
  requestPasswordReset,
  resetPassword,
  sendVerification,
  signUp,
  verifyEmail,
} from '../../../app/accounts.ts';
import { audit } from '../../../app/audit.ts';
import { consume, HOUR } from '../../../app/rate-limit.ts';
import { revokeSession } from '../../../db/repositories/session.repository.ts';
import { findUserRowByEmail, toUser } from '../../../db/repositories/user.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { MFA_PENDING, PUBLIC } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { cookieNames, cookieOptions } from '../../request-context.ts';
import { Csrf, ErrorSummary, Notice, TextField, type FieldErrors } from '../ui/components.tsx';
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

function SignupPage(p: { ctx: PageCtx; values?: Record<string, string>; errors?: FieldErrors; general?: string }) {
  const { t, locale } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('signup.title')} narrow>
      <h1>{t('signup.title')}</h1>
      <p class="lead">{t('signup.lead')}</p>
      <ErrorSummary ctx={p.ctx} errors={p.errors} general={p.general} />
      <form method="post" action={`/${locale}/signup`} novalidate>
        <Csrf ctx={p.ctx} />
        <TextField name="displayName" label={t('signup.name')} autocomplete="name" value={p.values?.displayName} error={p.errors?.displayName} maxLength={100} required />
        <TextField name="email" type="email" label={t('signup.email')} hint={t('signup.email_hint')} autocomplete="email" value={p.values?.email} error={p.errors?.email} required />
        <TextField
          name="password"
          type="password"
          label={t('signup.password')}
          hint={t('signup.password_hint', { min: PASSWORD_MIN_LENGTH })}
          autocomplete="new-password"
          error={p.errors?.password}
          required
        />
        <p class="hint">{t('signup.privacy_note')} <a href={`/${locale}/privacy`}>{t('nav.privacy')}</a></p>
        <button type="submit">{t('signup.submit')}</button>
      </form>
      <p>
        {t('signup.have_account')} <a href={`/${locale}/login`}>{t('nav.login')}</a>
      </p>
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

function LoginPage(p: { ctx: PageCtx; next: string; email?: string; errors?: FieldErrors; general?: string; notice?: MessageKey; unverified?: boolean }) {
  const { t, locale } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('login.title')} narrow>
      <h1>{t('login.title')}</h1>
      {p.notice ? <Notice>{t(p.notice)}</Notice> : null}
      <ErrorSummary ctx={p.ctx} errors={p.errors} general={p.general} />
      {p.unverified ? (
        <form method="post" action={`/${locale}/verify-email/resend`} class="notice warn">
          <Csrf ctx={p.ctx} />
          <input type="hidden" name="email" value={p.email ?? ''} />
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
        {t('login.no_account')} <a href={`/${locale}/signup`}>{t('nav.signup')}</a>
      </p>
    </Layout>
  );
}

function MfaPage(p: { ctx: PageCtx; next: string; error?: string }) {
  const { t, locale } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('mfa.title')} narrow>
      <h1>{t('mfa.title')}</h1>
      <p>{t('mfa.lead')}</p>
      <ErrorSummary ctx={p.ctx} errors={p.error ? { code: p.error } : undefined} />
      <form method="post" action={`/${locale}/login/mfa`} novalidate>
        <Csrf ctx={p.ctx} />
        <input type="hidden" name="next" value={p.next} />
        <TextField name="code" label={t('mfa.code')} hint={t('mfa.code_hint')} autocomplete="one-time-code" inputMode="text" error={p.error} maxLength={20} required />
        <button type="submit">{t('mfa.submit')}</button>
      </form>
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

const SignupForm = z.object({ displayName: text(100), email, password });
const LoginForm = z.object({ email, password, next: z.string().optional() });
const TokenQuery = z.object({ token: z.string().min(10).max(200) });

export function authRoutes(deps: AppDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/:lang/signup', { config: { access: PUBLIC } }, async (request, reply) => sendPage(reply, <SignupPage ctx={pageCtx(request)} />));

    app.post('/:lang/signup', { config: { access: PUBLIC } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = { displayName: String(body.displayName ?? '').slice(0, 100), email: String(body.email ?? '').slice(0, 254) };
      const form = parseForm(SignupForm, body, request.t);
      if (!form.ok) return sendPage(reply, <SignupPage ctx={ctx} values={values} errors={form.errors} />, 400);
      const result = await signUp(deps, { ...form.data, locale: request.locale }, requestMeta(request));
      if (!result.ok) {
        if (result.error === 'rate_limited') return sendPage(reply, <SignupPage ctx={ctx} values={values} general={request.t('error.rate_limited')} />, 429);
        if (result.error !== 'email_taken') {
          const key = PASSWORD_PROBLEM_KEYS[result.error] ?? 'form.error.invalid';
          return sendPage(reply, <SignupPage ctx={ctx} values={values} errors={{ password: request.t(key) }} />, 400);
        }
        // email_taken: answer exactly as for a new account; the owner of the address got an e-mail.
      }
      return sendPage(reply, <MessagePage ctx={ctx} title={request.t('signup.check_mail_title')} message={request.t('signup.check_mail', { email: form.data.email })} />);
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
      return reply.redirect(`/${ctx.locale}/login?done=verified`, 303);
    });

    app.post('/:lang/verify-email/resend', { config: { access: PUBLIC } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const form = parseForm(z.object({ email }), request.body, request.t);
      if (form.ok) {
        const limited = await consume(deps, [
          { key: `resend:ip:${request.ip}`, max: 10, windowMs: HOUR },
          { key: `resend:acct:${form.data.email.toLowerCase()}`, max: 3, windowMs: HOUR },
        ]);
        const row = limited.allowed ? await findUserRowByEmail(deps.db, form.data.email) : undefined;
        if (row && row.email_verified_at === null) await sendVerification(deps, toUser(row));
      }
      return sendPage(reply, <MessagePage ctx={ctx} title={request.t('signup.check_mail_title')} message={request.t('verify.resent')} />);
    });

    app.get('/:lang/login', { config: { access: PUBLIC } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const next = safeNext((request.query as Record<string, unknown>).next, `/${ctx.locale}/account`);
      if (ctx.user) return reply.redirect(next, 303);
      const notice = noticeOf(request);
      return sendPage(reply, <LoginPage ctx={ctx} next={next} {...(notice ? { notice } : {})} />);
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
      const form = parseForm(z.object({ code: text(20) }), body, request.t);
      if (!form.ok) return sendPage(reply, <MfaPage ctx={ctx} next={next} error={form.errors.code ?? request.t('form.error.required')} />, 400);
      const session = request.session;
      if (!session) return reply.redirect(`/${ctx.locale}/login`, 303);
      const result = await completeMfa(deps, session.id, session.userId, form.data.code, requestMeta(request));
      if (!result.ok) {
        const message = result.error === 'rate_limited' ? request.t('error.rate_limited') : request.t('mfa.invalid');
        return sendPage(reply, <MfaPage ctx={ctx} next={next} error={message} />, result.error === 'rate_limited' ? 429 : 400);
      }
      setSessionCookie(deps, reply, request.sessionToken ?? '', 'full');
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
