/**
 * Organisation figures: rebuilt per organisation by the 'org-stats-refresh' job soon after something that changes
 * them (a company joins or leaves, turns counting in the figures on or off, or finishes an assessment), and for all
 * organisations by the full statistics refresh. The dashboard only reads the stored rows. docs/statistics.md.
 */
import { quarterEnds, quarterOf } from '../core/stats/dimensions.ts';
import { buildOrgFigures, buildStoredDashboard, type OrgFigures } from '../core/organisations/org-figures.ts';
import type { Dashboard } from '../core/organisations/dashboard.ts';
import { enqueueSingletonJob } from '../db/repositories/job.repository.ts';
import { organisationsOfMember, readOrgFigures, refreshOrgFigures, type OrgRefreshInput } from '../db/repositories/org-stats.repository.ts';
import type { Conn } from '../db/repositories/types.ts';
import type { AppDeps } from './deps.ts';
import { rsitClasses } from './statistics.ts';
import { transact } from '../db/transaction.ts';

export const ORG_STATS_REFRESH_JOB = 'org-stats-refresh';
/** Adoption over time: the current quarter and the seven before it (two years). */
export const ADOPTION_QUARTERS = 7;
/** The incident mix covers the current quarter and the three before it (one year). */
export const INCIDENT_QUARTERS = 3;

function refreshInput(deps: AppDeps, organisationId: string | null): OrgRefreshInput {
  const now = deps.clock.now().toISOString();
  const quarter = quarterOf(now);
  return {
    dialect: deps.dialect,
    now,
    quarter,
    organisationId,
    includeSynthetic: deps.config.syntheticData,
    history: quarterEnds(quarter, ADOPTION_QUARTERS),
    // The end of the quarter INCIDENT_QUARTERS + 1 back is where the window starts.
    incidentsFrom: quarterEnds(quarter, INCIDENT_QUARTERS + 1)[INCIDENT_QUARTERS + 1]![1],
    rsitClasses: rsitClasses(),
  };
}

/** Rebuilds one organisation's figures. */
export async function refreshOrganisationFigures(deps: AppDeps, organisationId: string): Promise<void> {
  await transact(deps.db, (trx) => refreshOrgFigures(trx, refreshInput(deps, organisationId)));
}

/** Rebuilds every organisation's figures (part of the full statistics refresh). */
export async function refreshAllOrganisationFigures(deps: AppDeps): Promise<{ organisations: number; cells: number }> {
  const outcome = await transact(deps.db, (trx) => refreshOrgFigures(trx, refreshInput(deps, null)));
  deps.log.info({ ...outcome }, 'organisation figures refreshed');
  return outcome;
}

/**
 * Asks a worker to rebuild an organisation's figures now. Deduplicated: while one refresh of that organisation is
 * still queued, another would see the same live data, so none is added (a refresh already running does not count:
 * it may have read the data before this change). Pass the transaction of the change so both commit together.
 */
export async function queueOrgFiguresRefresh(deps: AppDeps, db: Conn, organisationId: string): Promise<void> {
  const payload = { organisationId };
  await enqueueSingletonJob(db, { type: ORG_STATS_REFRESH_JOB, payload, runAt: deps.clock.now(), maxAttempts: 3, singletonKey: `${ORG_STATS_REFRESH_JOB}:${organisationId}` }, deps.clock.now());
}

/** After a member's finished assessment: every organisation it belongs to (whether it counts is the refresh's job). */
export async function queueRefreshForCompany(deps: AppDeps, companyId: string): Promise<void> {
  const organisations = await organisationsOfMember(deps.db, companyId);
  for (const id of organisations) await queueOrgFiguresRefresh(deps, deps.db, id);
  if (organisations.length > 0) deps.kickWorker();
}

/**
 * What the dashboard shows, read from the stored figures only: the published snapshot of each family (which may be
 * older than the last refresh, docs/statistics.md "Organisation figures") and the live member counts.
 */
export async function storedOrganisationFigures(deps: AppDeps, organisationId: string): Promise<{ dashboard: Dashboard; figures: OrgFigures }> {
  const stored = await readOrgFigures(deps.db, organisationId);
  const { answers, incidents } = stored.published;
  // Before the first refresh after migration 024 there is no snapshot record: the rows are of the last refresh.
  const quarter = answers?.quarter ?? stored.quarter;
  const history = quarter ? quarterEnds(quarter, ADOPTION_QUARTERS).map(([q]) => q).reverse() : [];
  const dates = [answers?.publishedAt, incidents?.publishedAt].filter((d): d is string => d !== undefined).sort();
  const live = stored.cells.filter((c) => c.quarter === stored.quarter);
  const liveCount = (m: string) => live.find((c) => c.measure === m)?.value ?? 0;
  const figures = buildOrgFigures({
    refreshedAt: dates[0] ?? stored.refreshedAt,
    quarter,
    incidentsQuarter: incidents?.quarter ?? quarter,
    cells: stored.cells,
    scores: stored.scores,
    waiting: (answers?.pending ?? 0) > 0 || (incidents?.pending ?? 0) > 0,
    rsitClasses: rsitClasses(),
    history,
  });
  const liveCounts = stored.quarter === null ? undefined : { members: liveCount('members'), counting: liveCount('counting') };
  return { dashboard: buildStoredDashboard({ cells: stored.cells, scores: stored.scores, quarter, live: liveCounts }, figures.topGaps), figures };
}
