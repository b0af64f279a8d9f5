/** The one place where access declarations are enforced, and where CSRF is checked for every form post. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../core/company-profile.ts';
import { isLocale } from '../core/locale.ts';
import { sha256 } from '../adapters/crypto.ts';
import type { AppDeps } from '../app/deps.ts';
import { findCompany, findRole } from '../db/repositories/company.repository.ts';
import { findApiTokenByHash, touchApiToken } from '../db/repositories/token.repository.ts';
import { hasActiveGrant } from '../db/repositories/grant.repository.ts';
import { findUserById } from '../db/repositories/user.repository.ts';
import { safeEqual } from '../adapters/crypto.ts';
import type { Access } from './access.ts';
import { AppError } from './errors.ts';
import { csrfValid } from './request-context.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function loginRedirect(request: FastifyRequest): string {
  return `/${request.locale}/login?next=${encodeURIComponent(request.url)}`;
}

async function authenticateApi(deps: AppDeps, request: FastifyRequest): Promise<void> {
  const header = request.headers.authorization;
  if (!header) return;
  const match = /^Bearer\s+(sch_[A-Za-z0-9_-]{20,100})$/.exec(header);
  if (!match?.[1]) throw new AppError('unauthenticated');
  const token = await findApiTokenByHash(deps.db, sha256(match[1]));
  if (!token) throw new AppError('unauthenticated');
  const user = await findUserById(deps.db, token.userId);
  if (!user) throw new AppError('unauthenticated');
  request.apiToken = token;
  request.user = user;
  const now = deps.clock.now();
  if (!token.lastUsedAt || now.getTime() - new Date(token.lastUsedAt).getTime() > 60_000) await touchApiToken(deps.db, token.id, now.toISOString());
}

/**
 * A company's "require two-step log-in" rule holds for API tokens as it does for pages: a token is only as strong
 * as the log-in of the person who owns it. Members get 403 `mfa_required`; non-members are left to the route,
 * which answers 404 so that the company's existence (and its rule) stays hidden.
 */
async function refuseApiWithoutRequiredMfa(deps: AppDeps, request: FastifyRequest): Promise<void> {
  const companyId = (request.params as Record<string, unknown> | undefined)?.companyId;
  if (!request.user || request.user.totpEnabled || typeof companyId !== 'string' || !UUID.test(companyId)) return;
  if (!(await findRole(deps.db, companyId, request.user.id))) return;
  if ((await findCompany(deps.db, companyId))?.requireMfa) throw new AppError('mfa_required');
}

async function enforce(deps: AppDeps, access: Access, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const lang = (request.params as Record<string, unknown> | undefined)?.lang;
  if (lang !== undefined && !isLocale(lang)) throw new AppError('not_found');
  switch (access.kind) {
    case 'public':
      return;
    case 'ops': {
      const header = request.headers.authorization ?? '';
      const expected = deps.config.metricsToken ? `Bearer ${deps.config.metricsToken}` : '';
      if (!expected || !safeEqual(header, expected)) throw new AppError('not_found');
      return;
    }
    case 'api': {
      await authenticateApi(deps, request);
      if (access.scope === null) return;
      if (!request.apiToken) throw new AppError('unauthenticated');
      if (!request.apiToken.scopes.includes(access.scope)) throw new AppError('insufficient_scope');
      await refuseApiWithoutRequiredMfa(deps, request);
      return;
    }
    case 'mfa_pending': {
      if (request.session?.stage !== 'mfa') return void reply.redirect(`/${request.locale}/login`, 303);
      return;
    }
    case 'user':
    case 'company': {
      if (!request.user || request.session?.stage !== 'full') {
        if (request.session?.stage === 'mfa') return void reply.redirect(`/${request.locale}/login/mfa`, 303);
        return void reply.redirect(loginRedirect(request), 303);
      }
      if (access.kind === 'user') return;
      const companyId = (request.params as Record<string, unknown>).companyId;
      // Not a member and no such company look the same from outside: both are "not found".
      if (typeof companyId !== 'string' || !UUID.test(companyId)) throw new AppError('not_found');
      const role = await findRole(deps.db, companyId, request.user.id);
      // An outside user (an IT provider) with an active 'phishing' grant reaches the phishing pages and nothing else;
      // for every other page, and once the grant is revoked, the company stays "not found" to them.
      const granted = !role && access.action === 'run_phishing' && (await hasActiveGrant(deps.db, companyId, request.user.id, 'phishing'));
      if (!role && !granted) throw new AppError('not_found');
      const company = await findCompany(deps.db, companyId);
      if (!company) throw new AppError('not_found');
      request.company = company;
      request.companyRole = role ?? null;
      request.companyGrant = granted ? 'phishing' : null;
      if (company.requireMfa && !request.user.totpEnabled) {
        return void reply.redirect(`/${request.locale}/account/security?required=${companyId}`, 303);
      }
      if (!granted && !can(role ?? null, access.action)) throw new AppError('forbidden');
      return;
    }
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the caller reaches the company through a scoped grant instead of a membership. */
    companyGrant: 'phishing' | null;
  }
  interface FastifyInstance {
    /** Every route with its access declaration: used by the authorization test that walks them all. */
    routeTable: RouteEntry[];
  }
}

export function registerAuthHooks(app: FastifyInstance, deps: AppDeps): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.decorateRequest('companyGrant', null);
  app.addHook('onRoute', (route) => {
    if (!route.config?.access) throw new Error(`Route ${String(route.method)} ${route.url} does not declare its access`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') table.push({ method, url: route.url, access: route.config.access });
  });

  // preValidation: after the body is parsed (CSRF needs it), before schema validation (so callers learn
  // nothing about a route they may not use).
  app.addHook('preValidation', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!access) throw new AppError('not_found');
    const isApi = request.url.startsWith('/api/');
    if (!isApi && UNSAFE.has(request.method)) {
      // Browsers tell where a request comes from (Fetch Metadata); refuse cross-site form posts outright.
      if (request.headers['sec-fetch-site'] === 'cross-site') throw new AppError('csrf_failed');
      const body = request.body as Record<string, unknown> | undefined;
      const provided = (body && typeof body === 'object' ? body._csrf : undefined) ?? request.headers['x-csrf-token'];
      if (!csrfValid(request, provided)) throw new AppError('csrf_failed');
    }
    await enforce(deps, access, request, reply);
  });
}
