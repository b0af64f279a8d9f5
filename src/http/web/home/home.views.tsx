/** The company home: the next step first, then score, this week, incidents and domains, each linking to its page. */
import type { CompanyHome } from '../../../app/company-home.ts';
import { StatisticsConsent } from '../companies/statistics-consent.tsx';
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import { scoreTrend, type NextStep } from '../../../core/company-home.ts';
import { can, sizeClass, type Company, type Role } from '../../../core/company-profile.ts';
import { parseEnterpriseNumber } from '../../../core/enterprise-number.ts';
import type { IncidentContent } from '../../../core/incidents/content.ts';
import { formatDeadline } from '../../../core/incidents/format.ts';
import type { Category } from '../../../core/incidents/triage.ts';
import { findNace, type NaceList } from '../../../core/nace.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { formatHours } from '../../presenters/assessment.ts';
import { categoryLabel } from '../../presenters/incidents.ts';
import { Notice, PostButton } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { CompanyNav } from '../ui/company-nav.tsx';
import { NewOffersLine } from '../ui/offers.tsx';
import { numberFormat } from '../../../i18n/intl.ts';

export interface HomeProps {
  ctx: PageCtx;
  company: Company;
  role: Role;
  home: CompanyHome;
  catalog: AssessmentCatalog;
  incidents: IncidentContent;
  nace: NaceList;
  notice?: MessageKey | undefined;
  /** The company's statistics consent, for owners (who may change it). */
  statsConsent?: boolean | undefined;
  /** Offers of the company's organisations not answered yet, for whoever may answer them. */
  newOffers?: number | undefined;
}

function controlTitle(catalog: AssessmentCatalog, id: string, locale: PageCtx['locale']): string {
  return catalog.controls.find((c) => c.id === id)?.text[locale].title ?? id;
}

function NextStepCard(p: HomeProps & { step: NextStep }) {
  const { t, locale } = p.ctx;
  const base = `/${locale}/companies/${p.company.id}`;
  const s = p.step;
  let text: string;
  let href: string | null = null;
  let go: MessageKey | null = null;
  switch (s.kind) {
    case 'incident_deadline': {
      const duty = p.incidents.obligations[s.obligationId as keyof IncidentContent['obligations']]?.text[locale].title ?? s.obligationId;
      text = t('home.next.incident_deadline', { duty, deadline: formatDeadline(s.dueAt, locale) });
      href = `${base}/incidents/${s.incidentId}`;
      go = 'home.next.incident_deadline.go';
      break;
    }
    case 'start_assessment':
      text = t('home.next.start_assessment');
      href = `${base}/assessment`;
      go = 'home.next.start_assessment.go';
      break;
    case 'continue_assessment':
      text = t('home.next.continue_assessment', { open: s.open });
      href = p.home.assessment.continueTheme ? `${base}/assessment/${p.home.assessment.continueTheme}` : `${base}/assessment`;
      go = 'home.next.continue_assessment.go';
      break;
    case 'finish_assessment':
      text = t('home.next.finish_assessment');
      href = `${base}/assessment`;
      go = 'home.next.finish_assessment.go';
      break;
    case 'do_action':
      text = t('home.next.do_action', { title: controlTitle(p.catalog, s.controlId, locale), hours: formatHours(s.effortHours, locale) });
      href = `${base}/results#action-${s.controlId}`;
      go = 'home.next.do_action.go';
      break;
    case 'add_domain':
      text = t('home.next.add_domain');
      href = `${base}/domains`;
      go = 'home.next.add_domain.go';
      break;
    case 'verify_domain':
      text = t('home.next.verify_domain', { domain: s.domain });
      href = `${base}/domains`;
      go = 'home.next.verify_domain.go';
      break;
    case 'fix_domain':
      text = t('home.next.fix_domain', { domain: s.domain, failing: s.failing });
      href = `${base}/domains`;
      go = 'home.next.fix_domain.go';
      break;
    case 'all_done':
      text = t('home.next.all_done');
      break;
  }
  return (
    <section class="next-step" aria-labelledby="next-step-h" data-next={s.kind}>
      <h2 id="next-step-h">{t('home.next.heading')}</h2>
      <p>{text}</p>
      {href && go ? (
        <p>
          <a class="button" href={href}>
            {t(go)}
          </a>
        </p>
      ) : null}
    </section>
  );
}

