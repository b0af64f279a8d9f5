/**
 * Campaign results for a company of 3 to 50 people: counts first, each with a 95% Wilson score interval (honest for
 * small n, unlike "31%" alone), the report rate as the headline (NCSC "The trouble with phishing": reward reporting,
 * don't punish clicking), groups only from 5 people on and per-person results only under a pseudonym. Pure.
 */

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

export interface Proportion {
  count: number;
  total: number;
  /** count / total, 0..1; null when total is 0. */
  rate: number | null;
  /** 95% Wilson score interval, 0..1; null when total is 0. */
  low: number | null;
  high: number | null;
}

/**
 * Wilson score interval (E. B. Wilson, 1927; Agresti & Coull, 1998): stays inside 0..1 and is meaningful at 0 of n
 * and n of n, where the normal ("Wald") interval collapses to a single point.
 */
export function wilson(count: number, total: number, z = Z95): Proportion {
  if (!Number.isInteger(count) || !Number.isInteger(total) || count < 0 || total < 0 || count > total) throw new RangeError(`wilson: invalid ${count} of ${total}`);
  if (total === 0) return { count, total, rate: null, low: null, high: null };
  const p = count / total;
  const z2 = z * z;
  const denom = 1 + z2 / total;
  const centre = (p + z2 / (2 * total)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total))) / denom;
  // At 0 of n and n of n the bound is exactly 0 or 1 (floating point would leave 0.9999…).
  return { count, total, rate: p, low: count === 0 ? 0 : Math.max(0, centre - half), high: count === total ? 1 : Math.min(1, centre + half) };
}

/** Groups and per-person lists are shown only from this size on (SoSafe/Salzburg practice; docs/phishing.md). */
export const MIN_GROUP_SIZE = 5;
/** The name under which groups smaller than MIN_GROUP_SIZE are merged (translated at the edge). */
export const OTHER_GROUPS = '\u0000other';

export interface RecipientOutcome {
  group: string;
  pseudonym: string | null;
  sentAt: string | null;
  openedAt: string | null;
  clickedAt: string | null;
  submittedAt: string | null;
  reportedAt: string | null;
}

export interface Outcomes {
  recipients: number;
  delivered: number;
  reported: Proportion;
  clicked: Proportion;
  submitted: Proportion;
  opened: Proportion;
  /** Seconds from the first delivery to the first report; null without a report. */
  secondsToFirstReport: number | null;
}

function outcomes(rows: readonly RecipientOutcome[]): Outcomes {
  const delivered = rows.filter((r) => r.sentAt !== null);
  const n = delivered.length;
  const count = (pick: (r: RecipientOutcome) => string | null) => delivered.filter((r) => pick(r) !== null).length;
  const firstSent = delivered.map((r) => Date.parse(r.sentAt!)).sort((a, b) => a - b)[0];
  const reports = delivered.map((r) => r.reportedAt).filter((x): x is string => x !== null).map((x) => Date.parse(x)).sort((a, b) => a - b);
  return {
    recipients: rows.length,
    delivered: n,
    reported: wilson(count((r) => r.reportedAt), n),
    clicked: wilson(count((r) => r.clickedAt), n),
    submitted: wilson(count((r) => r.submittedAt), n),
    opened: wilson(count((r) => r.openedAt), n),
    secondsToFirstReport: firstSent !== undefined && reports[0] !== undefined ? Math.max(0, Math.round((reports[0] - firstSent) / 1000)) : null,
  };
}

/**
 * Groups of fewer than MIN_GROUP_SIZE recipients are merged into one "other groups" row, so no one can be singled out.
 * When every group together is smaller than MIN_GROUP_SIZE, no group row is shown at all (only the company total).
 */
export function mergeSmallGroups<T extends { group: string }>(rows: readonly T[], min = MIN_GROUP_SIZE): { group: string; rows: T[] }[] {
  const byGroup = new Map<string, T[]>();
  for (const r of rows) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
  const kept: { group: string; rows: T[] }[] = [];
  const other: T[] = [];
  for (const [group, list] of [...byGroup].sort(([a], [b]) => a.localeCompare(b))) {
    if (list.length >= min) kept.push({ group, rows: list });
    else other.push(...list);
  }
  // A remainder too small to show could still be worked out as "total minus the groups shown"; so the smallest shown
  // group joins it, and "other groups" then has at least `min` people.
  if (other.length > 0 && other.length < min && kept.length > 0) {
    kept.sort((a, b) => a.rows.length - b.rows.length || a.group.localeCompare(b.group));
    other.push(...kept.shift()!.rows);
    kept.sort((a, b) => a.group.localeCompare(b.group));
  }
  if (other.length >= min) kept.push({ group: OTHER_GROUPS, rows: other });
  return kept;
}

export interface ScannerCounts {
  /** Requests set apart as machines, by reason (head, prefetch, too_soon, agent, range, no_assets). */
  byReason: Record<string, number>;
  total: number;
}

export interface CampaignResults {
  totals: Outcomes;
  groups: { group: string; outcomes: Outcomes }[];
  /** Only when the campaign had at least MIN_GROUP_SIZE recipients; pseudonyms only, never names or addresses. */
  people: { pseudonym: string; opened: boolean; clicked: boolean; submitted: boolean; reported: boolean }[] | null;
  scanner: ScannerCounts;
  /** Lessons opened from the teaching page (a count, never who). */
  lessons: number;
}

export function campaignResults(rows: readonly RecipientOutcome[], scanner: Record<string, number>, lessons: number): CampaignResults {
  const delivered = rows.filter((r) => r.sentAt !== null);
  const people =
    rows.length >= MIN_GROUP_SIZE
      ? delivered
          .filter((r) => r.pseudonym !== null)
          .map((r) => ({ pseudonym: r.pseudonym!, opened: r.openedAt !== null, clicked: r.clickedAt !== null, submitted: r.submittedAt !== null, reported: r.reportedAt !== null }))
          .sort((a, b) => a.pseudonym.localeCompare(b.pseudonym))
      : null;
  return {
    totals: outcomes(rows),
    groups: mergeSmallGroups(rows).map((g) => ({ group: g.group, outcomes: outcomes(g.rows) })),
    people,
    scanner: { byReason: { ...scanner }, total: Object.values(scanner).reduce((a, b) => a + b, 0) },
    lessons,
  };
}
