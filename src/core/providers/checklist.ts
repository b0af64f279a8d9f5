/**
 * "How to choose an IT provider" (content/providers/choosing-checklist.json, format in docs/providers.md): questions
 * an owner without IT knowledge asks a provider, each with what a good answer sounds like and the warning signs.
 * Pure: the adapter reads the file, this module checks it. A broken file stops the start.
 */
import { z } from 'zod';
import { LOCALES } from '../locale.ts';
import { SourcesSchema } from './track-content.ts';

/** Few enough to ask in one meeting, enough to cover access, backups, emergencies, proof, ownership and the contract. */
export const MIN_QUESTIONS = 10;
export const MAX_QUESTIONS = 15;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const Text = z.string().trim().min(5).max(600);

const QuestionText = z.object({ question: z.string().trim().min(5).max(200), good: Text, warning: Text }).strict();
const Question = z
  .object({
    id: z.string().min(2).max(40).regex(ID, 'kebab-case'),
    text: z.object({ nl: QuestionText, fr: QuestionText, de: QuestionText, en: QuestionText }).strict(),
  })
  .strict();

const Intro = z.object({ title: z.string().trim().min(5).max(120), intro: z.string().trim().min(20).max(800), closing: z.string().trim().min(20).max(800) }).strict();

export const ChoosingChecklistSchema = z
  .object({
    reviewed: z.string().regex(ISO_DATE, 'a date as YYYY-MM-DD'),
    sources: SourcesSchema,
    text: z.object({ nl: Intro, fr: Intro, de: Intro, en: Intro }).strict(),
    questions: z.array(Question).min(MIN_QUESTIONS).max(MAX_QUESTIONS),
  })
  .strict();
export type ChoosingChecklist = z.infer<typeof ChoosingChecklistSchema>;

const WHERE = 'content/providers/choosing-checklist.json';

/** Validates the checklist; names a missing language and a duplicate question id before zod's generic messages. */
export function validateChoosingChecklist(json: unknown): ChoosingChecklist {
  const problems: string[] = [];
  const raw = (json ?? {}) as { text?: Record<string, unknown>; questions?: { id?: string; text?: Record<string, unknown> }[] };
  const missing = LOCALES.filter((l) => !raw.text?.[l]);
  if (missing.length > 0) problems.push(`missing language ${missing.join(', ')} in text`);
  for (const q of Array.isArray(raw.questions) ? raw.questions : []) {
    const m = LOCALES.filter((l) => !q?.text?.[l]);
    if (m.length > 0) problems.push(`question ${q?.id ?? '?'}: missing language ${m.join(', ')}`);
  }
  const r = ChoosingChecklistSchema.safeParse(json);
  if (!r.success && problems.length === 0) problems.push(...r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  if (r.success) {
    const ids = r.data.questions.map((q) => q.id);
    for (const id of new Set(ids)) if (ids.filter((x) => x === id).length > 1) problems.push(`question id ${id} is used twice`);
  }
  if (problems.length > 0 || !r.success) throw new Error(`${WHERE}:\n- ${problems.join('\n- ')}`);
  return r.data;
}
