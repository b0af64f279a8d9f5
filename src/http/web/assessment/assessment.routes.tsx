/**
 * The full self-assessment of a company: questions grouped by theme with save-and-resume and notes, the result page
 * (scores chart and table, risks, plan with "done" buttons, IT-provider checklist, history), and downloads in the
 * company's language (plan PDF, checklist PDF, answers CSV).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AssessmentCatalog, Theme } from '../../../core/assessment/catalog.ts';
import { firstOpenTheme, scoreChange, themeProgress, type ThemeProgress } from '../../../core/assessment/progress.ts';
import { ANSWERS, applicableControls, type Answer } from '../../../core/assessment/engine.ts';
import { can } from '../../../core/company-profile.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { assessmentHistory, currentAssessment, finishAssessment, markActionDone, saveAnswers, startNewAssessment, undoActionDone, type CurrentAssessment } from '../../../app/assessments.ts';
import { renderChecklistPdf } from '../../../adapters/pdf/checklist-pdf.ts';
import { renderPlanPdf } from '../../../adapters/pdf/plan-pdf.ts';
import type { AssessmentRecord } from '../../../db/repositories/assessment.repository.ts';
import { translator, type MessageKey } from '../../../i18n/index.ts';
import { company as companyAccess } from '../../access.ts';
import { checklistDocument, planDocument } from '../../presenters/assessment-documents.ts';
import { controlById, localizeControl, scoreChangeText } from '../../presenters/assessment.ts';
import { sendPage } from '../../render.ts';
import { csvDocument } from '../../csv.ts';
import { noticeFrom } from '../ui/request.ts';
import { ChecklistSection, DoneSection, PlanSection, Question, RisksSection, ScoresSection } from './assessment-views.tsx';
import { LineChart } from '../ui/charts.tsx';
import { Csrf, formatDateTime, Notice, PostButton } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';
import { CompanyNav } from '../ui/company-nav.tsx';
import type { Company, Role } from '../../../core/company-profile.ts';
import { contradicts } from '../../../core/scan/assessment-link.ts';
import { scanEvidence, type ControlEvidence } from '../../../app/domains.ts';
import { awarenessFor } from '../../../app/training.ts';
import { AWARENESS_CONTROL, type AwarenessEvidence } from '../../../core/training/coverage.ts';
import { awarenessView } from '../ui/awareness-evidence.tsx';
import { peersForCompany, type PeerView } from '../../../app/statistics.ts';
import type { NaceList } from '../../../core/nace.ts';
import { PeersSection } from './peers-section.tsx';
import { packPartsFor, type PackPart } from '../../../app/sector-packs.ts';
import { PackAdviceSections, PackPartCards } from '../organisations/sector-pack-part.tsx';
import { loadContent } from '../../../adapters/content.ts';
import { softwarePlan } from '../../../app/software.ts';
import { SoftwarePlanSection } from '../software/software-plan.tsx';

const NOTICES: Record<string, MessageKey> = {
  saved: 'assess.notice.saved',
  finished: 'assess.notice.finished',
  done: 'assess.notice.done',
  undone: 'assess.notice.undone',
  started: 'assess.notice.started',
  imported: 'assess.notice.imported',
};

function themesOf(catalog: AssessmentCatalog, current: CurrentAssessment): ThemeProgress[] {
  return themeProgress(catalog, current.profile, current.stored.answers);
}

/** "Continue where I left off": a link to the first theme with an unanswered question, or nothing when all are answered. */
function ContinueLink(p: { ctx: PageCtx; base: string; themes: ThemeProgress[] }) {
  const next = firstOpenTheme(p.themes);
  if (!next) return null;
  return (
    <a class="button continue" href={`${p.base}/assessment/${next}`}>
      {p.ctx.t('assess.continue', { theme: p.ctx.t(`theme.${next}` as MessageKey) })}
    </a>
  );
}