function ScoreCard(p: HomeProps) {
  const { t, locale } = p.ctx;
  const a = p.home.assessment;
  const trend = scoreTrend(a);
  return (
    <li class="card">
      <h2>{t('home.score.heading')}</h2>
      {a.score === null ? (
        <p>{t('home.score.none')}</p>
      ) : (
        <>
          <p class="big-number">{t('home.score.value', { score: a.score })}</p>
          {trend === 'first' ? null : <p>{t(`home.trend.${trend}`, { previous: a.previousScore ?? 0 })}</p>}
        </>
      )}
      <p>
        <a href={`/${locale}/companies/${p.company.id}/results`}>{t('home.score.details')}</a>
      </p>
    </li>
  );
}

function WeekCard(p: HomeProps) {
  const { t, locale } = p.ctx;
  return (
    <li class="card">
      <h2>{t('home.week.heading')}</h2>
      {p.home.week.length === 0 ? <p>{t('home.week.none')}</p> : null}
      <ul class="plain">
        {p.home.week.map((w) => (
          <li>
            <a href={`/${locale}/companies/${p.company.id}/results#action-${w.controlId}`}>{controlTitle(p.catalog, w.controlId, locale)}</a>{' '}
            <span class="hint">({t('home.week.hours', { hours: formatHours(w.effortHours, locale) })})</span>
          </li>
        ))}
      </ul>
      <p>
        <a href={`/${locale}/companies/${p.company.id}/results`}>{t('home.week.all')}</a>
      </p>
    </li>
  );
}

function IncidentsCard(p: HomeProps) {
  const { t, locale } = p.ctx;
  const base = `/${locale}/companies/${p.company.id}`;
  return (
    <li class="card">
      <h2>{t('home.incidents.heading')}</h2>
      {p.home.incidents.length === 0 ? <p>{t('home.incidents.none')}</p> : null}
      <ul class="plain">
        {p.home.incidents.map((i) => (
          <li>
            <a href={`${base}/incidents/${i.id}`}>{categoryLabel(p.incidents, i.category as Category, locale)}</a>
            <br />
            <span class="hint">{i.nextDeadline ? t('home.incidents.deadline', { deadline: formatDeadline(i.nextDeadline.dueAt, locale) }) : t('home.incidents.no_deadline')}</span>
          </li>
        ))}
      </ul>
      <p>
        <a href={`/${locale}/incident/report`}>{t('home.incidents.report')}</a>
      </p>
    </li>
  );
}

function DomainsCard(p: HomeProps) {
  const { t, locale } = p.ctx;
  return (
    <li class="card">
      <h2>{t('home.domains.heading')}</h2>
      {p.home.domains.length === 0 ? <p>{t('home.domains.none')}</p> : null}
      <ul class="plain">
        {p.home.domains.map((d) => (
          <li>
            <strong class="break">{d.domain}</strong>
            <br />
            <span class="hint">
              {!d.verified
                ? t('home.domains.unverified')
                : d.grade === null
                  ? t('home.domains.not_scanned')
                  : `${t('home.domains.grade', { grade: d.grade })} · ${d.failing > 0 ? t('home.domains.failing', { failing: d.failing }) : t('home.domains.ok')}`}
            </span>
          </li>
        ))}
      </ul>
      <p>
        <a href={`/${locale}/companies/${p.company.id}/domains`}>{t('home.domains.manage')}</a>
      </p>
    </li>
  );
}

const percentText = (percent: number | null, locale: PageCtx['locale']) => (percent === null ? '–' : numberFormat(`${locale}-BE`, { style: 'percent', maximumFractionDigits: 0 }).format(percent / 100));

/** "Your team": counts only, never names (docs/privacy.md); for those who run phishing exercises (they see the staff). */
function TeamCard(p: HomeProps) {
  const { t, locale } = p.ctx;
  if (!can(p.role, 'run_phishing')) return null;
  const base = `/${locale}/companies/${p.company.id}`;
  const team = p.home.team;
  const last = team.lastExercise;
  return (
    <li class="card" data-testid="home-team">
      <h2>{t('home.team.heading')}</h2>
      {team.people === 0 ? (
        <>
          <p>{t('home.team.none')}</p>
          <p>
            <a href={`${base}/people`}>{t('home.team.add')}</a>
          </p>
        </>
      ) : (
        <ul class="plain">
          <li>
            {t('home.team.people', { count: team.people })}
            <br />
            <a href={`${base}/people`}>{t('home.team.people_link')}</a>
          </li>
          <li>
            {t('home.team.trained', { trained: team.trained, people: team.people, percent: percentText(team.trainedPercent, locale) })}
            {can(p.role, 'manage_members') ? (
              <>
                <br />
                <a href={`${base}/training`}>{t('home.team.training_link')}</a>
              </>
            ) : null}
          </li>
          <li>
            {last ? t('home.team.exercise', { name: last.name, reported: last.reported, total: last.total, percent: percentText(last.reportedPercent, locale) }) : t('home.team.no_exercise')}
            <br />
            {last ? <a href={`${base}/phishing/campaigns/${last.campaignId}/results`}>{t('home.team.exercise_link')}</a> : <a href={`${base}/phishing`}>{t('home.team.plan_exercise')}</a>}
          </li>
        </ul>
      )}
    </li>
  );
}

