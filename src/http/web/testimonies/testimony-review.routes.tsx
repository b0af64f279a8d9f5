/**
 * The platform administrator's review of testimonies: the list (/admin/testimonies, pending first) and one story
 * (/admin/testimonies/:id) with the text as written, an edit form to cut identifying details before publishing (the
 * anonymisation check runs again on the edit), and rejection with a note for the owners (docs/testimonies.md).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../../app/deps.ts';
import { reviewTestimony, testimoniesForReview, testimonyForReview } from '../../../app/testimonies.ts';
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import type { Company } from '../../../core/company-profile.ts';
import type { NaceList } from '../../../core/nace.ts';
import { canReview, LIMITS, plainText, type Testimony } from '../../../core/testimonies/testimony.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { PLATFORM_ADMIN } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { colon, Csrf, formatDateTime, Notice, TextArea, type FieldErrors } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';
import { noticeFrom, requestMeta } from '../ui/request.ts';
import { languageName, testimonyHeading, threatName } from './testimony-card.tsx';
import { findingMessages } from './testimony-views.tsx';

const NOTICES: Record<string, MessageKey> = { published: 'testimony.admin.done_published', rejected: 'testimony.admin.done_rejected' };
const IdParam = z.object({ id: z.uuid() });
const PublishForm = z.object({ story: z.string(), lesson: z.string() });
const RejectForm = z.object({ note: z.string().max(LIMITS.note) });

function ListPage(p: { ctx: PageCtx; catalog: AssessmentCatalog; list: Testimony[]; notice?: MessageKey | undefined }) {
  const { t, locale } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('testimony.admin.title')}>
      <h1>{t('testimony.admin.title')}</h1>
      {p.notice ? <Notice>{t(p.notice)}</Notice> : null}
      {p.list.length === 0 ? <p>{t('testimony.admin.none')}</p> : null}
      <ul class="plain" data-testid="review-list">
        {p.list.map((x) => (
          <li>
            <a href={`/${locale}/admin/testimonies/${x.id}`}>{t('testimony.admin.read', { threats: x.threats.map((id) => threatName(p.catalog, id, locale)).join(', ') })}</a>{' '}
            <span class="tag" data-status={x.status}>
              {t(`testimony.status.${x.status}` as MessageKey)}
            </span>
            <p class="hint">{t('testimony.admin.item', { date: formatDateTime(x.consentAt, locale), language: languageName(t, x.lang) })}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

interface ReviewState {
  story?: string;
  lesson?: string;
  note?: string;
  errors?: FieldErrors;
  general?: string[];
}

function ReviewPage(p: { ctx: PageCtx; catalog: AssessmentCatalog; nace: NaceList; found: { testimony: Testimony; company: Company } | undefined; state?: ReviewState }) {
  const { t, locale } = p.ctx;
  const back = (
    <p>
      <a href={`/${locale}/admin/testimonies`}>← {t('testimony.admin.title')}</a>
    </p>
  );
  const general = p.state?.general ?? [];
  const problems =
    general.length > 0 ? (
      <div class="error-summary" role="alert" tabIndex={-1} data-autofocus data-testid="review-problems">
        <h2>{t('form.problem')}</h2>
        <ul>
          {general.map((g) => (
            <li>{g}</li>
          ))}
        </ul>
      </div>
    ) : null;
  if (!p.found) {
    return (
      <Layout ctx={p.ctx} title={t('testimony.admin.title')}>
        {back}
        <h1>{t('testimony.admin.title')}</h1>
        {problems}
        <p>{t('testimony.admin.gone')}</p>
      </Layout>
    );
  }
  const { testimony: x, company } = p.found;
  const action = `/${locale}/admin/testimonies/${x.id}`;
  const title = t('testimony.admin.one', { date: formatDateTime(x.consentAt, locale) });
  return (
    <Layout ctx={p.ctx} title={title}>
      {back}
      <h1>{title}</h1>
      {problems}
      <p>
        <span class="tag" data-status={x.status}>
          {t(`testimony.status.${x.status}` as MessageKey)}
        </span>
      </p>
      <dl>
        <dt>{t('testimony.admin.company')}</dt>
        <dd>{company.name}</dd>
        <dt>{t('testimony.admin.context')}</dt>
        <dd>{testimonyHeading(t, p.nace, locale, x.sectorSection, x.sizeBand)}</dd>
        <dt>{t('testimony.admin.threats')}</dt>
        <dd>{x.threats.map((id) => threatName(p.catalog, id, locale)).join(', ')}</dd>
        <dt>{t('testimony.admin.language')}</dt>
        <dd>{languageName(t, x.lang)}</dd>
      </dl>
      <h2>{t('testimony.admin.as_written')}</h2>
      <div lang={x.lang} data-testid="as-written">
        <p>
          <strong>
            {t('testimony.field.story')}
            {colon(locale)}
          </strong>
        </p>
        {x.story.split(/\n+/).map((para) => (
          <p>{para}</p>
        ))}
        <p>
          <strong>
            {t('testimony.field.lesson')}
            {colon(locale)}
          </strong>{' '}
          {x.lesson}
        </p>
      </div>
      {canReview(x, 'publish') ? (
        <form method="post" action={`${action}/publish`} novalidate>
          <Csrf ctx={p.ctx} />
          <h2>{t('testimony.admin.edit')}</h2>
          <p class="hint">{t('testimony.admin.edit_hint')}</p>
          <TextArea name="story" label={t('testimony.field.story')} value={p.state?.story ?? x.publishedStory ?? x.story} error={p.state?.errors?.story} maxLength={LIMITS.story.max} rows={8} lang={x.lang} />
          <TextArea name="lesson" label={t('testimony.field.lesson')} value={p.state?.lesson ?? x.publishedLesson ?? x.lesson} error={p.state?.errors?.lesson} maxLength={LIMITS.lesson.max} rows={4} lang={x.lang} />
          <button type="submit">{t('testimony.admin.publish')}</button>
        </form>
      ) : null}
      {canReview(x, 'reject') ? (
        <form method="post" action={`${action}/reject`} novalidate>
          <Csrf ctx={p.ctx} />
          <h2>{t(x.status === 'published' ? 'testimony.admin.take_down' : 'testimony.admin.reject_heading')}</h2>
          <TextArea name="note" label={t('testimony.admin.note')} hint={t('testimony.admin.note_hint')} value={p.state?.note ?? ''} error={p.state?.errors?.note} maxLength={LIMITS.note} rows={3} />
          <button type="submit" class="secondary">
            {t('testimony.admin.reject')}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

export function testimonyReviewRoutes(deps: AppDeps, catalog: AssessmentCatalog, nace: NaceList) {
  return async function (app: FastifyInstance): Promise<void> {
    const reviewPage = async (request: FastifyRequest, reply: FastifyReply, status: number, state: ReviewState = {}) => {
      const params = IdParam.safeParse(request.params);
      const found = params.success ? await testimonyForReview(deps, params.data.id) : undefined;
      // A malformed id is bad input (400); a well-formed one that does not exist is "not found".
      const code = !params.success ? 400 : !found ? 404 : status;
      return sendPage(reply, <ReviewPage ctx={pageCtx(request)} catalog={catalog} nace={nace} found={found} state={state} />, code);
    };

    app.get('/:lang/admin/testimonies', { config: { access: PLATFORM_ADMIN } }, async (request, reply) =>
      sendPage(reply, <ListPage ctx={pageCtx(request)} catalog={catalog} list={await testimoniesForReview(deps)} notice={noticeFrom(request, NOTICES)} />),
    );

    app.get('/:lang/admin/testimonies/:id', { config: { access: PLATFORM_ADMIN } }, async (request, reply) => reviewPage(request, reply, 200));

    app.post('/:lang/admin/testimonies/:id/publish', { config: { access: PLATFORM_ADMIN } }, async (request, reply) => {
      const t = request.t;
      const params = IdParam.safeParse(request.params);
      const form = PublishForm.safeParse(request.body ?? {});
      if (!params.success || !form.success) return reviewPage(request, reply, 400, { general: [t('form.error.invalid')] });
      const errors: FieldErrors = {};
      const story = plainText(form.data.story);
      const lesson = plainText(form.data.lesson);
      for (const [field, text, limits] of [['story', story, LIMITS.story], ['lesson', lesson, LIMITS.lesson]] as const) {
        if (text === null) errors[field] = t('testimony.error.plain');
        else if (text.length < limits.min) errors[field] = t('testimony.error.too_short', { min: limits.min });
        else if (text.length > limits.max) errors[field] = t('testimony.error.too_long', { max: limits.max });
      }
      const state = { story: form.data.story, lesson: form.data.lesson };
      if (Object.keys(errors).length > 0 || story === null || lesson === null) return reviewPage(request, reply, 422, { ...state, errors, general: Object.values(errors) });
      const result = await reviewTestimony(deps, request.user!, params.data.id, { kind: 'publish', story, lesson }, requestMeta(request));
      if (!result.ok) {
        if (result.error === 'identifying') return reviewPage(request, reply, 422, { ...state, general: [t('testimony.error.identifying_admin'), ...findingMessages(t, result.findings ?? [])] });
        return reviewPage(request, reply, 409, { ...state, general: [t('testimony.admin.not_reviewable')] });
      }
      return reply.redirect(`/${request.locale}/admin/testimonies?done=published`, 303);
    });

    app.post('/:lang/admin/testimonies/:id/reject', { config: { access: PLATFORM_ADMIN } }, async (request, reply) => {
      const t = request.t;
      const params = IdParam.safeParse(request.params);
      const form = RejectForm.safeParse(request.body ?? {});
      if (!params.success || !form.success) return reviewPage(request, reply, 400, { general: [t('form.error.invalid')] });
      const result = await reviewTestimony(deps, request.user!, params.data.id, { kind: 'reject', note: form.data.note }, requestMeta(request));
      if (!result.ok) {
        if (result.error === 'note_required') return reviewPage(request, reply, 422, { errors: { note: t('testimony.error.note') }, general: [t('testimony.error.note')] });
        return reviewPage(request, reply, 409, { general: [t('testimony.admin.not_reviewable')] });
      }
      return reply.redirect(`/${request.locale}/admin/testimonies?done=rejected`, 303);
    });
  };
}
