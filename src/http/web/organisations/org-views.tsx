/** Pages of an organisation's staff: frame and navigation, dashboard, inviting companies, staff, announcements. */
import { FUNCTIONS } from '../../../core/assessment/catalog.ts';
import { LOCALES } from '../../../core/locale.ts';
import { FUNCTION_LEVEL } from '../../../core/organisations/dashboard.ts';
import { CSV_MAX_ROWS, JOIN_LINK_DAYS, ORG_KINDS, ORG_ROLES, announcementIn, orgCan, type CsvProblem, type OrgRole } from '../../../core/organisations/organisation.ts';
import type { OrganisationOverview } from '../../../app/organisation-members.ts';
import type { JoinLink, Organisation, StaffInvitation, StaffMember } from '../../../db/repositories/organisation.repository.ts';
import type { Announcement } from '../../../db/repositories/organisation-announcement.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { BarChart } from '../ui/charts.tsx';
import { Csrf, ErrorSummary, formatDateTime, Notice, PostButton, RadioGroup, SelectField, TextField, type FieldErrors } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import { OrgFiguresSection, type FigureLabels } from './org-figures-view.tsx';
import type { PageCtx } from '../ui/page-context.ts';

export function OrgFrame(p: { ctx: PageCtx; org: Organisation; title: string; current: string; notice?: MessageKey | undefined; children: preact.ComponentChildren }) {
  const { t, locale } = p.ctx;
  const base = `/${locale}/orgs/${p.org.id}`;
  const items: { id: string; href: string; key: MessageKey }[] = [
    { id: 'dashboard', href: base, key: 'org.nav.dashboard' },
    { id: 'members', href: `${base}/members`, key: 'org.nav.members' },
    { id: 'staff', href: `${base}/staff`, key: 'org.nav.staff' },
    { id: 'announcements', href: `${base}/announcements`, key: 'org.nav.announcements' },
    { id: 'offers', href: `${base}/offers`, key: 'org.nav.offers' },
    ...(p.org.kind === 'federation' ? [{ id: 'sector-pack', href: `${base}/sector-pack`, key: 'org.nav.sector_pack' as const }] : []),
    ...(p.org.kind === 'it_provider' ? [{ id: 'provider-profile', href: `${base}/profile`, key: 'org.nav.provider_profile' as const }] : []),
    ...(p.org.kind === 'it_provider' ? [{ id: 'shared-plans', href: `${base}/shared-plans`, key: 'pshare.org_nav' as const }] : []),
  ];
  return (
    <Layout ctx={p.ctx} title={`${p.title} · ${p.org.name}`}>
      <p>
        <span class="tag">{t(`org.kind.${p.org.kind}` as MessageKey)}</span> <span class="tag">{p.org.verifiedAt ? t('org.verified') : t('org.unverified')}</span>
      </p>
      <nav aria-label={t('org.nav.label')}>
        <ul class="nav">
          {items.map((i) => (
            <li>
              <a href={i.href} aria-current={i.id === p.current ? 'page' : undefined}>
                {t(i.key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h1>{p.title}</h1>
      {p.notice ? <Notice kind="ok">{t(p.notice)}</Notice> : null}
      {p.children}
    </Layout>
  );
}

export function NewOrganisationPage(p: { ctx: PageCtx; values?: Record<string, string>; errors?: FieldErrors | undefined; general?: string | undefined }) {
  const { t, locale } = p.ctx;
  const v = p.values ?? {};
  return (
    <Layout ctx={p.ctx} title={t('org.new.title')} narrow>
      <h1>{t('org.new.title')}</h1>
      <p class="lead">{t('org.new.lead')}</p>
      <ErrorSummary ctx={p.ctx} errors={p.errors} general={p.general} />
      <form method="post" action={`/${locale}/orgs`} novalidate>
        <Csrf ctx={p.ctx} />
        <TextField name="name" label={t('org.field.name')} value={v.name} error={p.errors?.name} required maxLength={120} autocomplete="organization" />
        <RadioGroup name="kind" legend={t('org.field.kind')} options={ORG_KINDS.map((k) => ({ value: k, label: t(`org.kind.${k}` as MessageKey) }))} value={v.kind} error={p.errors?.kind} />
        <TextField name="sectors" label={t('org.field.sectors')} hint={t('org.field.sectors.hint')} value={v.sectors} error={p.errors?.sectors} maxLength={200} />
        <button type="submit">{t('org.create')}</button>
      </form>
    </Layout>
  );
}

function pct(t: PageCtx['t'], f: { value: number | null; companies: number }, min: number): string {
  return f.value === null ? t('org.dash.hidden', { min }) : t('org.dash.percent', { value: f.value, n: f.companies });
}

export function DashboardPage(p: { ctx: PageCtx; org: Organisation; overview: OrganisationOverview; controlTitle: (id: string) => string; labels: FigureLabels; notice?: MessageKey | undefined }) {
  const { t, locale } = p.ctx;
  const d = p.overview.dashboard;
  const rows = [
    { label: t('org.dash.assessed'), fig: d.assessedShare },
    ...FUNCTIONS.map((f) => ({ label: t('org.dash.function', { function: t(`function.${f}` as MessageKey), level: FUNCTION_LEVEL }), fig: d.functionsAbove[f] })),
  ];
  return (
    <OrgFrame ctx={p.ctx} org={p.org} title={p.org.name} current="dashboard" notice={p.notice}>
      <p>
        {t('org.dash.members', { n: d.members })} {t('org.dash.counting', { n: d.counting })}
      </p>
      {d.counting < d.minimum ? <Notice kind="info">{t('org.dash.threshold', { min: d.minimum, n: d.counting })}</Notice> : null}
      <h2>{t('org.dash.progress')}</h2>
      <p>{d.medianScore.value === null ? t('org.dash.median_hidden', { min: d.minimum }) : t('org.dash.median', { value: d.medianScore.value, n: d.medianScore.companies })}</p>
      <BarChart
        id="org-progress"
        title={t('org.dash.progress')}
        tableCaption={t('org.dash.table')}
        valueHeading={t('org.dash.share')}
        rows={rows.map((r) => ({ label: r.label, value: r.fig.value, valueText: pct(t, r.fig, d.minimum) }))}
      />
      <h2>{t('org.dash.actions')}</h2>
      {d.openActions.length === 0 ? (
        <p>{t('org.dash.actions_hidden', { min: d.minimum })}</p>
      ) : (
        <ol>
          {d.openActions.map((a) => (
            <li>
              {p.controlTitle(a.controlId)}: {t('org.dash.percent', { value: a.share, n: d.openActionsCompanies })}
            </li>
          ))}
        </ol>
      )}
      <OrgFiguresSection ctx={p.ctx} figures={p.overview.figures} minimum={d.minimum} labels={p.labels} />
      <h2>{t('org.dash.shared')}</h2>
      <p>{t('org.dash.shared_lead')}</p>
      {p.overview.shared.length === 0 ? (
        <p>{t('org.dash.shared_none')}</p>
      ) : (
        <table id="shared-with-you">
          <thead>
            <tr>
              <th scope="col">{t('org.dash.col.company')}</th>
              <th scope="col">{t('org.dash.col.score')}</th>
              <th scope="col">{t('org.dash.col.open')}</th>
            </tr>
          </thead>
          <tbody>
            {p.overview.shared.map((s) => (
              <tr>
                <th scope="row">{s.name}</th>
                <td>{s.completed && s.overall !== null ? `${s.overall}/100` : t('org.dash.not_assessed')}</td>
                <td>{s.completed ? String(s.openActions) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.org.kind === 'federation' ? <p><a href={`/${locale}/orgs/${p.org.id}/report`}>{t('sreport.link')}</a></p> : null}
      {p.org.kind === 'it_provider' ? <p><a href={`/${locale}/orgs/${p.org.id}/track`}>{t('ptrack.link')}</a></p> : null}
      <p class="hint">
        <a href={`/${locale}/orgs/${p.org.id}/members`}>{t('org.nav.members')}</a>
      </p>
    </OrgFrame>
  );
}

export interface MembersPageProps {
  ctx: PageCtx;
  org: Organisation;
  role: OrgRole;
  links: JoinLink[];
  mailedOpen: number;
  newLink?: string | undefined;
  csv?: string | undefined;
  csvProblems?: CsvProblem[] | undefined;
  csvError?: string | undefined;
  notice?: MessageKey | undefined;
  sent?: number | undefined;
}

export function MembersPage(p: MembersPageProps) {
  const { t, locale } = p.ctx;
  const base = `/${locale}/orgs/${p.org.id}`;
  const manage = orgCan(p.role, 'manage_members');
  return (
    <OrgFrame ctx={p.ctx} org={p.org} title={t('org.members.title')} current="members" notice={p.notice}>
      <p>{t('org.members.what_they_see')}</p>
      {p.sent !== undefined ? <Notice kind="ok">{t('org.csv.sent', { n: p.sent })}</Notice> : null}
      <h2>{t('org.links.heading')}</h2>
      <p>{t('org.links.lead', { days: JOIN_LINK_DAYS })}</p>
      {p.newLink ? (
        <div class="notice ok" role="status">
          <p>{t('org.links.created')}</p>
          <p>
            <code id="new-join-link">{p.newLink}</code>
          </p>
        </div>
      ) : null}
      {manage ? <PostButton ctx={p.ctx} action={`${base}/links`} label={t('org.links.create')} /> : null}
      <h3>{t('org.links.open')}</h3>
      {p.links.length === 0 ? <p>{t('org.links.none')}</p> : null}
      <ul>
        {p.links.map((l) => (
          <li>
            {t('org.links.item', { created: formatDateTime(l.createdAt, locale), expires: formatDateTime(l.expiresAt, locale) })}{' '}
            {manage ? <PostButton ctx={p.ctx} action={`${base}/links/revoke`} fields={{ id: l.id }} label={t('org.links.revoke')} kind="secondary" /> : null}
          </li>
        ))}
      </ul>
      <p>{t('org.mailed_open', { n: p.mailedOpen })}</p>
      {manage ? (
        <>
          <h2>{t('org.csv.heading')}</h2>
          {p.csvProblems && p.csvProblems.length > 0 ? (
            <div class="error-summary" role="alert" tabindex={-1}>
              <p>{t('org.csv.nothing_sent')}</p>
              <ul>
                {p.csvProblems.map((x) => (
                  <li>{t(`org.csv.problem.${x.problem}` as MessageKey, { line: x.line, max: CSV_MAX_ROWS })}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <form method="post" action={`${base}/invite-csv`}>
            <Csrf ctx={p.ctx} />
            <div class={p.csvError ? 'field has-error' : 'field'}>
              <label for="f-csv">{t('org.csv.label')}</label>
              <p class="hint" id="f-csv-hint">
                {t('org.csv.hint')}
              </p>
              {p.csvError ? (
                <p class="error" id="f-csv-error">
                  {p.csvError}
                </p>
              ) : null}
              <textarea id="f-csv" name="csv" rows={8} maxLength={40000} aria-describedby={p.csvError ? 'f-csv-hint f-csv-error' : 'f-csv-hint'}>
                {p.csv ?? ''}
              </textarea>
            </div>
            <button type="submit">{t('org.csv.send')}</button>
          </form>
        </>
      ) : null}
    </OrgFrame>
  );
}

export function StaffPage(p: { ctx: PageCtx; org: Organisation; role: OrgRole; staff: StaffMember[]; invitations: StaffInvitation[]; events: { type: string; actorEmail: string | null; createdAt: string }[]; errors?: FieldErrors | undefined; general?: string | undefined; notice?: MessageKey | undefined; values?: Record<string, string> }) {
  const { t, locale } = p.ctx;
  const manage = orgCan(p.role, 'manage_staff');
  const base = `/${locale}/orgs/${p.org.id}/staff`;
  return (
    <OrgFrame ctx={p.ctx} org={p.org} title={t('org.staff.title')} current="staff" notice={p.notice}>
      <p>{t('org.staff.roles_explained')}</p>
      {manage ? <ErrorSummary ctx={p.ctx} errors={undefined} general={p.general} /> : null}
      <table class="stack" id="org-staff">
        <thead>
          <tr>
            <th scope="col">{t('org.staff.col.person')}</th>
            <th scope="col">{t('org.staff.col.role')}</th>
            {manage ? <th scope="col">{t('org.staff.col.action')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {p.staff.map((s) => (
            <tr>
              <td data-label={t('org.staff.col.person')}>
                {s.displayName} ({s.email})
              </td>
              <td data-label={t('org.staff.col.role')}>
                {manage ? (
                  <form method="post" action={`${base}/role`} class="inline">
                    <Csrf ctx={p.ctx} />
                    <input type="hidden" name="userId" value={s.userId} />
                    <label class="hint" for={`role-${s.userId}`}>
                      {t('org.staff.role_for', { name: s.displayName })}
                    </label>
                    <select id={`role-${s.userId}`} name="role">
                      {ORG_ROLES.map((r) => (
                        <option value={r} selected={r === s.role}>
                          {t(`org.role.${r}` as MessageKey)}
                        </option>
                      ))}
                    </select>{' '}
                    <button type="submit" class="secondary">
                      {t('org.staff.save_role')}
                    </button>
                  </form>
                ) : (
                  t(`org.role.${s.role}` as MessageKey)
                )}
              </td>
              {manage ? (
                <td data-label={t('org.staff.col.action')}>
                  <PostButton ctx={p.ctx} action={`${base}/remove`} fields={{ userId: s.userId }} label={t('org.staff.remove')} kind="danger" />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <ul>
        {p.invitations.map((i) => (
          <li>
            {i.email} – {t(`org.role.${i.role}` as MessageKey)} – {t('org.staff.waiting')}
          </li>
        ))}
      </ul>
      {orgCan(p.role, 'manage_staff') ? (
        <>
          <h2>{t('org.staff.invite')}</h2>
          <ErrorSummary ctx={p.ctx} errors={p.errors} general={undefined} />
          <form method="post" action={`/${locale}/orgs/${p.org.id}/staff/invite`} novalidate>
            <Csrf ctx={p.ctx} />
            <TextField name="email" type="email" label={t('org.staff.email')} value={p.values?.email} error={p.errors?.email} required autocomplete="off" />
            <SelectField name="role" label={t('org.staff.role')} value={p.values?.role ?? 'org_viewer'} error={p.errors?.role} options={ORG_ROLES.map((r) => ({ value: r, label: t(`org.role.${r}` as MessageKey) }))} />
            <button type="submit">{t('org.staff.send')}</button>
          </form>
          <h2>{t('org.staff.log')}</h2>
          <ul id="org-log">
            {p.events.map((e) => (
              <li>
                {formatDateTime(e.createdAt, locale)}: {t(`audit.${e.type}` as MessageKey, { actor: e.actorEmail ?? '—' })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </OrgFrame>
  );
}

export function AnnouncementsPage(p: { ctx: PageCtx; org: Organisation; role: OrgRole; items: Announcement[]; general?: string | undefined; notice?: MessageKey | undefined; values?: Record<string, string> }) {
  const { t, locale } = p.ctx;
  return (
    <OrgFrame ctx={p.ctx} org={p.org} title={t('org.ann.title')} current="announcements" notice={p.notice}>
      {orgCan(p.role, 'announce') ? (
        <>
          <p>{t('org.ann.lead')}</p>
          <ErrorSummary ctx={p.ctx} errors={undefined} general={p.general} />
          <form method="post" action={`/${locale}/orgs/${p.org.id}/announcements`} novalidate>
            <Csrf ctx={p.ctx} />
            {LOCALES.map((l) => (
              <fieldset class="field">
                <legend>{t('org.ann.lang', { language: t(`lang.name.${l}` as MessageKey) })}</legend>
                <TextField name={`title_${l}`} label={t('org.ann.field.title')} value={p.values?.[`title_${l}`]} maxLength={120} />
                <div class="field">
                  <label for={`f-body_${l}`}>{t('org.ann.field.body')}</label>
                  <textarea id={`f-body_${l}`} name={`body_${l}`} rows={4} maxLength={2000}>
                    {p.values?.[`body_${l}`] ?? ''}
                  </textarea>
                </div>
              </fieldset>
            ))}
            <button type="submit">{t('org.ann.send')}</button>
          </form>
        </>
      ) : null}
      {p.items.length === 0 ? <p>{t('org.ann.none')}</p> : null}
      {p.items.map((a) => {
        const text = announcementIn(a.texts, locale);
        return text ? (
          <article class="card" lang={text.locale}>
            <h2>{text.title}</h2>
            <p>{text.body}</p>
            <p class="hint">{formatDateTime(a.createdAt, locale)}</p>
          </article>
        ) : null;
      })}
    </OrgFrame>
  );
}
