/** Views shared by the quick scan and the full assessment: a question, and the parts of a result page. */
import type { ComponentChildren } from 'preact';
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import type { Answer, AssessmentResult } from '../../../core/assessment/engine.ts';
import type { AssessmentProfile } from '../../../core/assessment/profile.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { controlArticle } from '../../presenters/articles.ts';
import { planItemSupport, schemeRegionOf, supportSchemesPath } from '../../presenters/support.ts';
import { controlById, firstSentence, formatHours, localizeControl, planMeta, presentPlan, presentRisks, type LocalizedControl, type PresentedPlanItem } from '../../presenters/assessment.ts';
import { keyMeasuresText, scoreRows } from '../../presenters/assessment-documents.ts';
import { BarChart } from '../ui/charts.tsx';
import { formatDateTime } from '../ui/components.tsx';
import type { PageCtx } from '../ui/page-context.ts';

export interface Evidence {
  observed: 'yes' | 'partly' | 'no';
  domain: string;
  at: string;
  contradicts: boolean;
  /** Evidence measured elsewhere than by a scan (training coverage for pr-awareness) brings its own sentence. */
  text?: string | undefined;
}

export function Question(p: { ctx: PageCtx; control: LocalizedControl; answer: Answer | undefined; allowNa: boolean; note?: string | undefined; withNote: boolean; error?: string | undefined; evidence?: Evidence | undefined }) {
  const { t } = p.ctx;
  const c = p.control;
  const e = p.evidence;
  const options: Answer[] = p.allowNa ? ['yes', 'partly', 'no', 'unknown', 'na'] : ['yes', 'partly', 'no', 'unknown'];
  return (
    <fieldset class={p.error ? 'question has-error' : 'question'} id={`q-${c.id}`}>
      <legend>{c.question}</legend>
      {p.error ? <p class="error">{p.error}</p> : null}
      {e ? (
        <p class={e.contradicts ? 'notice warn' : 'hint'} data-evidence={e.observed}>
          {e.text ?? t('assess.scan_evidence', { domain: e.domain, answer: t(`answer.${e.observed}` as MessageKey) })}
          {e.contradicts ? ` ${t('assess.scan_contradiction')}` : ''}
        </p>
      ) : null}
      <div class="choices">
        {options.map((o) => (
          <label>
            <input type="radio" name={`a_${c.id}`} value={o} checked={p.answer === o} /> {t(`answer.${o}` as MessageKey)}
          </label>
        ))}
      </div>
      <details>
        <summary>{t('qs.why')}</summary>
        <p>{c.why}</p>
        <p>
          <em>{c.example}</em>
        </p>
      </details>
      {p.withNote ? (
        <div class="field">
          <label for={`n-${c.id}`}>{t('assess.note')}</label>
          <textarea id={`n-${c.id}`} name={`n_${c.id}`} maxLength={1000} rows={2}>
            {p.note ?? ''}
          </textarea>
        </div>
      ) : null}
    </fieldset>
  );
}

export function ScoresSection(p: { ctx: PageCtx; result: AssessmentResult }) {
  const { t } = p.ctx;
  return (
    <section>
      <h2>{t('doc.scores_heading')}</h2>
      <BarChart id="scores" title={t('qs.scores_chart')} rows={scoreRows(p.result, t)} tableCaption={t('qs.scores_table')} valueHeading={t('qs.score')} />
      <p>{keyMeasuresText(p.result, t)}</p>
    </section>
  );
}

export function RisksSection(p: { ctx: PageCtx; catalog: AssessmentCatalog; result: AssessmentResult }) {
  const { t, locale } = p.ctx;
  // Every risk, as in the PDF (presentRisks is shared with planDocument, so the page and the PDF cannot drift apart).
  const risks = presentRisks(p.catalog, p.result, locale, t);
  return (
    <section>
      <h2>{t('doc.risks_heading')}</h2>
      <BarChart
        id="risks"
        title={t('qs.risks_chart')}
        rows={risks.map((r) => ({ label: r.label, value: r.level, valueText: r.levelText }))}
        highIsBad
        tableCaption={t('qs.risks_table')}
        valueHeading={t('qs.risk')}
      />
    </section>
  );
}

