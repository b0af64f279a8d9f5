/**
 * The company's side of sector packs: the extra part of its assessment per federation ("Questions from …"), the
 * cards on the assessment overview and the "Advice from …" sections of the result page. These answers never reach
 * the scores (docs/decisions/0007-sector-pack-questions-outside-the-score.md).
 */
import { adviceFor, PACK_ANSWERS } from '../../../core/organisations/sector-pack.ts';
import type { PackPart } from '../../../app/sector-packs.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { Csrf, Notice } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import type { PageCtx } from '../ui/page-context.ts';

const answeredCount = (part: PackPart) => part.pack.content.questions.filter((q) => part.answers[q.id] !== undefined).length;

export function PackPartPage(p: { ctx: PageCtx; companyId: string; part: PackPart; saved: boolean }) {
  const { t, locale } = p.ctx;
  const base = `/${locale}/companies/${p.companyId}`;
  const part = p.part;
  const total = part.pack.content.questions.length;
  const title = t('pack.part.title', { organisation: part.organisationName });
  return (
    <Layout ctx={p.ctx} title={title} narrow>
      <p>
        <a href={`${base}/assessment`}>← {t('assess.title')}</a>
      </p>
      <h1>{title}</h1>
      {p.saved ? <Notice>{t('pack.part.saved')}</Notice> : null}
      <p class="lead">{t('pack.part.lead')}</p>
      {part.pack.content.intro[locale] ? <p lang={locale}>{part.pack.content.intro[locale]}</p> : null}
      <label for="pack-progress">{t('pack.part.progress', { answered: answeredCount(part), total })}</label>
      <progress id="pack-progress" class="progress" max={total} value={answeredCount(part)}>
        {`${answeredCount(part)}/${total}`}
      </progress>
      <form method="post" action={`${base}/assessment/pack/${part.organisationId}`} novalidate>
        <Csrf ctx={p.ctx} />
        {part.pack.content.questions.map((q) => {
          const text = q.text[locale];
          return (
            <fieldset class="question" id={`pq-${q.id}`}>
              <legend>{text.question}</legend>
              {text.explanation ? <p class="hint">{text.explanation}</p> : null}
              <div class="choices">
                {PACK_ANSWERS.map((o) => (
                  <label>
                    <input type="radio" name={`a_${q.id}`} value={o} checked={part.answers[q.id] === o} /> {t(`answer.${o}` as MessageKey)}
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
        <div class="actions">
          <button type="submit" name="go" value="result">
            {t('pack.part.save_result')}
          </button>
          <button type="submit" name="go" value="stay" class="secondary">
            {t('pack.part.save')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

/** Cards on the assessment overview: one per federation pack, with its progress. */
export function PackPartCards(p: { ctx: PageCtx; companyId: string; parts: PackPart[]; editable: boolean }) {
  const { t, locale } = p.ctx;
  if (p.parts.length === 0) return null;
  return (
    <ul class="cards">
      {p.parts.map((part) => {
        const title = t('pack.part.title', { organisation: part.organisationName });
        return (
          <li class="card">
            <h3>{p.editable ? <a href={`/${locale}/companies/${p.companyId}/assessment/pack/${part.organisationId}`}>{title}</a> : title}</h3>
            <p>{t('pack.part.progress', { answered: answeredCount(part), total: part.pack.content.questions.length })}</p>
          </li>
        );
      })}
    </ul>
  );
}

/** "Advice from <federation>" on the result page: each question answered no or partly, in the reader's language. */
export function PackAdviceSections(p: { ctx: PageCtx; companyId: string; parts: PackPart[]; editable: boolean }) {
  const { t, locale } = p.ctx;
  return (
    <>
      {p.parts.map((part) => {
        const advice = adviceFor(part.pack.content, part.answers, locale);
        const link = `/${locale}/companies/${p.companyId}/assessment/pack/${part.organisationId}`;
        return (
          <section aria-labelledby={`advice-${part.organisationId}`} class="pack-advice">
            <h2 id={`advice-${part.organisationId}`}>{t('pack.advice.title', { organisation: part.organisationName })}</h2>
            <p class="hint">{t('pack.advice.not_in_score')}</p>
            {answeredCount(part) === 0 ? (
              <p>
                {t('pack.advice.open', { organisation: part.organisationName })} {p.editable ? <a href={link}>{t('pack.advice.answer_them')}</a> : null}
              </p>
            ) : advice.length === 0 ? (
              <p>{t('pack.advice.none')}</p>
            ) : (
              <ul class="cards">
                {advice.map((a) => (
                  <li class="card">
                    <h3 lang={locale}>{a.question}</h3>
                    <p class="hint">{t('pack.advice.your_answer', { answer: t(`answer.${a.answer}` as MessageKey) })}</p>
                    <p lang={locale}>{a.advice}</p>
                    {a.sourceUrl ? (
                      <p>
                        <a href={a.sourceUrl} rel="noopener noreferrer nofollow">
                          {t('pack.advice.source')}
                        </a>
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </>
  );
}
