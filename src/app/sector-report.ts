/**
 * The sector risk report of a federation (issue 11): threat profile, maturity, top gaps and recommended actions for
 * the federation's NACE sections, from the pre-aggregated statistics (suppressed) and the organisation dashboard of
 * its consenting members. Never one company's answers. Rules: docs/statistics.md, "Sector risk report".
 */
import type { AssessmentCatalog, ThreatId } from '../core/assessment/catalog.ts';
import { RSIT } from '../core/incidents/classification.ts';
import type { NaceList } from '../core/nace.ts';
import type { Dashboard } from '../core/organisations/dashboard.ts';
import { quarterEnds, sectionsByDivision } from '../core/stats/dimensions.ts';
import { maturity, packsFor, recommendedActions, sectorThreatWeights, threatProfile, topGaps, type Gap, type MaturityRow, type RecommendedAction, type ThreatRow } from '../core/stats/sector-report.ts';
import type { Organisation } from '../db/repositories/organisation.repository.ts';
import { controlAnswers, incidentCells, scoreHistograms } from '../db/repositories/sector-report.repository.ts';
import { refreshState } from '../db/repositories/stats.repository.ts';
import type { AppDeps } from './deps.ts';
import { organisationOverview } from './organisation-members.ts';
import { rsitClasses } from './statistics.ts';

/** The threat profile covers the refresh's quarter and the three before it: about one year. */
export const REPORT_QUARTERS = 4;

export interface SectorReport {
  sections: string[];
  refreshedAt: string | null;
  quarters: string[];
  threats: { total: ThreatRow; byClass: ThreatRow[]; byCategory: ThreatRow[] };
  maturity: MaturityRow[];
  members: Dashboard;
  gaps: Gap[];
  actions: RecommendedAction[];
  /** Threats weighing more than usual in the sector (sector packs), heaviest first. */
  heavierThreats: ThreatId[];
}

/** The federation's sectors ('G', '47') as NACE sections and as divisions. */
export function federationScope(org: Organisation, nace: NaceList): { sections: string[]; divisions: Set<string> } {
  const sectionOf = sectionsByDivision(nace);
  const sections = new Set<string>();
  const divisions = new Set<string>();
  for (const s of org.sectors) {
    if (/^[A-Z]$/.test(s)) {
      sections.add(s);
      for (const [d, sec] of sectionOf) if (sec === s) divisions.add(d);
    } else {
      const d = s.slice(0, 2);
      divisions.add(d);
      const sec = sectionOf.get(d);
      if (sec) sections.add(sec);
    }
  }
  return { sections: [...sections].sort(), divisions };
}

export async function sectorReport(deps: AppDeps, catalog: AssessmentCatalog, nace: NaceList, org: Organisation): Promise<SectorReport> {
  const { sections, divisions } = federationScope(org, nace);
  const state = await refreshState(deps.db);
  const quarters = state.quarter ? quarterEnds(state.quarter, REPORT_QUARTERS - 1).map(([q]) => q) : [];
  const [cells, answers, histograms, overview] = await Promise.all([
    incidentCells(deps.db, sections, quarters),
    state.quarter ? controlAnswers(deps.db, sections, state.quarter) : Promise.resolve(new Map<string, Record<string, number>>()),
    scoreHistograms(deps.db, sections),
    organisationOverview(deps, org.id),
  ]);
  const weights = sectorThreatWeights(packsFor(catalog, divisions));
  const gaps = topGaps(answers);
  return {
    sections,
    refreshedAt: state.refreshedAt,
    quarters,
    threats: threatProfile(cells, rsitClasses(), Object.keys(RSIT)),
    maturity: maturity(histograms),
    members: overview.dashboard,
    gaps,
    actions: recommendedActions(catalog, gaps, weights),
    heavierThreats: (Object.entries(weights) as [ThreatId, number][]).filter(([, w]) => w > 1).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t),
  };
}
