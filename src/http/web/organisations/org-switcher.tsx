/** The user's organisations on the account page (the user's home), next to the companies: a switch between them. */
import type { UserOrganisation } from '../../../db/repositories/organisation.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import type { PageCtx } from '../ui/page-context.ts';

export function OrganisationSwitcher(p: { ctx: PageCtx; organisations: UserOrganisation[] }) {
  const { t, locale, user } = p.ctx;
  return (
    <section aria-labelledby="my-organisations">
      <h2 id="my-organisations">{t('account.organisations')}</h2>
      {p.organisations.length > 0 ? (
        <ul class="cards">
          {p.organisations.map((o) => (
            <li class="card">
              <h3>
                <a href={`/${locale}/orgs/${o.id}`}>{o.name}</a>
              </h3>
              <p>
                {t(`org.kind.${o.kind}` as MessageKey)} · {t(`org.role.${o.role}` as MessageKey)}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href={`/${locale}/orgs/new`}>{t('account.organisations.new')}</a>
        {user?.isAdmin ? (
          <>
            {' · '}
            <a href={`/${locale}/admin/organisations`}>{t('admin.orgs.title')}</a>
            {' · '}
            <a href={`/${locale}/admin/certifications`}>{t('admin.certs.title')}</a>
          </>
        ) : null}
      </p>
    </section>
  );
}
