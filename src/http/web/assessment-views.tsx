/** Views shared by the quick scan and the full assessment: a question, and the parts of a result page. */
import type { ComponentChildren } from 'preact';
import type { AssessmentCatalog } from '../../core/assessment/catalog.ts';
import type { Answer, AssessmentResult } from '../../core/assessment/engine.ts';
import type { AssessmentProfile } from '../../core/assessment/profile.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { controlById, localizeControl, planMeta, presentPlan, threatName, type LocalizedControl, type PresentedPlanItem } from '../presenters/assessment.ts';
import { keyMeasuresText, scoreRows } from '../presenters/assessment-documents.ts';
import { BarChart } from './charts.tsx';
import type { PageCtx } from './page-context.ts';

export interface Evidence {
  observed: 'yes' | 'partly' | 'no';
  domain: string;
  at: string;
  contradicts: boolean;
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
          {t('assess.scan_evidence', { domain: e.domain, answer: t(`answer.${e.observed}` as MessageKey) })}
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

export function RisksSection(p: { ctx: PageCtx; catalog: AssessmentCatalog; result: AssessmentResult; limit?: number }) {
  const { t, locale } = p.ctx;
  const risks = p.result.risks.slice(0, p.limit ?? p.result.risks.length);
  return (
    <section>
      <h2>{t('doc.risks_heading')}</h2>
      <BarChart
        id="risks"
        title={t('qs.risks_chart')}
        rows={risks.map((r) => ({ label: threatName(p.catalog, r.threat, locale), value: r.level, valueText: t('doc.risk_level', { level: r.level }) }))}
        highIsBad
        tableCaption={t('qs.risks_table')}
        valueHeading={t('qs.risk')}
      />
    </section>
  );
}

export function PlanSection(p: {
  ctx: PageCtx;
  catalog: AssessmentCatalog;
  result: AssessmentResult;
  profile: AssessmentProfile;
  limit?: number;
  action?: (item: PresentedPlanItem) => ComponentChildren;
}) {
  const { t, locale } = p.ctx;
  const plan = presentPlan(p.catalog, p.result, locale, t, p.profile);
  const shown = p.limit ? plan.slice(0, p.limit) : plan;
  const horizons = (['week', 'month', 'quarter'] as const).filter((h) => !p.limit || shown.some((i) => i.horizon === h));
  return (
    <section>
      <h2>{t('qs.plan_heading')}</h2>
      {plan.length === 0 ? <p>{t('qs.plan_empty')}</p> : null}
      {horizons.map((h) => {
        const items = shown.filter((i) => i.horizon === h);
        return (
          <div>
            <h3>{t(`horizon.${h}` as MessageKey)}</h3>
            {items.length === 0 ? <p>{t('horizon.empty')}</p> : null}
            {items.map((i) => (
              <article class="plan-item" data-control={i.controlId}>
                <h4>{i.title}</h4>
                <p>{i.why}</p>
                <ol class="steps">
                  {i.steps.map((s) => (
                    <li>{s}</li>
                  ))}
                </ol>
                <p class="hint">{planMeta(t, i, locale)}</p>
                {p.action ? p.action(i) : null}
              </article>
            ))}
          </div>
        );
      })}
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
    <section>
      <h2>{t('doc.checklist.title')}</h2>
      <p>{t('qs.checklist_intro')}</p>
      <h3>{t('doc.checklist.todo')}</h3>
      {tasks.length === 0 ? <p>{t('doc.checklist.empty')}</p> : <ul>{tasks.map((x) => row(x.controlId))}</ul>}
      <h3>{t('doc.checklist.unknown')}</h3>
      {unknown.length === 0 ? <p>{t('doc.checklist.empty')}</p> : <ul>{unknown.map((x) => row(x.controlId))}</ul>}
    </section>
  );
}
