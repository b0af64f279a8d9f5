/**
 * Pages of the IT provider training track (phone-first, no script needed): the list of lessons with the viewer's
 * and the organisation's status, one lesson with its quiz form, and the result with an explanation per question.
 */
import type { TrackOverview } from '../../../app/provider-track.ts';
import { PROVIDER_QUIZ_QUESTIONS, type ProviderLesson, type TrackQuizResult } from '../../../core/providers/track-content.ts';
import { PROVIDER_TRACK_LESSON_IDS, PROVIDER_TRACK_PASS_PERCENT } from '../../../core/providers/track.ts';
import type { Organisation } from '../../../db/repositories/organisation.repository.ts';
import { Csrf, ErrorSummary, formatDay, Notice, RadioGroup, SourceList, type FieldErrors } from '../ui/components.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { OrgFrame } from '../organisations/org-views.tsx';

const TOTAL = PROVIDER_TRACK_LESSON_IDS.length;


const trackUrl = (locale: string, org: Organisation) => `/${locale}/orgs/${org.id}/track`;

export function TrackPage(p: { ctx: PageCtx; org: Organisation; overview: TrackOverview }) {
  const { t, locale } = p.ctx;
  const o = p.overview;
  return (
    <OrgFrame ctx={p.ctx} org={p.org} title={t('ptrack.title')} current="track">
      <p class="lead">{t('ptrack.lead', { questions: PROVIDER_QUIZ_QUESTIONS, percent: PROVIDER_TRACK_PASS_PERCENT })}</p>
      <section aria-labelledby="track-status">
        <h2 id="track-status">{t('ptrack.org.heading')}</h2>
        <p data-testid="org-status" data-completed={String(o.organisationCompleted)}>
          {o.organisationCompleted ? t('ptrack.org.done') : t('ptrack.org.open', { n: o.bestProgress, total: TOTAL })}
        </p>
        <p data-testid="my-status">{t('ptrack.me', { n: o.myPassed, total: TOTAL })}</p>
      </section>
      <section aria-labelledby="track-lessons">
        <h2 id="track-lessons">{t('ptrack.lessons')}</h2>
        <ol class="lesson-list">
          {o.lessons.map((l) => {
            const text = l.lesson.i18n[locale];
            return (
              <li data-lesson={l.lesson.id} data-passed={String(l.myScore !== null)}>
                <a href={`${trackUrl(locale, p.org)}/${l.lesson.id}`}>{text.title}</a>{' '}
                <span class="tag">{l.myScore !== null ? t('ptrack.state.passed', { score: l.myScore }) : t('ptrack.state.open')}</span>
                <br />
                <span class="hint">
                  {text.summary} {t('ptrack.minutes', { minutes: l.lesson.minutes })}. {t('ptrack.passed_by', { n: l.passedBy })}
                </span>
              </li>
            );
          })}
        </ol>
      </section>
    </OrgFrame>
  );
}

export function LessonPage(p: { ctx: PageCtx; org: Organisation; lesson: ProviderLesson; myScore: number | null; errors?: FieldErrors; values?: Record<string, string> }) {
  const { t, locale } = p.ctx;
  const text = p.lesson.i18n[locale];
  const action = `${trackUrl(locale, p.org)}/${p.lesson.id}`;
  const labels = Object.fromEntries(text.quiz.map((q, i) => [`q${i}`, q.question]));
  return (
    <OrgFrame ctx={p.ctx} org={p.org} title={text.title} current="track">
      <p>
        <a href={trackUrl(locale, p.org)}>{t('ptrack.back')}</a>
      </p>
      {p.myScore !== null ? <p class="tag">{t('ptrack.state.passed', { score: p.myScore })}</p> : null}
      <p class="lead">{text.summary}</p>
      {text.sections.map((s) => (
        <section>
          <h2>{s.heading}</h2>
          {s.paragraphs.map((para) => (
            <p>{para}</p>
          ))}
          {s.checklist && s.checklist.length > 0 ? (
            <div class="notice info">
              <h3>{t('ptrack.checklist')}</h3>
              <ul>
                {s.checklist.map((c) => (
                  <li>{c}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ))}
      <Sources ctx={p.ctx} lesson={p.lesson} />
      <section aria-labelledby="quiz-heading">
        <h2 id="quiz-heading">{t('ptrack.quiz.heading')}</h2>
        <p>{t('ptrack.quiz.lead', { total: text.quiz.length, percent: PROVIDER_TRACK_PASS_PERCENT })}</p>
        <ErrorSummary ctx={p.ctx} errors={p.errors} general={p.errors ? t('ptrack.quiz.incomplete') : undefined} labels={labels} />
        <form method="post" action={action} novalidate>
          <Csrf ctx={p.ctx} />
          {text.quiz.map((q, i) => (
            <RadioGroup
              name={`q${i}`}
              legend={q.question}
              options={q.choices.map((c, j) => ({ value: String(j), label: c }))}
              value={p.values?.[`q${i}`]}
              error={p.errors?.[`q${i}`]}
            />
          ))}
          <button type="submit">{t('ptrack.quiz.submit')}</button>
        </form>
      </section>
    </OrgFrame>
  );
}

function Sources(p: { ctx: PageCtx; lesson: ProviderLesson }) {
  const { t, locale } = p.ctx;
  return (
    <section aria-labelledby="sources-heading">
      <SourceList heading={t('ptrack.sources')} headingId="sources-heading" sources={p.lesson.sources} />
      <p class="hint">{t('ptrack.reviewed', { date: formatDay(p.lesson.reviewed, locale) })}</p>
    </section>
  );
}

export function ResultPage(p: { ctx: PageCtx; org: Organisation; lesson: ProviderLesson; result: TrackQuizResult; stored: boolean }) {
  const { t, locale } = p.ctx;
  const text = p.lesson.i18n[locale];
  const r = p.result;
  const outcome = !r.passed ? t('ptrack.result.failed', { percent: PROVIDER_TRACK_PASS_PERCENT }) : p.stored ? t('ptrack.result.passed') : t('ptrack.result.passed_kept');
  return (
    <OrgFrame ctx={p.ctx} org={p.org} title={`${t('ptrack.result.title')}: ${text.title}`} current="track">
      <p data-testid="score">{t('ptrack.result.score', { correct: r.correct, total: r.total, percent: r.percent })}</p>
      <Notice kind={r.passed ? 'ok' : 'warn'}>
        <span data-testid="outcome" data-passed={String(r.passed)}>
          {outcome}
        </span>
      </Notice>
      <ol>
        {text.quiz.map((q, i) => {
          const a = r.answers[i]!;
          return (
            <li data-question={i} data-right={String(a.right)}>
              <p>
                <strong>{q.question}</strong>
              </p>
              <p>{a.right ? t('ptrack.result.right') : t('ptrack.result.wrong', { given: q.choices[a.given] ?? '', answer: q.choices[q.answer] ?? '' })}</p>
              <p>{q.explain}</p>
            </li>
          );
        })}
      </ol>
      <p>
        <a class="button" href={trackUrl(locale, p.org)}>
          {t('ptrack.back')}
        </a>{' '}
        {r.passed ? null : <a href={`${trackUrl(locale, p.org)}/${p.lesson.id}#quiz-heading`}>{t('ptrack.result.try_again')}</a>}
      </p>
    </OrgFrame>
  );
}
