/** All user-visible text, merged from one file per area. Each message has nl, fr, de and en (enforced by type). */
import { account } from './account.ts';
import { assessment } from './assessment.ts';
import { audit } from './audit.ts';
import { auth } from './auth.ts';
import { common } from './common.ts';
import { company } from './company.ts';
import { companyMembers } from './company-members.ts';
import { enums } from './enums.ts';
import { errors } from './errors.ts';
import { home } from './home.ts';
import { hub } from './hub.ts';
import { incidentDuties } from './incident-duties.ts';
import { incidents } from './incidents.ts';
import { mail } from './mail.ts';
import { mailReports } from './mail-reports.ts';
import { organisations } from './organisations.ts';
import { publicPages } from './public.ts';
import { scan } from './scan.ts';
import { phishing } from './phishing.ts';
import { phishingResults } from './phishing-results.ts';
import { phishingTracking } from './phishing-tracking.ts';
import { statistics } from './statistics.ts';
import { training } from './training.ts';
import { stats } from './stats.ts';
import { orgFigures } from './org-figures.ts';
import { offers } from './offers.ts';
import { sectorPacks } from './sector-packs.ts';
import { effectiveness } from './effectiveness.ts';
import { statsDashboard } from './stats-dashboard.ts';
import { providerTrack } from './provider-track.ts';
import { software } from './software.ts';
import { providers } from './providers.ts';
import { providerShares } from './provider-shares.ts';
import { testimonies } from './testimonies.ts';
import { support } from './support.ts';
import { limits } from './limits.ts';

export const catalog = {
  ...common,
  ...errors,
  ...publicPages,
  ...auth,
  ...mail,
  ...account,
  ...company,
  ...companyMembers,
  ...audit,
  ...enums,
  ...assessment,
  ...scan,
  ...incidents,
  ...incidentDuties,
  ...home,
  ...hub,
  ...mailReports,
  ...training,
  ...statistics,
  ...phishing,
  ...phishingTracking,
  ...phishingResults,
  ...organisations,
  ...stats,
  ...orgFigures,
  ...offers,
  ...sectorPacks,
  ...effectiveness,
  ...statsDashboard,
  ...providerTrack,
  ...software,
  ...providers,
  ...providerShares,
  ...testimonies,
  ...support,
  ...limits,
};