function OverviewPage(p: { ctx: PageCtx; company: Company; role: Role; catalog: AssessmentCatalog; current: CurrentAssessment; packs: PackPart[]; notice?: MessageKey | undefined }) {
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
      <PackPartCards ctx={p.ctx} companyId={p.company.id} parts={p.packs} editable={editable} />
      <div class="actions">
        {editable ? <ContinueLink ctx={p.ctx} base={base} themes={themes} /> : null}
        <a class={editable && firstOpenTheme(themes) ? 'button secondary' : 'button'} href={`${base}/results`}>
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

function ThemePage(p: { ctx: PageCtx; company: Company; role: Role; catalog: AssessmentCatalog; current: CurrentAssessment; theme: Theme; next: Theme | null; evidence: Map<string, ControlEvidence>; awareness: AwarenessEvidence | null; saved: boolean }) {
  const { t, locale } = p.ctx;
  const base = `/${locale}/companies/${p.company.id}`;
  const controls = applicableControls(p.catalog, p.current.profile).filter((c) => c.theme === p.theme);
  const themes = themesOf(p.catalog, p.current);
  const total = themes.reduce((s, x) => s + x.total, 0);
  const answered = themes.reduce((s, x) => s + x.answered, 0);
  const here = themes.find((x) => x.theme === p.theme);
  return (
    <Layout ctx={p.ctx} title={t(`theme.${p.theme}` as MessageKey)} narrow>
      <p>
        <a href={`${base}/assessment`}>← {t('assess.title')}</a>
      </p>
      <h1>{t(`theme.${p.theme}` as MessageKey)}</h1>
      {p.saved ? <Notice>{t('assess.notice.saved_theme', { theme: t(`theme.${p.theme}` as MessageKey), answered: here?.answered ?? 0, total: here?.total ?? 0 })}</Notice> : null}
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
              if (c.id === AWARENESS_CONTROL && p.awareness) return awarenessView(p.ctx, p.awareness, p.current.stored.answers[c.id]);
              const e = p.evidence.get(c.id);
              return e ? { ...e, contradicts: contradicts(p.current.stored.answers[c.id], e.observed) } : undefined;
            })()}
          />
        ))}
        <div class="actions">
          {/* The last theme leads to the result; the others to the next theme. */}
          <button type="submit" name="go" value={p.next ? 'next' : 'result'}>
            {p.next ? t('assess.save_next') : t('assess.save_result')}
          </button>
          <button type="submit" name="go" value="stay" class="secondary">
            {t('assess.save')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

function ResultsPage(p: { ctx: PageCtx; company: Company; role: Role; catalog: AssessmentCatalog; nace: NaceList; peers: PeerView; current: CurrentAssessment; history: AssessmentRecord[]; packs: PackPart[]; software: Awaited<ReturnType<typeof softwarePlan>>; notice?: string | undefined }) {
  const { t, locale } = p.ctx;
  const base = `/${locale}/companies/${p.company.id}`;
  const r = p.current.result;
  const editable = can(p.role, 'assess');
  const themes = themesOf(p.catalog, p.current);
  const done = p.current.done.flatMap((d) => {
    const c = controlById(p.catalog, d.controlId);
    return c ? [{ controlId: d.controlId, title: localizeControl(p.catalog, c, locale, t, p.current.profile).title, doneAt: d.doneAt }] : [];
  });
  return (
    <Layout ctx={p.ctx} title={t('assess.results_title')}>
      <h1>{p.company.name}</h1>
      <CompanyNav ctx={p.ctx} company={p.company} role={p.role} current="results" />
      {p.notice ? <Notice>{p.notice}</Notice> : null}
      <h2>{t('assess.results_title')}</h2>
      {r.answeredCount === 0 ? (
        <Notice kind="info">
          {t('assess.no_answers')} {editable ? <a href={`${base}/assessment`}>{t('assess.start')}</a> : null}
        </Notice>
      ) : null}
      <p class="hint">{t('assess.answered_of', { answered: r.answeredCount, total: r.applicableControls.length, version: r.algorithmVersion })}</p>
      {editable && r.answeredCount > 0 ? (
        <div class="actions">
          <ContinueLink ctx={p.ctx} base={base} themes={themes} />
          {!firstOpenTheme(themes) && p.current.record.completedAt === null ? (
            <>
              <span>{t('assess.all_answered')}</span>
              <PostButton ctx={p.ctx} action={`${base}/assessment/finish`} label={t('assess.finish')} />
            </>
          ) : null}
        </div>
      ) : null}
      <PlanSection
        ctx={p.ctx}
        catalog={p.catalog}
        result={r}
        profile={p.current.profile}
        action={editable ? (item) => <PostButton ctx={p.ctx} action={`${base}/plan/done`} fields={{ controlId: item.controlId }} label={t('assess.mark_done')} kind="secondary" /> : undefined}
      />
      <DoneSection
        ctx={p.ctx}
        items={done}
        undo={editable ? (controlId) => <PostButton ctx={p.ctx} action={`${base}/plan/undo`} fields={{ controlId }} label={t('plan.undo')} kind="secondary" /> : undefined}
      />
      <PackAdviceSections ctx={p.ctx} companyId={p.company.id} parts={p.packs} editable={editable} />
      <SoftwarePlanSection ctx={p.ctx} companyId={p.company.id} catalogue={loadContent().software} listedCount={p.software.listed.length} items={p.software.items} />
      <ScoresSection ctx={p.ctx} result={r} />
      {r.answeredCount > 0 ? <PeersSection ctx={p.ctx} nace={p.nace} result={r} peers={p.peers} /> : null}
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
      <ChecklistSection ctx={p.ctx} catalog={p.catalog} result={r} profile={p.current.profile} />
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
      <p class="hint">{t('doc.footer')}</p>
    </Layout>
  );
}

/**
 * The notice after a redirect: after "done" or "undo" it says how the score moved and why (the control's answer);
 * otherwise the plain notice for `done=…`.
 */
function resultsNotice(request: FastifyRequest, catalog: AssessmentCatalog, current: CurrentAssessment): string | undefined {
  const q = request.query as Record<string, unknown>;
  const key = noticeFrom(request, NOTICES);
  const id = q.control;
  if ((q.done === 'done' || q.done === 'undone') && typeof id === 'string') {
    const c = controlById(catalog, id);
    const previous = q.done === 'done' ? current.done.find((d) => d.controlId === id)?.previousAnswer : 'yes';
    if (c && previous) {
      const title = localizeControl(catalog, c, request.locale, request.t, current.profile).title;
      const text = scoreChangeText(request.t, request.locale, scoreChange(catalog, current.profile, current.stored.answers, id, previous), title, q.done);
      if (text) return text;
    }
  }
  return key ? request.t(key) : undefined;
}

export function assessmentRoutes(deps: AppDeps, catalog: AssessmentCatalog, nace: NaceList) {
  return async function (app: FastifyInstance): Promise<void> {
    const ctxOf = (request: FastifyRequest) => ({ ctx: pageCtx(request), company: request.company!, role: request.companyRole! });
    const base = (request: FastifyRequest) => `/${request.locale}/companies/${request.company!.id}`;

    app.get('/:lang/companies/:companyId/assessment', { config: { access: companyAccess('view') } }, async (request, reply) => {
      const c = ctxOf(request);
      const current = await currentAssessment(deps, catalog, c.company, request.user!);
      return sendPage(reply, <OverviewPage {...c} catalog={catalog} current={current} packs={await packPartsFor(deps, c.company.id, current.record.id)} notice={noticeFrom(request, NOTICES)} />);
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
      const awareness = await awarenessFor(deps, c.company.id);
      const saved = (request.query as Record<string, unknown>).done === 'saved';
      return sendPage(reply, <ThemePage {...c} catalog={catalog} current={current} theme={theme as Theme} next={themes[index + 1] ?? null} evidence={evidence} awareness={awareness} saved={saved} />);
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
      if (body.go === 'next' && next) return reply.redirect(`${base(request)}/assessment/${next}`, 303);
      if (body.go === 'result' && !next) return reply.redirect(`${base(request)}/results?done=saved`, 303);
      return reply.redirect(`${base(request)}/assessment/${theme}?done=saved`, 303);
    });

    app.get('/:lang/companies/:companyId/results', { config: { access: companyAccess('view') } }, async (request, reply) => {
      const c = ctxOf(request);
      const current = await currentAssessment(deps, catalog, c.company, request.user!);
      const history = await assessmentHistory(deps, c.company.id);
      const peers = await peersForCompany(deps, nace, c.company);
      const packs = await packPartsFor(deps, c.company.id, current.record.id);
      const software = await softwarePlan(deps, loadContent().software, c.company.id, request.locale);
      return sendPage(reply, <ResultsPage {...c} catalog={catalog} nace={nace} peers={peers} current={current} history={history} packs={packs} software={software} notice={resultsNotice(request, catalog, current)} />);
    });

    app.post('/:lang/companies/:companyId/plan/done', { config: { access: companyAccess('assess') } }, async (request, reply) => {
      const id = (request.body as Record<string, unknown> | undefined)?.controlId;
      const ok = typeof id === 'string' && id.length < 60 && (await markActionDone(deps, catalog, request.company!, request.user!, id));
      return reply.redirect(`${base(request)}/results${ok ? `?done=done&control=${encodeURIComponent(id)}` : ''}`, 303);
    });

    app.post('/:lang/companies/:companyId/plan/undo', { config: { access: companyAccess('assess') } }, async (request, reply) => {
      const id = (request.body as Record<string, unknown> | undefined)?.controlId;
      const ok = typeof id === 'string' && id.length < 60 && (await undoActionDone(deps, catalog, request.company!, request.user!, id)) !== null;
      return reply.redirect(`${base(request)}/results${ok ? `?done=undone&control=${encodeURIComponent(id)}` : ''}`, 303);
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
