/**
 * The company home answers "where was I, and what next?": one next step, the score and its trend, this week's
 * actions, open incidents with their next deadline, and the state of the watched domains. Pure: the summary of each
 * area comes in as values; the choice of the one next step is made here so it is the same on every page and in tests.
 */
import type { Horizon } from './assessment/engine.ts';
import { trainedPercent } from './training/coverage.ts';

export interface HomeAssessment {
  /** No assessment exists, or it has no answer yet. */
  started: boolean;
  /** The latest assessment was finished at least once. */
  finished: boolean;
  applicable: number;
  open: number;
  /** The first theme, in the questionnaire's order, that still has questions without an answer. */
  continueTheme: string | null;
  score: number | null;
  /** Overall score of the finished assessment before the latest one, for the trend. */
  previousScore: number | null;
  /** The plan, best first; only the horizon, the control and its effort matter here. */
  plan: { controlId: string; horizon: Horizon; effortHours: number }[];
}

export interface HomeIncident {
  id: string;
  category: string;
  /** The earliest deadline of a mandatory duty not ticked as done yet. */
  nextDeadline: { obligationId: string; dueAt: string } | null;
}

export interface HomeDomain {
  id: string;
  domain: string;
  verified: boolean;
  grade: string | null;
  failing: number;
  lastScanAt: string | null;
}

/** "Your team": the staff list, training coverage and the last phishing exercise, in counts only (docs/privacy.md). */
export interface HomeTeam {
  people: number;
  /** People who finished at least one lesson in the last 12 months. */
  trained: number;
  /** Share of `people` in `trained` (0–100), as the self-assessment's awareness measure counts it; null without people. */
  trainedPercent: number | null;
  /** The latest exercise that started; its report rate is the headline (NCSC: reward reporting, not clicks). */
  lastExercise: { campaignId: string; name: string; reported: number; total: number; reportedPercent: number | null } | null;
}

export function teamSummary(counts: { people: number; trained: number }, last: HomeTeam['lastExercise']): HomeTeam {
  return { people: counts.people, trained: Math.min(counts.trained, counts.people), trainedPercent: trainedPercent(counts.people, counts.trained), lastExercise: last };
}

export type NextStep =
  | { kind: 'incident_deadline'; incidentId: string; obligationId: string; dueAt: string }
  | { kind: 'start_assessment' }
  | { kind: 'continue_assessment'; open: number }
  | { kind: 'finish_assessment' }
  | { kind: 'do_action'; controlId: string; effortHours: number }
  | { kind: 'add_domain' }
  | { kind: 'verify_domain'; domainId: string; domain: string }
  | { kind: 'fix_domain'; domainId: string; domain: string; failing: number }
  | { kind: 'all_done' };

/** Actions shown under "this week" on the home: a small firm can take on three in a week, not more. */
export const HOME_WEEK_ACTIONS = 3;

/** A legal deadline this close comes before anything else on the home (GDPR Art. 33 and NIS2 Art. 23 run in hours). */
const URGENT_DEADLINE_HOURS = 72;

/**
 * The one next step. Order: a legal deadline that is near or passed; then the self-assessment (start, continue,
 * finish), because the plan comes from it; then this week's first action; then the domain (add, prove, fix); else
 * nothing is waiting. `hasWebsiteOrMail` is false for a firm without a website or its own mail, which has no domain
 * to watch.
 */
export function nextStep(input: { assessment: HomeAssessment; incidents: HomeIncident[]; domains: HomeDomain[]; hasWebsiteOrMail: boolean; now: Date }): NextStep {
  const deadlines = input.incidents
    .filter((i): i is HomeIncident & { nextDeadline: NonNullable<HomeIncident['nextDeadline']> } => i.nextDeadline !== null)
    .sort((a, b) => a.nextDeadline.dueAt.localeCompare(b.nextDeadline.dueAt));
  const first = deadlines[0];
  if (first && new Date(first.nextDeadline.dueAt).getTime() - input.now.getTime() <= URGENT_DEADLINE_HOURS * 3_600_000) {
    return { kind: 'incident_deadline', incidentId: first.id, obligationId: first.nextDeadline.obligationId, dueAt: first.nextDeadline.dueAt };
  }
  const a = input.assessment;
  if (!a.started) return { kind: 'start_assessment' };
  if (a.open > 0) return { kind: 'continue_assessment', open: a.open };
  if (!a.finished) return { kind: 'finish_assessment' };
  const action = weekActions(a)[0];
  if (action) return { kind: 'do_action', controlId: action.controlId, effortHours: action.effortHours };
  if (input.hasWebsiteOrMail && input.domains.length === 0) return { kind: 'add_domain' };
  const unverified = input.domains.find((d) => !d.verified);
  if (unverified) return { kind: 'verify_domain', domainId: unverified.id, domain: unverified.domain };
  const failing = input.domains.filter((d) => d.failing > 0).sort((x, y) => y.failing - x.failing)[0];
  if (failing) return { kind: 'fix_domain', domainId: failing.id, domain: failing.domain, failing: failing.failing };
  return { kind: 'all_done' };
}

/** This week's actions for the home: the first ones of the plan's week, at most HOME_WEEK_ACTIONS. */
export function weekActions(a: HomeAssessment): HomeAssessment['plan'] {
  return a.plan.filter((p) => p.horizon === 'week').slice(0, HOME_WEEK_ACTIONS);
}

export type Trend = 'up' | 'down' | 'same' | 'first';

export function scoreTrend(a: Pick<HomeAssessment, 'score' | 'previousScore'>): Trend {
  if (a.score === null || a.previousScore === null) return 'first';
  if (a.score > a.previousScore) return 'up';
  if (a.score < a.previousScore) return 'down';
  return 'same';
}

/** The earliest deadline among mandatory duties that are not ticked as done. */
export function nextMandatoryDeadline(
  obligations: readonly { id: string; mandatory: boolean; dueAt: string | null }[],
  doneIds: ReadonlySet<string>,
): { obligationId: string; dueAt: string } | null {
  const open = obligations.filter((o) => o.mandatory && o.dueAt !== null && !doneIds.has(o.id)).sort((a, b) => a.dueAt!.localeCompare(b.dueAt!));
  const o = open[0];
  return o ? { obligationId: o.id, dueAt: o.dueAt! } : null;
}
