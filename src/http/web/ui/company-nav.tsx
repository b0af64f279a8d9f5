/** The navigation between a company's pages, shared by every company area. */
import { can, type Company, type Role } from '../../../core/company-profile.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import type { PageCtx } from './page-context.ts';

/** What an owner uses every week; everything else is one tap away under "More". */
const PRIMARY: ReadonlySet<string> = new Set(['overview', 'assessment', 'results', 'incidents', 'domains']);

export function CompanyNav(p: { ctx: PageCtx; company: Company; role: Role; current: string }) {
  const { t, locale } = p.ctx;
  const base = `/${locale}/companies/${p.company.id}`;
  const items: { href: string; key: MessageKey; show: boolean; id: string }[] = [
    { id: 'overview', href: base, key: 'company.nav.overview', show: true },
    { id: 'assessment', href: `${base}/assessment`, key: 'company.nav.assessment', show: true },
    { id: 'results', href: `${base}/results`, key: 'company.nav.results', show: true },
    { id: 'incidents', href: `${base}/incidents`, key: 'company.nav.incidents', show: true },
    { id: 'domains', href: `${base}/domains`, key: 'company.nav.domains', show: true },
    { id: 'software', href: `${base}/software`, key: 'software.nav', show: true },
    { id: 'insurance', href: `${base}/insurance`, key: 'insurance.nav', show: true },
    { id: 'mail-reports', href: `${base}/mail-reports`, key: 'mailrep.nav', show: can(p.role, 'edit_profile') },
    { id: 'phishing', href: `${base}/phishing`, key: 'company.nav.phishing', show: can(p.role, 'run_phishing') },
    { id: 'people', href: `${base}/people`, key: 'company.nav.people', show: can(p.role, 'run_phishing') },
    { id: 'phishing-results', href: `${base}/phishing/results`, key: 'company.nav.phishing_results', show: can(p.role, 'run_phishing') },
    { id: 'profile', href: `${base}/profile`, key: 'company.nav.profile', show: can(p.role, 'edit_profile') },
    { id: 'members', href: `${base}/members`, key: 'company.nav.members', show: true },
    { id: 'training', href: `${base}/training`, key: 'company.nav.training', show: can(p.role, 'manage_members') },
    { id: 'organisations', href: `${base}/organisations`, key: 'company.nav.organisations', show: true },
    { id: 'providers', href: `${base}/providers`, key: 'pshare.nav', show: true },
    { id: 'audit', href: `${base}/audit`, key: 'company.nav.audit', show: can(p.role, 'view_audit') },
  ];
  const shown = items.filter((i) => i.show);
  const first = shown.filter((i) => PRIMARY.has(i.id));
  const rest = shown.filter((i) => !PRIMARY.has(i.id));
  const link = (i: (typeof items)[number]) => (
    <li>
      <a href={i.href} aria-current={i.id === p.current ? 'page' : undefined}>
        {t(i.key)}
      </a>
    </li>
  );
  // On a phone eighteen links above every page drown the page itself: the everyday five stay in sight, the rest
  // fold under "More" (a plain <details>, so it opens without JavaScript) and it is open when one of them is current.
  return (
    <nav aria-label={t('company.nav.label')}>
      <ul class="nav">{first.map(link)}</ul>
      {rest.length > 0 ? (
        <details class="nav-more" open={rest.some((i) => i.id === p.current)}>
          <summary>{t('company.nav.more')}</summary>
          <ul class="nav">{rest.map(link)}</ul>
        </details>
      ) : null}
    </nav>
  );
}
