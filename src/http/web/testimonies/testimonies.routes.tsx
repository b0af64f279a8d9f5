/**
 * Testimonies, company side and public (issue 12, docs/testimonies.md):
 * - GET/POST /:lang/companies/:companyId/incidents/:incidentId/testimony — the owner shares the incident's story with
 *   explicit consent; POST …/testimony/withdraw withdraws it at any time.
 * - GET /:lang/testimonies?threat= — the published stories, filtered by threat (a GET form, no JavaScript).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../../app/deps.ts';
import { publishedTestimonies, shareTestimony, testimonyForIncident, withdrawTestimony } from '../../../app/testimonies.ts';
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import type { IncidentContent } from '../../../core/incidents/content.ts';
import type { IncidentRecord } from '../../../core/incidents/record.ts';
import { isLocale } from '../../../core/locale.ts';
import type { NaceList } from '../../../core/nace.ts';
import { sectionsByDivision, sizeBandOf } from '../../../core/stats/dimensions.ts';
import { threatsForCategory } from '../../../core/testimonies/threat-map.ts';
import { LIMITS, plainText } from '../../../core/testimonies/testimony.ts';
import { findIncidentForCompany } from '../../../db/repositories/incident.repository.ts';
import type { MessageKey, T } from '../../../i18n/index.ts';
import { company, PUBLIC } from '../../access.ts';
import { categoryLabel } from '../../presenters/incidents.ts';
import { sendPage } from '../../render.ts';
import type { FieldErrors } from '../ui/components.tsx';
import { pageCtx } from '../ui/page-context.ts';
import { noticeFrom, requestMeta } from '../ui/request.ts';
import { PublicListPage } from './testimony-card.tsx';
import { findingMessages, TestimonyPage, type TestimonyFormValues } from './testimony-views.tsx';

const NOTICES: Record<string, MessageKey> = { shared: 'testimony.notice.shared', withdrawn: 'testimony.notice.withdrawn' };
const PREFIX = '/:lang/companies/:companyId/incidents/:incidentId/testimony';

/** A form field that must be one string: a repeated field (an array) is bad input, not a second value. */
const one = z.string().optional();
const TestimonyForm = z.object({
  story: one,
  lesson: one,
  threats: z.union([z.string(), z.array(z.string()).max(20)]).optional(),
  lang: one,
  consent: one,
});

function textError(t: T, value: string | undefined, limits: { min: number; max: number }): { text: string; error?: string } {
  const text = value === undefined ? '' : plainText(value);
  if (text === null) return { text: value ?? '', error: t('testimony.error.plain') };
  if (text.length < limits.min) return { text, error: t('testimony.error.too_short', { min: limits.min }) };
  if (text.length > limits.max) return { text, error: t('testimony.error.too_long', { max: limits.max }) };
  return { text };
}

