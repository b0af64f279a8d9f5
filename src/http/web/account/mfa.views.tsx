/** The page for the password and two-step login: set-up on a phone, recovery codes to keep, switching off. */
import { groupInFours, recoveryCodesText } from '../../../core/account.ts';
import { PASSWORD_MIN_LENGTH } from '../../../core/password-policy.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { Csrf, ErrorSummary, Notice, PostButton, TextField, type FieldErrors } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import { OneTimeCodeField } from '../ui/one-time-code.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { KeepTokens } from './keep-tokens.tsx';

export interface SecurityView {
  enabled: boolean;
  codesLeft: number;
  setup?: { secret: string; uri: string; qrSvg: string } | undefined;
  recoveryCodes?: string[] | undefined;
  errors?: FieldErrors | undefined;
  notice?: MessageKey | undefined;
  requiredBy?: boolean;
}

/**
 * Freshly made recovery codes: shown once, to download as a text file or print, and a tick that they were kept
 * before the set-up is finished. The download is a data: link, so it works without JavaScript and the codes are
 * not sent over the network again; the print button only appears when the script runs (else the browser's menu).
 */
function RecoveryCodes(p: { ctx: PageCtx; codes: string[]; error?: string | undefined }) {
  const { t, locale } = p.ctx;
  const file = `data:text/plain;charset=utf-8,${encodeURIComponent(recoveryCodesText(t('security.codes_file_title'), p.codes))}`;
  return (
    <section class="recovery-codes" aria-labelledby="codes-heading">
      <h2 id="codes-heading">{t('security.codes_heading')}</h2>
      <Notice kind="warn">{t('security.codes_explain')}</Notice>
      <ul class="codes" data-testid="recovery-codes">
        {p.codes.map((c) => (
          <li>{c}</li>
        ))}
      </ul>
      <p class="actions no-print">
        <a class="button secondary" href={file} download="schild-recovery-codes.txt" data-testid="codes-download">
          {t('security.codes_download')}
        </a>{' '}
        <button type="button" class="secondary" data-print hidden>
          {t('security.codes_print')}
        </button>
      </p>
      <p class="hint no-print">{t('security.codes_print_hint')}</p>
      <form method="post" action={`/${locale}/account/security/codes-kept`} class="no-print" novalidate>
        <Csrf ctx={p.ctx} />
        {p.codes.map((c) => (
          <input type="hidden" name="codes" value={c} />
        ))}
        <div class={p.error ? 'field has-error' : 'field'} id="f-kept">
          {p.error ? (
            <p class="error" id="f-kept-error">
              {p.error}
            </p>
          ) : null}
          <label>
            <input type="checkbox" name="kept" value="yes" aria-describedby={p.error ? 'f-kept-error' : undefined} /> {t('security.codes_kept')}
          </label>
        </div>
        <button type="submit">{t('security.codes_done')}</button>
      </form>
    </section>
  );
}

function TotpSetup(p: { ctx: PageCtx; setup: NonNullable<SecurityView['setup']>; error?: string | undefined }) {
  const { t, locale } = p.ctx;
  return (
    <section>
      <h2>{t('security.setup_heading')}</h2>
      <ol class="steps">
        <li>{t('security.step_app')}</li>
        <li>
          {t('security.step_scan')}
          <div class="qr" role="img" aria-label={t('security.qr_label')} dangerouslySetInnerHTML={{ __html: p.setup.qrSvg }} />
          <p>
            {t('security.step_link')}{' '}
            <a href={p.setup.uri} data-testid="otpauth-link">
              {t('security.open_app')}
            </a>
          </p>
          <p>
            {t('security.step_manual')}{' '}
            <code class="secret" data-testid="totp-secret">
              {groupInFours(p.setup.secret)}
            </code>
          </p>
        </li>
        <li>{t('security.step_code')}</li>
      </ol>
      <form method="post" action={`/${locale}/account/security/confirm`} novalidate>
        <Csrf ctx={p.ctx} />
        <OneTimeCodeField name="code" label={t('mfa.code')} error={p.error} />
        <button type="submit">{t('security.confirm')}</button>
      </form>
    </section>
  );
}

export function SecurityPage(p: { ctx: PageCtx; v: SecurityView }) {
  const { t, locale } = p.ctx;
  const v = p.v;
  if (v.recoveryCodes) {
    // The codes come first and alone: nothing else on the page competes with keeping them.
    return (
      <Layout ctx={p.ctx} title={t('security.codes_heading')} narrow>
        <h1>{t('security.title')}</h1>
        {v.notice ? <Notice>{t(v.notice)}</Notice> : null}
        <RecoveryCodes ctx={p.ctx} codes={v.recoveryCodes} error={v.errors?.kept} />
      </Layout>
    );
  }
  return (
    <Layout ctx={p.ctx} title={t('security.title')} narrow>
      <h1>{t('security.title')}</h1>
      {v.notice ? <Notice>{t(v.notice)}</Notice> : null}
      {v.requiredBy && !v.enabled ? <Notice kind="warn">{t('security.required_by_company')}</Notice> : null}
      <ErrorSummary ctx={p.ctx} errors={v.errors} />
      <h2>{t('security.mfa_heading')}</h2>
      <p>{t('security.explain')}</p>
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
            {/* A recovery code holds letters: a text keypad here (the login page has a number field for app codes). */}
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
        <TotpSetup ctx={p.ctx} setup={v.setup} error={v.errors?.code} />
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
