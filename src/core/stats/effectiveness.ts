/**
 * Effectiveness of measures (issue 11): for each control, the share of companies with at least one incident in the
 * year after their assessment, for companies that have the measure ("yes") and for those that do not ("no" or
 * "partly"), with 95 % confidence intervals. This is an association, not proof of cause (docs/statistics.md). Pure.
 *
 * - One proportion: the Wilson score interval (Wilson 1927; Newcombe 1998, "Two-sided confidence intervals for the
 *   single proportion", Stat Med 17:857–872, method 3). It stays inside [0, 1] and behaves well near 0, where
 *   incident rates of small businesses sit.
 * - The difference of two independent proportions: Newcombe's hybrid score interval (Newcombe 1998, "Interval
 *   estimation for the difference between independent proportions", Stat Med 17:873–890, method 10), built from the
 *   two Wilson intervals.
 * - Suppression: a control is shown only when each group has at least MIN_CELL_COMPANIES (10) companies (the
 *   threshold rule; OECD Glossary, "threshold rule"). Otherwise nothing of it is shown, not even the larger group,
 *   so the small group cannot be derived from a published total.
 */
import { MIN_CELL_COMPANIES } from './cells.ts';

/** Incidents are counted for this many days after the assessment was finished. */
export const FOLLOW_UP_DAYS = 365;
/** The standard normal quantile for a two-sided 95 % interval, z(0.975). */
export const Z95 = 1.959963984540054;

export type Interval = [number, number];

/** Wilson score interval for `events` out of `n` (Newcombe 1998a, method 3; no continuity correction). */
export function wilson(events: number, n: number, z = Z95): Interval {
  if (!Number.isInteger(n) || !Number.isInteger(events) || n <= 0 || events < 0 || events > n) throw new RangeError('wilson: 0 ≤ events ≤ n, n > 0');
  const p = events / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 and n the formula gives exactly 0 and 1 in exact arithmetic; clamp the floating-point residue.
  return [events === 0 ? 0 : Math.max(0, centre - half), events === n ? 1 : Math.min(1, centre + half)];
}

/**
 * Newcombe's hybrid score interval for p1 − p2 (Newcombe 1998b, method 10):
 *   L = d − √((p1 − l1)² + (u2 − p2)²),  U = d + √((u1 − p1)² + (p2 − l2)²)
 * where (l1, u1) and (l2, u2) are the Wilson intervals of each proportion.
 */
export function newcombeDifference(events1: number, n1: number, events2: number, n2: number, z = Z95): { value: number; ci95: Interval } {
  const p1 = events1 / n1;
  const p2 = events2 / n2;
  const [l1, u1] = wilson(events1, n1, z);
  const [l2, u2] = wilson(events2, n2, z);
  const d = p1 - p2;
  return { value: d, ci95: [d - Math.hypot(p1 - l1, u2 - p2), d + Math.hypot(u1 - p1, p2 - l2)] };
}

/** What the refresh stores per control (pre-aggregated; migration 021). */
export interface EffectivenessCounts {
  controlId: string;
  nWith: number;
  eventsWith: number;
  nWithout: number;
  eventsWithout: number;
}

export interface GroupFigure {
  companies: number;
  withIncident: number;
  rate: number;
  ci95: Interval;
}

export interface ControlEffectiveness {
  controlId: string;
  with: GroupFigure | null;
  without: GroupFigure | null;
  /** Rate with the measure minus rate without it: negative means fewer incidents among companies with it. */
  difference: { value: number; ci95: Interval } | null;
}

function group(events: number, n: number): GroupFigure {
  return { companies: n, withIncident: events, rate: events / n, ci95: wilson(events, n) };
}

/** One control's figures, or all null when either group has fewer than `min` companies. */
export function controlEffectiveness(c: EffectivenessCounts, min = MIN_CELL_COMPANIES): ControlEffectiveness {
  if (c.nWith < min || c.nWithout < min) return { controlId: c.controlId, with: null, without: null, difference: null };
  return {
    controlId: c.controlId,
    with: group(c.eventsWith, c.nWith),
    without: group(c.eventsWithout, c.nWithout),
    difference: newcombeDifference(c.eventsWith, c.nWith, c.eventsWithout, c.nWithout),
  };
}

/**
 * Every control, shown ones first sorted by the difference (the largest drop in the incident rate first), then the
 * hidden ones by id, so the order is reproducible.
 */
export function effectivenessTable(rows: readonly EffectivenessCounts[], min = MIN_CELL_COMPANIES): ControlEffectiveness[] {
  return rows
    .map((r) => controlEffectiveness(r, min))
    .sort((a, b) => {
      if (a.difference && b.difference) return a.difference.value - b.difference.value || a.controlId.localeCompare(b.controlId);
      if (a.difference) return -1;
      if (b.difference) return 1;
      return a.controlId.localeCompare(b.controlId);
    });
}
