/**
 * The sign-up form. The sign-up page and the invitation page (for someone without an account) both show it; `next`
 * is the page to come back to after the e-mail address is confirmed (it travels in the confirmation link).
 */
import { PASSWORD_MIN_LENGTH } from '../../../core/password-policy.ts';
import { Csrf, TextField, type FieldErrors } from './components.tsx';
import type { PageCtx } from './page-context.ts';

export function SignupForm(p: { ctx: PageCtx; values?: Record<string, string> | undefined; errors?: FieldErrors | undefined; next?: string | undefined }) {
  const { t, locale } = p.ctx;
  return (
    <form method="post" action={`/${locale}/signup`} novalidate>
      <Csrf ctx={p.ctx} />
      {p.next ? <input type="hidden" name="next" value={p.next} /> : null}
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
      <p class="hint">
        {t('signup.privacy_note')} <a href={`/${locale}/privacy`}>{t('nav.privacy')}</a>
      </p>
      <button type="submit">{t('signup.submit')}</button>
    </form>
  );
}

/** "?next=…" for a link, or nothing when the page to come back to is the default one. */
export function nextQuery(next: string | undefined): string {
  return next ? `?next=${encodeURIComponent(next)}` : '';
}
