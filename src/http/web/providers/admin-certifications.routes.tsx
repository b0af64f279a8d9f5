/**
 * Platform administrators check IT providers' certification claims (issue 12): /:lang/admin/certifications lists the
 * pending claims with their evidence link and organisation; verify or reject with a note the provider sees.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { reviewCertification } from '../../../app/provider-profile.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { NOTE_MAX } from '../../../core/providers/certifications.ts';
import { listPendingClaims, type PendingClaim } from '../../../db/repositories/provider-directory.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { PLATFORM_ADMIN } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { kindName } from './kind-name.ts';
import { colon, Csrf, ErrorSummary, formatDateTime, Notice } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';
import { noticeFrom, requestMeta } from '../ui/request.ts';

const ReviewForm = z.object({
  id: z.uuid(),
  decision: z.enum(['verified', 'rejected']),
  note: z.string().trim().max(NOTE_MAX).optional(),
});

function AdminCertificationsPage(p: { ctx: PageCtx; claims: PendingClaim[]; notice?: MessageKey | undefined; general?: string | undefined }) {
  const { t, locale } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('admin.certs.title')}>
      <h1>{t('admin.certs.title')}</h1>
      <p class="lead">{t('admin.certs.lead')}</p>
      <p>
        <a href={`/${locale}/admin/organisations`}>{t('admin.certs.orgs_link')}</a>
      </p>
      {p.notice ? <Notice kind="ok">{t(p.notice)}</Notice> : null}
      <ErrorSummary ctx={p.ctx} errors={undefined} general={p.general} />
      {p.claims.length === 0 ? <p>{t('admin.certs.none')}</p> : null}
      <ul class="plain" data-testid="pending-claims">
        {p.claims.map((c) => {
          const kind = kindName(t, c.kind, c.label);
          const noteId = `note-${c.id}`;
          return (
            <li class="card">
              <h2>{kind}</h2>
              <p>{t('admin.certs.organisation', { name: c.organisationName, status: c.organisationVerified ? t('org.verified') : t('org.unverified') })}</p>
              <p>{t('provider.cert.summary', { kind, reference: c.reference, issuer: c.issuer, date: c.validUntil })}</p>
              <p class="hint">{formatDateTime(c.declaredAt, locale)}</p>
              <p class="break">
                <a href={c.evidenceUrl} rel="noopener noreferrer nofollow">
                  {t('admin.certs.evidence')}
                  {colon(locale)} {c.evidenceUrl}
                </a>
              </p>
              <form method="post" action={`/${locale}/admin/certifications/review`}>
                <Csrf ctx={p.ctx} />
                <input type="hidden" name="id" value={c.id} />
                <div class="field">
                  <label for={noteId}>{t('admin.certs.note')}</label>
                  <p class="hint" id={`${noteId}-hint`}>
                    {t('admin.certs.note.hint')}
                  </p>
                  <textarea id={noteId} name="note" rows={2} maxLength={NOTE_MAX} aria-describedby={`${noteId}-hint`} />
                </div>
                <div class="actions">
                  <button type="submit" name="decision" value="verified">
                    {t('admin.certs.verify')}
                    {colon(locale)} {kind}, {c.organisationName}
                  </button>{' '}
                  <button type="submit" name="decision" value="rejected" class="secondary">
                    {t('admin.certs.reject')}
                    {colon(locale)} {kind}, {c.organisationName}
                  </button>
                </div>
              </form>
            </li>
          );
        })}
      </ul>
    </Layout>
  );
}

export function adminCertificationRoutes(deps: AppDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    const page = async (request: FastifyRequest, reply: FastifyReply, status: number, general?: string) =>
      sendPage(
        reply,
        <AdminCertificationsPage ctx={pageCtx(request)} claims={await listPendingClaims(deps.db)} notice={noticeFrom(request, { verified: 'admin.certs.verified', rejected: 'admin.certs.rejected' })} general={general} />,
        status,
      );

    app.get('/:lang/admin/certifications', { config: { access: PLATFORM_ADMIN } }, async (request, reply) => page(request, reply, 200));

    app.post('/:lang/admin/certifications/review', { config: { access: PLATFORM_ADMIN } }, async (request, reply) => {
      const form = ReviewForm.safeParse(request.body);
      if (!form.success) return page(request, reply, 400, request.t('form.error.invalid'));
      const note = form.data.note ? form.data.note : null;
      // A rejection without a reason leaves the provider guessing: the note is required then.
      if (form.data.decision === 'rejected' && !note) return page(request, reply, 400, request.t('admin.certs.note_needed'));
      const result = await reviewCertification(deps, request.user!, form.data.id, form.data.decision, note, requestMeta(request));
      if (!result.ok) return page(request, reply, result.error === 'not_found' ? 404 : 409, request.t('admin.certs.not_pending'));
      return reply.redirect(`/${request.locale}/admin/certifications?done=${form.data.decision}`, 303);
    });
  };
}
