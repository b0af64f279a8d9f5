/**
 * When an organisation's figures may change: the rule against differencing over time. Pure.
 *
 * Tables published again and again over the same population are linked tables: subtracting two releases gives the
 * contribution of whoever changed in between, so a release that differs from the previous one by a single company
 * discloses that company's answers even when every cell respects the threshold rule ("disclosure by differencing";
 * Hundepool et al., Statistical Disclosure Control, Wiley 2012, chapter 5 "Frequency tables", §5.2 on disclosure
 * risks, updated online as the ESSnet Handbook on SDC). The remedy used here applies the threshold rule to the
 * difference itself: a new snapshot is published only when at least MIN_CELL_COMPANIES companies changed their
 * contribution since the shown one, so the difference of two releases is an aggregate of at least that many.
 * docs/statistics.md, "Organisation figures".
 */
import { MIN_CELL_COMPANIES } from '../stats/cells.ts';

/** Families of measures with a snapshot each: answers (and scores, adoption) and the incident mix. */
export const FIGURE_FAMILIES = ['answers', 'incidents'] as const;
export type FigureFamily = (typeof FIGURE_FAMILIES)[number];

export interface SnapshotState {
  /** Whether a snapshot of this family was ever published. */
  published: boolean;
  /** Companies contributing to the published snapshot. */
  publishedContributors: number;
  /** Companies added, removed, or whose contribution changed since the published snapshot. */
  changes: number;
}

/**
 * Whether a refresh publishes its new snapshot. Yes when nothing was published yet; when nothing changed (the same
 * contributions give the same figures); when at least MIN_CELL_COMPANIES contributions changed (the difference rests
 * on as many companies as any shown figure); or when the published snapshot rested on fewer than MIN_CELL_COMPANIES
 * companies, so it showed no figure and there is nothing to subtract. Otherwise the shown snapshot stays.
 */
export function publishesSnapshot(s: SnapshotState): boolean {
  if (!s.published || s.changes === 0) return true;
  if (s.changes >= MIN_CELL_COMPANIES) return true;
  return s.publishedContributors < MIN_CELL_COMPANIES;
}
