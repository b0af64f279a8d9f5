/**
 * A federation's figures over its own sector pack: per question, the share of its counting members (those that chose
 * "counts in figures") who answered "yes" in their latest assessment. Pure: rows in, counts out; the refresh stores
 * them and pages only read them (docs/statistics.md, "Sector pack figures").
 */
import { MIN_CELL_COMPANIES } from '../stats/cells.ts';
import type { PackAnswer } from './sector-pack.ts';

export interface PackQuestionCount {
  questionId: string;
  /** Counting members that answered the question (any answer, "don't know" included). */
  companies: number;
  yes: number;
}

/** Counts each company at most once per question (its latest assessment's answer). */
export function countPackAnswers(questionIds: readonly string[], rows: readonly { companyId: string; questionId: string; answer: PackAnswer }[]): PackQuestionCount[] {
  return questionIds.map((questionId) => {
    const byCompany = new Map<string, PackAnswer>();
    for (const r of rows) if (r.questionId === questionId) byCompany.set(r.companyId, r.answer);
    return { questionId, companies: byCompany.size, yes: [...byCompany.values()].filter((a) => a === 'yes').length };
  });
}

/**
 * The share shown, in whole per cent, or null when fewer than MIN_CELL_COMPANIES companies stand behind it (the
 * threshold rule, OECD Glossary of Statistical Terms). Each question is its own table of one cell with no margin
 * shown, so no hidden value can be derived from the others and no complementary suppression is needed.
 */
export function shownYesShare(c: Pick<PackQuestionCount, 'companies' | 'yes'>): number | null {
  if (c.companies < MIN_CELL_COMPANIES) return null;
  return Math.round((100 * c.yes) / c.companies);
}
