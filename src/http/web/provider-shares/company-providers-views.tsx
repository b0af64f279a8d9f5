/**
 * The company's "IT provider" page: the score now, what the provider marked done (to confirm or decline), who has
 * access and until when, the share form (owners), and the history of who did what.
 */
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import { can, type Company, type Role } from '../../../core/company-profile.ts';
import { DECISION_NOTE_MAX, SHARE_DAYS, SHARE_SCOPES, type ShareScope } from '../../../core/providers/shares.ts';
import type { ScanMessages } from '../../../core/scan/messages.ts';
import type { ProvidersOverview } from '../../../app/provider-shares.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { CompanyNav } from '../ui/company-nav.tsx';
import { Choice, Csrf, ErrorSummary, Notice, PostButton, SelectField, formatDateTime, type FieldErrors } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { Contradiction, formatDay, History, itemTitle, scopesText, shareLines, updateLines } from './share-parts.tsx';

export interface ProvidersPageProps {
  ctx: PageCtx;
  company: Company;
  role: Role;
  catalog: AssessmentCatalog;
  messages: ScanMessages;
  overview: ProvidersOverview;
  now: string;
  notice?: string | undefined;
  /** The share form: values to show again and problems per field. */
  values?: { organisationId?: string | undefined; scopes?: string[]; days?: string | undefined };
  errors?: FieldErrors | undefined;
  /** A problem with one provider update (shown above the list). */
  updateProblem?: string | undefined;
}

export function ProvidersPage(p: ProvidersPageProps) {
  const { t, locale } = p.ctx;
  const base = `/${locale}/companies/${p.company.id}/providers`;
  const o = p.overview;
  const pending = o.updates.filter((u) => u.status === 'pending');
  const decided = o.updates.filter((u) => u.status === 'confirmed');
  const score = o.plan?.result.scores.overall ?? null;
  return (
    <Layout ctx={p.ctx} title={t('pshare.company.title')}>
      <h1>{p.company.name}</h1>
      <CompanyNav ctx={p.ctx} company={p.company} role={p.role} current="providers" />
      {p.notice ? <Notice>{p.notice}</Notice> : null}
      <h2>{t('pshare.company.title')}</h2>
      <p class="lead">{t('pshare.company.lead')}</p>
      {score !== null ? (
        <p>
          {t('pshare.company.score')} <strong data-testid="provider-score">{score}</strong>
        </p>
      ) : null}

      <section id="pending">
        <h2>{t('pshare.pending.heading')}</h2>
        {p.updateProblem ? <Notice kind="warn">{p.updateProblem}</Notice> : null}
        {pending.length === 0 ? <p>{t('pshare.pending.none')}</p> : null}
        {pending.map((u) => (
          <article class="card" id={`update-${u.id}`} data-testid="pending-update">
            <h3>{itemTitle(p.catalog, u.controlId, locale)}</h3>
            <p>{t('pshare.history.marked', { person: u.markedBy ?? t('pshare.someone'), organisation: u.organisationName, item: itemTitle(p.catalog, u.controlId, locale) })}</p>
            <p class="break">{u.note}</p>
            <p class="hint">{formatDateTime(u.markedAt, locale)}</p>
            <Contradiction ctx={p.ctx} messages={p.messages} update={u} observations={o.observations} />
            {can(p.role, 'assess') ? (
              <>
                <div class="actions">
                  <PostButton ctx={p.ctx} action={`${base}/updates/${u.id}/confirm`} label={t('pshare.confirm')} />
                </div>
                <form method="post" action={`${base}/updates/${u.id}/decline`} novalidate>
                  <Csrf ctx={p.ctx} />
                  <div class="field">
                    <label for={`f-decline-${u.id}`}>{t('pshare.decline.note')}</label>
                    <p class="hint" id={`f-decline-${u.id}-hint`}>
                      {t('pshare.decline.note_hint', { max: DECISION_NOTE_MAX })}
                    </p>
                    <textarea id={`f-decline-${u.id}`} name="note" maxLength={DECISION_NOTE_MAX} aria-describedby={`f-decline-${u.id}-hint`} />
                  </div>
                  <button type="submit" class="secondary">
                    {t('pshare.decline')}
                  </button>
                </form>
              </>
            ) : null}
          </article>
        ))}
      </section>

      {decided.some((u) => o.observations.get(u.controlId)?.observed === 'no') ? (
        <section>
          <h2>{t('pshare.confirmed.heading')}</h2>
          {decided.map((u) => (
            <div>
              <h3>{itemTitle(p.catalog, u.controlId, locale)}</h3>
              <Contradiction ctx={p.ctx} messages={p.messages} update={u} observations={o.observations} />
            </div>
          ))}
        </section>
      ) : null}

      <section>
        <h2>{t('pshare.access.heading')}</h2>
        {o.active.length === 0 ? <p>{t('pshare.access.none')}</p> : null}
        <ul class="plain">
          {o.active.map((s) => (
            <li class="card" data-testid="active-share">
              <h3>{s.organisationName}</h3>
              <dl class="facts">
                <dt>{t('pshare.access.what')}</dt>
                <dd>{scopesText(p.ctx, s.scopes)}</dd>
                <dt>{t('pshare.access.since')}</dt>
                <dd>{formatDay(s.grantedAt, locale)}</dd>
                <dt>{t('pshare.access.until')}</dt>
                <dd>{formatDay(s.expiresAt, locale)}</dd>
                <dt>{t('pshare.access.by')}</dt>
                <dd>{s.grantedBy ?? t('pshare.someone')}</dd>
              </dl>
              {can(p.role, 'share_with_provider') ? <PostButton ctx={p.ctx} action={`${base}/shares/${s.id}/revoke`} label={t('pshare.revoke')} kind="danger" /> : null}
            </li>
          ))}
        </ul>
      </section>

      {can(p.role, 'share_with_provider') ? <ShareForm {...p} /> : null}

      <History ctx={p.ctx} heading={t('pshare.history.heading')} lines={[...updateLines(p.ctx, p.catalog, o.updates), ...shareLines(p.ctx, [...o.active, ...o.past], p.now)]} />
    </Layout>
  );
}

