/** Learner pages (phone-first, no script needed): lesson list with progress, a lesson, its quiz, the result. */
import type { LearnerOverview } from '../../../app/training.ts';
import type { Lesson, QuizResult } from '../../../core/training/lessons.ts';
import type { Badge } from '../../../core/training/progress.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { Csrf, Notice } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import type { PageCtx } from '../ui/page-context.ts';

const badgeKey = (b: Badge) => `training.badge.${b}` as MessageKey;

export function OverviewPage(p: { ctx: PageCtx; o: LearnerOverview }) {
  const { t, locale } = p.ctx;
  const o = p.o;
  const challenge = o.lessons.find((l) => l.lesson.id === o.challengeId)?.lesson;
  return (
    <Layout ctx={p.ctx} title={t('training.learn.title')} narrow>
      <h1>{t('training.learn.title')}</h1>
      <p>{t('training.learn.lead')}</p>
      <dl class="stats" data-testid="learner-stats">
        <div>
          <dt>{t('training.learn.points')}</dt>
          <dd data-testid="points">{o.points}</dd>
        </div>
        <div>
          <dt>{t('training.learn.streak')}</dt>
          <dd>{o.streak}</dd>
        </div>
      </dl>
      <p class="hint">{t('training.learn.streak_hint')}</p>
      {challenge ? (
        <section class="card">
          <h2>{t('training.learn.challenge')}</h2>
          <p>
            <a href={`/${locale}/learn/lessons/${challenge.id}`}>{challenge.i18n[locale].title}</a>
            {o.challengeDone ? ` — ${t('training.learn.challenge_done')}` : ''}
          </p>
        </section>
      ) : null}
      <section>
        <h2>{t('training.learn.badges')}</h2>
        {o.badges.length === 0 ? (
          <p>{t('training.learn.no_badges')}</p>
        ) : (
          <ul class="badges" data-testid="badges">
            {o.badges.map((b) => (
              <li class="tag" data-badge={b}>
                {t(badgeKey(b))}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>{t('training.learn.team')}</h2>
        <p data-testid="team">
          {o.team.challengeShare === null ? t('training.learn.team_small') : t('training.learn.team_share', { share: o.team.challengeShare, lessons: o.team.lessonsDone ?? 0 })}
        </p>
      </section>
      <section>
        <h2>{t('training.learn.all_lessons')}</h2>
        <ul class="lesson-list">
          {o.lessons.map((l) => (
            <li data-lesson={l.lesson.id}>
              <a href={`/${locale}/learn/lessons/${l.lesson.id}`}>{l.lesson.i18n[locale].title}</a>{' '}
              <span class="tag">{l.done ? t('training.learn.state_done') : l.started ? t('training.learn.state_started') : t('training.learn.state_new')}</span>
              <br />
              <span class="hint">
                {l.lesson.i18n[locale].summary} ({t('training.learn.minutes', { minutes: l.lesson.minutes })})
              </span>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

export function LessonPage(p: { ctx: PageCtx; lesson: Lesson }) {
  const { t, locale } = p.ctx;
  const text = p.lesson.i18n[locale];
  return (
    <Layout ctx={p.ctx} title={text.title} narrow>
      <p>
        <a href={`/${locale}/learn`}>{t('training.learn.back')}</a>
      </p>
      <h1>{text.title}</h1>
      <p class="lead">{text.summary}</p>
      {text.sections.map((s) => (
        <section>
          <h2>{s.heading}</h2>
          {s.paragraphs.map((para) => (
            <p>{para}</p>
          ))}
          {s.tips && s.tips.length > 0 ? (
            <div class="notice info">
              <h3>{t('training.learn.tips')}</h3>
              <ul>
                {s.tips.map((tip) => (
                  <li>{tip}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ))}
      <p>
        <a class="button" href={`/${locale}/learn/lessons/${p.lesson.id}/quiz`}>
          {t('training.learn.to_quiz')}
        </a>
      </p>
    </Layout>
  );
}

export function QuizPage(p: { ctx: PageCtx; lesson: Lesson }) {
  const { t, locale } = p.ctx;
  const text = p.lesson.i18n[locale];
  return (
    <Layout ctx={p.ctx} title={t('training.learn.quiz_title', { title: text.title })} narrow>
      <p>
        <a href={`/${locale}/learn/lessons/${p.lesson.id}`}>{text.title}</a>
      </p>
      <h1>{t('training.learn.quiz_title', { title: text.title })}</h1>
      <form method="post" action={`/${locale}/learn/lessons/${p.lesson.id}/quiz`}>
        <Csrf ctx={p.ctx} />
        {text.quiz.map((q, i) => (
          <fieldset class="field" id={`f-q${i}`}>
            <legend>{q.question}</legend>
            <div class="choices">
              {q.choices.map((c, j) => (
                <label class="choice">
                  <input type="radio" name={`q${i}`} value={String(j)} />
                  <span class="choice-text">
                    <span class="choice-label">{c}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <button type="submit">{t('training.learn.quiz_submit')}</button>
      </form>
    </Layout>
  );
}

export function ResultPage(p: { ctx: PageCtx; lesson: Lesson; result: QuizResult; newBadges: Badge[]; pointsGained: number }) {
  const { t, locale } = p.ctx;
  const text = p.lesson.i18n[locale];
  const r = p.result;
  return (
    <Layout ctx={p.ctx} title={t('training.learn.result_title')} narrow>
      <h1>{t('training.learn.result_title')}</h1>
      <p data-testid="score">{t('training.learn.result_score', { correct: r.correct, total: r.total })}</p>
      <Notice>{r.perfect ? (p.pointsGained > 0 ? t('training.learn.result_perfect', { points: p.pointsGained }) : t('training.learn.right')) : t('training.learn.result_ok')}</Notice>
      {p.newBadges.map((b) => (
        <p class="tag" data-new-badge={b}>
          {t('training.learn.new_badge', { badge: t(badgeKey(b)) })}
        </p>
      ))}
      <ol>
        {text.quiz.map((q, i) => {
          const a = r.answers[i];
          return (
            <li>
              <p>
                <strong>{q.question}</strong>
              </p>
              <p>
                {a?.right ? t('training.learn.right') : a?.given === null ? t('training.learn.no_answer') : t('training.learn.not_quite')}{' '}
                {a?.right ? '' : t('training.learn.right_answer', { answer: q.choices[q.answer] ?? '' })}
              </p>
              <p>{q.explain}</p>
            </li>
          );
        })}
      </ol>
      <p>
        <a class="button" href={`/${locale}/learn`}>
          {t('training.learn.back')}
        </a>{' '}
        {r.perfect ? null : <a href={`/${locale}/learn/lessons/${p.lesson.id}/quiz`}>{t('training.learn.try_again')}</a>}
      </p>
    </Layout>
  );
}

export function MessagePage(p: { ctx: PageCtx; title: string; text: string }) {
  return (
    <Layout ctx={p.ctx} title={p.title} narrow>
      <h1>{p.title}</h1>
      <p>{p.text}</p>
    </Layout>
  );
}

export function UnsubscribePage(p: { ctx: PageCtx; action: string; done: boolean }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('training.unsub.title')} narrow>
      <h1>{t('training.unsub.title')}</h1>
      {p.done ? (
        <Notice>{t('training.unsub.done')}</Notice>
      ) : (
        <form method="post" action={p.action}>
          <Csrf ctx={p.ctx} />
          <p>{t('training.unsub.lead')}</p>
          <button type="submit">{t('training.unsub.button')}</button>
        </form>
      )}
    </Layout>
  );
}

export function JoinPage(p: { ctx: PageCtx; company: string; action: string }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('training.join.title')} narrow>
      <h1>{t('training.join.title')}</h1>
      <form method="post" action={p.action}>
        <Csrf ctx={p.ctx} />
        <p>{t('training.join.lead', { company: p.company })}</p>
        <button type="submit">{t('training.join.button')}</button>
      </form>
    </Layout>
  );
}
