/** JSON API v1. Every route has zod schemas (validation + OpenAPI) and an access declaration. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Company, Role } from '../../../../core/company-profile.ts';
import { parseEnterpriseNumber } from '../../../../core/enterprise-number.ts';
import { isLocale } from '../../../../core/locale.ts';
import { isSelectableNaceCode, searchNace, type NaceList } from '../../../../core/nace.ts';
import type { AppDeps } from '../../../../app/deps.ts';
import { saveProfile } from '../../../../app/companies.ts';
import { findCompany, listMembershipsOfUser } from '../../../../db/repositories/company.repository.ts';
import { api } from '../../../access.ts';
import { AppError } from '../../../errors.ts';
import { companyForApi } from '../shared/company-access.ts';
import { CompanyOut, CompanyProfileBody, ErrorBody, Me, SectorOut } from '../shared/schemas.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 429: ErrorBody };

function present(c: Company, role: Role): z.infer<typeof CompanyOut> {
  return {
    id: c.id,
    name: c.name,
    enterpriseNumber: c.enterpriseNumber,
    naceCode: c.naceCode,
    employees: c.employees,
    region: c.region,
    language: c.language,
    website: c.website,
    webshop: c.webshop,
    emailProvider: c.emailProvider,
    cardPayments: c.cardPayments,
    nis2Status: c.nis2Status,
    personalData: c.personalData,
    remoteWork: c.remoteWork,
    itProvider: c.itProvider,
    role,
    requireMfa: c.requireMfa,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function apiV1Routes(deps: AppDeps, nace: NaceList) {
  return async function (root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();

    const companyFor = (userId: string, companyId: string, write: boolean) => companyForApi(deps, userId, companyId, write);

    app.get(
      '/api/v1/me',
      {
        config: { access: api('profile:read') },
        schema: { tags: ['account'], summary: 'The account that owns the token', security: [{ bearer: [] }], response: { 200: Me, ...errors } },
      },
      async (request) => {
        const u = request.user!;
        return { id: u.id, email: u.email, displayName: u.displayName, locale: u.locale, mfaEnabled: u.totpEnabled, scopes: request.apiToken!.scopes };
      },
    );

    app.get(
      '/api/v1/companies',
      {
        config: { access: api('companies:read') },
        schema: { tags: ['companies'], summary: 'Companies the token owner belongs to', security: [{ bearer: [] }], response: { 200: z.object({ companies: z.array(CompanyOut) }), ...errors } },
      },
      async (request) => {
        const memberships = await listMembershipsOfUser(deps.db, request.user!.id);
        const companies: z.infer<typeof CompanyOut>[] = [];
        for (const m of memberships) {
          const c = await findCompany(deps.db, m.companyId);
          // A company that requires two-step log-in shows nothing to a token whose owner has not switched it on.
          if (c && !(c.requireMfa && !request.user!.totpEnabled)) companies.push(present(c, m.role));
        }
        return { companies };
      },
    );

    const IdParams = z.object({ companyId: z.uuid() });

    app.get(
      '/api/v1/companies/:companyId',
      {
        config: { access: api('companies:read') },
        schema: { tags: ['companies'], summary: 'One company', security: [{ bearer: [] }], params: IdParams, response: { 200: CompanyOut, ...errors } },
      },
      async (request) => {
        const { company, role } = await companyFor(request.user!.id, request.params.companyId, false);
        return present(company, role);
      },
    );

    app.put(
      '/api/v1/companies/:companyId/profile',
      {
        config: { access: api('companies:write') },
        schema: {
          tags: ['companies'],
          summary: 'Replace the company profile (owners and admins)',
          security: [{ bearer: [] }],
          params: IdParams,
          body: CompanyProfileBody,
          response: { 200: CompanyOut, ...errors },
        },
      },
      async (request) => {
        const { company, role } = await companyFor(request.user!.id, request.params.companyId, true);
        const b = request.body;
        const issues: { path: string; message: string }[] = [];
        const enterprise = b.enterpriseNumber ? parseEnterpriseNumber(b.enterpriseNumber) : null;
        if (enterprise && !enterprise.ok) issues.push({ path: 'enterpriseNumber', message: request.t('company.error.enterprise_number') });
        if (!isSelectableNaceCode(nace, b.naceCode)) issues.push({ path: 'naceCode', message: request.t('company.error.nace') });
        if (b.webshop && !b.website) issues.push({ path: 'website', message: request.t('company.error.webshop_needs_website') });
        if (issues.length > 0) throw new AppError('validation_failed', { issues });
        await saveProfile(
          deps,
          company.id,
          request.user!,
          { ...b, enterpriseNumber: enterprise && enterprise.ok ? enterprise.value : null },
          { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '') },
        );
        return present((await findCompany(deps.db, company.id))!, role);
      },
    );

    app.get(
      '/api/v1/sectors',
      {
        config: { access: api(null) },
        schema: {
          tags: ['reference'],
          summary: 'Search the bundled NACE-BEL sector codes',
          querystring: z.object({ q: z.string().trim().min(1).max(100), lang: z.enum(['nl', 'fr', 'de', 'en']).default('nl') }),
          response: { 200: z.object({ version: z.string(), sectors: z.array(SectorOut) }), ...errors },
        },
      },
      async (request) => {
        const lang = isLocale(request.query.lang) ? request.query.lang : 'nl';
        return {
          version: nace.version,
          sectors: searchNace(nace, request.query.q, lang, 20).map((e) => ({ code: e.code, level: e.level, title: e.title[lang] })),
        };
      },
    );
  };
}
