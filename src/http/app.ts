/**
 * Builds the Fastify application from its dependencies. No listen() here: entrypoints listen, tests inject.
 */
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { parse as parseQuery } from 'node:querystring';
import type { AppDeps } from '../app/deps.ts';
import { PROJECT_ROOT } from '../adapters/paths.ts';
import type { NaceList } from '../core/nace.ts';
import type { AssessmentCatalog } from '../core/assessment/catalog.ts';
import { assessmentApiRoutes } from './api/v1/assessment/assessment.routes.ts';
import { incidentApiRoutes } from './api/v1/incidents/incidents.routes.ts';
import { PUBLIC } from './access.ts';
import { apiV1Routes } from './api/v1/companies/companies.routes.ts';
import { registerAuthHooks } from './auth-hooks.ts';
import { frameworkErrors, registerErrorHandling } from './error-handler.tsx';
import { createMetrics, opsRoutes, type Metrics } from './ops.routes.ts';
import { cookieNames, registerRequestContext } from './request-context.ts';
import { createFrontCache, type FrontCache } from './front-cache.ts';
import { SESSION_PAGE_TTL_MS, SessionPageCache } from './session-page-cache.ts';
import { redactedRequest } from './log-redaction.ts';
import { fastifyTrustProxy } from './trust-proxy.ts';
import { accountRoutes } from './web/account/account.routes.tsx';
import { mfaRoutes } from './web/account/mfa.routes.tsx';
import { tokenRoutes } from './web/account/tokens.routes.tsx';
import { authRoutes } from './web/account/auth.routes.tsx';
import { companyRoutes } from './web/companies/companies.routes.tsx';
import { invitationRoutes } from './web/companies/invitations.routes.tsx';
import { publicRoutes } from './web/public/public.routes.tsx';
import { quickScanRoutes } from './web/assessment/quick-scan.routes.tsx';
import { assessmentRoutes } from './web/assessment/assessment.routes.tsx';
import { reportRoutes } from './web/incidents/report.routes.tsx';
import { companyIncidentRoutes } from './web/incidents/company-incidents.routes.tsx';
import { incidentPageRoutes } from './web/incidents/incident-page.routes.tsx';
import { draftRoutes } from './web/incidents/drafts.routes.tsx';
import type { IncidentContent } from '../core/incidents/content.ts';
import type { ScanMessages } from '../core/scan/messages.ts';
import { scanApiRoutes } from './api/v1/scan/scans.routes.ts';
import { openDataApiRoutes } from './api/v1/statistics/open-data.routes.ts';
import { statisticsDashboardApiRoutes } from './api/v1/statistics/dashboard.routes.ts';
import { scanRoutes } from './web/scan/scan.routes.tsx';
import { domainRoutes } from './web/scan/domains.routes.tsx';
import { homeRoutes } from './web/home/home.routes.tsx';
import { mailReportRoutes } from './web/mail-reports/mail-reports.routes.tsx';
import { organisationRoutes } from './web/organisations/organisations.routes.tsx';
import { membershipRoutes } from './web/organisations/membership.routes.tsx';
import { orgAccessRoutes } from './web/organisations/org-access.routes.tsx';
import { offerRoutes } from './web/organisations/offer.routes.tsx';
import { sectorPackRoutes } from './web/organisations/sector-pack.routes.tsx';
import { sectorPackReviewRoutes } from './web/organisations/sector-pack-review.routes.tsx';
import { organisationApiRoutes } from './api/v1/organisations/organisations.routes.ts';
import { offerApiRoutes } from './api/v1/organisations/offers.routes.ts';
import { mailReportApiRoutes } from './api/v1/mail-reports/mail-reports.routes.ts';
import { trainingRoutes } from './web/training/training.routes.tsx';
import { learnRoutes } from './web/training/learn.routes.tsx';
import { trainingApiRoutes } from './api/v1/training/training.routes.ts';
import { openDataPageRoutes } from './web/statistics/open-data.routes.tsx';
import { effectivenessPageRoutes } from './web/statistics/effectiveness.routes.tsx';
import { measuresApiRoutes } from './api/v1/statistics/measures.routes.ts';
import { sectorReportRoutes } from './web/organisations/sector-report.routes.tsx';
import { statisticsDashboardPageRoutes } from './web/statistics/dashboard.routes.tsx';
import { loadContent } from '../adapters/content.ts';
import { phishingTemplateApiRoutes } from './api/v1/phishing/templates.routes.ts';
import { peopleApiRoutes } from './api/v1/phishing/people.routes.ts';
import { campaignApiRoutes } from './api/v1/phishing/campaigns.routes.ts';
import { peopleRoutes } from './web/phishing/people.routes.tsx';
import { grantRoutes } from './web/phishing/grants.routes.tsx';
import { campaignRoutes } from './web/phishing/campaigns.routes.tsx';
import { phishingTrackingRoutes } from './web/phishing-tracking/tracking.routes.tsx';
import { phishingResultsRoutes } from './web/phishing-results/results.routes.tsx';
import { phishingResultsApiRoutes } from './api/v1/phishing-results/results.routes.ts';
import { articleRoutes } from './web/hub/articles.routes.tsx';
import { articleApiRoutes } from './api/v1/articles/articles.routes.ts';
import { providerTrackRoutes } from './web/provider-track/track.routes.tsx';
import { checklistRoutes } from './web/provider-track/checklist.routes.tsx';
import { softwareRoutes } from './web/software/software.routes.tsx';
import { softwareApiRoutes } from './api/v1/software/software.routes.ts';
import { providerProfileRoutes } from './web/providers/profile.routes.tsx';
import { adminCertificationRoutes } from './web/providers/admin-certifications.routes.tsx';
import { providerDirectoryRoutes } from './web/providers/directory.routes.tsx';
import { providerApiRoutes } from './api/v1/providers/providers.routes.ts';
import { companyProviderRoutes } from './web/provider-shares/company-providers.routes.tsx';
import { sharedPlanRoutes } from './web/provider-shares/shared-plans.routes.tsx';
import { sharedPlanApiRoutes } from './api/v1/provider-shares/shared-plans.routes.ts';
import { testimonyRoutes } from './web/testimonies/testimonies.routes.tsx';
import { testimonyReviewRoutes } from './web/testimonies/testimony-review.routes.tsx';
import { testimonyApiRoutes } from './api/v1/testimonies/testimonies.routes.ts';
import { supportSchemeRoutes } from './web/support/support-schemes.routes.tsx';
import { insuranceRoutes } from './web/insurance/insurance.routes.tsx';

