/** Password and two-step login (TOTP, RFC 6238): set-up, recovery codes, switching off, changing the password. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { RECOVERY_CODE_COUNT } from '../../../core/account.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { changePassword } from '../../../app/accounts.ts';
import { beginTotpSetup, confirmTotpSetup, disableTotp, pendingTotpSecret, recoveryCodesLeft, regenerateRecoveryCodes, type ManageMfaError } from '../../../app/mfa.ts';
import { totpQrSvg, totpUri } from '../../../adapters/totp.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { USER } from '../../access.ts';
import { sendPage } from '../../render.ts';
import type { FieldErrors } from '../ui/components.tsx';
import { parseForm, password, text } from '../ui/forms.ts';
import { pageCtx } from '../ui/page-context.ts';
import { noticeFrom, requestMeta } from '../ui/request.ts';
import { KeepTokensField } from './keep-tokens.tsx';
import { SecurityPage, type SecurityView } from './mfa.views.tsx';
import { PASSWORD_PROBLEM_KEYS } from './password-problems.ts';

const NOTICES: Record<string, MessageKey> = {
  mfa_disabled: 'notice.mfa_disabled',
  mfa_ready: 'notice.mfa_ready',
  codes_ready: 'notice.codes_ready',
  recovery_used: 'notice.recovery_used',
  password_changed: 'notice.password_changed',
};

/** The codes sent back with "I have kept my codes": exactly the shape the set-up shows, at most one set. */
const CodesKeptForm = z.object({
  // One field arrives as a string, several as an array.
  codes: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.string().regex(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/)).min(1).max(RECOVERY_CODE_COUNT)),
  kept: z.literal('yes').optional(),
});

export function mfaRoutes(deps: AppDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    async function securityView(request: FastifyRequest, extra: Partial<SecurityView> = {}): Promise<SecurityView> {
      const user = request.user!;
      const pending = user.totpEnabled ? null : await pendingTotpSecret(deps, user.id);
      const uri = pending ? totpUri(pending, user.email) : '';
      const setup = pending ? { secret: pending, uri, qrSvg: await totpQrSvg(uri) } : undefined;
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
      request.user = { ...request.user!, totpEnabled: true };
      return sendPage(reply, <SecurityPage ctx={pageCtx(request)} v={await securityView(request, { recoveryCodes: result.recoveryCodes, setup: undefined, notice: 'notice.mfa_enabled' })} />);
    });

    // Finishing needs the tick "I have kept my codes": only their hashes are stored, so this page is the last chance
    // to keep them. Without the tick the same codes (sent back in the form) are shown again with the reason.
    app.post('/:lang/account/security/codes-kept', { config: { access: USER } }, async (request, reply) => {
      const form = CodesKeptForm.safeParse(request.body);
      if (!form.success) return reply.redirect(`/${request.locale}/account/security`, 303);
      if (form.data.kept !== 'yes') {
        const v = await securityView(request, { recoveryCodes: form.data.codes, errors: { kept: request.t('security.codes_kept_missing') } });
        return sendPage(reply, <SecurityPage ctx={pageCtx(request)} v={v} />, 400);
      }
      return reply.redirect(`/${request.locale}/account/security?done=${request.user!.totpEnabled ? 'mfa_ready' : 'codes_ready'}`, 303);
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
  };
}
