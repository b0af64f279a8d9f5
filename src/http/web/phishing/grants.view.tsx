/** The owner's part of the staff page: who from outside the company may run the phishing exercises. */
import type { CompanyGrant } from '../../../db/repositories/grant.repository.ts';
import { Csrf, PostButton, TextField } from '../ui/components.tsx';
import type { PageCtx } from '../ui/page-context.ts';

export function GrantsSection(p: { ctx: PageCtx; base: string; grants: CompanyGrant[]; error?: string | undefined }) {
  const { t } = p.ctx;
  return (
    <section class="card" id="grants" data-testid="grants">
      <h2>{t('grants.title')}</h2>
      <p>{t('grants.lead')}</p>
      {p.grants.length === 0 ? (
        <p>{t('grants.none')}</p>
      ) : (
        <ul>
          {p.grants.map((g) => (
            <li>
              {g.granteeName} ({g.granteeEmail}) <PostButton ctx={p.ctx} action={`${p.base}/grants/${g.id}/revoke`} label={t('grants.revoke')} kind="secondary" />
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`${p.base}/grants`} novalidate>
        <Csrf ctx={p.ctx} />
        <TextField name="grantee" type="email" label={t('grants.email')} error={p.error} autocomplete="off" maxLength={254} required />
        <button type="submit">{t('grants.button')}</button>
      </form>
    </section>
  );
}
