/** Pages of sector packs: the federation's pack page and question form, the full read-out used by staff and reviewers. */
import { FUNCTIONS } from '../../../core/assessment/catalog.ts';
import { LOCALES, type Locale } from '../../../core/locale.ts';
import { orgCan, type OrgRole } from '../../../core/organisations/organisation.ts';
import { editPlan, EMPTY_PACK, PACK_LIMITS, PACK_MAX_QUESTIONS, type PackContent, type PackGap, type PackQuestion } from '../../../core/organisations/sector-pack.ts';
import type { PackState } from '../../../app/sector-packs.ts';
import type { PackVersion } from '../../../db/repositories/sector-pack.repository.ts';
import type { Organisation } from '../../../db/repositories/organisation.repository.ts';
import type { MessageKey, T } from '../../../i18n/index.ts';
import { shownYesShare } from '../../../core/organisations/sector-pack-figures.ts';
import { MIN_CELL_COMPANIES } from '../../../core/stats/cells.ts';
import type { PackFigure } from '../../../db/repositories/sector-pack.repository.ts';
import { BarChart } from '../ui/charts.tsx';
import { Csrf, ErrorSummary, formatDateTime, Notice, PostButton, SelectField, TextArea, TextField, type FieldErrors } from '../ui/components.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { OrgFrame } from './org-views.tsx';

export const languageName = (t: T, l: Locale) => t(`pack.lang.${l}` as MessageKey);

export function gapText(t: T, g: PackGap): string {
  if (g.kind === 'no_questions') return t('pack.missing.no_questions');
  if (g.kind === 'intro') return t('pack.missing.intro', { language: languageName(t, g.locale) });
  return t(g.kind === 'question' ? 'pack.missing.question' : 'pack.missing.advice', { number: g.number, language: languageName(t, g.locale) });
}


/** The whole pack in the four languages: what the reviewer approves and what the federation's staff read. */
export function PackReadOut(p: { ctx: PageCtx; content: PackContent; headingLevel?: 2 | 3 }) {
  const { t } = p.ctx;
  const H = p.headingLevel === 3 ? 'h3' : 'h2';
  const h = p.headingLevel === 3 ? 'h4' : 'h3';
  const Sub = h;
  return (
    <>
      <H>{t('pack.intro.heading')}</H>
      <dl class="draft">
        {LOCALES.map((l) => (
          <>
            <dt>{languageName(t, l)}</dt>
            <dd lang={l}>{p.content.intro[l] || '—'}</dd>
          </>
        ))}
      </dl>
      {p.content.questions.map((q, i) => (
        <section class="card" aria-labelledby={`rq-${q.id}`}>
          <Sub id={`rq-${q.id}`}>
            {t('pack.question.number', { number: i + 1 })} · {t(`function.${q.function}` as MessageKey)}
          </Sub>
          {LOCALES.map((l) => (
            <dl class="draft">
              <dt>{languageName(t, l)}</dt>
              <dd lang={l}>{q.text[l].question || '—'}</dd>
              {q.text[l].explanation ? (
                <>
                  <dt>{t('pack.label.explanation')}</dt>
                  <dd lang={l}>{q.text[l].explanation}</dd>
                </>
              ) : null}
              <dt>{t('pack.label.advice')}</dt>
              <dd lang={l}>{q.text[l].advice || '—'}</dd>
              {q.text[l].sourceUrl ? (
                <>
                  <dt>{t('pack.label.source')}</dt>
                  <dd>
                    <a href={q.text[l].sourceUrl} rel="noopener noreferrer nofollow">
                      {q.text[l].sourceUrl}
                    </a>
                  </dd>
                </>
              ) : null}
            </dl>
          ))}
        </section>
      ))}
    </>
  );
}

const shorten = (s: string, max = 60) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

