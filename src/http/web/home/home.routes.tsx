/** The company home (`/<lang>/companies/<id>`): where the company stands and the one thing to do next. */
import type { FastifyInstance } from 'fastify';
import { companyHome } from '../../../app/company-home.ts';
import { unansweredOfferCount } from '../../../app/organisation-offers.ts';
import type { AppDeps } from '../../../app/deps.ts';
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import type { IncidentContent } from '../../../core/incidents/content.ts';
import type { NaceList } from '../../../core/nace.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { company } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { pageCtx } from '../ui/page-context.ts';
import { noticeFrom } from '../ui/request.ts';
import { HomePage } from './home.views.tsx';
import { can } from '../../../core/company-profile.ts';
import { statsConsentOf } from '../../../app/statistics.ts';

/** Confirmations that other pages redirect to the home with (`?done=…`). */
const NOTICES: Record<string, MessageKey> = {
  profile_saved: 'notice.profile_saved',
  mfa_required_on: 'notice.mfa_required_on',
  mfa_required_off: 'notice.mfa_required_off',
  company_created: 'notice.company_created',
  joined: 'notice.joined',
  stats_consent_on: 'notice.stats_consent_on',
  stats_consent_off: 'notice.stats_consent_off',
};

export function homeRoutes(deps: AppDeps, catalog: AssessmentCatalog, incidents: IncidentContent, nace: NaceList) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/:lang/companies/:companyId', { config: { access: company('view') } }, async (request, reply) => {
      const home = await companyHome(deps, catalog, request.company!);
      const statsConsent = can(request.companyRole!, 'security_settings') ? (await statsConsentOf(deps, request.company!.id)).consent : undefined;
      const newOffers = can(request.companyRole!, 'answer_offers') ? await unansweredOfferCount(deps, request.company!.id) : 0;
      return sendPage(
        reply,
        <HomePage ctx={pageCtx(request)} company={request.company!} role={request.companyRole!} home={home} catalog={catalog} incidents={incidents} nace={nace} notice={noticeFrom(request, NOTICES)} statsConsent={statsConsent} newOffers={newOffers} />,
      );
    });
  };
}