export interface BuildOptions {
  nace: NaceList;
  assessment: AssessmentCatalog;
  incidents: IncidentContent;
  scanMessages: ScanMessages;
  metrics?: Metrics;
}

const ASSET_DIR = path.join(PROJECT_ROOT, 'src', 'http', 'assets');
const ASSET_TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml' };

export const OPENAPI_INFO = {
  title: 'Schild API',
  version: '1.0.0',
  description: 'JSON API of Schild. Authenticate with a personal API token: `Authorization: Bearer sch_…`. Errors are `{ "error": { "code", "message" } }`.',
};

const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), interest-cohort=()';

export function helmetOptions(secure: boolean): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'"],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(secure ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    hsts: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  };
}

/**
 * The headers @fastify/helmet sets, computed once at start. Registered on the app, the plugin builds a whole new
 * helmet middleware on every request (it re-parses and re-validates the CSP directives each time: a few per cent
 * of a page's CPU in the profile, bench/README.md). Schild's policy has no per-request part (no nonces: scripts and
 * styles come from 'self' only), so the plugin answers one request of a throw-away instance and its headers are
 * copied onto every response, in onRequest as the plugin does. test/integration/security-headers.test.ts checks them.
 */
export async function staticSecurityHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify();
  await probe.register(fastifyHelmet, options);
  probe.get('/', async () => '');
  const res = await probe.inject({ url: '/' });
  await probe.close();
  const own = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);
  return Object.fromEntries(Object.entries(res.headers).flatMap(([k, v]) => (own.has(k) || typeof v !== 'string' ? [] : [[k, v]])));
}