/** Per question of the live pack, the share of counting members answering yes; hidden below 10 companies. */
function PackFigures(p: { ctx: PageCtx; live: PackVersion; figures: PackFigure[] }) {
  const { t, locale } = p.ctx;
  const byId = new Map(p.figures.map((f) => [f.questionId, f]));
  const refreshed = p.figures[0]?.refreshedAt;
  return (
    <section aria-labelledby="pack-figures">
      <h2 id="pack-figures">{t('pack.figures.title')}</h2>
      <p>{t('pack.figures.lead', { min: MIN_CELL_COMPANIES })}</p>
      {refreshed ? (
        <>
          <BarChart
            id="pack-yes"
            title={t('pack.figures.chart')}
            tableCaption={t('pack.figures.table')}
            valueHeading={t('pack.figures.value_heading')}
            rows={p.live.content.questions.map((q, i) => {
              const f = byId.get(q.id);
              const share = f ? shownYesShare(f) : null;
              return {
                label: shorten(`${i + 1}. ${q.text[locale].question}`),
                value: share,
                valueText: f && share !== null ? t('pack.figures.value', { share, companies: f.companies }) : t('pack.figures.hidden', { min: MIN_CELL_COMPANIES }),
              };
            })}
          />
          <p class="hint">{t('pack.figures.refreshed', { date: formatDateTime(refreshed, locale) })}</p>
        </>
      ) : (
        <p>{t('pack.figures.none')}</p>
      )}
    </section>
  );
}

export interface PackPageProps {
  ctx: PageCtx;
  org: Organisation;
  role: OrgRole;
  state: PackState;
  notice?: MessageKey | undefined;
  general?: string | undefined;
  gaps?: PackGap[] | undefined;
  errors?: FieldErrors | undefined;
  introValues?: Record<string, string> | undefined;
}