export function testimonyRoutes(deps: AppDeps, catalog: AssessmentCatalog, incidents: IncidentContent, nace: NaceList) {
  const threatIds: readonly string[] = catalog.threats.map((x) => x.id);
  const sections = sectionsByDivision(nace);

  return async function (app: FastifyInstance): Promise<void> {
    const loadIncident = async (request: FastifyRequest): Promise<IncidentRecord | undefined> => {
      const id = (request.params as { incidentId: string }).incidentId;
      return /^[0-9a-f-]{36}$/.test(id) ? findIncidentForCompany(deps.db, request.company!.id, id) : undefined;
    };

    const page = async (
      request: FastifyRequest,
      reply: FastifyReply,
      r: IncidentRecord,
      status: number,
      extra: { values?: TestimonyFormValues; errors?: FieldErrors; general?: string[] } = {},
    ) => {
      const ctx = pageCtx(request);
      const c = request.company!;
      const incidentBase = `/${ctx.locale}/companies/${c.id}/incidents/${r.id}`;
      const latest = await testimonyForIncident(deps, c.id, r.id);
      // A new story starts from the one sent back (rejected), else from what the incident holds: the owner's short
      // story and lessons. A withdrawn story's text is erased, so it is never offered again.
      const values: TestimonyFormValues = extra.values ?? {
        story: (latest?.status === 'rejected' ? latest.story : '') || (r.story ?? ''),
        lesson: (latest?.status === 'rejected' ? latest.lesson : '') || (r.lessons ?? ''),
        threats: latest?.threats ?? threatsForCategory(r.facts.category, threatIds),
        lang: latest?.lang ?? ctx.locale,
      };
      return sendPage(
        reply,
        <TestimonyPage
          ctx={ctx}
          company={c}
          role={request.companyRole ?? 'owner'}
          catalog={catalog}
          nace={nace}
          incidentLabel={categoryLabel(incidents, r.facts.category, ctx.locale)}
          incidentBase={incidentBase}
          latest={latest}
          sectorSection={c.naceCode ? (sections.get(c.naceCode.slice(0, 2)) ?? null) : null}
          sizeBand={sizeBandOf(c.employees)}
          values={values}
          errors={extra.errors}
          general={extra.general}
          notice={noticeFrom(request, NOTICES)}
        />,
        status,
      );
    };

    app.get(PREFIX, { config: { access: company('share_incident') } }, async (request, reply) => {
      const r = await loadIncident(request);
      if (!r) return reply.callNotFound();
      return page(request, reply, r, 200);
    });

    app.post(PREFIX, { config: { access: company('share_incident') } }, async (request, reply) => {
      const r = await loadIncident(request);
      if (!r) return reply.callNotFound();
      const t = request.t;
      const parsed = TestimonyForm.safeParse(request.body ?? {});
      const body = parsed.success ? parsed.data : {};
      const story = textError(t, body.story, LIMITS.story);
      const lesson = textError(t, body.lesson, LIMITS.lesson);
      const threats = [...new Set(typeof body.threats === 'string' ? [body.threats] : (body.threats ?? []))];
      const lang = body.lang && isLocale(body.lang) ? body.lang : request.locale;
      const errors: FieldErrors = {};
      if (!parsed.success) errors.story = t('form.error.invalid');
      if (story.error) errors.story = story.error;
      if (lesson.error) errors.lesson = lesson.error;
      if (threats.length === 0) errors.threats = t('testimony.error.threats');
      else if (threats.some((x) => !threatIds.includes(x))) errors.threats = t('form.error.invalid');
      if (body.lang !== undefined && !isLocale(body.lang)) errors.lang = t('form.error.invalid');
      // Consent must be an act of its own: an unticked box is no consent (GDPR Art. 4(11), recital 32).
      if (body.consent !== 'yes') errors.consent = t('testimony.error.consent');
      const values = { story: story.text, lesson: lesson.text, threats: threats.filter((x) => threatIds.includes(x)), lang };
      if (Object.keys(errors).length > 0) return page(request, reply, r, 422, { values, errors });
      const result = await shareTestimony(deps, nace, request.company!, r.id, request.user!, { story: story.text, lesson: lesson.text, threats: values.threats, lang }, requestMeta(request));
      if (!result.ok) {
        if (result.error === 'already_shared') return page(request, reply, r, 409, { values, general: [t('testimony.error.already')] });
        return page(request, reply, r, 422, { values, general: [t('testimony.error.identifying'), ...findingMessages(t, result.findings ?? [])] });
      }
      return reply.redirect(`/${request.locale}/companies/${request.company!.id}/incidents/${r.id}/testimony?done=shared`, 303);
    });

    app.post(`${PREFIX}/withdraw`, { config: { access: company('share_incident') } }, async (request, reply) => {
      const r = await loadIncident(request);
      if (!r) return reply.callNotFound();
      const result = await withdrawTestimony(deps, request.company!, r.id, request.user!, requestMeta(request));
      if (!result.ok) return page(request, reply, r, 409, { general: [request.t('testimony.error.nothing_to_withdraw')] });
      return reply.redirect(`/${request.locale}/companies/${request.company!.id}/incidents/${r.id}/testimony?done=withdrawn`, 303);
    });

    app.get('/:lang/testimonies', { config: { access: PUBLIC } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const given = (request.query as Record<string, unknown>).threat;
      const raw = Array.isArray(given) ? given[0] : given;
      const threat = typeof raw === 'string' ? raw.trim() : '';
      // An unknown threat is refused with a message, and every story is shown instead.
      const unknown = threat !== '' && !threatIds.includes(threat);
      const list = await publishedTestimonies(deps, unknown || threat === '' ? {} : { threats: [threat] });
      const error = unknown ? ctx.t('testimony.error.threat') : undefined;
      return sendPage(reply, <PublicListPage ctx={ctx} nace={nace} catalog={catalog} threat={unknown ? '' : threat} list={list} error={error} />, unknown ? 400 : 200);
    });
  };
}