export async function buildApp(deps: AppDeps, opts: BuildOptions): Promise<FastifyInstance> {
  // Set once the request context exists: stored anonymous pages are answered in front of Fastify (front-cache.ts).
  const front: { path?: FrontCache } = {};
  const app = Fastify({
    // Fastify's own HTTP/1 server, as it builds it without a factory, with the front path before its handler.
    serverFactory: (handler, fastifyOptions) => {
      const options = fastifyOptions as { keepAliveTimeout: number; requestTimeout: number; connectionTimeout: number; maxRequestsPerSocket?: number };
      const server = http.createServer((req, res) => {
        // The front path answers or not; Fastify answers whatever it did not, once, whatever happens in between.
        const toFastify = () => {
          if (!res.headersSent) handler(req, res);
        };
        let answered: boolean | Promise<boolean>;
        try {
          answered = front.path?.serve(req, res) ?? false;
        } catch (error) {
          deps.log.error({ err: error }, 'front path failed');
          answered = false;
        }
        if (answered === false) toFastify();
        else if (answered !== true)
          answered
            .then((ok) => ok || toFastify(), toFastify)
            .catch((error: unknown) => deps.log.error({ err: error }, 'front path failed'));
      });
      server.keepAliveTimeout = options.keepAliveTimeout;
      server.requestTimeout = options.requestTimeout;
      server.setTimeout(options.connectionTimeout);
      if ((options.maxRequestsPerSocket ?? 0) > 0) server.maxRequestsPerSocket = options.maxRequestsPerSocket!;
      return server;
    },
    // Request logs carry the URL: secrets in it (e-mail, invitation and follow-up links) are redacted first.
    loggerInstance: deps.log.child({}, { serializers: { req: redactedRequest } }) as FastifyBaseLogger,
    trustProxy: fastifyTrustProxy(deps.config.trustProxy, deps.log),
    bodyLimit: 1024 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    routerOptions: { maxParamLength: 200 },
    frameworkErrors,
  });
  const metrics = opts.metrics ?? createMetrics();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifyCookie);
  // Forms: urlencoded only (no multipart here); repeated fields become arrays, bounded in count.
  await app.register(fastifyFormbody, { bodyLimit: 256 * 1024, parser: (s) => parseQuery(s, '&', '=', { maxKeys: 200 }) });
  // The security headers are the same for every response: computed once (see staticSecurityHeaders), set per request.
  // permissions-policy (not a helmet header) travels with them: one hook per request instead of two.
  const securityHeaders = { ...(await staticSecurityHeaders(helmetOptions(deps.config.secureCookies))), 'permissions-policy': PERMISSIONS_POLICY };
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: OPENAPI_INFO,
      servers: [{ url: '/' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token (sch_…)' } } },
    },
    // Only the JSON API belongs in the contract; pages and operations routes are hidden.
    transform: (input) => {
      if (!input.url.startsWith('/api/v1/') || input.url === '/api/v1/openapi.json') return { schema: { ...input.schema, hide: true }, url: input.url };
      return jsonSchemaTransform(input);
    },
    transformObject: jsonSchemaTransformObject,
  });

  const pageCache = registerRequestContext(app, deps);
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  const names = cookieNames(deps.config.secureCookies);
  const sessionPages = new SessionPageCache(names, { ttlMs: SESSION_PAGE_TTL_MS, maxEntries: 1000, now: () => deps.clock.now().getTime() });
  app.decorate('sessionPages', sessionPages);
  front.path = createFrontCache({ cache: pageCache, sessionPages, deps, cookies: names, metrics, log: deps.log, closing: () => closing });
  app.decorate('frontCache', front.path);
  registerAuthHooks(app, deps);
  registerErrorHandling(app);

  app.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });

  const assets = new Map<string, { body: Buffer; type: string }>();
  for (const file of readdirSync(ASSET_DIR)) {
    const type = ASSET_TYPES[path.extname(file)];
    if (type) assets.set(file, { body: readFileSync(path.join(ASSET_DIR, file)), type });
  }
  app.get('/assets/:file', { config: { access: PUBLIC } }, async (request, reply) => {
    const asset = assets.get((request.params as { file: string }).file);
    if (!asset) return reply.callNotFound();
    return reply.header('content-type', asset.type).header('cache-control', 'public, max-age=3600').send(asset.body);
  });

  await app.register(opsRoutes(deps, metrics));
  await app.register(publicRoutes);
  await app.register(authRoutes(deps));
  await app.register(accountRoutes(deps));
  await app.register(mfaRoutes(deps));
  await app.register(tokenRoutes(deps));
  await app.register(companyRoutes(deps, opts.nace, opts.assessment));
  await app.register(invitationRoutes(deps));
  await app.register(homeRoutes(deps, opts.assessment, opts.incidents, opts.nace));
  await app.register(quickScanRoutes(deps, opts.assessment, opts.nace));
  await app.register(assessmentRoutes(deps, opts.assessment, opts.nace));
  await app.register(reportRoutes(deps, opts.incidents));
  await app.register(companyIncidentRoutes(deps, opts.incidents));
  await app.register(incidentPageRoutes(deps, opts.incidents));
  await app.register(draftRoutes(deps, opts.incidents));
  await app.register(scanRoutes(deps, opts.scanMessages));
  await app.register(domainRoutes(deps));
  await app.register(mailReportRoutes(deps));
  await app.register(openDataPageRoutes(deps));
  await app.register(effectivenessPageRoutes(deps, opts.assessment));
  await app.register(measuresApiRoutes(deps));
  await app.register(sectorReportRoutes(deps, opts.assessment, opts.incidents, opts.nace));
  await app.register(statisticsDashboardPageRoutes(deps, opts.nace, opts.assessment, opts.incidents));
  await app.register(peopleRoutes(deps));
  await app.register(grantRoutes(deps));
  await app.register(campaignRoutes(deps));
  await app.register(phishingTrackingRoutes(deps, loadContent().phishing.templates));
  await app.register(phishingResultsRoutes(deps));
  await app.register(phishingResultsApiRoutes(deps));
  await app.register(organisationRoutes(deps, opts.assessment));
  await app.register(membershipRoutes(deps));
  await app.register(offerRoutes(deps));
  await app.register(orgAccessRoutes(deps));
  await app.register(sectorPackRoutes(deps, opts.assessment));
  await app.register(sectorPackReviewRoutes(deps));
  await app.register(apiV1Routes(deps, opts.nace));
  await app.register(assessmentApiRoutes(deps, opts.assessment, opts.nace));
  await app.register(incidentApiRoutes(deps, opts.incidents));
  await app.register(scanApiRoutes(deps, opts.scanMessages));
  await app.register(mailReportApiRoutes(deps));
  await app.register(trainingRoutes(deps));
  await app.register(learnRoutes(deps));
  await app.register(trainingApiRoutes(deps));
  await app.register(openDataApiRoutes(deps));
  await app.register(statisticsDashboardApiRoutes(deps, opts.nace, opts.assessment));
  await app.register(phishingTemplateApiRoutes(loadContent().phishing.templates));
  await app.register(peopleApiRoutes(deps));
  await app.register(campaignApiRoutes(deps));
  await app.register(organisationApiRoutes(deps));
  await app.register(offerApiRoutes(deps));
  await app.register(articleRoutes(deps, opts.assessment, loadContent().articles, opts.nace));
  await app.register(articleApiRoutes(deps, loadContent().articles));
  await app.register(providerTrackRoutes(deps, loadContent().providerTrack));
  await app.register(checklistRoutes(deps, loadContent().choosingChecklist));
  await app.register(softwareRoutes(deps, loadContent().software));
  await app.register(softwareApiRoutes(deps, loadContent().software));
  await app.register(providerProfileRoutes(deps, opts.nace));
  await app.register(adminCertificationRoutes(deps));
  await app.register(providerDirectoryRoutes(deps, opts.nace));
  await app.register(providerApiRoutes(deps));
  await app.register(companyProviderRoutes(deps, opts.assessment, opts.scanMessages));
  await app.register(sharedPlanRoutes(deps, opts.assessment, opts.scanMessages));
  await app.register(sharedPlanApiRoutes(deps, opts.assessment));
  await app.register(testimonyRoutes(deps, opts.assessment, opts.incidents, opts.nace));
  await app.register(testimonyReviewRoutes(deps, opts.assessment, opts.nace));
  await app.register(testimonyApiRoutes(deps, opts.assessment));
  await app.register(supportSchemeRoutes(loadContent().support));
  await app.register(insuranceRoutes(deps, opts.assessment));
  app.get('/api/v1/openapi.json', { config: { access: PUBLIC } }, async () => app.swagger());

  await app.ready();
  return app;
}