function ShareForm(p: ProvidersPageProps) {
  const { t, locale } = p.ctx;
  const providers = p.overview.providers;
  const chosen = new Set<string>(p.values?.scopes ?? ['plan', 'provider_checklist']);
  const days = p.values?.days ?? '90';
  const scopeError = p.errors?.scopes;
  const daysError = p.errors?.days;
  return (
    <section>
      <h2>{t('pshare.form.heading')}</h2>
      <p>
        {t('pshare.form.lead')} <a href={`/${locale}/providers`}>{t('pshare.form.directory')}</a>
      </p>
      {providers.length === 0 ? (
        <Notice kind="info">{t('pshare.form.no_providers')}</Notice>
      ) : (
        <form method="post" action={`/${locale}/companies/${p.company.id}/providers/shares`} novalidate>
          <Csrf ctx={p.ctx} />
          <ErrorSummary ctx={p.ctx} errors={p.errors} />
          <SelectField
            name="organisationId"
            label={t('pshare.form.provider')}
            options={[{ value: '', label: t('pshare.form.provider_choose') }, ...providers.map((x) => ({ value: x.id, label: x.name }))]}
            value={p.values?.organisationId}
            error={p.errors?.organisationId}
          />
          <fieldset class={scopeError ? 'field has-error' : 'field'} id="f-scopes">
            <legend>{t('pshare.form.scopes')}</legend>
            {scopeError ? <p class="error">{scopeError}</p> : null}
            <div class="choices">
              {SHARE_SCOPES.map((s: ShareScope) => (
                <Choice type="checkbox" name="scopes" value={s} label={t(`pshare.scope.${s}` as MessageKey)} hint={t(`pshare.scope.${s}.hint` as MessageKey)} checked={chosen.has(s)} />
              ))}
            </div>
          </fieldset>
          <fieldset class={daysError ? 'field has-error' : 'field'} id="f-days">
            <legend>{t('pshare.form.days')}</legend>
            {daysError ? <p class="error">{daysError}</p> : null}
            <div class="choices">
              {SHARE_DAYS.map((d) => (
                <Choice type="radio" name="days" value={String(d)} label={t('pshare.form.days_option', { days: d })} checked={String(d) === days} />
              ))}
            </div>
          </fieldset>
          <p class="hint">{t('pshare.form.privacy')}</p>
          <button type="submit">{t('pshare.form.submit')}</button>
        </form>
      )}
    </section>
  );
}
