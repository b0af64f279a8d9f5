/**
 * What the owner sees of the programme: counts only. Per person only a pseudonym and a number of lessons, and only
 * from MIN_GROUP people on (small cells reveal individuals; see docs/privacy.md).
 */
import { MIN_GROUP } from './progress.ts';

export interface LearnerFacts {
  pseudonym: string;
  invited: boolean;
  joined: boolean;
  lessonsDone: readonly string[];
}

export interface Coverage {
  people: number;
  invited: number;
  active: number;
  perLesson: { lessonId: string; done: number }[];
  /** null when fewer than MIN_GROUP people were invited. */
  perPerson: { pseudonym: string; lessons: number }[] | null;
}

export function coverage(lessonIds: readonly string[], people: readonly LearnerFacts[]): Coverage {
  const invited = people.filter((p) => p.invited);
  return {
    people: people.length,
    invited: invited.length,
    active: people.filter((p) => p.joined).length,
    perLesson: lessonIds.map((lessonId) => ({ lessonId, done: people.filter((p) => p.lessonsDone.includes(lessonId)).length })),
    // Sorted by pseudonym, never by score: there is no ranking.
    perPerson:
      invited.length >= MIN_GROUP
        ? invited.map((p) => ({ pseudonym: p.pseudonym, lessons: new Set(p.lessonsDone).size })).sort((a, b) => a.pseudonym.localeCompare(b.pseudonym))
        : null,
  };
}

export type Observed = 'yes' | 'partly' | 'no';

export interface AwarenessFacts {
  people: number;
  /** People who finished at least one lesson in the last 12 months. */
  trainedLast12Months: number;
  /** Simulated phishing mails sent in the last 12 months, and how many of them were reported. */
  phishingSent: number;
  phishingReported: number;
}

export interface AwarenessEvidence {
  observed: Observed;
  coveragePercent: number;
  reportRatePercent: number | null;
}

/** Share (0–100, rounded) of the people who finished at least one lesson in the last 12 months; null without people. */
export function trainedPercent(people: number, trainedLast12Months: number): number | null {
  return people > 0 ? Math.round((100 * Math.min(trainedLast12Months, people)) / people) : null;
}

/** The threshold for "yes": four in five people trained in the year (docs/assessment.md). */
export const AWARENESS_COVERAGE_YES = 80;

/**
 * Measured evidence for the control `pr-awareness` (CIS Control 14.1 "security awareness programme", trained at
 * least annually; CyFun PR.AT): yes when ≥ 80 % of people finished a lesson in the last 12 months AND at least one
 * simulated phishing mail was sent in that time; partly when some training or a simulation happened; no when people
 * are registered and nothing happened. No people registered: nothing is measured (null), the owner's answer stands.
 */
export function awarenessEvidence(f: AwarenessFacts): AwarenessEvidence | null {
  const coveragePercent = trainedPercent(f.people, f.trainedLast12Months);
  if (coveragePercent === null) return null;
  const reportRatePercent = f.phishingSent > 0 ? Math.round((100 * Math.min(f.phishingReported, f.phishingSent)) / f.phishingSent) : null;
  const observed: Observed =
    coveragePercent >= AWARENESS_COVERAGE_YES && f.phishingSent > 0 ? 'yes' : f.trainedLast12Months > 0 || f.phishingSent > 0 ? 'partly' : 'no';
  return { observed, coveragePercent, reportRatePercent };
}

/** The self-assessment control that training and phishing simulations measure. */
export const AWARENESS_CONTROL = 'pr-awareness';

/**
 * Measured evidence answers a control the owner left open or marked "I don't know"; an owner's own yes/partly/no/n.a.
 * stands (the evidence is then shown beside it, and a contradiction pointed out). Used for scoring only: the stored
 * answers are not changed.
 */
export function answersWithEvidence<A extends string>(answers: Readonly<Record<string, A>>, evidence: Readonly<Record<string, Observed>>): Record<string, A | Observed> {
  const out: Record<string, A | Observed> = { ...answers };
  for (const [controlId, observed] of Object.entries(evidence)) {
    const a = answers[controlId];
    if (a === undefined || a === 'unknown') out[controlId] = observed;
  }
  return out;
}