export function PackPage(p: PackPageProps) {
  const { t, locale } = p.ctx;
  const base = `/${locale}/orgs/${p.org.id}/sector-pack`;
  const { latest, live } = p.state;
  const plan = editPlan(latest);
  const editable = orgCan(p.role, 'manage_members') && plan.kind !== 'in_review';
  const content = latest?.content ?? EMPTY_PACK;
  const submittable = latest !== undefined && (latest.status === 'draft' || latest.status === 'returned');
  return (
    <OrgFrame ctx={p.ctx} org={p.org} title={t('pack.title')} current="sector-pack" notice={p.notice}>
      <p class="lead">{t('pack.lead')}</p>
      {p.org.verifiedAt ? null : <Notice kind="warn">{t('pack.unverified')}</Notice>}
      <p>{live ? t('pack.live', { version: live.version, questions: live.content.questions.length }) : t('pack.live.none')}</p>
      {latest && latest.status !== 'published' ? (
        <p>
          {t('pack.status.label')}: <strong>{t(`pack.status.${latest.status}` as MessageKey, { version: latest.version })}</strong>
        </p>
      ) : null}
      {latest?.status === 'returned' && latest.reviewNote ? (
        <Notice kind="warn">
          {t('pack.returned_note')} <span class="break">{latest.reviewNote}</span>
        </Notice>
      ) : null}
      {plan.kind === 'in_review' ? <Notice kind="info">{t('pack.in_review')}</Notice> : null}
      {orgCan(p.role, 'manage_members') ? null : <p class="hint">{t('pack.readonly')}</p>}
      <ErrorSummary ctx={p.ctx} errors={p.errors} general={p.general} />
      {p.gaps && p.gaps.length > 0 ? (
        <div class="notice warn" id="missing">
          <p>{t('pack.missing.heading')}</p>
          <ul>
            {p.gaps.map((g) => (
              <li>{gapText(t, g)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {editable ? (
        <>
          <h2>{t('pack.intro.heading')}</h2>
          <p class="hint">{t('pack.intro.hint')}</p>
          <form method="post" action={base} novalidate>
            <Csrf ctx={p.ctx} />
            {LOCALES.map((l) => (
              <TextArea
                name={`intro_${l}`}
                label={`${t('pack.intro.heading')} – ${languageName(t, l)}`}
                value={p.introValues?.[`intro_${l}`] ?? content.intro[l]}
                error={p.errors?.[`intro_${l}`]}
                maxLength={PACK_LIMITS.intro}
                lang={l}
              />
            ))}
            <button type="submit">{t('pack.save_intro')}</button>
          </form>
          <h2>{t('pack.questions.heading', { count: content.questions.length, max: PACK_MAX_QUESTIONS })}</h2>
          {content.questions.length === 0 ? <p>{t('pack.questions.none')}</p> : null}
          <ol>
            {content.questions.map((q, i) => (
              <li>
                <span lang={locale}>{q.text[locale].question || LOCALES.map((l) => q.text[l].question).find(Boolean)}</span> <span class="tag">{t(`function.${q.function}` as MessageKey)}</span>
                <div class="actions">
                  <a class="button secondary" href={`${base}/question?q=${q.id}`}>
                    {t('pack.edit', { number: i + 1 })}
                  </a>
                  <PostButton ctx={p.ctx} action={`${base}/question/remove`} fields={{ id: q.id }} label={t('pack.remove', { number: i + 1 })} kind="secondary" />
                </div>
              </li>
            ))}
          </ol>
          {content.questions.length < PACK_MAX_QUESTIONS ? (
            <p>
              <a class="button secondary" href={`${base}/question`}>
                {t('pack.add_question')}
              </a>
            </p>
          ) : null}
          {submittable ? (
            <>
              <h2>{t('pack.submit')}</h2>
              <p class="hint">{t('pack.submit.hint')}</p>
              <PostButton ctx={p.ctx} action={`${base}/submit`} label={t('pack.submit')} />
            </>
          ) : null}
        </>
      ) : latest ? (
        <PackReadOut ctx={p.ctx} content={latest.content} />
      ) : null}
      {live ? <PackFigures ctx={p.ctx} live={live} figures={p.state.figures} /> : null}
    </OrgFrame>
  );
}

export function QuestionPage(p: { ctx: PageCtx; org: Organisation; question: PackQuestion | null; number: number | null; values?: Record<string, string> | undefined; errors?: FieldErrors | undefined; general?: string | undefined }) {
  const { t, locale } = p.ctx;
  const base = `/${locale}/orgs/${p.org.id}/sector-pack`;
  const q = p.question;
  const v = (field: string, fallback: string | undefined) => p.values?.[field] ?? fallback ?? '';
  const title = p.number !== null ? t('pack.question.number', { number: p.number }) : t('pack.question.new');
  return (
    <OrgFrame ctx={p.ctx} org={p.org} title={title} current="sector-pack">
      <p>
        <a href={base}>← {t('pack.back')}</a>
      </p>
      <p class="lead">{t('pack.question.lead')}</p>
      <ErrorSummary ctx={p.ctx} errors={p.errors} general={p.general} />
      <form method="post" action={`${base}/question`} novalidate>
        <Csrf ctx={p.ctx} />
        {q ? <input type="hidden" name="id" value={q.id} /> : null}
        <SelectField
          name="function"
          label={t('pack.field.function')}
          hint={t('pack.field.function.hint')}
          options={FUNCTIONS.map((f) => ({ value: f, label: t(`function.${f}` as MessageKey) }))}
          value={v('function', q?.function ?? 'protect')}
          error={p.errors?.function}
        />
        {LOCALES.map((l) => (
          <fieldset class="field">
            <legend>{languageName(t, l)}</legend>
            <TextArea name={`question_${l}`} label={t('pack.field.question')} value={v(`question_${l}`, q?.text[l].question)} error={p.errors?.[`question_${l}`]} maxLength={PACK_LIMITS.question} rows={2} lang={l} />
            <TextArea name={`explanation_${l}`} label={t('pack.field.explanation')} value={v(`explanation_${l}`, q?.text[l].explanation)} error={p.errors?.[`explanation_${l}`]} maxLength={PACK_LIMITS.explanation} lang={l} />
            <TextArea name={`advice_${l}`} label={t('pack.field.advice')} value={v(`advice_${l}`, q?.text[l].advice)} error={p.errors?.[`advice_${l}`]} maxLength={PACK_LIMITS.advice} lang={l} />
            <TextField name={`source_${l}`} label={t('pack.field.source')} value={v(`source_${l}`, q?.text[l].sourceUrl)} error={p.errors?.[`source_${l}`]} maxLength={PACK_LIMITS.url} />
          </fieldset>
        ))}
        <button type="submit">{t('pack.save_question')}</button>
      </form>
    </OrgFrame>
  );
}
