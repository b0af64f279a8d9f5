/**
 * Parts of the incident pages shared by the wizard's result and a saved incident: duties with their countdowns, first
 * aid, contacts, and the result page itself. Everything is in the page's language.
 */
import type { IncidentContent } from '../../../core/incidents/content.ts';
import { formatDuration } from '../../../core/incidents/format.ts';
import { minutesLeft, type IncidentRecord } from '../../../core/incidents/record.ts';
import { triage, type Facts, type Triage } from '../../../core/incidents/triage.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { categoryLabel, presentObligations } from '../../presenters/incidents.ts';
import { colon, Csrf, formatDateTime, Notice, PostButton } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { hiddenAnswers } from './incident-wizard.tsx';

export function ObligationsList(p: {
  ctx: PageCtx;
  content: IncidentContent;
  triage: Triage;
  now: Date;
  ticks?: IncidentRecord['ticks'];
  tickAction?: string;
  draftBase?: string;
}) {
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
                  ·{' '}
                  {left < 0
                    ? t('incident.overdue', { time: formatDuration(left, locale) })
                    : t('incident.left', { time: formatDuration(left, locale) })}
                </strong>
              ) : null}
            </p>
            <p>{o.reason}</p>
            <details>
              <summary>{t('incident.how')}</summary>
              <p>{o.how}</p>
              <p class="hint">
                {t('incident.source')}
                {colon(locale)} {o.sourceUrl ? <a href={o.sourceUrl}>{o.source}</a> : o.source}
              </p>
            </details>
            {p.draftBase && o.hasDraft ? (
              <p>
                <a href={`${p.draftBase}/${o.id}`}>{t('incident.draft_text')}</a> ·{' '}
                <a href={`${p.draftBase}/${o.id}.pdf`}>{t('incident.draft_pdf')}</a>
              </p>
            ) : null}
            {p.tickAction ? (
              tickRow ? (
                <p>
                  ✓ {t('incident.done_on', { date: formatDateTime(tickRow.doneAt, locale) })}
                  {tickRow.reference ? ` · ${tickRow.reference}` : ''}{' '}
                  <PostButton
                    ctx={p.ctx}
                    action={p.tickAction}
                    fields={{ kind: 'obligation', item: o.id, done: 'no' }}
                    label={t('incident.undo')}
                    kind="secondary"
                  />
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

export function FirstAid(p: {
  ctx: PageCtx;
  content: IncidentContent;
  triage: Triage;
  ticks?: IncidentRecord['ticks'];
  tickAction?: string;
}) {
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
                  ✓ {t('incident.first_aid_done')}{' '}
                  <PostButton
                    ctx={p.ctx}
                    action={p.tickAction}
                    fields={{ kind: 'first_aid', item: i.id, done: 'no' }}
                    label={t('incident.undo')}
                    kind="secondary"
                  />
                </p>
              ) : (
                <PostButton
                  ctx={p.ctx}
                  action={p.tickAction}
                  fields={{ kind: 'first_aid', item: i.id, done: 'yes' }}
                  label={t('incident.mark_done')}
                  kind="secondary"
                />
              )
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

export function Contacts(p: { ctx: PageCtx; content: IncidentContent; ids: string[] }) {
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
                {/* The page in the reader's language; the host alone is what an owner recognises and fits a phone. */}
                <a href={c.url[locale]}>{new URL(c.url[locale]).host.replace(/^www\./, '')}</a>
              </p>
            ) : null}
          </li>
        ))}
    </ul>
  );
}

export function TriagePage(p: {
  ctx: PageCtx;
  content: IncidentContent;
  q: Record<string, string>;
  facts: Facts;
  now: Date;
  companies: { id: string; name: string }[];
  fromProfile?: string | undefined;
  /** Back to the last question, every answer kept (a plain link: works without JavaScript). */
  back?: string | undefined;
}) {
  const { t, locale } = p.ctx;
  const tr = triage(p.facts);
  return (
    <Layout ctx={p.ctx} title={t('incident.result_title')}>
      {p.back ? (
        <p>
          <a href={p.back} data-testid="wizard-back">
            ← {t('incident.back')}
          </a>
        </p>
      ) : null}
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
