/**
 * The public analyst dashboard (issue 11): one filter selection → its figures, read only from the pre-aggregated
 * stats_dashboard_cells (two index range reads), never from the live tables. Rules: docs/statistics.md.
 */
import type { AssessmentCatalog } from '../core/assessment/catalog.ts';
import { CATEGORIES, OBLIGATION_IDS } from '../core/incidents/triage.ts';
import type { NaceList } from '../core/nace.ts';
import { quarterEnds, sectionsByDivision } from '../core/stats/dimensions.ts';
import { dashboardFigures, type DashboardFigures } from '../core/stats/figures.ts';
import { parseFilter, type DashboardFilter, type FilterProblem } from '../core/stats/figures-filter.ts';
import { DASHBOARD_QUARTERS, listCompanyGrid, listSelectionCells } from '../db/repositories/stats-dashboard.repository.ts';
import { refreshState } from '../db/repositories/stats.repository.ts';
import type { AppDeps } from './deps.ts';
import { rsitClasses } from './statistics.ts';

export interface DashboardView {
  refreshedAt: string | null;
  /** The quarters one can pick, newest first (empty before the first refresh). */
  quarters: string[];
  filter: DashboardFilter;
  figures: DashboardFigures | null;
}

export type DashboardResult = { ok: true; view: DashboardView } | { ok: false; problems: FilterProblem[]; view: DashboardView };

async function viewFor(deps: AppDeps, catalog: AssessmentCatalog, filter: DashboardFilter, refreshedAt: string | null, quarters: string[]): Promise<DashboardView> {
  const quarter = filter.quarter ?? quarters[0];
  if (refreshedAt === null || quarter === undefined) return { refreshedAt, quarters, filter, figures: null };
  const [cells, grid] = await Promise.all([listSelectionCells(deps.db, filter), listCompanyGrid(deps.db, quarter, filter)]);
  const figures = dashboardFigures({
    quarter,
    quarters: [...quarters].reverse(),
    controls: catalog.controls.map((c) => ({ id: c.id, function: c.function })),
    categories: CATEGORIES,
    rsitClasses: [...rsitClasses().keys()],
    duties: OBLIGATION_IDS,
    cells,
    grid,
  });
  return { refreshedAt, quarters, filter, figures };
}

/** Bad filter values give the problems and the unfiltered view, so a page can still show something useful. */
export async function statisticsDashboard(deps: AppDeps, nace: NaceList, catalog: AssessmentCatalog, query: Readonly<Record<string, unknown>>): Promise<DashboardResult> {
  const state = await refreshState(deps.db);
  const quarters = state.quarter ? quarterEnds(state.quarter, DASHBOARD_QUARTERS - 1).map(([q]) => q) : [];
  const parsed = parseFilter(query, { sections: sectionsByDivision(nace), quarters });
  if (!parsed.ok) {
    return { ok: false, problems: parsed.problems, view: await viewFor(deps, catalog, { naceSection: null, naceDivision: null, sizeBand: null, region: null, quarter: null }, state.refreshedAt, quarters) };
  }
  return { ok: true, view: await viewFor(deps, catalog, parsed.filter, state.refreshedAt, quarters) };
}