/** The knowledge-hub article of a plan item (issue 12). */
function ReadMore(p: { ctx: PageCtx; controlId: string }) {
  const article = controlArticle(p.controlId, p.ctx.locale);
  return article ? (
    <p>
      <a href={article.url}>{p.ctx.t('plan.read_more')}</a>
    </p>
  ) : null;
}

/** Steps, the rest of "why", cost and who: one tap away under a folded action. */
/** "Who can help pay": the support schemes of the company's region for this kind of action (docs/support-schemes.md). */
function SupportLine(p: { ctx: PageCtx; controlId: string; region: AssessmentProfile['region'] }) {
  const { t, locale } = p.ctx;
  const list = planItemSupport(p.controlId, p.region, locale);
  if (list.length === 0) return null;
  return (
    <p class="hint support-line" data-support={p.controlId}>
      {t('support.plan_line')}{' '}
      {list.map((s, i) => (
        <>
          {i > 0 ? ', ' : null}
          <a href={s.url} rel="noopener">
            {s.scheme}
          </a>
        </>
      ))}
    </p>
  );
}

function ActionDetails(p: { ctx: PageCtx; item: PresentedPlanItem; why: string; region: AssessmentProfile['region'] }) {
  const { t, locale } = p.ctx;
  return (
    <>
      {p.why ? <p>{p.why}</p> : null}
      <ol class="steps">
        {p.item.steps.map((s) => (
          <li>{s}</li>
        ))}
      </ol>
      <p class="hint">{planMeta(t, p.item, locale)}</p>
      <SupportLine ctx={p.ctx} controlId={p.item.controlId} region={p.region} />
      <ReadMore ctx={p.ctx} controlId={p.item.controlId} />
    </>
  );
}

/**
 * The plan on a phone: this week's actions first (at most three, see HORIZONS), each folded to its title, why in one
 * sentence and the time it takes; the steps, and the rest of the plan, one tap away in <details> (no JavaScript).
 */
export function PlanSection(p: { ctx: PageCtx; catalog: AssessmentCatalog; result: AssessmentResult; profile: AssessmentProfile; action?: (item: PresentedPlanItem) => ComponentChildren }) {
  const { t, locale } = p.ctx;
  const plan = presentPlan(p.catalog, p.result, locale, t, p.profile);
  const week = plan.filter((i) => i.horizon === 'week');
  const rest = plan.filter((i) => i.horizon !== 'week');
  const weekHours = week.reduce((s, i) => s + i.effortHours, 0);
  return (
    <section class="plan" aria-labelledby="plan-heading">
      <h2 id="plan-heading">{t('qs.plan_heading')}</h2>
      {plan.length === 0 ? <p>{t('qs.plan_empty')}</p> : null}
      {plan.length > 0 ? <h3>{t('horizon.week')}</h3> : null}
      {plan.length > 0 ? <p class="hint">{week.length === 0 ? t('horizon.empty') : t('plan.week_lead', { hours: formatHours(weekHours, locale) })}</p> : null}
      {week.length > 0 ? (
        <ol class="top-actions">
          {week.map((i) => {
            const first = firstSentence(i.why, locale);
            return (
              <li class="plan-item top-action" data-control={i.controlId} id={`action-${i.controlId}`}>
                <h4>{i.title}</h4>
                <p class="why">{first}</p>
                <p class="plan-time">{t('plan.time', { hours: formatHours(i.effortHours, locale) })}</p>
                <details class="plan-details">
                  <summary>{t('plan.how')}</summary>
                  <ActionDetails ctx={p.ctx} item={i} why={i.why.slice(i.why.indexOf(first) + first.length).trim()} region={p.profile.region} />
                </details>
                {p.action ? p.action(i) : null}
              </li>
            );
          })}
        </ol>
      ) : null}
      {rest.length > 0 ? (
        <details class="plan-rest">
          <summary>{t('plan.rest_summary', { count: rest.length })}</summary>
          {(['month', 'quarter'] as const).map((h) => {
            const items = rest.filter((i) => i.horizon === h);
            if (items.length === 0) return null;
            return (
              <>
                <h3>{t(`horizon.${h}` as MessageKey)}</h3>
                <ul class="plan-list">
                  {items.map((i) => (
                    <li class="plan-item" data-control={i.controlId} id={`action-${i.controlId}`}>
                      <details class="plan-details">
                        <summary>
                          <strong>{i.title}</strong> <span class="plan-time">{t('plan.time', { hours: formatHours(i.effortHours, locale) })}</span>
                        </summary>
                        <ActionDetails ctx={p.ctx} item={i} why={i.why} region={p.profile.region} />
                      </details>
                      {p.action ? p.action(i) : null}
                    </li>
                  ))}
                </ul>
              </>
            );
          })}
        </details>
      ) : null}
      {plan.length > 0 ? (
        <p class="support-link">
          <a href={supportSchemesPath(locale, schemeRegionOf(p.profile.region))}>{t('support.plan_link')}</a>
        </p>
      ) : null}
    </section>
  );
}

