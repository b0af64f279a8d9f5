/**
 * The platform administrator's review of sector packs: the list of submitted packs (/admin/sector-packs) and one
 * federation's submitted version in all four languages with "approve" and "send back" (/admin/sector-packs/:orgId).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PACK_LIMITS } from '../../../core/organisations/sector-pack.ts';
import { reviewPack, submittedVersion } from '../../../app/sector-packs.ts';
import type { AppDeps } from '../../../app/deps.ts';
import type { Organisation } from '../../../db/repositories/organisation.repository.ts';
import { listSubmittedPacks, type PackVersion, type SubmittedPack } from '../../../db/repositories/sector-pack.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { PLATFORM_ADMIN } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { Csrf, ErrorSummary, formatDateTime, Notice, TextArea } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';
import { noticeFrom, requestMeta } from '../ui/request.ts';
import { PackReadOut } from './sector-pack-views.tsx';

const NOTICES = { approved: 'pack.admin.approved', returned: 'pack.admin.returned' } as const;
const OrgParam = z.object({ orgId: z.uuid() });
const DecisionForm = z.object({ version: z.coerce.number().int().min(1).max(100_000), note: z.string().max(PACK_LIMITS.note).optional() });

function ReviewListPage(p: { ctx: PageCtx; packs: SubmittedPack[]; notice?: MessageKey | undefined }) {
  const { t, locale } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('pack.admin.title')}>
      <h1>{t('pack.admin.title')}</h1>
      {p.notice ? <Notice kind="ok">{t(p.notice)}</Notice> : null}
      {p.packs.length === 0 ? <p>{t('pack.admin.none')}</p> : null}
      <ul>
        {p.packs.map((s) => (
          <li>
            <a href={`/${locale}/admin/sector-packs/${s.organisationId}`}>{t('pack.admin.read', { organisation: s.organisationName })}</a> –{' '}
            {t('pack.admin.item', { version: s.version, questions: s.questions, date: formatDateTime(s.submittedAt, locale) })}
            {s.verified ? null : <> – {t('org.unverified')}</>}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function ReviewPage(p: { ctx: PageCtx; found: { org: Organisation; pack: PackVersion } | undefined; general?: string | undefined; note?: string | undefined }) {
  const { t, locale } = p.ctx;
  const back = (
    <p>
      <a href={`/${locale}/admin/sector-packs`}>← {t('pack.admin.title')}</a>
    </p>
  );
  if (!p.found) {
    return (
      <Layout ctx={p.ctx} title={t('pack.admin.title')}>
        {back}
        <h1>{t('pack.admin.title')}</h1>
        <ErrorSummary ctx={p.ctx} errors={undefined} general={p.general} />
        <p>{t('pack.admin.nothing')}</p>
      </Layout>
    );
  }
  const { org, pack } = p.found;
  const action = `/${locale}/admin/sector-packs/${org.id}`;
  const title = t('pack.admin.pack_of', { organisation: org.name, version: pack.version });
  return (
    <Layout ctx={p.ctx} title={title}>
      {back}
      <h1>{title}</h1>
      <ErrorSummary ctx={p.ctx} errors={undefined} general={p.general} />
      {org.verifiedAt ? null : (
        <Notice kind="warn">
          {t('pack.admin.unverified')} <a href={`/${locale}/admin/organisations`}>{t('admin.orgs.title')}</a>
        </Notice>
      )}
      <PackReadOut ctx={p.ctx} content={pack.content} />
      <h2>{t('pack.admin.decision')}</h2>
      {org.verifiedAt ? (
        <form method="post" action={`${action}/approve`}>
          <Csrf ctx={p.ctx} />
          <input type="hidden" name="version" value={String(pack.version)} />
          <button type="submit">{t('pack.admin.approve')}</button>
        </form>
      ) : null}
      <form method="post" action={`${action}/return`} novalidate>
        <Csrf ctx={p.ctx} />
        <input type="hidden" name="version" value={String(pack.version)} />
        <TextArea name="note" label={t('pack.admin.note')} value={p.note} maxLength={PACK_LIMITS.note} />
        <button type="submit" class="secondary">
          {t('pack.admin.return')}
        </button>
      </form>
    </Layout>
  );
}

export function sectorPackReviewRoutes(deps: AppDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    const reviewPage = async (request: FastifyRequest, reply: FastifyReply, status: number, extra: { general?: string; note?: string } = {}) => {
      const params = OrgParam.safeParse(request.params);
      const found = params.success ? await submittedVersion(deps, params.data.orgId) : undefined;
      return sendPage(reply, <ReviewPage ctx={pageCtx(request)} found={found} {...extra} />, status);
    };

    app.get('/:lang/admin/sector-packs', { config: { access: PLATFORM_ADMIN } }, async (request, reply) =>
      sendPage(reply, <ReviewListPage ctx={pageCtx(request)} packs={await listSubmittedPacks(deps.db)} notice={noticeFrom(request, NOTICES)} />),
    );

    app.get('/:lang/admin/sector-packs/:orgId', { config: { access: PLATFORM_ADMIN } }, async (request, reply) => reviewPage(request, reply, 200));

    for (const kind of ['approve', 'return'] as const) {
      app.post(`/:lang/admin/sector-packs/:orgId/${kind}`, { config: { access: PLATFORM_ADMIN } }, async (request, reply) => {
        const params = OrgParam.safeParse(request.params);
        const form = DecisionForm.safeParse(request.body);
        const note = form.success ? (form.data.note ?? '') : '';
        if (!params.success || !form.success) return reviewPage(request, reply, 400, { general: request.t('pack.admin.gone') });
        const decision = kind === 'approve' ? ({ kind: 'approve' } as const) : ({ kind: 'return', note } as const);
        const result = await reviewPack(deps, request.user!, params.data.orgId, form.data.version, decision, requestMeta(request));
        if (!result.ok) {
          const key: MessageKey = result.error === 'unverified' ? 'pack.admin.unverified' : result.error === 'note_required' ? 'pack.admin.note_required' : 'pack.admin.gone';
          return reviewPage(request, reply, result.error === 'not_found' ? 409 : 400, { general: request.t(key), note });
        }
        return reply.redirect(`/${request.locale}/admin/sector-packs?done=${kind === 'approve' ? 'approved' : 'returned'}`, 303);
      });
    }
  };
}