/** The profile, one tap away: owners rarely need it on the home. */
function ProfileSummary(p: HomeProps) {
  const { t, locale } = p.ctx;
  const c = p.company;
  const sector = c.naceCode ? findNace(p.nace, c.naceCode) : undefined;
  const size = sizeClass(c.employees);
  const yes = (b: boolean) => (b ? t('form.yes') : t('form.no'));
  const rows: [string, string][] = [
    [t('company.enterprise_number'), c.enterpriseNumber ? (parseEnterpriseNumber(c.enterpriseNumber) as { formatted: string }).formatted : '—'],
    [t('company.nace'), sector ? `${sector.code} — ${sector.title[locale]}` : '—'],
    [t('company.employees'), c.employees === null ? '—' : `${c.employees}${size ? ` (${t(`size.${size}` as MessageKey)})` : ''}`],
    [t('company.region'), c.region ? t(`region.${c.region}` as MessageKey) : '—'],
    [t('company.language'), t(`language.${c.language}` as MessageKey)],
    [t('company.website'), yes(c.website)],
    [t('company.webshop'), yes(c.webshop)],
    [t('company.email_provider'), t(`email_provider.${c.emailProvider}` as MessageKey)],
    [t('company.card_payments'), yes(c.cardPayments)],
    [t('company.personal_data'), t(`personal_data.${c.personalData}` as MessageKey)],
    [t('company.remote_work'), yes(c.remoteWork)],
    [t('company.it_provider'), yes(c.itProvider)],
    [t('company.nis2_status'), t(`nis2_status.${c.nis2Status}` as MessageKey)],
  ];
  return (
    <details class="more">
      <summary>{t('company.profile_heading')}</summary>
      <p>
        {t('company.your_role')}: <strong>{t(`role.${p.role}` as MessageKey)}</strong>
      </p>
      <dl class="facts">
        {rows.map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </>
        ))}
      </dl>
      {can(p.role, 'edit_profile') ? (
        <p>
          <a class="button secondary" href={`/${locale}/companies/${c.id}/profile`}>
            {t('company.edit_profile')}
          </a>
        </p>
      ) : null}
    </details>
  );
}

function SecuritySettings(p: HomeProps) {
  const { t, locale } = p.ctx;
  const c = p.company;
  if (!can(p.role, 'security_settings')) return null;
  return (
    <section>
      <h2>{t('company.security_heading')}</h2>
      <p>{c.requireMfa ? t('company.mfa_required_on') : t('company.mfa_required_off')}</p>
      <PostButton
        ctx={p.ctx}
        action={`/${locale}/companies/${c.id}/settings/mfa`}
        fields={{ required: c.requireMfa ? 'no' : 'yes' }}
        label={c.requireMfa ? t('company.mfa_require_stop') : t('company.mfa_require_start')}
        kind="secondary"
      />
    </section>
  );
}

export function HomePage(p: HomeProps) {
  const c = p.company;
  return (
    <Layout ctx={p.ctx} title={c.name}>
      <h1 class="break">{c.name}</h1>
      <CompanyNav ctx={p.ctx} company={c} role={p.role} current="overview" />
      {p.notice ? <Notice>{p.ctx.t(p.notice)}</Notice> : null}
      <NewOffersLine ctx={p.ctx} companyId={c.id} count={p.newOffers ?? 0} />
      <NextStepCard {...p} step={p.home.next} />
      <ul class="cards">
        <ScoreCard {...p} />
        <WeekCard {...p} />
        <IncidentsCard {...p} />
        <DomainsCard {...p} />
        <TeamCard {...p} />
      </ul>
      <ProfileSummary {...p} />
      <SecuritySettings {...p} />
      {p.statsConsent !== undefined ? <StatisticsConsent ctx={p.ctx} company={c} consent={p.statsConsent} /> : null}
    </Layout>
  );
}