/** Actions marked done, newest first, each with an undo (a plain POST form). */
export function DoneSection(p: { ctx: PageCtx; items: { controlId: string; title: string; doneAt: string }[]; undo?: (controlId: string) => ComponentChildren }) {
  const { t, locale } = p.ctx;
  if (p.items.length === 0) return null;
  return (
    <section class="done-list" aria-labelledby="done-heading">
      <h2 id="done-heading">{t('plan.done_heading')}</h2>
      <ul>
        {p.items.map((d) => (
          <li data-done={d.controlId}>
            <span class="done-title">{d.title}</span> <span class="hint">{t('plan.done_on', { date: formatDateTime(d.doneAt, locale) })}</span> {p.undo ? p.undo(d.controlId) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Quick scan: the "I don't know" answers as questions for the IT provider, as promised on the questions page. */
export function ProviderQuestionsSection(p: { ctx: PageCtx; items: { controlId: string; question: string; criterion: string }[] }) {
  const { t } = p.ctx;
  return (
    <section class="provider-questions" aria-labelledby="provider-heading">
      <h2 id="provider-heading">{t('qs.provider_heading')}</h2>
      {p.items.length === 0 ? (
        <p>{t('qs.provider_none')}</p>
      ) : (
        <>
          <p>{t('qs.provider_intro')}</p>
          <ol>
            {p.items.map((x) => (
              <li data-question={x.controlId}>
                {x.question}
                <br />
                <span class="hint">{t('qs.provider_checks', { criterion: x.criterion })}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

export function ChecklistSection(p: { ctx: PageCtx; catalog: AssessmentCatalog; result: AssessmentResult; profile: AssessmentProfile }) {
  const { t, locale } = p.ctx;
  const unknown = p.result.providerChecklist.filter((x) => x.reason === 'unknown');
  const tasks = p.result.providerChecklist.filter((x) => x.reason === 'provider_task');
  const row = (id: string) => {
    const c = controlById(p.catalog, id);
    if (!c) return null;
    const l = localizeControl(p.catalog, c, locale, t, p.profile);
    return (
      <li>
        <strong>{l.title}</strong>
        <br />
        <span class="hint">{l.criterion}</span>
      </li>
    );
  };
  return (
    <section class="checklist" aria-labelledby="checklist-heading">
      <h2 id="checklist-heading">{t('doc.checklist.title')}</h2>
      <p>{t('qs.checklist_intro')}</p>
      <p>
        <a href={`/${locale}/providers`}>{t('providers.find_link')}</a>
      </p>
      {/* The technical list is for the provider, not the owner: folded, one tap away. */}
      <details class="checklist-details">
        <summary>{t('plan.checklist_summary', { count: tasks.length + unknown.length })}</summary>
        <h3>{t('doc.checklist.todo')}</h3>
        {tasks.length === 0 ? <p>{t('doc.checklist.empty')}</p> : <ul>{tasks.map((x) => row(x.controlId))}</ul>}
        <h3>{t('doc.checklist.unknown')}</h3>
        {unknown.length === 0 ? <p>{t('doc.checklist.empty')}</p> : <ul>{unknown.map((x) => row(x.controlId))}</ul>}
      </details>
    </section>
  );
}
