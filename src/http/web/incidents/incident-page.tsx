/** A saved incident's page (company or anonymous follow-up): duties and ticks, first aid, details, timeline, status, consents. */
import { z } from 'zod';
import type { Company, Role } from '../../../core/company-profile.ts';
import type { IncidentContent } from '../../../core/incidents/content.ts';
import { formatDeadline } from '../../../core/incidents/format.ts';
import { STATUSES, type IncidentDetails, type IncidentRecord } from '../../../core/incidents/record.ts';
import { isOpen } from '../../../app/incidents.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { categoryLabel } from '../../presenters/incidents.ts';
import { CompanyNav } from '../ui/company-nav.tsx';
import { colon, Csrf, formatDateTime, Notice } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { Contacts, FirstAid, ObligationsList } from './incident-views.tsx';

export const DetailsForm = z.object({
  description: z.string().max(4000).default(''),
  peopleAffected: z.string().max(200).default(''),
  dataTypes: z.string().max(500).default(''),
  consequences: z.string().max(2000).default(''),
  measures: z.string().max(2000).default(''),
  money: z.string().max(200).default(''),
  iocs: z.string().max(4000).default(''),
  policyNumber: z.string().max(100).default(''),
  contact: z.string().max(300).default(''),
});

export function IncidentPage(p: {
  ctx: PageCtx;
  content: IncidentContent;
  r: IncidentRecord;
  base: string;
  now: Date;
  company: Company | null;
  role: Role | null;
  canShare: boolean;
  notice?: MessageKey | undefined;
  followUrl?: string;
  followUntil?: string | undefined;
  /** Owners of a company incident: the link to share its story (issue 12) and the shared story's status, if any. */
  testimony?: { href: string; status: string | null } | undefined;
}) {
  const { t, locale } = p.ctx;
  const r = p.r;
  const open = isOpen(r);
  const detailFields: (keyof IncidentDetails)[] = [
    'description',
    'peopleAffected',
    'dataTypes',
    'consequences',
    'measures',
    'money',
    'iocs',
    'policyNumber',
    'contact',
  ];
  return (
    <Layout ctx={p.ctx} title={t('incident.page_title')}>
      {p.company ? (
        <>
          <h1>{p.company.name}</h1>
          <CompanyNav ctx={p.ctx} company={p.company} role={p.role ?? 'member'} current="incidents" />
        </>
      ) : null}
      <h2>
        {t('incident.page_title')}
        {colon(locale)} {categoryLabel(p.content, r.facts.category, locale)}
      </h2>
      {p.notice ? <Notice>{t(p.notice)}</Notice> : null}
      {p.followUrl ? (
        <Notice kind="warn">
          <p>{t('incident.follow_link_keep')}</p>
          <code class="secret" data-testid="follow-link">
            {p.followUrl}
          </code>
        </Notice>
      ) : null}
      {p.followUntil ? (
        <form method="post" action={`${p.base}/renew`} class="actions" data-testid="follow-link-renew">
          <Csrf ctx={p.ctx} />
          <p class="hint">{t('incident.follow_link_until', { date: formatDeadline(p.followUntil, locale) })}</p>
          <button type="submit" class="secondary">
            {t('incident.follow_link_renew')}
          </button>
        </form>
      ) : null}
      <p>
        <span class="tag" data-status={r.status}>
          {t(`incident.status.${r.status}` as MessageKey)}
        </span>{' '}
        <span class="tag">{t(`incident.severity.${r.triage.severity}` as MessageKey)}</span> ·{' '}
        {t('incident.aware_at', { date: formatDeadline(r.awareAt, locale) })}
      </p>
      <p class="hint">RSIT: {r.triage.rsit.map((x) => `${x.class}/${x.type}`).join(', ')}</p>
      <Notice kind="warn">{t('incident.disclaimer')}</Notice>
      <h2>{t('incident.duties')}</h2>
      <ObligationsList
        ctx={p.ctx}
        content={p.content}
        triage={r.triage}
        now={p.now}
        ticks={r.ticks}
        tickAction={open ? `${p.base}/tick` : undefined}
        draftBase={`${p.base}/drafts`}
      />
      <h2>{t('incident.first_aid')}</h2>
      <FirstAid ctx={p.ctx} content={p.content} triage={r.triage} ticks={r.ticks} tickAction={open ? `${p.base}/tick` : undefined} />
      <h2>{t('incident.contacts')}</h2>
      <Contacts ctx={p.ctx} content={p.content} ids={r.triage.contacts} />
      <h2>{t('incident.details_heading')}</h2>
      <p class="hint">{t('incident.details_hint')}</p>
      <form method="post" action={`${p.base}/details`} novalidate>
        <Csrf ctx={p.ctx} />
        {detailFields.map((f) => (
          <div class="field">
            <label for={`d-${f}`}>{t(`incident.detail.${f}` as MessageKey)}</label>
            <textarea id={`d-${f}`} name={f} rows={f === 'description' || f === 'iocs' ? 4 : 2} maxLength={4000}>
              {r.details[f]}
            </textarea>
          </div>
        ))}
        <button type="submit" class="secondary">
          {t('assess.save')}
        </button>
      </form>
      <h2>{t('incident.timeline')}</h2>
      <ol class="timeline">
        {r.events.map((e) => (
          <li data-event={e.kind}>
            <span class="hint">{formatDateTime(e.createdAt, locale)}</span> —{' '}
            {t(`incident.event.${e.kind}` as MessageKey, { ref: e.ref ?? '' })}
            {e.text ? <p>{e.text}</p> : null}
          </li>
        ))}
      </ol>
      {open ? (
        <form method="post" action={`${p.base}/update`} novalidate>
          <Csrf ctx={p.ctx} />
          <div class="field">
            <label for="f-text">{t('incident.add_update')}</label>
            <textarea id="f-text" name="text" rows={3} maxLength={4000} required />
          </div>
          <fieldset class="field">
            <legend>{t('incident.update_kind')}</legend>
            <div class="choices">
              <label>
                <input type="radio" name="kind" value="update" checked /> {t('incident.kind.update')}
              </label>
              <label>
                <input type="radio" name="kind" value="evidence" /> {t('incident.kind.evidence')}
              </label>
            </div>
          </fieldset>
          <button type="submit" class="secondary">
            {t('incident.add')}
          </button>
        </form>
      ) : null}
      <h2>{t('incident.status_heading')}</h2>
      {open ? (
        <form method="post" action={`${p.base}/status`} novalidate>
          <Csrf ctx={p.ctx} />
          <fieldset class="field">
            <legend>{t('incident.new_status')}</legend>
            <div class="choices">
              {STATUSES.filter((s) => s !== r.status && !(s === 'suspected')).map((s) => (
                <label>
                  <input type="radio" name="status" value={s} /> {t(`incident.status.${s}` as MessageKey)}
                </label>
              ))}
            </div>
          </fieldset>
          <div class="field">
            <label for="f-lessons">{t('incident.lessons')}</label>
            <textarea id="f-lessons" name="lessons" rows={3} maxLength={4000} />
          </div>
          <button type="submit">{t('incident.change_status')}</button>
        </form>
      ) : (
        <p>
          {t('incident.closed_on', { date: formatDateTime(r.closedAt ?? r.updatedAt, locale) })}
          {r.lessons ? (
            <>
              <br />
              {t('incident.lessons')}
              {colon(locale)} {r.lessons}
            </>
          ) : null}
        </p>
      )}
      <h2>{t('incident.consents_heading')}</h2>
      <form method="post" action={`${p.base}/consents`} novalidate>
        <Csrf ctx={p.ctx} />
        <div class="choices">
          <label>
            <input type="checkbox" name="stats" value="yes" checked={r.statsConsent} /> {t('incident.consent_stats')}
          </label>
        </div>
        <div class="choices">
          <label>
            <input type="checkbox" name="storyConsent" value="yes" checked={r.storyConsent} /> {t('incident.consent_story')}
          </label>
        </div>
        <div class="field">
          <label for="f-story">{t('incident.story')}</label>
          <textarea id="f-story" name="story" rows={3} maxLength={1500}>
            {r.story ?? ''}
          </textarea>
        </div>
        <button type="submit" class="secondary">
          {t('incident.save_consents')}
        </button>
      </form>
      {p.testimony ? (
        <section aria-labelledby="testimony-heading" data-testid="incident-testimony">
          <h2 id="testimony-heading">{t('testimony.incident.heading')}</h2>
          <p>{t('testimony.incident.hint')}</p>
          {p.testimony.status ? (
            <p>
              <span class="tag" data-status={p.testimony.status}>
                {t(`testimony.status.${p.testimony.status}` as MessageKey)}
              </span>
            </p>
          ) : null}
          <p>
            <a href={p.testimony.href}>{t(p.testimony.status ? 'testimony.incident.open' : 'testimony.incident.link')}</a>
          </p>
        </section>
      ) : null}
      {p.canShare ? (
        <>
          <h2>{t('incident.share_heading')}</h2>
          <p>{t('incident.share_hint')}</p>
          <form method="post" action={`${p.base}/misp`}>
            <Csrf ctx={p.ctx} />
            <label>
              <input type="checkbox" name="includeDescription" value="yes" /> {t('incident.share_description')}
            </label>{' '}
            <button type="submit" class="secondary">
              {t('incident.share_misp')}
            </button>
          </form>
        </>
      ) : null}
    </Layout>
  );
}

export const NOTICES: Record<string, MessageKey> = {
  saved: 'incident.notice.saved',
  updated: 'incident.notice.updated',
  status: 'incident.notice.status',
  consents: 'incident.notice.consents',
  created: 'incident.notice.created',
  renewed: 'incident.notice.renewed',
};
