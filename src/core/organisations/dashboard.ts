/**
 * The organisation dashboard: aggregated progress of the member companies that chose to count in the
 * organisation's figures, from each one's latest completed assessment. Small-cell rule: a figure is only shown
 * when at least MIN_CELL_COMPANIES consenting companies stand behind it (threshold rule, OECD glossary "threshold
 * rule"; the same minimum as the national figures, src/core/stats/cells.ts). No figure ever names a company.
 */
import { FUNCTIONS, type CsfFunction } from '../assessment/catalog.ts';
import { MIN_CELL_COMPANIES } from '../stats/cells.ts';

/** A function counts as "in order" from this score (0–100) on; the same level the company result calls "fair". */
export const FUNCTION_LEVEL = 50;
/** How many of the most common open plan actions the dashboard lists. */
export const TOP_ACTIONS = 5;

export interface MemberSnapshot {
  countsInFigures: boolean;
  latest: { overall: number | null; byFunction: Record<CsfFunction, number | null>; openActions: string[] } | null;
}

/** A figure with the number of companies behind it; `value` is null when fewer than the minimum stand behind it. */
export interface Figure {
  value: number | null;
  companies: number;
}

export interface Dashboard {
  members: number;
  counting: number;
  assessedShare: Figure; // percent of counting members with a completed assessment
  medianScore: Figure; // median overall score of counting, assessed members
  functionsAbove: Record<CsfFunction, Figure>; // percent of counting, assessed members at or above FUNCTION_LEVEL
  /** Most common open plan actions (percent of counting, assessed members); empty when too few companies. */
  openActions: { controlId: string; share: number }[];
  openActionsCompanies: number;
  minimum: number;
}

const pct = (part: number, whole: number) => Math.round((100 * part) / whole);

function figure(companies: number, compute: () => number): Figure {
  return { value: companies >= MIN_CELL_COMPANIES ? compute() : null, companies };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

export function buildDashboard(members: readonly MemberSnapshot[]): Dashboard {
  const counting = members.filter((m) => m.countsInFigures);
  const assessed = counting.flatMap((m) => (m.latest ? [m.latest] : []));
  const scored = assessed.flatMap((a) => (a.overall === null ? [] : [a.overall]));
  const functionsAbove = Object.fromEntries(
    FUNCTIONS.map((f) => {
      const scores = assessed.flatMap((a) => (a.byFunction[f] === null ? [] : [a.byFunction[f]]));
      return [f, figure(scores.length, () => pct(scores.filter((s) => s >= FUNCTION_LEVEL).length, scores.length))];
    }),
  ) as Record<CsfFunction, Figure>;
  let openActions: { controlId: string; share: number }[] = [];
  if (assessed.length >= MIN_CELL_COMPANIES) {
    const counts = new Map<string, number>();
    for (const a of assessed) for (const id of new Set(a.openActions)) counts.set(id, (counts.get(id) ?? 0) + 1);
    openActions = [...counts]
      .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
      .slice(0, TOP_ACTIONS)
      .map(([controlId, n]) => ({ controlId, share: pct(n, assessed.length) }));
  }
  return {
    members: members.length,
    counting: counting.length,
    assessedShare: figure(counting.length, () => pct(assessed.length, counting.length)),
    medianScore: figure(scored.length, () => median(scored)),
    functionsAbove,
    openActions,
    openActionsCompanies: assessed.length,
    minimum: MIN_CELL_COMPANIES,
  };
}
