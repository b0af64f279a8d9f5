/**
 * Report an incident once: a wizard with one question per screen (plain GET forms, no JavaScript needed), the
 * triage result (first aid, duties with deadlines, contacts), saving for a company or anonymously with a private
 * follow-up link, and the incident page with its timeline, ticks, drafts, consents and export.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can, type Company, type Role } from '../../../core/company-profile.ts';
import type { IncidentContent } from '../../../core/incidents/content.ts';
import { formatDeadline, formatDuration } from '../../../core/incidents/format.ts';
import { followLinkExpired, followLinkExpiry, minutesLeft, toMispEvent, STATUSES, EMPTY_DETAILS, type IncidentDetails, type IncidentRecord, type Status } from '../../../core/incidents/record.ts';
import { OBLIGATION_IDS, triage, type Facts, type ObligationId, type Triage } from '../../../core/incidents/triage.ts';
import type { Locale } from '../../../core/locale.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { consume, HOUR } from '../../../app/rate-limit.ts';
import { AppError } from '../../errors.ts';
import { addUpdate, changeStatus, createIncident, isOpen, renewFollowLink, saveDetails, setConsents, tick } from '../../../app/incidents.ts';
import { renderDraftPdf } from '../../../adapters/pdf/draft-pdf.ts';
import { sha256 } from '../../../adapters/crypto.ts';
import { findCompany, listMembershipsOfUser } from '../../../db/repositories/company.repository.ts';
import { findIncidentByToken, findIncidentForCompany, listCompanyIncidents } from '../../../db/repositories/incident.repository.ts';
import { translator, type MessageKey } from '../../../i18n/index.ts';
import { company as companyAccess, PUBLIC, type Access } from '../../access.ts';
import { categoryLabel, draftDocument, draftText, presentObligations } from '../../presenters/incidents.ts';
import { sendPage } from '../../render.ts';
import { csvDocument } from '../../csv.ts';
import { noticeFrom } from '../ui/request.ts';
import { CompanyNav } from '../ui/company-nav.tsx';
import { Csrf, formatDateTime, Notice, PostButton } from '../ui/components.tsx';
import { answered, AWARE_PROBLEM_MESSAGE, AWARE_STEP, awareAtAnswerProblem, factsFrom, hiddenAnswers, nextStep, profileAnswers, StepPage } from './incident-wizard.tsx';
import { Layout } from '../ui/layout.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';

function ObligationsList(p: { ctx: PageCtx; content: IncidentContent; triage: Triage; now: Date; ticks?: IncidentRecord['ticks']; tickAction?: string; draftBase?: string }) {
  const { t, locale } = p.ctx;
  const obligations = presentObligations(p.content, p.triage, locale, t);
  return (
    <ol class="obligations">
      {obligations.map((o) => {
        const tickRow = p.ticks?.find((x) => x.kind === 'obligation' && x.itemId === o.id);
        const left = o.dueAt ? minutesLeft(o.dueAt, p.now) : null;
        return (
          <li class={`plan-item obligation ${o.mandatory ? 'mandatory' : 'advised'}`} data-obligation={o.id}>
            <h3>
              {o.title} <span class="tag">{o.mandatory ? t('incident.mandatory') : t('incident.advised')}</span>
            </h3>
            <p>
              <strong>{o.authority}</strong> · {o.dueText}
              {left !== null && !tickRow ? (
                <strong class={left < 0 ? 'error' : ''} data-countdown={o.dueAt}>
                  {' '}
                  · {left < 0 ? t('incident.overdue', { time: formatDuration(left) }) : t('incident.left', { time: formatDuration(left) })}
                </strong>
              ) : null}
            </p>
            <p>{o.reason}</p>
            <details>
              <summary>{t('incident.how')}</summary>
              <p>{o.how}</p>
              <p class="hint">
                {t('incident.source')}: {o.sourceUrl ? <a href={o.sourceUrl}>{o.source}</a> : o.source}
              </p>
            </details>
            {p.draftBase && o.hasDraft ? (
              <p>
                <a href={`${p.draftBase}/${o.id}`}>{t('incident.draft_text')}</a> · <a href={`${p.draftBase}/${o.id}.pdf`}>{t('incident.draft_pdf')}</a>
              </p>
            ) : null}
            {p.tickAction ? (
              tickRow ? (
                <p>
                  ✓ {t('incident.done_on', { date: formatDateTime(tickRow.doneAt, locale) })}
                  {tickRow.reference ? ` · ${tickRow.reference}` : ''}{' '}
                  <PostButton ctx={p.ctx} action={p.tickAction} fields={{ kind: 'obligation', item: o.id, done: 'no' }} label={t('incident.undo')} kind="secondary" />
                </p>
              ) : (
                <form method="post" action={p.tickAction} class="actions">
                  <Csrf ctx={p.ctx} />
                  <input type="hidden" name="kind" value="obligation" />
                  <input type="hidden" name="item" value={o.id} />
                  <input type="hidden" name="done" value="yes" />
                  <label for={`ref-${o.id}`} class="hint">
                    {t('incident.reference')}
                  </label>
                  <input id={`ref-${o.id}`} name="reference" maxLength={200} />
                  <button type="submit" class="secondary">
                    {t('incident.mark_done')}
                  </button>
                </form>
              )
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

function FirstAid(p: { ctx: PageCtx; content: IncidentContent; triage: Triage; ticks?: IncidentRecord['ticks']; tickAction?: string }) {
  const { t, locale } = p.ctx;
  const items = p.content.firstAid[p.triage.firstAid] ?? [];
  return (
    <ol class="first-aid">
      {items.map((i) => {
        const done = p.ticks?.some((x) => x.kind === 'first_aid' && x.itemId === i.id);
        return (
          <li data-first-aid={i.id}>
            <strong>{i.text[locale].title}</strong>
            <ul>
              {i.text[locale].steps.map((s) => (
                <li>{s}</li>
              ))}
            </ul>
            {p.tickAction ? (
              done ? (
                <p>
                  ✓ {t('incident.first_aid_done')} <PostButton ctx={p.ctx} action={p.tickAction} fields={{ kind: 'first_aid', item: i.id, done: 'no' }} label={t('incident.undo')} kind="secondary" />
                </p>
              ) : (
                <PostButton ctx={p.ctx} action={p.tickAction} fields={{ kind: 'first_aid', item: i.id, done: 'yes' }} label={t('incident.mark_done')} kind="secondary" />
              )
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

function Contacts(p: { ctx: PageCtx; content: IncidentContent; ids: string[] }) {
  const { locale } = p.ctx;
  return (
    <ul class="cards">
      {p.content.contacts
        .filter((c) => p.ids.includes(c.id))
        .map((c) => (
          <li class="card" data-contact={c.id}>
            <h3>{c.text[locale].name}</h3>
            <p>{c.text[locale].when}</p>
            {c.phone ? (
              <p>
                <a href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>{c.phone}</a>
              </p>
            ) : null}
            {c.email ? (
              <p>
                <a href={`mailto:${c.email}`}>{c.email}</a>
              </p>
            ) : null}
            {c.url ? (
              <p>
                <a href={c.url}>{c.url.replace(/^https?:\/\//, '')}</a>
              </p>
            ) : null}
          </li>
        ))}
    </ul>
  );
}

function TriagePage(p: { ctx: PageCtx; content: IncidentContent; q: Record<string, string>; facts: Facts; now: Date; companies: { id: string; name: string }[]; fromProfile?: string | undefined }) {
  const { t, locale } = p.ctx;
  const tr = triage(p.facts);
  return (
    <Layout ctx={p.ctx} title={t('incident.result_title')}>
      <h1>{t('incident.result_title')}</h1>
      <p class="lead">
        {categoryLabel(p.content, tr.category, locale)} · <span class="tag">{t(`incident.severity.${tr.severity}` as MessageKey)}</span>
      </p>
      <Notice kind="warn">{t('incident.disclaimer')}</Notice>
      {p.fromProfile ? <p class="hint">{t('incident.from_profile', { answers: p.fromProfile })}</p> : null}
      <h2>{t('incident.first_aid')}</h2>
      <FirstAid ctx={p.ctx} content={p.content} triage={tr} />
      <h2>{t('incident.duties')}</h2>
      <ObligationsList ctx={p.ctx} content={p.content} triage={tr} now={p.now} />
      <h2>{t('incident.contacts')}</h2>
      <Contacts ctx={p.ctx} content={p.content} ids={tr.contacts} />
      <h2>{t('incident.save_heading')}</h2>
      {p.companies.length > 0 ? (
        p.companies.map((c) => (
          <form method="post" action={`/${locale}/companies/${c.id}/incidents`} class="inline">
            <Csrf ctx={p.ctx} />
            {hiddenAnswers(p.q)}
            <button type="submit">{t('incident.save_for', { company: c.name })}</button>{' '}
          </form>
        ))
      ) : (
        <form method="post" action={`/${locale}/incident/save`}>
          <Csrf ctx={p.ctx} />
          {hiddenAnswers(p.q)}
          <p>{t('incident.save_anonymous_hint')}</p>
          <button type="submit">{t('incident.save_anonymous')}</button>
        </form>
      )}
    </Layout>
  );
}

const DetailsForm = z.object({
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

function IncidentPage(p: { ctx: PageCtx; content: IncidentContent; r: IncidentRecord; base: string; now: Date; company: Company | null; role: Role | null; canShare: boolean; notice?: MessageKey | undefined; followUrl?: string; followUntil?: string | undefined }) {
  const { t, locale } = p.ctx;
  const r = p.r;
  const open = isOpen(r);
  const detailFields: (keyof IncidentDetails)[] = ['description', 'peopleAffected', 'dataTypes', 'consequences', 'measures', 'money', 'iocs', 'policyNumber', 'contact'];
  return (
    <Layout ctx={p.ctx} title={t('incident.page_title')}>
      {p.company ? (
        <>
          <h1>{p.company.name}</h1>
          <CompanyNav ctx={p.ctx} company={p.company} role={p.role ?? 'member'} current="incidents" />
        </>
      ) : null}
      <h2>
        {t('incident.page_title')}: {categoryLabel(p.content, r.facts.category, locale)}
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
        <span class="tag">{t(`incident.severity.${r.triage.severity}` as MessageKey)}</span> · {t('incident.aware_at', { date: formatDeadline(r.awareAt, locale) })}
      </p>
      <p class="hint">RSIT: {r.triage.rsit.map((x) => `${x.class}/${x.type}`).join(', ')}</p>
      <Notice kind="warn">{t('incident.disclaimer')}</Notice>
      <h2>{t('incident.duties')}</h2>
      <ObligationsList ctx={p.ctx} content={p.content} triage={r.triage} now={p.now} ticks={r.ticks} tickAction={open ? `${p.base}/tick` : undefined} draftBase={`${p.base}/drafts`} />
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
            <span class="hint">{formatDateTime(e.createdAt, locale)}</span> — {t(`incident.event.${e.kind}` as MessageKey, { ref: e.ref ?? '' })}
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
              {t('incident.lessons')}: {r.lessons}
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

const NOTICES: Record<string, MessageKey> = {
  saved: 'incident.notice.saved',
  updated: 'incident.notice.updated',
  status: 'incident.notice.status',
  consents: 'incident.notice.consents',
  created: 'incident.notice.created',
  renewed: 'incident.notice.renewed',
};

export function incidentRoutes(deps: AppDeps, content: IncidentContent) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/:lang/incident', { config: { access: PUBLIC } }, async (request, reply) => reply.redirect(`/${request.locale}/incident/report`, 303));

    app.get('/:lang/incident/report', { config: { access: PUBLIC } }, async (request, reply) => {
      const raw = { ...(request.query as Record<string, unknown>) };
      const q = answered(raw);
      const ctx = pageCtx(request);
      const now = deps.clock.now();
      const memberships = request.user && request.session?.stage === 'full' ? await listMembershipsOfUser(deps.db, request.user.id) : [];
      // The company the report is for (named, or the only one): its profile answers what it already knows.
      const forCompany = memberships.find((m) => m.companyId === raw.company) ?? (memberships.length === 1 ? memberships[0] : undefined);
      const company = forCompany ? await findCompany(deps.db, forCompany.companyId) : undefined;
      const prefilled = company ? profileAnswers(company) : {};
      for (const [k, v] of Object.entries(prefilled)) q[k] ??= v;
      const carry: Record<string, string> = company ? { company: company.id } : {};
      const problem = awareAtAnswerProblem(q, now);
      if (problem) {
        // A date that does not exist, in the future or long ago starts no clock: ask again, saying why.
        delete q.awareAt;
        return sendPage(reply, <StepPage ctx={ctx} content={content} q={q} carry={carry} step={AWARE_STEP} now={now} error={request.t(AWARE_PROBLEM_MESSAGE[problem])} />, 400);
      }
      const step = nextStep(q);
      if (step) {
        const tried = step.name === 'awareAt' ? raw.awareAtCombined !== undefined : raw[step.name] !== undefined;
        return sendPage(reply, <StepPage ctx={ctx} content={content} q={q} carry={carry} step={step} now={now} error={tried ? request.t('form.error.choose') : undefined} />, tried ? 400 : 200);
      }
      const facts = factsFrom(q);
      if (!facts) {
        delete q.awareAt;
        return sendPage(reply, <StepPage ctx={ctx} content={content} q={q} carry={carry} step={AWARE_STEP} now={now} error={request.t('form.error.invalid')} />, 400);
      }
      const fromProfile = Object.keys(prefilled).length
        ? [
            ...(prefilled.nis2 ? [`NIS2: ${ctx.t(`incident.nis2.${prefilled.nis2}` as MessageKey)}`] : []),
            ...(prefilled.customerCardData ? [`${ctx.t('incident.q.customerCardData')} ${ctx.t('incident.q.customerCardData.no')}`] : []),
          ].join('; ')
        : undefined;
      const companies = memberships.map((m) => ({ id: m.companyId, name: m.companyName }));
      return sendPage(reply, <TriagePage ctx={ctx} content={content} q={q} facts={facts} now={now} companies={companies} fromProfile={fromProfile} />);
    });

    app.post('/:lang/incident/save', { config: { access: PUBLIC } }, async (request, reply) => {
      const answers = answered((request.body ?? {}) as Record<string, unknown>);
      const facts = awareAtAnswerProblem(answers, deps.clock.now()) ? undefined : factsFrom(answers);
      if (!facts) return reply.redirect(`/${request.locale}/incident/report`, 303);
      // Anonymous reports cost nothing to send: bound them per address.
      const limited = await consume(deps, [{ key: `incident-anon:${request.ip}`, max: 20, windowMs: 24 * HOUR }]);
      if (!limited.allowed) throw new AppError('rate_limited', { retryAfterSeconds: limited.retryAfterSeconds });
      const { followToken } = await createIncident(deps, { facts, lang: request.locale, companyId: null, user: null });
      return reply.redirect(`/${request.locale}/incidents/follow/${followToken}?done=created`, 303);
    });

    app.post('/:lang/companies/:companyId/incidents', { config: { access: companyAccess('report') } }, async (request, reply) => {
      const answers = answered((request.body ?? {}) as Record<string, unknown>);
      const facts = awareAtAnswerProblem(answers, deps.clock.now()) ? undefined : factsFrom(answers);
      if (!facts) return reply.redirect(`/${request.locale}/incident/report`, 303);
      const { id } = await createIncident(deps, { facts, lang: request.company!.language, companyId: request.company!.id, user: request.user });
      return reply.redirect(`/${request.locale}/companies/${request.company!.id}/incidents/${id}?done=created`, 303);
    });

    app.get('/:lang/companies/:companyId/incidents', { config: { access: companyAccess('view') } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const list = await listCompanyIncidents(deps.db, request.company!.id);
      const base = `/${ctx.locale}/companies/${request.company!.id}`;
      return sendPage(
        reply,
        <Layout ctx={ctx} title={ctx.t('incident.list_title')}>
          <h1>{request.company!.name}</h1>
          <CompanyNav ctx={ctx} company={request.company!} role={request.companyRole!} current="incidents" />
          <h2>{ctx.t('incident.list_title')}</h2>
          <p>
            <a class="button" href={`/${ctx.locale}/incident/report?company=${request.company!.id}`}>
              {ctx.t('incident.report_new')}
            </a>{' '}
            {can(request.companyRole, 'assess') ? <a href={`${base}/breach-register`}>{ctx.t('incident.register_title')}</a> : null}
          </p>
          {list.length === 0 ? <p>{ctx.t('incident.none')}</p> : null}
          <ul>
            {list.map((r) => (
              <li>
                <a href={`${base}/incidents/${r.id}`}>{categoryLabel(content, r.facts.category, ctx.locale)}</a> — {formatDeadline(r.awareAt, ctx.locale)} ·{' '}
                {ctx.t(`incident.status.${r.status}` as MessageKey)}
              </li>
            ))}
          </ul>
        </Layout>,
      );
    });

    /** GDPR Art. 33(5) register: every incident with personal data, notified or not. */
    async function register(request: FastifyRequest) {
      const list = (await listCompanyIncidents(deps.db, request.company!.id)).filter((r) => r.facts.personalData !== 'no');
      return list.map((r) => {
        const dpa = r.ticks.find((x) => x.kind === 'obligation' && x.itemId === 'gdpr_dpa_notification');
        const needed = r.triage.obligations.some((o) => o.id === 'gdpr_dpa_notification');
        return { r, dpa, needed };
      });
    }

    app.get('/:lang/companies/:companyId/breach-register', { config: { access: companyAccess('assess') } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const rows = await register(request);
      const t = ctx.t;
      return sendPage(
        reply,
        <Layout ctx={ctx} title={t('incident.register_title')}>
          <h1>{request.company!.name}</h1>
          <CompanyNav ctx={ctx} company={request.company!} role={request.companyRole!} current="incidents" />
          <h2>{t('incident.register_title')}</h2>
          <p>{t('incident.register_intro')}</p>
          <p>
            <a href={`/${ctx.locale}/companies/${request.company!.id}/breach-register.csv`}>{t('incident.register_csv')}</a>
          </p>
          <div class="table-scroll">
            <table data-testid="breach-register">
              <thead>
                <tr>
                  <th scope="col">{t('incident.reg.aware')}</th>
                  <th scope="col">{t('incident.reg.what')}</th>
                  <th scope="col">{t('incident.detail.dataTypes')}</th>
                  <th scope="col">{t('incident.detail.peopleAffected')}</th>
                  <th scope="col">{t('incident.detail.measures')}</th>
                  <th scope="col">{t('incident.reg.notified')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ r, dpa, needed }) => (
                  <tr>
                    <td>{formatDeadline(r.awareAt, ctx.locale)}</td>
                    <td>{categoryLabel(content, r.facts.category, ctx.locale)}</td>
                    <td>{r.details.dataTypes || '—'}</td>
                    <td>{r.details.peopleAffected || '—'}</td>
                    <td>{r.details.measures || '—'}</td>
                    <td>{dpa ? formatDeadline(dpa.doneAt, ctx.locale) : needed ? t('incident.reg.not_yet') : t('incident.reg.not_needed')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Layout>,
      );
    });

    app.get('/:lang/companies/:companyId/breach-register.csv', { config: { access: companyAccess('assess') } }, async (request, reply) => {
      const lang = request.company!.language;
      const t = translator(lang);
      const rows = await register(request);
      const header = [t('incident.reg.aware'), t('incident.reg.what'), 'RSIT', t('incident.detail.dataTypes'), t('incident.detail.peopleAffected'), t('incident.detail.consequences'), t('incident.detail.measures'), t('incident.reg.notified')];
      const lines = rows.map(({ r, dpa, needed }) => [
          r.awareAt,
          categoryLabel(content, r.facts.category, lang),
          r.triage.rsit.map((x) => `${x.class}/${x.type}`).join(' '),
          r.details.dataTypes,
          r.details.peopleAffected,
          r.details.consequences,
          r.details.measures,
          dpa ? dpa.doneAt : needed ? t('incident.reg.not_yet') : t('incident.reg.not_needed'),
        ]);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="breach-register.csv"')
        .send(csvDocument(header, lines));
    });

    /** The incident page and its actions, for a company incident and for an anonymous one (by its token). */
    function registerIncident(prefix: string, view: Access, edit: Access, share: Access, resolve: (request: FastifyRequest) => Promise<IncidentRecord | 'expired' | undefined>, baseOf: (request: FastifyRequest) => string) {
      const load = async (request: FastifyRequest, reply: FastifyReply) => {
        const r = await resolve(request);
        if (r === 'expired') {
          // The follow-up link has expired: say so plainly; nothing of the report is shown or changed.
          const ctx = pageCtx(request);
          void sendPage(
            reply,
            <Layout ctx={ctx} title={ctx.t('incident.page_title')} narrow>
              <h1>{ctx.t('incident.page_title')}</h1>
              <Notice kind="warn">{ctx.t('incident.follow_link_expired')}</Notice>
              <p>
                <a class="button" href={`/${ctx.locale}/incident/report`}>
                  {ctx.t('incident.report_new')}
                </a>
              </p>
            </Layout>,
            410,
          );
          return undefined;
        }
        if (!r) {
          void reply.callNotFound();
          return undefined;
        }
        return r;
      };
      const back = (request: FastifyRequest, done: string) => `${baseOf(request)}?done=${done}`;

      app.get(prefix, { config: { access: view } }, async (request, reply) => {
        const r = await load(request, reply);
        if (!r) return reply;
        const token = (request.params as { token?: string }).token;
        const created = noticeFrom(request, NOTICES) === 'incident.notice.created';
        return sendPage(
          reply,
          <IncidentPage
            ctx={pageCtx(request)}
            content={content}
            r={r}
            base={baseOf(request)}
            now={deps.clock.now()}
            company={request.company}
            role={request.companyRole}
            canShare={request.company ? can(request.companyRole, 'share_incident') : true}
            notice={noticeFrom(request, NOTICES)}
            {...(token && created ? { followUrl: `${deps.config.baseUrl}${baseOf(request)}` } : {})}
            followUntil={token ? followLinkExpiry(r, deps.config.incidentLinkTtlMonths) : undefined}
          />,
        );
      });

      app.post(`${prefix}/tick`, { config: { access: edit } }, async (request, reply) => {
        const r = await load(request, reply);
        if (!r) return reply;
        const b = z.object({ kind: z.enum(['obligation', 'first_aid']), item: z.string().regex(/^[a-z_0-9]{2,60}$/), done: z.enum(['yes', 'no']), reference: z.string().max(200).optional() }).safeParse(request.body);
        if (b.success && isOpen(r)) await tick(deps, r, request.user, b.data.kind, b.data.item, b.data.done === 'yes', b.data.reference?.trim() || null);
        return reply.redirect(back(request, 'updated'), 303);
      });

      if (prefix.includes(':token')) {
        // Renewing needs the link itself, so only someone holding a working link can extend it.
        app.post(`${prefix}/renew`, { config: { access: edit } }, async (request, reply) => {
          const r = await load(request, reply);
          if (!r) return reply;
          await renewFollowLink(deps, r);
          return reply.redirect(back(request, 'renewed'), 303);
        });
      }

      app.post(`${prefix}/update`, { config: { access: edit } }, async (request, reply) => {
        const r = await load(request, reply);
        if (!r) return reply;
        const b = z.object({ text: z.string().trim().min(1).max(4000), kind: z.enum(['update', 'evidence']).default('update') }).safeParse(request.body);
        if (b.success && isOpen(r)) await addUpdate(deps, r, request.user, b.data.kind, b.data.text);
        return reply.redirect(b.success ? back(request, 'updated') : baseOf(request), 303);
      });

      app.post(`${prefix}/details`, { config: { access: edit } }, async (request, reply) => {
        const r = await load(request, reply);
        if (!r) return reply;
        const b = DetailsForm.safeParse(request.body);
        if (b.success) await saveDetails(deps, r, request.user, { ...EMPTY_DETAILS, ...b.data });
        return reply.redirect(back(request, 'saved'), 303);
      });

      app.post(`${prefix}/status`, { config: { access: edit } }, async (request, reply) => {
        const r = await load(request, reply);
        if (!r) return reply;
        const b = z.object({ status: z.enum(STATUSES), lessons: z.string().max(4000).optional() }).safeParse(request.body);
        if (b.success) await changeStatus(deps, r, request.user, b.data.status as Status, b.data.lessons ?? null);
        return reply.redirect(back(request, 'status'), 303);
      });

      app.post(`${prefix}/consents`, { config: { access: edit } }, async (request, reply) => {
        const r = await load(request, reply);
        if (!r) return reply;
        const body = (request.body ?? {}) as Record<string, unknown>;
        const story = body.storyConsent === 'yes' && typeof body.story === 'string' && body.story.trim() ? body.story : null;
        await setConsents(deps, r, request.user, body.stats === 'yes', story);
        return reply.redirect(back(request, 'consents'), 303);
      });

      app.post(`${prefix}/misp`, { config: { access: share } }, async (request, reply) => {
        const r = await load(request, reply);
        if (!r) return reply;
        const include = (request.body as Record<string, unknown> | undefined)?.includeDescription === 'yes';
        return reply
          .header('content-type', 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="schild-incident-${r.id}.misp.json"`)
          .send(JSON.stringify(toMispEvent(r, { includeDescription: include }), null, 2));
      });

      app.get(`${prefix}/drafts/:draft`, { config: { access: view } }, async (request, reply) => {
        const r = await load(request, reply);
        if (!r) return reply;
        const raw = (request.params as { draft: string }).draft;
        const pdf = raw.endsWith('.pdf');
        const id = raw.replace(/\.pdf$/, '') as ObligationId;
        if (!(OBLIGATION_IDS as readonly string[]).includes(id) || !r.triage.obligations.some((o) => o.id === id)) return reply.callNotFound();
        const lang: Locale = request.company?.language ?? r.lang;
        const doc = draftDocument(content, r, id, lang, translator(lang), request.company ? { name: request.company.name, enterpriseNumber: request.company.enterpriseNumber } : null, deps.clock.now());
        if (!doc) return reply.callNotFound();
        if (pdf) return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${id}.pdf"`).send(await renderDraftPdf(doc));
        const ctx = pageCtx(request);
        return sendPage(
          reply,
          <Layout ctx={ctx} title={doc.title} narrow>
            <p>
              <a href={baseOf(request)}>← {ctx.t('incident.page_title')}</a>
            </p>
            <h1>{doc.title}</h1>
            <p>{doc.intro}</p>
            <dl class="draft">
              {doc.fields.map((f) => (
                <>
                  <dt>{f.label}</dt>
                  <dd>{f.value || '—'}</dd>
                </>
              ))}
            </dl>
            <div class="field">
              <label for="draft-text">{ctx.t('incident.draft_copy')}</label>
              <textarea id="draft-text" rows={14} readOnly>
                {draftText(doc)}
              </textarea>
            </div>
          </Layout>,
        );
      });
    }

    const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
    registerIncident(
      '/:lang/incidents/follow/:token',
      PUBLIC,
      PUBLIC,
      PUBLIC,
      async (request) => {
        const token = (request.params as { token: string }).token;
        const r = TOKEN.test(token) ? await findIncidentByToken(deps.db, sha256(token)) : undefined;
        return r && followLinkExpired(r, deps.config.incidentLinkTtlMonths, deps.clock.now()) ? 'expired' : r;
      },
      (request) => `/${request.locale}/incidents/follow/${(request.params as { token: string }).token}`,
    );
    registerIncident(
      '/:lang/companies/:companyId/incidents/:incidentId',
      companyAccess('view'),
      companyAccess('report'),
      companyAccess('share_incident'),
      async (request) => {
        const id = (request.params as { incidentId: string }).incidentId;
        return /^[0-9a-f-]{36}$/.test(id) ? findIncidentForCompany(deps.db, request.company!.id, id) : undefined;
      },
      (request) => `/${request.locale}/companies/${request.company!.id}/incidents/${(request.params as { incidentId: string }).incidentId}`,
    );
  };
}
