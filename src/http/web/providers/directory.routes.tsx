/**
 * Public directory of IT providers (issue 12): /:lang/providers (GET filters, paged) and /:lang/providers/:orgId.
 * Only organisations of kind it_provider whose profile is listed appear; anything else is "not found".
 */
import type { FastifyInstance } from 'fastify';
import { directoryEntry, searchDirectory } from '../../../app/provider-directory.ts';
import type { AppDeps } from '../../../app/deps.ts';
import type { NaceList } from '../../../core/nace.ts';
import { readDirectoryQuery, type DirectoryFilter } from '../../../core/providers/directory.ts';
import { NACE_SECTIONS, PROVIDER_REGIONS, PROVIDER_SERVICES } from '../../../core/providers/profile.ts';
import { LOCALES } from '../../../core/locale.ts';
import { listMembershipsOfUser } from '../../../db/repositories/company.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { PUBLIC } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { pageCtx } from '../ui/page-context.ts';
import { DirectoryPage, ProviderDetailPage } from './directory-views.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The valid part of a refused query, so the form shows what can be kept. */
function keptFilter(q: Record<string, unknown>): DirectoryFilter {
  const keep = <V extends readonly string[]>(values: V, v: unknown) => (typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as V[number]) : null);
  return { region: keep(PROVIDER_REGIONS, q.region), language: keep(LOCALES, q.language), sector: keep(NACE_SECTIONS, q.sector), service: keep(PROVIDER_SERVICES, q.service) };
}

export function providerDirectoryRoutes(deps: AppDeps, nace: NaceList) {
  const sectionTitles = new Map(nace.entries.filter((e) => e.level === 'section').map((e) => [e.code, e.title]));
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/:lang/providers', { config: { access: PUBLIC } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const sectorTitle = (s: string) => sectionTitles.get(s)?.[ctx.locale] ?? s;
      const query = request.query as Record<string, unknown>;
      const read = readDirectoryQuery(query);
      if (!read.ok) {
        const errors = Object.fromEntries(read.problems.map((p) => [p.field, ctx.t(p.message as MessageKey)]));
        return sendPage(reply, <DirectoryPage ctx={ctx} filter={keptFilter(query)} sectorTitle={sectorTitle} result={null} errors={errors} />, 400);
      }
      const result = await searchDirectory(deps, read.filter, read.page);
      if (read.page > result.pages) {
        return sendPage(reply, <DirectoryPage ctx={ctx} filter={read.filter} sectorTitle={sectorTitle} result={null} errors={{ page: ctx.t('providers.filter.bad_page') }} />, 400);
      }
      return sendPage(reply, <DirectoryPage ctx={ctx} filter={read.filter} sectorTitle={sectorTitle} result={result} />);
    });

    app.get('/:lang/providers/:orgId', { config: { access: PUBLIC } }, async (request, reply) => {
      const orgId = (request.params as { orgId: string }).orgId;
      if (!UUID.test(orgId)) return reply.callNotFound();
      const card = await directoryEntry(deps, orgId);
      if (!card) return reply.callNotFound();
      const ctx = pageCtx(request);
      // Owners may share their plan; the sharing page itself checks the role again (company action share_with_provider).
      const owned = ctx.user ? (await listMembershipsOfUser(deps.db, ctx.user.id)).filter((m) => m.role === 'owner') : [];
      return sendPage(reply, <ProviderDetailPage ctx={ctx} card={card} sectorTitle={(s) => sectionTitles.get(s)?.[ctx.locale] ?? s} ownedCompanies={owned} />);
    });
  };
}
