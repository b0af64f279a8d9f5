/**
 * The full self-assessment of a company: questions grouped by theme with save-and-resume and notes, the result page
 * (scores chart and table, risks, plan with "done" buttons, IT-provider checklist, history), and downloads in the
 * company's language (plan PDF, checklist PDF, answers CSV).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { THEMES, type AssessmentCatalog, type Theme } from '../../core/assessment/catalog.ts';
import { ANSWERS, applicableControls, type Answer } from '../../core/assessment/engine.ts';
import { can } from '../../core/company-profile.ts';
import type { AppDeps } from '../../app/deps.ts';
import { assessmentHistory, currentAssessment, finishAssessment, markActionDone, saveAnswers, startNewAssessment, type CurrentAssessment } from '../../app/assessments.ts';
import { renderChecklistPdf } from '../../adapters/pdf/checklist-pdf.ts';
import { renderPlanPdf } from '../../adapters/pdf/plan-pdf.ts';
import type { AssessmentRecord } from '../../db/repositories/assessment.repository.ts';
import { translator, type MessageKey } from '../../i18n/index.ts';
import { company as companyAccess } from '../access.ts';
import { checklistDocument, planDocument } from '../presenters/assessment-documents.ts';
import { localizeControl } from '../presenters/assessment.ts';
import { sendPage } from '../render.ts';
import { csvDocument } from '../csv.ts';
import { noticeFrom } from './account.routes.tsx';
import { ChecklistSection, PlanSection, Question, RisksSection, ScoresSection } from './assessment-views.tsx';
import { LineChart } from './charts.tsx';
import { Csrf, formatDateTime, Notice, PostButton } from './components.tsx';
import { Layout } from './layout.tsx';
import { pageCtx, type PageCtx } from './page-context.ts';
import { CompanyNav } from './companies.routes.tsx';
import type { Company, Role } from '../../core/company-profile.ts';
import { contradicts } from '../../core/scan/assessment-link.ts';
import { scanEvidence, type ControlEvidence } from '../../app/domains.ts';

const NOTICES: Record<string, MessageKey> = {
  saved: 'assess.notice.saved',
  finished: 'assess.notice.finished',
  done: 'assess.notice.done',
  started: 'assess.notice.started',
  imported: 'assess.notice.imported',
};

function themesOf(catalog: AssessmentCatalog, current: CurrentAssessment): { theme: Theme; total: number; answered: number }[] {
  const controls = applicableControls(catalog, current.profile);
  return THEMES.map((theme) => {
    const list = controls.filter((c) => c.theme === theme);
    return { theme, total: list.length, answered: list.filter((c) => current.stored.answers[c.id] !== undefined).length };
  }).filter((x) => x.total > 0);
}

function OverviewPage(p: { ctx: PageCtx; company: Company; role: Role; catalog: AssessmentCatalog; current: CurrentAssessment; notice?: MessageKey | undefined }) {
  const { t, locale } = p.ctx;
  const base = `/${locale}/companies/${p.company.id}`;
  const themes = themesOf(p.catalog, p.current);
  const total = themes.reduce((s, x) => s + x.total, 0);
  const answered = themes.reduce((s, x) => s + x.answered, 0);
  const editable = can(p.role, 'assess');
  return (
    <Layout ctx={p.ctx} title={t('assess.title')}>
      <h1>{p.company.name}</h1>
      <CompanyNav ctx={p.ctx} company={p.company} role={p.role} current="assessment" />
      {p.notice ? <Notice>{t(p.notice)}</Notice> : null}
      <h2>{t('assess.title')}</h2>
      <p>{t('assess.lead')}</p>
      <label for="progress">{t('assess.progress', { answered, total })}</label>
      <progress id="progress" class="progress" max={total} value={answered}>
        {`${answered}/${total}`}
      </progress>
      <ul class="cards">
        {themes.map((x) => (
          <li class="card">
            <h3>{editable ? <a href={`${base}/assessment/${x.theme}`}>{t(`theme.${x.theme}` as MessageKey)}</a> : t(`theme.${x.theme}` as MessageKey)}</h3>
            <p>{t('assess.theme_progress', { answered: x.answered, total: x.total })}</p>
          </li>
        ))}
      </ul>
      <div class="actions">
        <a class="button" href={`${base}/results`}>
          {t('assess.see_results')}
        </a>
        {editable && p.current.record.completedAt === null ? (
          <PostButton ctx={p.ctx} action={`${base}/assessment/finish`} label={t('assess.finish')} kind="secondary" />
        ) : null}
        {editable && p.current.record.completedAt !== null ? (
          <PostButton ctx={p.ctx} action={`${base}/assessment/new`} label={t('assess.start_new')} kind="secondary" />
        ) : null}
      </div>
      {p.current.record.completedAt ? <p class="hint">{t('assess.finished_on', { date: formatDateTime(p.current.record.completedAt, locale) })}</p> : null}
    </Layout>
  );
}

function ThemePage(p: { ctx: PageCtx; company: Company; role: Role; catalog: AssessmentCatalog; current: CurrentAssessment; theme: Theme; next: Theme | null; evidence: Map<string, ControlEvidence> }) {
  const { t, locale } = p.ctx;
  const base = `/${locale}/companies/${p.company.id}`;
  const controls = applicableControls(p.catalog, p.current.profile).filter((c) => c.theme === p.theme);
  const themes = themesOf(p.catalog, p.current);
  const total = themes.reduce((s, x) => s + x.total, 0);
  const answered = themes.reduce((s, x) => s + x.answered, 0);
  return (
    <Layout ctx={p.ctx} title={t(`theme.${p.theme}` as MessageKey)} narrow>
      <p>
        <a href={`${base}/assessment`}>← {t('assess.title')}</a>
      </p>
      <h1>{t(`theme.${p.theme}` as MessageKey)}</h1>
      <label for="progress">{t('assess.progress', { answered, total })}</label>
      <progress id="progress" class="progress" max={total} value={answered}>
        {`${answered}/${total}`}
      </progress>
      <form method="post" action={`${base}/assessment/${p.theme}`} novalidate>
        <Csrf ctx={p.ctx} />
        {controls.map((c) => (
          <Question
            ctx={p.ctx}
            control={localizeControl(p.catalog, c, locale, t, p.current.profile)}
            answer={p.current.stored.answers[c.id]}
            note={p.current.stored.notes[c.id]}
            allowNa
            withNote
            evidence={(() => {
              const e = p.evidence.get(c.id);
              return e ? { ...e, contradicts: contradicts(p.current.stored.answers[c.id], e.observed) } : undefined;
            })()}
          />
        ))}
        <div class="actions">
          {p.next ? (
            <button type="submit" name="go" value="next">
              {t('assess.save_next')}
            </button>
          ) : null}
          <button type="submit" name="go" value="stay" class={p.next ? 'secondary' : ''}>
            {t('assess.save')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

function ResultsPage(p: { ctx: PageCtx; company: Company; role: Role; catalog: AssessmentCatalog; current: CurrentAssessment; history: AssessmentRecord[]; notice?: MessageKey | undefined }) {
  const { t, locale } = p.ctx;
  const base = `/${locale}/companies/${p.company.id}`;
  const r = p.current.result;
  const editable = can(p.role, 'assess');
  return (
    <Layout ctx={p.ctx} title={t('assess.results_title')}>
      <h1>{p.company.name}</h1>
      <CompanyNav ctx={p.ctx} company={p.company} role={p.role} current="results" />
      {p.notice ? <Notice>{t(p.notice)}</Notice> : null}
      <h2>{t('assess.results_title')}</h2>
      {r.answeredCount === 0 ? (
        <Notice kind="info">
          {t('assess.no_answers')} {editable ? <a href={`${base}/assessment`}>{t('assess.start')}</a> : null}
        </Notice>
      ) : null}
      <p class="hint">{t('assess.answered_of', { answered: r.answeredCount, total: r.applicableControls.length, version: r.algorithmVersion })}</p>
      <div class="actions">
        <a class="button secondary" href={`${base}/plan.pdf`}>
          {t('assess.download_plan')}
        </a>
        <a class="button secondary" href={`${base}/checklist.pdf`}>
          {t('assess.download_checklist')}
        </a>
        <a class="button secondary" href={`${base}/answers.csv`}>
          {t('assess.download_csv')}
        </a>
      </div>
      <ScoresSection ctx={p.ctx} result={r} />
      {p.history.length > 0 ? (
        <LineChart
          id="history"
          title={t('assess.history_chart')}
          points={p.history.map((h) => ({ label: formatDateTime(h.completedAt ?? h.createdAt, locale), value: h.result?.scores.overall ?? null }))}
          tableCaption={t('assess.history_table')}
          valueHeading={t('doc.overall')}
          dateHeading={t('assess.date')}
        />
      ) : null}
      <RisksSection ctx={p.ctx} catalog={p.catalog} result={r} />
      <PlanSection
        ctx={p.ctx}
        catalog={p.catalog}
        result={r}
        profile={p.current.profile}
        action={editable ? (item) => <PostButton ctx={p.ctx} action={`${base}/plan/done`} fields={{ controlId: item.controlId }} label={t('assess.mark_done')} kind="secondary" /> : undefined}
      />
      <ChecklistSection ctx={p.ctx} catalog={p.catalog} result={r} profile={p.current.profile} />
      <p class="hint">{t('doc.footer')}</p>
    </Layout>
  );
}


export function assessmentRoutes(deps: AppDeps, catalog: AssessmentCatalog) {
  return async function (app: FastifyInstance): Promise<void> {
    const ctxOf = (request: FastifyRequest) => ({ ctx: pageCtx(request), company: request.company!, role: request.companyRole! });
    const base = (request: FastifyRequest) => `/${request.locale}/companies/${request.company!.id}`;

    app.get('/:lang/companies/:companyId/assessment', { config: { access: companyAccess('view') } }, async (request, reply) => {
      const c = ctxOf(request);
      const current = await currentAssessment(deps, catalog, c.company, request.user!);
      return sendPage(reply, <OverviewPage {...c} catalog={catalog} current={current} notice={noticeFrom(request, NOTICES)} />);
    });

    app.post('/:lang/companies/:companyId/assessment/finish', { config: { access: companyAccess('assess') } }, async (request, reply) => {
      await finishAssessment(deps, catalog, request.company!, request.user!);
      return reply.redirect(`${base(request)}/results?done=finished`, 303);
    });

    app.post('/:lang/companies/:companyId/assessment/new', { config: { access: companyAccess('assess') } }, async (request, reply) => {
      await startNewAssessment(deps, catalog, request.company!, request.user!);
      return reply.redirect(`${base(request)}/assessment?done=started`, 303);
    });

    app.get('/:lang/companies/:companyId/assessment/:theme', { config: { access: companyAccess('assess') } }, async (request, reply) => {
      const c = ctxOf(request);
      const theme = (request.params as { theme: string }).theme;
      const current = await currentAssessment(deps, catalog, c.company, request.user!);
      const themes = themesOf(catalog, current).map((x) => x.theme);
      const index = themes.indexOf(theme as Theme);
      if (index < 0) return reply.callNotFound();
      const evidence = await scanEvidence(deps, c.company.id);
      return sendPage(reply, <ThemePage {...c} catalog={catalog} current={current} theme={theme as Theme} next={themes[index + 1] ?? null} evidence={evidence} />);
    });

    app.post('/:lang/companies/:companyId/assessment/:theme', { config: { access: companyAccess('assess') } }, async (request, reply) => {
      const theme = (request.params as { theme: string }).theme;
      const current = await currentAssessment(deps, catalog, request.company!, request.user!);
      const themes = themesOf(catalog, current).map((x) => x.theme);
      const index = themes.indexOf(theme as Theme);
      if (index < 0) return reply.callNotFound();
      const body = (request.body ?? {}) as Record<string, unknown>;
      const controls = applicableControls(catalog, current.profile).filter((c) => c.theme === theme);
      await saveAnswers(
        deps,
        catalog,
        request.company!,
        request.user!,
        current.record.id,
        controls.map((c) => {
          const a = body[`a_${c.id}`];
          const n = body[`n_${c.id}`];
          return {
            controlId: c.id,
            answer: typeof a === 'string' && (ANSWERS as readonly string[]).includes(a) ? (a as Answer) : undefined,
            note: typeof n === 'string' ? n : undefined,
          };
        }),
      );
      const next = themes[index + 1];
      return reply.redirect(body.go === 'next' && next ? `${base(request)}/assessment/${next}` : `${base(request)}/assessment/${theme}?done=saved`, 303);
    });

    app.get('/:lang/companies/:companyId/results', { config: { access: companyAccess('view') } }, async (request, reply) => {
      const c = ctxOf(request);
      const current = await currentAssessment(deps, catalog, c.company, request.user!);
      const history = await assessmentHistory(deps, c.company.id);
      return sendPage(reply, <ResultsPage {...c} catalog={catalog} current={current} history={history} notice={noticeFrom(request, NOTICES)} />);
    });

    app.post('/:lang/companies/:companyId/plan/done', { config: { access: companyAccess('assess') } }, async (request, reply) => {
      const id = (request.body as Record<string, unknown> | undefined)?.controlId;
      const ok = typeof id === 'string' && id.length < 60 && (await markActionDone(deps, catalog, request.company!, request.user!, id));
      return reply.redirect(`${base(request)}/results${ok ? '?done=done' : ''}`, 303);
    });

    app.get('/:lang/companies/:companyId/plan.pdf', { config: { access: companyAccess('view') } }, async (request, reply) => {
      const company = request.company!;
      const current = await currentAssessment(deps, catalog, company, request.user!);
      const lang = company.language;
      const pdf = await renderPlanPdf(planDocument(catalog, current.result, current.profile, lang, translator(lang), company.name, deps.clock.now()));
      return reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="schild-plan.pdf"').send(pdf);
    });

    app.get('/:lang/companies/:companyId/checklist.pdf', { config: { access: companyAccess('view') } }, async (request, reply) => {
      const company = request.company!;
      const current = await currentAssessment(deps, catalog, company, request.user!);
      const lang = company.language;
      const pdf = await renderChecklistPdf(checklistDocument(catalog, current.result, current.profile, lang, translator(lang), company.name, deps.clock.now(), current.stored.notes));
      return reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="schild-it-checklist.pdf"').send(pdf);
    });

    app.get('/:lang/companies/:companyId/answers.csv', { config: { access: companyAccess('view') } }, async (request, reply) => {
      const company = request.company!;
      const lang = company.language;
      const t = translator(lang);
      const current = await currentAssessment(deps, catalog, company, request.user!);
      const header = ['control_id', t('csv.function'), t('csv.theme'), t('csv.question'), t('csv.answer'), t('csv.note')];
      const rows = applicableControls(catalog, current.profile).map((c) => {
        const a = current.stored.answers[c.id];
        return [c.id, t(`function.${c.function}` as MessageKey), t(`theme.${c.theme}` as MessageKey), c.text[lang].question, a ? t(`answer.${a}` as MessageKey) : t('answer.none'), current.stored.notes[c.id] ?? ''];
      });
      const csv = csvDocument(header, rows);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="schild-answers.csv"').send(csv);
    });
  };
}
