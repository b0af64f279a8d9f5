/**
 * An IT provider's directory profile and certification claims (issue 12): /:lang/orgs/:orgId/profile…
 * Staff read (org 'view'); owners and admins change (org 'manage_profile'). Organisations that are not IT providers
 * answer "not found", as if the page did not exist for them.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { declareCertification, updateProviderProfile, withdrawCertification } from '../../../app/provider-profile.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { LOCALES } from '../../../core/locale.ts';
import type { NaceList } from '../../../core/nace.ts';
import { orgCan } from '../../../core/organisations/organisation.ts';
import { brusselsDate, MAX_OPEN_CLAIMS, readClaimForm } from '../../../core/providers/certifications.ts';
import { readProfileForm, type Descriptions } from '../../../core/providers/profile.ts';
import { findProfile, listClaims } from '../../../db/repositories/provider-directory.repository.ts';
import { isMessageKey, type MessageKey } from '../../../i18n/index.ts';
import { org } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { pageCtx } from '../ui/page-context.ts';
import { noticeFrom, requestMeta } from '../ui/request.ts';
import { EMPTY_PROFILE, ProfilePage, type ProfilePageProps, type ProfileValues } from './profile-views.tsx';

const NOTICES: Record<string, MessageKey> = { saved: 'provider.profile.saved', declared: 'provider.cert.declared', withdrawn: 'provider.cert.withdrawn' };
const IdForm = z.object({ id: z.uuid() });

function asList(v: unknown): string[] {
  return typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
function asText(v: unknown, max: number): string {
  return typeof v === 'string' ? v.slice(0, max) : '';
}

/** What was sent, to show again beside the problems (bounded, so a huge post is not echoed back). */
function valuesFromBody(body: Record<string, unknown>): ProfileValues {
  const description: Descriptions = {};
  for (const l of LOCALES) description[l] = asText(body[`description_${l}`], 2000);
  return {
    description,
    services: asList(body.services),
    sectors: asList(body.sectors),
    regions: asList(body.regions),
    languages: asList(body.languages),
    website: asText(body.website, 300),
    email: asText(body.email, 254),
    phone: asText(body.phone, 30),
    listed: body.listed === 'yes',
  };
}

function translated(request: FastifyRequest, errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, isMessageKey(v) ? request.t(v) : request.t('form.error.invalid')]));
}

export function providerProfileRoutes(deps: AppDeps, nace: NaceList) {
  const sectionTitles = new Map(nace.entries.filter((e) => e.level === 'section').map((e) => [e.code, e.title]));
  return async function (app: FastifyInstance): Promise<void> {
    const today = () => brusselsDate(deps.clock.now());
    const isProvider = (request: FastifyRequest) => request.organisation?.kind === 'it_provider';

    const page = async (request: FastifyRequest, reply: FastifyReply, status: number, extra: Partial<ProfilePageProps> = {}) => {
      const o = request.organisation!;
      const stored = await findProfile(deps.db, o.id);
      const values: ProfileValues = stored
        ? { ...stored, website: stored.website ?? '', email: stored.email ?? '', phone: stored.phone ?? '' }
        : EMPTY_PROFILE;
      return sendPage(
        reply,
        <ProfilePage
          ctx={pageCtx(request)}
          org={o}
          canEdit={orgCan(request.orgRole!, 'manage_profile')}
          values={values}
          listedAt={stored?.listedAt ?? null}
          sectorTitle={(s) => sectionTitles.get(s)?.[request.locale] ?? s}
          claims={await listClaims(deps.db, o.id)}
          today={today()}
          notice={noticeFrom(request, NOTICES)}
          setup={(request.query as Record<string, unknown>).welcome === '1' && !stored}
          {...extra}
        />,
        status,
      );
    };

    app.get('/:lang/orgs/:orgId/profile', { config: { access: org('view') } }, async (request, reply) => {
      if (!isProvider(request)) return reply.callNotFound();
      return page(request, reply, 200);
    });

    app.post('/:lang/orgs/:orgId/profile', { config: { access: org('manage_profile') } }, async (request, reply) => {
      if (!isProvider(request)) return reply.callNotFound();
      const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
      const read = readProfileForm(body);
      if (!read.ok) return page(request, reply, 400, { values: valuesFromBody(body), errors: translated(request, read.errors) });
      await updateProviderProfile(deps, request.organisation!.id, request.user!, read.profile, requestMeta(request));
      return reply.redirect(`/${request.locale}/orgs/${request.organisation!.id}/profile?done=saved`, 303);
    });

    app.post('/:lang/orgs/:orgId/profile/certifications', { config: { access: org('manage_profile') } }, async (request, reply) => {
      if (!isProvider(request)) return reply.callNotFound();
      const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
      const read = readClaimForm(body, today());
      if (!read.ok) {
        const claimValues = Object.fromEntries(['kind', 'label', 'reference', 'issuer', 'evidenceUrl', 'validUntil'].map((k) => [k, asText(body[k], 300)]));
        return page(request, reply, 400, { claimErrors: translated(request, read.errors), claimValues });
      }
      const declared = await declareCertification(deps, request.organisation!.id, request.user!, read.claim, requestMeta(request));
      if (!declared.ok) return page(request, reply, 400, { claimErrors: { kind: request.t('provider.cert.error.too_many', { max: MAX_OPEN_CLAIMS }) } });
      return reply.redirect(`/${request.locale}/orgs/${request.organisation!.id}/profile?done=declared#certs-heading`, 303);
    });

    app.post('/:lang/orgs/:orgId/profile/certifications/withdraw', { config: { access: org('manage_profile') } }, async (request, reply) => {
      if (!isProvider(request)) return reply.callNotFound();
      const form = IdForm.safeParse(request.body);
      const done = form.success && (await withdrawCertification(deps, request.organisation!.id, request.user!, form.data.id, requestMeta(request)));
      if (!done) return page(request, reply, 400, { general: request.t('provider.cert.withdraw_failed') });
      return reply.redirect(`/${request.locale}/orgs/${request.organisation!.id}/profile?done=withdrawn#certs-heading`, 303);
    });
  };
}
