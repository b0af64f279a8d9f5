/**
 * Where an owner stands in the full self-assessment, and what marking a plan action done does to the score. Pure:
 * catalogue, profile and answers in; values out.
 */
import { THEMES, type AssessmentCatalog, type Theme } from './catalog.ts';
import { applicableControls, assess, type Answer, type Answers } from './engine.ts';
import type { AssessmentProfile } from './profile.ts';

export interface ThemeProgress {
  theme: Theme;
  total: number;
  answered: number;
}

/** The themes that have questions for this profile, in the order they are asked, with how many are answered. */
export function themeProgress(catalog: AssessmentCatalog, profile: AssessmentProfile, answers: Answers): ThemeProgress[] {
  const controls = applicableControls(catalog, profile);
  return THEMES.map((theme) => {
    const list = controls.filter((c) => c.theme === theme);
    return { theme, total: list.length, answered: list.filter((c) => answers[c.id] !== undefined).length };
  }).filter((x) => x.total > 0);
}

/** "Continue where I left off": the first theme, in asking order, with a question not answered yet; null when all are. */
export function firstOpenTheme(progress: ThemeProgress[]): Theme | null {
  return progress.find((x) => x.answered < x.total)?.theme ?? null;
}

export interface ScoreChange {
  controlId: string;
  from: Answer;
  to: Answer;
  before: number | null;
  after: number | null;
}

/**
 * How the overall score moved when one control's answer went from `previous` to its current answer, all other answers
 * as they are now. This is what the page explains after "done" (no/partly → yes) and after "undo" (yes → no/partly).
 */
export function scoreChange(catalog: AssessmentCatalog, profile: AssessmentProfile, answers: Answers, controlId: string, previous: Answer): ScoreChange | null {
  const now = answers[controlId];
  if (now === undefined || now === previous) return null;
  const before = assess(catalog, profile, { ...answers, [controlId]: previous }).scores.overall;
  const after = assess(catalog, profile, answers).scores.overall;
  return { controlId, from: previous, to: now, before, after };
}
