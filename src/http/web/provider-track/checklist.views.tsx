/** The public page "How to choose an IT provider": questions, good answers, warning signs, the PDF and the directory. */
import type { ChoosingChecklist } from '../../../core/providers/checklist.ts';
import { Layout } from '../ui/layout.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { formatDay, SourceList } from '../ui/components.tsx';

export function ChecklistPage(p: { ctx: PageCtx; checklist: ChoosingChecklist }) {
  const { t, locale } = p.ctx;
  const text = p.checklist.text[locale];
  return (
    <Layout ctx={p.ctx} title={text.title} narrow>
      <h1>{text.title}</h1>
      <p class="lead">{text.intro}</p>
      <p>
        <a class="button" href={`/${locale}/it-provider-checklist.pdf`}>
          {t('pchecklist.pdf')}
        </a>
      </p>
      <ol class="checklist" data-testid="questions">
        {p.checklist.questions.map((q) => {
          const qt = q.text[locale];
          return (
            <li id={`q-${q.id}`} data-question={q.id}>
              <h2>{qt.question}</h2>
              <h3>{t('pchecklist.good')}</h3>
              <p>{qt.good}</p>
              <h3>{t('pchecklist.warning')}</h3>
              <p>{qt.warning}</p>
            </li>
          );
        })}
      </ol>
      <p>{text.closing}</p>
      <p>
        <a href={`/${locale}/providers`}>{t('pchecklist.directory')}</a>
      </p>
      <SourceList heading={t('pchecklist.sources')} sources={p.checklist.sources} />
      <p class="hint">{t('pchecklist.reviewed', { date: formatDay(p.checklist.reviewed, locale) })}</p>
    </Layout>
  );
}
